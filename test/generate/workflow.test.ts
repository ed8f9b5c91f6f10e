import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { makeRepo } from './helpers.js';

/** A realistic config: labels of the runners sharing the test containers, a named lock. */
const CONFIG = [
  'lock:',
  '  name: integration-db',
  'workflow:',
  '  runsOn: [self-hosted, linux, x64]',
  '  planRunsOn: ubuntu-latest',
  '  nodeVersion: "20"',
  '',
].join('\n');

type Workflow = {
  on: Record<string, unknown>;
  concurrency?: { group: string; 'cancel-in-progress': string };
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
};
type Job = {
  name?: string;
  needs?: string | string[];
  if?: string;
  'runs-on': string | string[];
  permissions?: Record<string, string>;
  outputs?: Record<string, string>;
  strategy?: { 'fail-fast': boolean; matrix: unknown };
  steps: Step[];
};
type Step = { name: string; id?: string; if?: string; uses?: string; run?: string; with?: Record<string, unknown> };

let repo: ReturnType<typeof makeRepo>;
const generated = new Map<string, string>();

async function generate(platform: string, strategy: string): Promise<string> {
  const key = `${platform}-${strategy}`;
  if (!generated.has(key)) {
    const result = await runCli(['generate', '--stdout', '--platform', platform, '--strategy', strategy], {
      cwd: repo.root,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    generated.set(key, result.stdout);
  }
  return generated.get(key)!;
}

const tool = (job: Job, command: string) => job.steps.find((step) => step.with?.command === command)!;

beforeAll(() => {
  repo = makeRepo({ config: CONFIG, modules: ['billing', 'orders', 'customers'] });
});
afterAll(() => repo.remove());

let sharded: ReturnType<typeof makeRepo>;
/** The matrix strategy with `workflow.shards: 3`. */
async function generateSharded(platform: string): Promise<string> {
  const key = `${platform}-shards`;
  if (!generated.has(key)) {
    const result = await runCli(['generate', '--stdout', '--platform', platform], { cwd: sharded.root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    generated.set(key, result.stdout);
  }
  return generated.get(key)!;
}

beforeAll(() => {
  sharded = makeRepo({
    config: `${CONFIG}  strategy: matrix\n  shards: 3\n`,
    modules: ['billing', 'orders', 'customers', 'users'],
  });
});
afterAll(() => sharded.remove());

describe('snapshots of the generated YAML', () => {
  it.each([
    ['github', 'batch'],
    ['github', 'matrix'],
    ['gitea', 'batch'],
    ['gitea', 'matrix'],
  ])('%s %s', async (platform, strategy) => {
    await expect(await generate(platform, strategy)).toMatchFileSnapshot(`__snapshots__/${platform}-${strategy}.yml`);
  });

  it.each(['github', 'gitea'])('%s matrix with shards', async (platform) => {
    await expect(await generateSharded(platform)).toMatchFileSnapshot(`__snapshots__/${platform}-shards.yml`);
  });
});

describe('the history travels through the cache', () => {
  const KEY =
    'quality-gates-history:${{ github.head_ref || github.ref_name }}:${{ github.run_id }}-${{ github.run_attempt }}';
  const restoreOf = (job: Job) => job.steps.find((step) => step.uses === 'actions/cache/restore@v4');
  const saveOf = (job: Job) => job.steps.find((step) => step.uses === 'actions/cache/save@v4');
  const index = (job: Job, step: Step | undefined) => job.steps.indexOf(step!);

  it.each(['github', 'gitea'])(
    '%s batch: restored before the run (branch, then default branch), saved after it even when tests fail',
    async (platform) => {
      const tests = (parse(await generate(platform, 'batch')) as Workflow).jobs['backend-integration'];
      const restore = restoreOf(tests)!;
      const save = saveOf(tests)!;
      expect(restore.with).toEqual({
        path: '.quality-gates/history.json',
        key: KEY,
        'restore-keys': 'quality-gates-history:${{ github.head_ref || github.ref_name }}:\nquality-gates-history:main:',
      });
      expect(save.with).toEqual({ path: '.quality-gates/history.json', key: KEY });
      expect(save.if).toBe("always() && hashFiles('.quality-gates/history.json') != ''");
      // Bad or missing history never fails a job.
      expect((restore as Record<string, unknown>)['continue-on-error']).toBe(true);
      expect((save as Record<string, unknown>)['continue-on-error']).toBe(true);
      expect(index(tests, restore)).toBeLessThan(index(tests, tool(tests, 'run')));
      expect(index(tests, save)).toBeGreaterThan(index(tests, tool(tests, 'run')));
    },
  );

  it.each(['github', 'gitea'])(
    '%s matrix: test jobs only restore; the report job folds every report into the history and saves it',
    async (platform) => {
      const { jobs } = parse(await generate(platform, 'matrix')) as Workflow;
      const tests = jobs['backend-integration'];
      expect(restoreOf(tests)).toBeDefined();
      expect(saveOf(tests)).toBeUndefined();
      const report = jobs.report;
      const merge = tool(report, 'merge-reports');
      expect(merge.with!.history).toBe('.quality-gates/history.json');
      expect(index(report, restoreOf(report))).toBeLessThan(index(report, merge));
      expect(index(report, saveOf(report))).toBeGreaterThan(index(report, merge));
      expect(saveOf(report)!.if).toMatch(/^always\(\) && hashFiles/);
    },
  );

  it('history: false writes no cache step; a custom history path is the path cached; one outside the repository is refused', async () => {
    for (const [config, expected] of [
      ['history: false\n', undefined],
      ['history: ci/qg-history.json\n', 'ci/qg-history.json'],
    ] as const) {
      const repo = makeRepo({ config: `${config}workflow:\n  strategy: matrix\n` });
      try {
        const result = await runCli(['generate', '--stdout'], { cwd: repo.root });
        const { jobs } = parse(result.stdout) as Workflow;
        const cacheSteps = Object.values(jobs).flatMap((job) =>
          job.steps.filter((step) => step.uses?.startsWith('actions/cache/')),
        );
        if (expected === undefined) {
          expect(cacheSteps).toEqual([]);
          expect(tool(jobs.report, 'merge-reports').with!.history).toBeUndefined();
        } else {
          expect(cacheSteps.length).toBe(3);
          for (const step of cacheSteps) expect(step.with!.path).toBe(expected);
          expect(tool(jobs.report, 'merge-reports').with!.history).toBe(expected);
        }
      } finally {
        repo.remove();
      }
    }
    const outside = makeRepo({ config: 'history: ../elsewhere.json\n' });
    try {
      const result = await runCli(['generate', '--stdout'], { cwd: outside.root });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/history "\.\.\/elsewhere\.json" is outside the repository/);
    } finally {
      outside.remove();
    }
  });

  it('the default branch of the restore keys follows workflow.defaultBranch', async () => {
    const repo = makeRepo({ config: 'workflow:\n  defaultBranch: trunk\n' });
    try {
      const result = await runCli(['generate', '--stdout'], { cwd: repo.root });
      const tests = (parse(result.stdout) as Workflow).jobs['backend-integration'];
      expect(restoreOf(tests)!.with!['restore-keys']).toMatch(/\nquality-gates-history:trunk:$/);
    } finally {
      repo.remove();
    }
  });
});

describe('shards: one test job per shard', () => {
  it('GitHub: the plan splits over workflow.shards with the history restored; jobs come from the shard matrix', async () => {
    const { jobs } = parse(await generateSharded('github')) as Workflow;
    const plan = jobs.plan;
    expect(tool(plan, 'plan').with).toMatchObject({ command: 'plan', shards: 3 });
    expect(plan.steps.some((step) => step.uses === 'actions/cache/restore@v4')).toBe(true);
    const tests = jobs['backend-integration'];
    expect(tests.name).toBe('Integration tests (shard ${{ matrix.shard }})');
    expect(tests.strategy).toEqual({ 'fail-fast': false, matrix: '${{ fromJSON(needs.plan.outputs.matrix) }}' });
    expect(tool(tests, 'run').with!.modules).toBe('${{ toJSON(matrix.modules) }}');
    expect(tests.steps.find((step) => step.name === 'Upload the report')!.with!.name).toBe(
      'quality-gates-report-shard-${{ matrix.shard }}',
    );
  });

  it('Gitea: the shard numbers listed statically; each job runs its shard from the plan outputs, or nothing', async () => {
    const { jobs } = parse(await generateSharded('gitea')) as Workflow;
    expect(Object.keys(jobs.plan.outputs!)).toEqual(['mode', 'modules', 'matrix', 'shard-ids', 'shard-modules']);
    const tests = jobs['backend-integration'];
    expect(tests.strategy).toEqual({ 'fail-fast': false, matrix: { shard: ['1', '2', '3'] } });
    const selected = 'contains(fromJSON(needs.plan.outputs.shard-ids), matrix.shard)';
    for (const step of tests.steps) expect(step.if).toContain(selected);
    expect(tool(tests, 'run').with!.modules).toBe(
      '${{ toJSON(fromJSON(needs.plan.outputs.shard-modules)[matrix.shard]) }}',
    );
  });

  it('workflow.shards with the batch strategy is a config error that says how to fix it', async () => {
    const result = await runCli(['generate', '--stdout', '--strategy', 'batch'], { cwd: sharded.root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/workflow\.shards is 3, but the strategy is batch: .* --strategy matrix/);
  });
});

describe('what the workflow does, read back with yaml', () => {
  it('starts with a comment saying it is generated, from what, and how to regenerate and check it', async () => {
    const text = await generate('github', 'batch');
    const header = text.slice(0, text.indexOf('\n\n'));
    expect(header).toContain('Generated by `quality-gates generate` (github, batch) from quality-gates.config.yml');
    expect(header).toContain('npx quality-gates generate --platform github --strategy batch\n');
    expect(header).toContain('npx quality-gates generate --platform github --strategy batch --check');
    expect(header.split('\n').every((line) => line.startsWith('#'))).toBe(true);
  });

  it('GitHub: triggers, concurrency per ref cancelling pull requests only, least privilege', async () => {
    const workflow = parse(await generate('github', 'batch')) as Workflow;
    expect(Object.keys(workflow.on)).toEqual(['pull_request', 'push', 'merge_group', 'workflow_dispatch']);
    expect(workflow.on.push).toEqual({ branches: ['main'] });
    expect(workflow.on.workflow_dispatch).toMatchObject({ inputs: { full: { type: 'boolean', default: false } } });
    expect(workflow.concurrency!.group).toContain('${{ github.event.pull_request.number || github.ref }}');
    expect(workflow.concurrency!['cancel-in-progress']).toBe("${{ github.event_name == 'pull_request' }}");
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('GitHub batch: plan, then one reporting test job on the configured labels', async () => {
    const { jobs } = parse(await generate('github', 'batch')) as Workflow;
    expect(Object.keys(jobs)).toEqual(['plan', 'backend-integration']);

    expect(jobs.plan['runs-on']).toBe('ubuntu-latest');
    expect(jobs.plan.permissions).toBeUndefined();
    expect(Object.keys(jobs.plan.outputs!)).toEqual(['mode', 'modules', 'matrix']);
    expect(jobs.plan.outputs!.matrix).toBe('${{ steps.plan.outputs.matrix }}');
    expect(tool(jobs.plan, 'plan')).toMatchObject({ id: 'plan', uses: 'quality-gates/quality-gates@v1' });
    expect(tool(jobs.plan, 'plan').with!.full).toBe('${{ inputs.full == true }}');

    const tests = jobs['backend-integration'];
    expect(tests.needs).toBe('plan');
    expect(tests.if).toContain("needs.plan.outputs.mode != 'skip'");
    expect(tests['runs-on']).toEqual(['self-hosted', 'linux', 'x64']);
    expect(tests.permissions).toEqual({ contents: 'read', statuses: 'write', 'pull-requests': 'write' });
    expect(tests.steps.map((step) => step.uses ?? step.run)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm ci',
      'actions/cache/restore@v4',
      'quality-gates/quality-gates@v1',
      'actions/upload-artifact@v4',
      'actions/upload-artifact@v4',
      'actions/cache/save@v4',
    ]);
    expect(tests.steps[1].with).toEqual({ 'node-version': '20', cache: 'npm' });
    expect(tool(tests, 'run').with).toEqual({
      command: 'run',
      modules: '${{ needs.plan.outputs.modules }}',
      lock: 'integration-db',
      'force-reset': true,
    });
    const upload = tests.steps[5];
    expect(upload.if).toBe('always()');
    expect(upload.with).toMatchObject({ name: 'quality-gates-report', path: 'quality-gates-report.json' });
    // Heap snapshots (--heap-snapshots / leaks.snapshots), when any were written; nothing said when none.
    const snapshots = tests.steps[6];
    expect(snapshots.if).toBe('always()');
    expect(snapshots.with).toEqual({
      name: 'heap-snapshots',
      path: 'quality-gates-logs/heap-snapshots/',
      'if-no-files-found': 'ignore',
    });
  });

  it('GitHub matrix: one job per module from fromJSON, no fail-fast, then a report job merging the artifacts', async () => {
    const { jobs } = parse(await generate('github', 'matrix')) as Workflow;
    expect(Object.keys(jobs)).toEqual(['plan', 'backend-integration', 'report']);

    const tests = jobs['backend-integration'];
    expect(tests.needs).toBe('plan');
    expect(tests.strategy).toEqual({ 'fail-fast': false, matrix: '${{ fromJSON(needs.plan.outputs.matrix) }}' });
    // Module jobs leave the status and the PR comment to the report job.
    expect(tests.permissions).toBeUndefined();
    expect(tool(tests, 'run').with).toMatchObject({
      modules: '${{ matrix.module }}',
      lock: 'integration-db',
      'commit-status': false,
      'pr-comment': 'never',
    });
    const upload = tests.steps.find((step) => step.uses?.startsWith('actions/upload-artifact'))!;
    expect(upload.if).toBe('always()');
    expect(upload.with!.name).toBe('quality-gates-report-${{ matrix.module }}');

    const report = jobs.report;
    expect(report.needs).toEqual(['plan', 'backend-integration']);
    expect(report.if).toMatch(/^always\(\) && /);
    expect(report.if).toContain("needs.plan.outputs.mode != 'skip'");
    expect(report.permissions).toEqual({ contents: 'read', statuses: 'write', 'pull-requests': 'write' });
    const download = report.steps.find((step) => step.uses?.startsWith('actions/download-artifact'))!;
    expect(download.uses).toBe('actions/download-artifact@v4');
    expect(download.with).toEqual({ pattern: 'quality-gates-report-*', path: 'reports', 'merge-multiple': false });
    expect(tool(report, 'merge-reports').with).toEqual({
      command: 'merge-reports',
      reports: 'reports/**/*.json',
      history: '.quality-gates/history.json',
    });
  });

  it('Gitea: no merge_group, no concurrency or permissions (ignored there), artifact actions v3', async () => {
    const batch = parse(await generate('gitea', 'batch')) as Workflow;
    expect(Object.keys(batch.on)).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    expect(batch.concurrency).toBeUndefined();
    expect(batch.permissions).toBeUndefined();
    expect(Object.values(batch.jobs).every((job) => job.permissions === undefined)).toBe(true);
    expect(batch.jobs['backend-integration'].steps.find((step) => step.name === 'Upload the report')!.uses).toBe(
      'actions/upload-artifact@v3',
    );
  });

  it('Gitea matrix: the modules listed statically, each job gated on the plan selecting its module', async () => {
    const { jobs } = parse(await generate('gitea', 'matrix')) as Workflow;
    const tests = jobs['backend-integration'];
    expect(tests.strategy).toEqual({ 'fail-fast': false, matrix: { module: ['billing', 'customers', 'orders'] } });
    const selected = 'contains(fromJSON(needs.plan.outputs.modules), matrix.module)';
    for (const step of tests.steps) expect(step.if).toContain(selected);
    expect(tests.steps.at(-1)!.if).toBe(`always() && ${selected}`);
    expect(tests.steps.find((step) => step.uses === 'actions/cache/restore@v4')!.if).toBe(selected);
    const download = jobs.report.steps.find((step) => step.uses?.startsWith('actions/download-artifact'))!;
    expect(download).toMatchObject({ uses: 'actions/download-artifact@v3', with: { path: 'reports' } });
    expect(tool(jobs.report, 'merge-reports').with!.reports).toBe('reports/**/*.json');
  });

  it('uses only inputs and outputs that action.yml declares', async () => {
    const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
    };
    for (const [platform, strategy] of [
      ['github', 'batch'],
      ['github', 'matrix'],
      ['gitea', 'batch'],
      ['gitea', 'matrix'],
      ['github', 'shards'],
      ['gitea', 'shards'],
    ] as const) {
      const { jobs } = parse(
        strategy === 'shards' ? await generateSharded(platform) : await generate(platform, strategy),
      ) as Workflow;
      const toolSteps = Object.values(jobs).flatMap((job) =>
        job.steps.filter((step) => step.uses?.startsWith('quality-gates/')),
      );
      expect(toolSteps.length).toBeGreaterThanOrEqual(2);
      for (const step of toolSteps)
        for (const input of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
      for (const output of Object.keys(jobs.plan.outputs!)) expect(Object.keys(action.outputs)).toContain(output);
    }
  });
});
