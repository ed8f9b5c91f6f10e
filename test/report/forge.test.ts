import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ForgeApiError,
  resolveForgeTarget,
  setCommitStatus,
  upsertStickyComment,
  type ForgeTarget,
} from '../../src/report/forge.js';
import { commentMarker } from '../../src/report/pr-comment.js';
import { FakeForge } from '../helpers/fake-forge.js';

const TOKEN = 'ghs_secretTOKEN123';
const SHA = 'a'.repeat(40);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qg-forge-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function eventFile(payload: unknown): string {
  const path = join(dir, `event-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

describe('resolveForgeTarget', () => {
  it('reads GitHub settings, the PR head SHA and number from the event', () => {
    const target = resolveForgeTarget(
      {
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_API_URL: 'https://api.github.com/',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: '42',
        GITHUB_SHA: 'b'.repeat(40),
        GITHUB_EVENT_PATH: eventFile({ pull_request: { number: 7, head: { sha: SHA } } }),
      },
      TOKEN,
    );
    expect(target).toEqual({
      kind: 'github',
      apiUrl: 'https://api.github.com',
      owner: 'acme',
      repo: 'shop',
      token: TOKEN,
      sha: SHA,
      prNumber: 7,
      runUrl: 'https://github.com/acme/shop/actions/runs/42',
    });
  });

  it('detects Gitea and derives the API base from the server when GITHUB_API_URL is missing', () => {
    const target = resolveForgeTarget(
      {
        GITEA_ACTIONS: 'true',
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_SERVER_URL: 'https://git.acme.test',
        GITHUB_SHA: SHA,
      },
      TOKEN,
    );
    expect(target).toMatchObject({ kind: 'gitea', apiUrl: 'https://git.acme.test/api/v1', sha: SHA });
    expect(target).not.toHaveProperty('prNumber');
  });

  it('says what is missing', () => {
    expect(resolveForgeTarget({ GITHUB_REPOSITORY: 'acme/shop' }, undefined)).toEqual({
      missing: expect.stringContaining('no token'),
    });
    expect(resolveForgeTarget({ GITHUB_REPOSITORY: 'shop' }, TOKEN)).toEqual({
      missing: expect.stringContaining('"shop"'),
    });
  });
});

describe.each(['github', 'gitea'] as const)('%s API', (kind) => {
  let forge: FakeForge;
  let target: ForgeTarget;
  const marker = commentMarker('quality-gates / integration');

  beforeAll(async () => {
    forge = await new FakeForge(kind).start();
    target = { kind, apiUrl: forge.url, owner: 'acme', repo: 'shop', token: TOKEN, sha: SHA, prNumber: 7 };
  });
  afterEach(() => {
    forge.requests.length = 0;
    forge.comments.clear();
    forge.failWith = undefined;
  });
  afterAll(() => forge.stop());

  it('sets a commit status with the platform auth header', async () => {
    await setCommitStatus(target, {
      sha: SHA,
      state: 'failure',
      context: 'quality-gates / integration',
      description: `11/12 modules passed ${'x'.repeat(200)}`,
      targetUrl: 'https://ci/run/1',
    });
    const [request] = forge.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: `/repos/acme/shop/statuses/${SHA}`,
      authorization: kind === 'gitea' ? `token ${TOKEN}` : `Bearer ${TOKEN}`,
    });
    expect(forge.statuses[0]).toMatchObject({
      state: 'failure',
      context: 'quality-gates / integration',
      target_url: 'https://ci/run/1',
    });
    expect(forge.statuses[0].description.length).toBe(140);
  });

  it('creates the sticky comment once, then updates the same one', async () => {
    expect(await upsertStickyComment(target, 7, marker, `${marker}\nfirst`)).toMatchObject({ action: 'created' });
    const second = await upsertStickyComment(target, 7, marker, `${marker}\nsecond`);
    expect(second.action).toBe('updated');
    expect(forge.comments.get(7)).toEqual([{ id: second.id, body: `${marker}\nsecond` }]);
    expect(forge.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'PATCH']);
    expect(forge.requests[0].query).toEqual(
      kind === 'gitea' ? { limit: '50', page: '1' } : { per_page: '100', page: '1' },
    );
  });

  it('finds the sticky comment on a later page', async () => {
    const perPage = kind === 'gitea' ? 50 : 100;
    forge.seedComments(7, perPage + 3);
    forge.seedComments(7, 1, () => `${marker}\nold report`);
    forge.seedComments(7, 2);
    const result = await upsertStickyComment(target, 7, marker, `${marker}\nnew report`);
    expect(result.action).toBe('updated');
    expect(forge.requests.filter((r) => r.method === 'GET').map((r) => r.query.page)).toEqual(['1', '2']);
    expect(forge.comments.get(7)!.filter((c) => c.body.includes(marker))).toHaveLength(1);
    expect(forge.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: `/repos/acme/shop/issues/comments/${result.id}`,
    });
  });

  it('turns a 403 into a ForgeApiError with a hint and without the token', async () => {
    forge.failWith = 403;
    const error = await setCommitStatus(target, { sha: SHA, state: 'success', context: 'c', description: 'd' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ForgeApiError);
    expect((error as ForgeApiError).status).toBe(403);
    expect((error as Error).message).toContain('HTTP 403: Resource not accessible by integration');
    expect((error as Error).message).toMatch(
      kind === 'github' ? /statuses: write, pull-requests: write/ : /write access/,
    );
    expect((error as Error).message).not.toContain(TOKEN);
  });
});

describe('Gitea with a server-side page cap below the requested limit', () => {
  it('keeps paging by X-Total-Count', async () => {
    const forge = await new FakeForge('gitea', { maxLimit: 20 }).start();
    try {
      const marker = commentMarker('ctx');
      forge.seedComments(3, 45);
      forge.seedComments(3, 1, () => `${marker}\nold`);
      const target: ForgeTarget = { kind: 'gitea', apiUrl: forge.url, owner: 'acme', repo: 'shop', token: TOKEN };
      expect((await upsertStickyComment(target, 3, marker, `${marker}\nnew`)).action).toBe('updated');
      expect(forge.requests.filter((r) => r.method === 'GET').map((r) => r.query.page)).toEqual(['1', '2', '3']);
    } finally {
      await forge.stop();
    }
  });
});

describe('network failure', () => {
  it('is a ForgeApiError with status 0 naming the API URL', async () => {
    const forge = await new FakeForge('github').start();
    const url = forge.url;
    await forge.stop();
    const target: ForgeTarget = { kind: 'github', apiUrl: url, owner: 'a', repo: 'b', token: TOKEN };
    const error = await setCommitStatus(target, { sha: SHA, state: 'success', context: 'c', description: 'd' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ForgeApiError);
    expect((error as ForgeApiError).status).toBe(0);
    expect((error as Error).message).toContain(`cannot reach ${url}`);
  });
});
