import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveChanges } from '../../src/changes/resolve.js';
import { pullRequestPayload, pushPayload, TempRepo, ZERO_SHA } from '../helpers/git.js';

/**
 * The origin ("GitHub"):
 *   main:    A ── 60 commits ── M          (main moved on a lot since the branch point)
 *             \
 *   feature:   30 commits ── H              (the PR; the last one touches the billing module)
 *   refs/pull/7/head = H, refs/pull/7/merge = merge of H into M (what actions/checkout checks out)
 *   orphan:  an unrelated root commit O
 */
const BILLING = 'testing/backend/integration/billing/invoice.test.ts';
let origin: TempRepo;
let A: string, M: string, H: string, MERGE: string, O: string;
const repos: TempRepo[] = [];

beforeAll(() => {
  origin = TempRepo.init();
  repos.push(origin);
  A = origin.commit('A', { 'package.json': '{}', [BILLING]: 'a', 'src/app.ts': 'a' });
  M = origin.fastImport(
    'main',
    Array.from({ length: 60 }, (_, i) => ({ message: `main ${i}`, files: { [`src/main/${i}.ts`]: String(i) } })),
  );
  origin.fastImport(
    'feature',
    Array.from({ length: 29 }, (_, i) => ({ message: `feature ${i}`, files: { [`docs/feature-${i}.md`]: String(i) } })),
    A,
  );
  origin.checkout('feature');
  H = origin.commit('billing', { [BILLING]: 'h' });
  origin.git('update-ref', 'refs/pull/7/head', H);
  origin.checkout('merge-tmp', M);
  origin.git('merge', '--quiet', '--no-ff', '-m', 'Merge H into M', H);
  MERGE = origin.sha();
  origin.git('update-ref', 'refs/pull/7/merge', MERGE);
  origin.checkout('orphan-tmp', A);
  origin.git('checkout', '--quiet', '--orphan', 'orphan');
  O = origin.commit('unrelated root', { 'other.ts': 'o' });
  origin.checkout('main');
  origin.git('branch', '-D', 'merge-tmp', 'orphan-tmp');
});

afterAll(() => {
  for (const r of repos) r.remove();
});

function prEnv(repo: TempRepo, baseSha: string, headSha: string): NodeJS.ProcessEnv {
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: repo.writeEvent(pullRequestPayload({ baseSha, headSha, number: 7 })),
  };
}

describe('shallow clones', () => {
  it('deepens a depth-1 checkout of the PR merge ref step by step until the merge-base appears', async () => {
    const clone = TempRepo.checkoutLikeActions(origin, 'refs/pull/7/merge');
    repos.push(clone);
    expect(clone.git('rev-parse', '--is-shallow-repository')).toBe('true');
    expect(clone.git('rev-list', '--count', 'HEAD')).toBe('1');
    const lines: string[] = [];
    const changes = await resolveChanges({ cwd: clone.dir, env: prEnv(clone, M, H), log: (l) => lines.push(l) });
    expect(changes.forceFull).toBeUndefined();
    expect(changes).toMatchObject({ base: A, head: H, warnings: [] });
    expect(changes.files.sort()).toEqual(
      [BILLING, ...Array.from({ length: 29 }, (_, i) => `docs/feature-${i}.md`)].sort(),
    );
    const log = lines.join('\n');
    expect(log).toMatch(/fetching pull_request\.base\.sha/);
    expect(log).toMatch(/deepening by 10 commits/);
    expect(log).toMatch(/deepening by 50 commits/);
    // Found by deepening, so the full history was never needed.
    expect(log).not.toMatch(/--unshallow/);
  });

  it('fetches the old tip of a push into a depth-1 clone and diffs before..after', async () => {
    const clone = TempRepo.clone(origin, { depth: 1, branch: 'feature' });
    repos.push(clone);
    const before = origin.sha('feature~3');
    const env = {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: clone.writeEvent(pushPayload({ ref: 'refs/heads/feature', before, after: H })),
    };
    const changes = await resolveChanges({ cwd: clone.dir, env });
    expect(changes).toMatchObject({ base: before, head: H });
    expect(changes.files.sort()).toEqual(['docs/feature-27.md', 'docs/feature-28.md', BILLING]);
  });

  it('fetches the default branch for a new branch pushed to a single-branch shallow clone', async () => {
    const clone = TempRepo.clone(origin, { depth: 1, branch: 'feature' });
    repos.push(clone);
    expect(() => clone.sha('origin/main')).toThrow();
    const env = {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: clone.writeEvent(
        pushPayload({ ref: 'refs/heads/feature', before: ZERO_SHA, after: H, created: true }),
      ),
    };
    const changes = await resolveChanges({ cwd: clone.dir, env });
    expect(changes).toMatchObject({ base: A, head: H });
    expect(changes.files).toHaveLength(30);
    expect(clone.sha('origin/main')).toBe(M);
  });

  it('fetches an explicit --base origin/main that a single-branch shallow clone does not have', async () => {
    const clone = TempRepo.clone(origin, { depth: 1, branch: 'feature' });
    repos.push(clone);
    const changes = await resolveChanges({ cwd: clone.dir, env: {}, base: 'origin/main' });
    expect(changes).toMatchObject({ base: A, head: H });
    expect(changes.files).toHaveLength(30);
  });

  it.each([
    ['HEAD', 1, 'feature'],
    ['HEAD~2', 3, 'feature~2'],
    ['feature', 1, 'feature'],
    ['a local tag', 2, 'feature~1'],
  ])(
    'deepens a shallow clone for --base origin/main --head %s (HEAD, HEAD~2, a local branch, a tag)',
    async (name, depth, expected) => {
      const clone = TempRepo.clone(origin, { depth, branch: 'feature' });
      repos.push(clone);
      let head = name;
      if (name === 'a local tag') {
        clone.git('tag', 'reviewed', 'HEAD~1');
        head = 'reviewed';
      }
      const lines: string[] = [];
      const changes = await resolveChanges({
        cwd: clone.dir,
        env: {},
        base: 'origin/main',
        head,
        log: (l) => lines.push(l),
      });
      expect(changes.forceFull, lines.join('\n')).toBeUndefined();
      expect(changes).toMatchObject({ base: A, head: origin.sha(expected), warnings: [] });
      expect(lines.join('\n')).not.toMatch(/refs\/heads\/(HEAD|reviewed)/);
      expect(lines.join('\n')).toMatch(/deepening by 10 commits/);
    },
  );

  it('runs everything, with a warning, when even the full history has no merge-base', async () => {
    const clone = TempRepo.checkoutLikeActions(origin, 'refs/heads/orphan');
    repos.push(clone);
    const lines: string[] = [];
    const changes = await resolveChanges({ cwd: clone.dir, env: prEnv(clone, M, O), log: (l) => lines.push(l) });
    expect(changes.files).toEqual([]);
    expect(changes.forceFull).toMatch(
      /^Full run: could not find the merge-base of pull_request\.base\.sha [0-9a-f]{12} and pull_request\.head\.sha [0-9a-f]{12} after deepening the shallow clone/,
    );
    expect(changes.forceFull).toMatch(/running everything/);
    expect(changes.warnings).toEqual([changes.forceFull]);
    expect(lines.join('\n')).toMatch(/deepening by 10 commits/);
  });

  it('fetches the full history when deepening by 1260 commits is not enough', async () => {
    // A base branch 1300 commits past the branch point (built with fast-import: fast and real).
    const tip = origin.fastImport(
      'long',
      Array.from({ length: 1300 }, (_, i) => ({ message: `long ${i}`, files: { 'src/long.ts': String(i) } })),
      A,
    );
    const clone = TempRepo.checkoutLikeActions(origin, 'refs/pull/7/head');
    repos.push(clone);
    const lines: string[] = [];
    const changes = await resolveChanges({ cwd: clone.dir, env: prEnv(clone, tip, H), log: (l) => lines.push(l) });
    expect(changes.forceFull).toBeUndefined();
    expect(changes).toMatchObject({ base: A, head: H });
    expect(changes.files).toHaveLength(30);
    const log = lines.join('\n');
    expect(log).toMatch(/deepening by 1000 commits \(about 1260 in all\)/);
    expect(log).toMatch(/fetching the full history \(--unshallow\)/);
  });

  it('runs everything, with a warning, when the base commit exists nowhere', async () => {
    const clone = TempRepo.checkoutLikeActions(origin, 'refs/pull/7/merge');
    repos.push(clone);
    const missing = 'deadbeef'.repeat(5);
    const changes = await resolveChanges({ cwd: clone.dir, env: prEnv(clone, missing, H) });
    expect(changes.forceFull).toMatch(
      /^Full run: pull_request\.base\.sha deadbeefdead is not in the repository and could not be fetched/,
    );
    expect(changes.warnings).toHaveLength(1);
  });
});
