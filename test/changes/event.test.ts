import { describe, expect, it } from 'vitest';
import { rangeFromEvent, type CiEvent } from '../../src/changes/event.js';

const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);

function event(name: string | undefined, payload: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): CiEvent {
  return { name, platform: name ? 'github' : 'local', payload, env };
}

describe('rangeFromEvent', () => {
  it('takes the default branch from the payload before the configured fallback', () => {
    const spec = rangeFromEvent(
      event('push', {
        ref: 'refs/heads/develop',
        before: '0'.repeat(40),
        after: SHA_B,
        repository: { default_branch: 'develop' },
      }),
      'main',
    );
    expect(spec).toMatchObject({ kind: 'new-branch', defaultBranchName: 'develop', onDefaultBranch: true });
  });

  it('falls back to GITHUB_BASE_REF when a pull_request payload has no base sha', () => {
    const spec = rangeFromEvent(
      event('pull_request', { pull_request: { head: { sha: SHA_B } } }, { GITHUB_BASE_REF: 'release/1.x' }),
    );
    expect(spec).toMatchObject({
      kind: 'merge-base',
      base: {
        revs: ['refs/remotes/origin/release/1.x'],
        fetch: ['+refs/heads/release/1.x:refs/remotes/origin/release/1.x'],
      },
      head: { revs: [SHA_B] },
    });
  });

  it('runs everything for a pull_request that names no base at all', () => {
    expect(rangeFromEvent(event('pull_request', {}))).toMatchObject({
      kind: 'full',
      reason: expect.stringMatching(/names no base commit or branch/),
    });
  });

  it('never builds a refspec from a branch name that could be an option or a second refspec', () => {
    for (const ref of ['--upload-pack=touch pwned', 'a:b', 'x y', 'a..b', '']) {
      const spec = rangeFromEvent(
        event('pull_request', {
          pull_request: { base: { sha: SHA_A, ref }, head: { sha: SHA_B } },
          repository: { default_branch: ref },
        }),
      );
      expect(spec.kind).toBe('merge-base');
      if (spec.kind === 'merge-base') expect(spec.base.fetch).toEqual([SHA_A]);
    }
  });

  it('ignores SHAs that are not object ids', () => {
    const spec = rangeFromEvent(event('push', { ref: 'refs/heads/x', before: '$(touch pwned)', after: SHA_B }));
    expect(spec).toMatchObject({ kind: 'new-branch', head: { revs: [SHA_B] } });
  });

  it('accepts SHA-256 object ids and the 64-zero "before" of a new branch', () => {
    const sha256 = 'c'.repeat(64);
    const spec = rangeFromEvent(event('push', { ref: 'refs/heads/x', before: '0'.repeat(64), after: sha256 }));
    expect(spec).toMatchObject({ kind: 'new-branch', head: { revs: [sha256] } });
  });

  it('plans a local run when there is no event', () => {
    expect(rangeFromEvent(event(undefined, {}), 'trunk')).toMatchObject({
      kind: 'local',
      head: { revs: ['HEAD'] },
      defaultBranchName: 'trunk',
    });
  });
});
