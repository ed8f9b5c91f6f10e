import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { pullRequestPayload, pushPayload, TempRepo } from '../helpers/git.js';

/** `quality-gates plan` end to end (in-process): real git, zero config, the real planner. */
const ROOT = 'testing/backend/integration';
let origin: TempRepo;
let base: string;
const repos: TempRepo[] = [];

beforeAll(() => {
  origin = TempRepo.init();
  repos.push(origin);
  base = origin.commit('base', {
    'package.json': '{"name":"backend"}',
    'package-lock.json': '{}',
    'src/app.ts': 'export {}',
    [`${ROOT}/billing/invoice.test.ts`]: 'test',
    [`${ROOT}/billing/refund.test.ts`]: 'test',
    [`${ROOT}/orders/orders.test.ts`]: 'test',
    [`${ROOT}/users/users.test.ts`]: 'test',
    [`${ROOT}/payments/payments.test.ts`]: 'test',
    [`${ROOT}/search/search.test.ts`]: 'test',
    'README.md': '# backend',
  });
  origin.commit('main moves on', { 'package-lock.json': '{"lockfileVersion":3}' });
});

afterAll(() => {
  for (const r of repos) r.remove();
});

/** Makes a branch off `base` with these changes and plans it as a pull request. */
async function planPullRequest(
  branch: string,
  files: Record<string, string | null>,
  options: { rename?: [string, string]; shallow?: boolean } = {},
) {
  origin.checkout(branch, base);
  if (options.rename) origin.rename(...options.rename);
  const head = Object.keys(files).length > 0 ? origin.commit(branch, files) : origin.sha();
  origin.checkout('main');
  const repo = options.shallow ? TempRepo.clone(origin, { depth: 1, branch }) : TempRepo.clone(origin, { branch });
  repos.push(repo);
  const env = {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: repo.writeEvent(pullRequestPayload({ baseSha: origin.sha('main'), headSha: head })),
  };
  const result = await runCli(['plan'], { cwd: repo.dir, env });
  expect(result.stderr).not.toMatch(/unexpected error/);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as {
    mode: string;
    modules: string[];
    reason: string;
    changedFiles: number;
    warnings: string[];
    base?: string;
    event?: string;
  };
}

describe('quality-gates plan on real git', () => {
  it('runs only the module a pull request touches (main changed the lockfile since, which must not count)', async () => {
    const plan = await planPullRequest('pr-billing', { [`${ROOT}/billing/invoice.test.ts`]: 'changed' });
    expect(plan).toMatchObject({
      mode: 'passthrough',
      modules: ['billing'],
      changedFiles: 1,
      event: 'pull_request',
      base,
    });
  });

  it('does the same from a depth-1 clone, deepening to find the merge-base', async () => {
    const plan = await planPullRequest('pr-shallow', { [`${ROOT}/users/users.test.ts`]: 'changed' }, { shallow: true });
    expect(plan).toMatchObject({ mode: 'passthrough', modules: ['users'], base });
  });

  it('runs both modules when a test moves from one to another (2 of 5 stays under the full-run threshold)', async () => {
    const plan = await planPullRequest(
      'pr-move',
      {},
      { rename: [`${ROOT}/billing/invoice.test.ts`, `${ROOT}/orders/invoice.test.ts`] },
    );
    expect(plan).toMatchObject({ mode: 'passthrough', modules: ['billing', 'orders'], changedFiles: 2 });
  });

  it('a module folder renamed in the pull request runs the new module only; the old one was deleted at head', async () => {
    const plan = await planPullRequest(
      'pr-rename-module',
      {},
      { rename: [`${ROOT}/search/search.test.ts`, `${ROOT}/find/search.test.ts`] },
    );
    expect(plan).toMatchObject({ mode: 'passthrough', modules: ['find'], changedFiles: 2 });
    const triggers = (plan as unknown as { triggers: { file: string; rule: string; why: string }[] }).triggers;
    expect(triggers.find((t) => t.file.includes('/search/'))).toMatchObject({
      rule: `deleted module '${ROOT}/search/'`,
      why: expect.stringContaining('module search was deleted at head'),
    });
  });

  it('runs everything when the pull request changes the lockfile', async () => {
    const plan = await planPullRequest('pr-lock', { 'package-lock.json': '{"changed":true}' });
    expect(plan.mode).toBe('full');
    expect(plan.reason).toMatch(/package-lock\.json/);
  });

  it('skips when only documentation changed', async () => {
    const plan = await planPullRequest('pr-docs', { 'README.md': '# better docs' });
    expect(plan).toMatchObject({ mode: 'skip', modules: [] });
  });

  it('runs everything for a scheduled run, saying why', async () => {
    const env = { GITHUB_EVENT_NAME: 'schedule', GITHUB_EVENT_PATH: origin.writeEvent({ schedule: '0 3 * * *' }) };
    const result = await runCli(['plan'], { cwd: origin.dir, env });
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan).toMatchObject({
      mode: 'full',
      modules: ['billing', 'orders', 'payments', 'search', 'users'],
      event: 'schedule',
    });
    expect(plan.reason).toMatch(/schedule/);
  });

  it('plans a push from before..after', async () => {
    origin.checkout('push-branch', base);
    const before = origin.commit('one', { [`${ROOT}/orders/orders.test.ts`]: 'one' });
    const after = origin.commit('two', { [`${ROOT}/users/users.test.ts`]: 'two' });
    origin.checkout('main');
    const env = {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: origin.writeEvent(pushPayload({ ref: 'refs/heads/push-branch', before, after })),
    };
    const result = await runCli(['plan', '--format', 'text'], { cwd: origin.dir, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^mode: passthrough$/m);
    expect(result.stdout).toMatch(/^modules \(1 of 5\): users$/m);
  });

  it('exits 2 with a clear message for a --base that does not exist', async () => {
    const result = await runCli(['plan', '--base', 'nope'], { cwd: origin.dir, env: {} });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n').at(-2)).toBe(
      `quality-gates plan: --base 'nope' is not a commit in ${origin.dir} — fetch it or check the name`,
    );
  });
});
