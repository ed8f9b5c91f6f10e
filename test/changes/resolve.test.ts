import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveChanges } from '../../src/changes/resolve.js';
import { UsageError } from '../../src/errors.js';
import { pullRequestPayload, pushPayload, TempRepo, ZERO_SHA } from '../helpers/git.js';

const BILLING = 'testing/backend/integration/billing/invoice.test.ts';
const USERS = 'testing/backend/integration/users/users.test.ts';

/**
 * main:    A ── B (B touches src/main-only.ts)
 *           \
 * feature:   F1 ── F2 (billing test; users test)
 */
let repo: TempRepo;
let A: string, B: string, F1: string, F2: string;
const repos: TempRepo[] = [];

beforeAll(() => {
  repo = TempRepo.init();
  repos.push(repo);
  A = repo.commit('A', { 'package.json': '{}', [BILLING]: 'a', [USERS]: 'a', 'src/shared.ts': 'a' });
  repo.checkout('feature', A);
  F1 = repo.commit('F1', { [BILLING]: 'f1' });
  F2 = repo.commit('F2', { [USERS]: 'f2' });
  repo.checkout('main');
  B = repo.commit('B', { 'src/main-only.ts': 'b' });
  repo.checkout('feature');
});

afterAll(() => {
  for (const r of repos) r.remove();
});

function eventEnv(r: TempRepo, name: string, payload: unknown, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: r.writeEvent(payload), ...extra };
}

describe('pull_request', () => {
  it('diffs merge-base(base, head)..head, so commits that landed on the base branch since do not count', async () => {
    const changes = await resolveChanges({
      cwd: repo.dir,
      env: eventEnv(repo, 'pull_request', pullRequestPayload({ baseSha: B, headSha: F2 })),
    });
    expect(changes).toMatchObject({ base: A, head: F2, event: 'pull_request', platform: 'github', warnings: [] });
    expect(changes.forceFull).toBeUndefined();
    expect(changes.files.sort()).toEqual([BILLING, USERS]);
  });

  it('treats pull_request_target the same way', async () => {
    const changes = await resolveChanges({
      cwd: repo.dir,
      env: eventEnv(repo, 'pull_request_target', pullRequestPayload({ baseSha: B, headSha: F1 })),
    });
    expect(changes).toMatchObject({ base: A, head: F1, event: 'pull_request_target' });
    expect(changes.files).toEqual([BILLING]);
  });

  it('reads a Gitea-shaped payload when GITEA_ACTIONS=true', async () => {
    // Gitea's payload: same base/head shape plus merge_base, repo ids, and no GitHub-only fields.
    const payload = {
      action: 'synchronized',
      number: 3,
      pull_request: {
        id: 11,
        number: 3,
        merge_base: A,
        base: { label: 'main', ref: 'main', sha: B, repo_id: 1 },
        head: { label: 'feature', ref: 'feature', sha: F2, repo_id: 1 },
      },
      repository: { id: 1, full_name: 'owner/repo', default_branch: 'main' },
      sender: { login: 'someone' },
    };
    const changes = await resolveChanges({
      cwd: repo.dir,
      env: eventEnv(repo, 'pull_request', payload, { GITEA_ACTIONS: 'true' }),
    });
    expect(changes).toMatchObject({ base: A, head: F2, event: 'pull_request', platform: 'gitea' });
    expect(changes.files.sort()).toEqual([BILLING, USERS]);
  });
});

describe('push', () => {
  it('reads a Gitea push payload for a new branch (zero before, no created field)', async () => {
    const payload = {
      ref: 'refs/heads/feature',
      before: ZERO_SHA,
      after: F2,
      compare_url: 'https://gitea.example.com/owner/repo/compare/main...feature',
      commits: [],
      total_commits: 2,
      repository: { id: 1, full_name: 'owner/repo', default_branch: 'main' },
      pusher: { login: 'someone' },
    };
    const changes = await resolveChanges({
      cwd: repo.dir,
      env: eventEnv(repo, 'push', payload, { GITEA_ACTIONS: 'true' }),
    });
    expect(changes).toMatchObject({ base: A, head: F2, platform: 'gitea' });
  });

  it('diffs before..after', async () => {
    const payload = pushPayload({ ref: 'refs/heads/feature', before: F1, after: F2 });
    const changes = await resolveChanges({ cwd: repo.dir, env: eventEnv(repo, 'push', payload) });
    expect(changes).toMatchObject({ base: F1, head: F2, event: 'push' });
    expect(changes.files).toEqual([USERS]);
  });

  it('compares a new branch (before = 0000…) with its merge-base on the default branch', async () => {
    const payload = pushPayload({ ref: 'refs/heads/feature', before: ZERO_SHA, after: F2, created: true });
    const changes = await resolveChanges({ cwd: repo.dir, env: eventEnv(repo, 'push', payload) });
    expect(changes).toMatchObject({ base: A, head: F2 });
    expect(changes.files.sort()).toEqual([BILLING, USERS]);
  });

  it('runs everything on the first push of the default branch', async () => {
    const payload = pushPayload({ ref: 'refs/heads/main', before: ZERO_SHA, after: B, created: true });
    const changes = await resolveChanges({ cwd: repo.dir, env: eventEnv(repo, 'push', payload) });
    expect(changes.forceFull).toMatch(/first push of the default branch 'main'/);
  });

  it('runs everything for a push to the default branch whose payload names no previous commit', async () => {
    const env = { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: B };
    const changes = await resolveChanges({ cwd: repo.dir, env });
    expect(changes.forceFull).toBe(
      "Full run: the push event names no previous commit of the default branch 'main', so there is no earlier commit to compare with.",
    );
  });

  it('says there is nothing to test when the push deleted the branch', async () => {
    const payload = { ...pushPayload({ ref: 'refs/heads/gone', before: F1, after: ZERO_SHA }), deleted: true };
    const changes = await resolveChanges({ cwd: repo.dir, env: eventEnv(repo, 'push', payload) });
    expect(changes.files).toEqual([]);
    expect(changes.forceFull).toBeUndefined();
    expect(changes.warnings[0]).toMatch(/deleted refs\/heads\/gone/);
  });

  it('falls back to the merge-base with the default branch after a force push (before is no ancestor of after)', async () => {
    // The branch was rewritten: R replaces F1/F2 and touches only shared code.
    const r = TempRepo.clone(repo);
    repos.push(r);
    r.checkout('rewritten', A);
    const R = r.commit('R', { 'src/shared.ts': 'r' });
    const payload = pushPayload({ ref: 'refs/heads/rewritten', before: F2, after: R, forced: true });
    const lines: string[] = [];
    const changes = await resolveChanges({ cwd: r.dir, env: eventEnv(r, 'push', payload), log: (l) => lines.push(l) });
    expect(changes).toMatchObject({ base: A, head: R });
    expect(changes.files).toEqual(['src/shared.ts']);
    expect(lines.join('\n')).toMatch(/is not an ancestor/);
  });

  it('falls back the same way when before is not in the repository at all', async () => {
    const payload = pushPayload({
      ref: 'refs/heads/feature',
      before: '1234567890abcdef1234567890abcdef12345678',
      after: F2,
      forced: true,
    });
    const changes = await resolveChanges({ cwd: repo.dir, env: eventEnv(repo, 'push', payload) });
    expect(changes).toMatchObject({ base: A, head: F2 });
    expect(changes.files.sort()).toEqual([BILLING, USERS]);
  });

  it('compares old and new tips when the default branch itself was force-pushed', async () => {
    const r = TempRepo.clone(repo, { branch: 'main' });
    repos.push(r);
    r.git('reset', '--quiet', '--hard', A);
    const M = r.commit('M', { [USERS]: 'm' });
    const payload = pushPayload({ ref: 'refs/heads/main', before: B, after: M, forced: true });
    const changes = await resolveChanges({ cwd: r.dir, env: eventEnv(r, 'push', payload) });
    expect(changes).toMatchObject({ base: B, head: M });
    expect(changes.files.sort()).toEqual(['src/main-only.ts', USERS]);
  });
});

describe('merge_group', () => {
  it('diffs merge_group.base_sha..head_sha', async () => {
    const r = TempRepo.clone(repo, { branch: 'main' });
    repos.push(r);
    r.checkout('gh-readonly-queue/main/pr-7', B);
    const Q = r.commit('queue', { [BILLING]: 'queued' });
    const payload = {
      merge_group: {
        base_sha: B,
        head_sha: Q,
        base_ref: 'refs/heads/main',
        head_ref: 'refs/heads/gh-readonly-queue/main/pr-7',
      },
      repository: { default_branch: 'main' },
    };
    const changes = await resolveChanges({ cwd: r.dir, env: eventEnv(r, 'merge_group', payload) });
    expect(changes).toMatchObject({ base: B, head: Q, event: 'merge_group' });
    expect(changes.files).toEqual([BILLING]);
  });
});

describe('events without a change', () => {
  it.each([
    ['workflow_dispatch', /workflow_dispatch/],
    ['schedule', /schedule run has no change/],
    ['repository_dispatch', /repository_dispatch/],
    ['release', /does not know which commits a 'release' event changes/],
  ])('%s → a full run with a sentence', async (name, reason) => {
    const changes = await resolveChanges({
      cwd: repo.dir,
      env: eventEnv(repo, name, { repository: { default_branch: 'main' } }),
    });
    expect(changes.forceFull).toMatch(reason);
    expect(changes.forceFull).toMatch(/^Full run: /);
    expect(changes.files).toEqual([]);
  });

  it('compares a --head given alone with the default branch when the event has no range', async () => {
    const changes = await resolveChanges({
      cwd: repo.dir,
      env: eventEnv(repo, 'workflow_dispatch', {}),
      head: F1,
      defaultBranch: 'main',
    });
    expect(changes).toMatchObject({ base: A, head: F1, files: [BILLING] });
    expect(changes.forceFull).toBeUndefined();
  });

  it('lets --base/--head override a full-run event', async () => {
    const changes = await resolveChanges({ cwd: repo.dir, env: eventEnv(repo, 'schedule', {}), base: F1, head: F2 });
    expect(changes).toMatchObject({ base: F1, head: F2 });
    expect(changes.forceFull).toBeUndefined();
    expect(changes.files).toEqual([USERS]);
  });
});

describe('renames, deletions and hostile names', () => {
  let r: TempRepo;
  let base: string;
  const hostile = [
    '$(touch pwned).ts',
    'line\nbreak.ts',
    'pipe|name.ts',
    '<b>bold</b>.ts',
    'with space.ts',
    'ünïcødé/日本語.ts',
    'quote\'and"double.ts',
    'tab\there.ts',
    '-leading-dash.ts',
  ];

  beforeAll(() => {
    r = TempRepo.init();
    repos.push(r);
    base = r.commit('base', { [BILLING]: 'a\n'.repeat(20), [USERS]: 'u', 'doomed.ts': 'bye' });
  });

  it('counts a rename as both the old and the new path, and a deletion as its path', async () => {
    r.checkout('moves', base);
    r.rename(BILLING, 'testing/backend/integration/payments/invoice.test.ts');
    const head = r.commit('delete', { 'doomed.ts': null });
    const changes = await resolveChanges({ cwd: r.dir, env: {}, base, head });
    expect(changes.files.sort()).toEqual(
      ['doomed.ts', BILLING, 'testing/backend/integration/payments/invoice.test.ts'].sort(),
    );
  });

  it('brings every hostile file name through byte-exact and never runs it', async () => {
    r.checkout('hostile', base);
    const head = r.commit('hostile', Object.fromEntries(hostile.map((name) => [name, 'x'])));
    const cwdBefore = process.cwd();
    const changes = await resolveChanges({ cwd: r.dir, env: {}, base: 'main', head: 'hostile' });
    expect(changes.head).toBe(head);
    expect(changes.files.sort()).toEqual([...hostile].sort());
    expect(existsSync(join(r.dir, 'pwned'))).toBe(false);
    expect(existsSync(join(cwdBefore, 'pwned'))).toBe(false);
  });
});

describe('explicit --base/--head', () => {
  it('rejects a --base that is not a commit, naming it and the repository', async () => {
    const error = await resolveChanges({ cwd: repo.dir, env: {}, base: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(`--base 'nope' is not a commit in ${repo.dir} — fetch it or check the name`);
  });

  it.each(['--output=owned', '--upload-pack=touch pwned', '--config-env=core.pager=X', '-c'])(
    'rejects a --head %j that looks like an option instead of passing it to git',
    async (head) => {
      const error = await resolveChanges({ cwd: repo.dir, env: {}, base: A, head }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toBe(
        `--head '${head}' is not a commit in ${repo.dir} — fetch it or check the name`,
      );
      expect(existsSync(join(repo.dir, 'owned'))).toBe(false);
      expect(existsSync(join(repo.dir, 'pwned'))).toBe(false);
    },
  );

  it('uses merge-base semantics: --base main from the feature branch ignores what main gained since', async () => {
    const changes = await resolveChanges({ cwd: repo.dir, env: {}, base: 'main' });
    expect(changes).toMatchObject({ base: A, head: F2 });
    expect(changes.files.sort()).toEqual([BILLING, USERS]);
  });

  it('overrides the event head with --head', async () => {
    const changes = await resolveChanges({
      cwd: repo.dir,
      env: eventEnv(repo, 'pull_request', pullRequestPayload({ baseSha: B, headSha: F2 })),
      head: F1,
    });
    expect(changes).toMatchObject({ base: A, head: F1 });
    expect(changes.files).toEqual([BILLING]);
  });
});

describe('no CI event (local run)', () => {
  it('compares HEAD with its merge-base on the default branch', async () => {
    const changes = await resolveChanges({ cwd: repo.dir, env: {}, defaultBranch: 'main' });
    expect(changes).toMatchObject({ base: A, head: F2, platform: 'local' });
    expect(changes.event).toBeUndefined();
  });

  it('compares HEAD with its parent when HEAD is on the default branch (nothing ahead of it)', async () => {
    const r = TempRepo.clone(repo, { branch: 'main' });
    repos.push(r);
    const lines: string[] = [];
    const changes = await resolveChanges({ cwd: r.dir, env: {}, defaultBranch: 'main', log: (l) => lines.push(l) });
    expect(changes).toMatchObject({ base: A, head: B, files: ['src/main-only.ts'] });
    expect(lines.join('\n')).toMatch(/HEAD is on the default branch 'main': comparing it with its parent/);
    const single = TempRepo.init();
    repos.push(single);
    single.commit('root', { 'a.ts': 'a' });
    const first = await resolveChanges({ cwd: single.dir, env: {}, defaultBranch: 'main' });
    expect(first.forceFull).toBe(
      "Full run: HEAD is the first commit of the default branch 'main', so there is no change to compare.",
    );
  });

  it('uses HEAD~1 when there is no default branch, and a full run when there is no parent either', async () => {
    const r = TempRepo.init({ branch: 'trunk' });
    repos.push(r);
    const first = r.commit('first', { 'a.ts': 'a' });
    const only = await resolveChanges({ cwd: r.dir, env: {}, defaultBranch: 'main' });
    expect(only.forceFull).toMatch(/no default branch 'main' and HEAD has no parent/);
    expect(only.head).toBe(first);
    const second = r.commit('second', { 'b.ts': 'b' });
    const changes = await resolveChanges({ cwd: r.dir, env: {}, defaultBranch: 'main' });
    expect(changes).toMatchObject({ base: first, head: second, files: ['b.ts'] });
  });

  it('gives paths relative to a working directory below the repository root', async () => {
    const r = TempRepo.init();
    repos.push(r);
    const base = r.commit('base', { 'backend/package.json': '{}' });
    r.checkout('work', base);
    r.commit('work', { 'backend/testing/backend/integration/billing/a.test.ts': 'x', 'package-lock.json': '{}' });
    mkdirSync(join(r.dir, 'backend'), { recursive: true });
    const changes = await resolveChanges({ cwd: join(r.dir, 'backend'), env: {} });
    expect(changes.files.sort()).toEqual(['../package-lock.json', 'testing/backend/integration/billing/a.test.ts']);
  });

  it('is a usage error outside a git work tree', async () => {
    const dir = TempRepo.init();
    repos.push(dir);
    dir.git('rev-parse', '--git-dir');
    const plain = join(dir.dir, '.git');
    await expect(resolveChanges({ cwd: plain, env: {} })).rejects.toThrow(/is not inside a git work tree/);
  });
});

describe('event payload problems', () => {
  it('is a usage error when GITHUB_EVENT_PATH does not hold JSON', async () => {
    const path = repo.writeEvent('x');
    const env = { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: path };
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, '{not json');
    await expect(resolveChanges({ cwd: repo.dir, env })).rejects.toThrow(
      /GITHUB_EVENT_PATH ".*event.json" is not valid JSON/,
    );
  });
});
