import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { estimates } from '../../src/history/estimates.js';
import { readHistory, writeHistory } from '../../src/history/file.js';
import { emptyHistory, type History } from '../../src/history/schema.js';
import { updateHistory } from '../../src/history/update.js';
import { withBaselines } from '../../src/report/baseline.js';
import { module, report } from '../fixtures/report/builder.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { pushPayload, TempRepo } from '../helpers/git.js';

/**
 * The bundled action (`node index.js` with INPUT_* variables, as the runner drives it) with
 * history: `plan` with `shards`, and `merge-reports` with `history`, folding the jobs'
 * reports and publishing their regressions as outputs. The bundle is built fresh.
 */
const ROOT = 'testing/backend/integration';
let bundleDir: string;
let repo: TempRepo;
let before: string;
let after: string;
const scratch: string[] = [];

/** Base-branch history: billing is the long module, at 232 MB. */
function baseHistory(): History {
  let history = emptyHistory('0.1.0');
  for (let day = 0; day < 5; day++) {
    history = updateHistory(
      history,
      [
        module('billing', { durationMs: 90_000, peakHeapMB: 232 }),
        module('orders', { durationMs: 30_000 }),
        module('search', { durationMs: 30_000 }),
        module('users', { durationMs: 20_000 }),
      ],
      { now: new Date(Date.UTC(2026, 10, 1 + day)), runner: 'jest', toolVersion: '0.1.0' },
    );
  }
  return history;
}

beforeAll(() => {
  bundleDir = mkdtempSync(join(tmpdir(), 'qg-bundle-'));
  scratch.push(bundleDir);
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/bundle.mjs'), '--outdir', bundleDir], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
  });
  repo = TempRepo.init();
  before = repo.commit(
    'base',
    Object.fromEntries(['billing', 'orders', 'search', 'users'].map((name) => [`${ROOT}/${name}/a.test.ts`, 'test'])),
  );
  after = repo.commit('lockfile', { 'package-lock.json': '{}' });
}, 120_000);

afterAll(() => {
  repo.remove();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function defaultInputs(): Record<string, string> {
  const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  return Object.fromEntries(
    Object.entries(action.inputs).map(([name, input]) => [
      `INPUT_${name.toUpperCase()}`,
      (input.default ?? '').includes('${{') ? '' : (input.default ?? ''),
    ]),
  );
}

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!match) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i]);
    outputs[match[1]] = value.join('\n');
  }
  return outputs;
}

function runAction(inputs: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'qg-runner-'));
  scratch.push(dir);
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary'), event: join(dir, 'event.json') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  writeFileSync(files.event, JSON.stringify(pushPayload({ ref: 'refs/heads/main', before, after })));
  const result = spawnSync(process.execPath, [join(bundleDir, 'index.js')], {
    cwd: repo.dir,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: files.event,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_WORKSPACE: repo.dir,
      RUNNER_TEMP: dir,
      ...defaultInputs(),
      'INPUT_WORKING-DIRECTORY': repo.dir,
      'INPUT_COMMIT-STATUS': 'false',
      'INPUT_PR-COMMENT': 'never',
      ...inputs,
    },
  });
  return {
    ...result,
    outputs: parseOutputs(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
  };
}

describe('the bundled action with history', () => {
  it('command: plan with shards splits by the history and sets the shard matrix and outputs', () => {
    writeHistory(join(repo.dir, '.quality-gates/history.json'), baseHistory());
    const result = runAction({ INPUT_COMMAND: 'plan', INPUT_SHARDS: '2' });
    expect(result.stdout).not.toMatch(/::error::/);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.outputs.matrix)).toEqual({
      include: [
        { shard: 1, modules: ['billing'] },
        { shard: 2, modules: ['orders', 'search', 'users'] },
      ],
    });
    expect(JSON.parse(result.outputs.shards)).toEqual([
      { shard: 1, modules: ['billing'], estimatedMs: 90_000 },
      { shard: 2, modules: ['orders', 'search', 'users'], estimatedMs: 80_000 },
    ]);
    expect(JSON.parse(result.outputs['shard-ids'])).toEqual(['1', '2']);
    expect(JSON.parse(result.outputs['shard-modules'])).toEqual({
      '1': ['billing'],
      '2': ['orders', 'search', 'users'],
    });
    expect(result.summary).toMatch(/shard 1 \(~1 min 30 s\): `billing`/);
  });

  it('command: plan with a corrupt history warns and still shards (by test files)', () => {
    writeFileSync(join(repo.dir, '.quality-gates/history.json'), '{ broken');
    const result = runAction({ INPUT_COMMAND: 'plan', INPUT_SHARDS: '2' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/::warning::history file .*is not JSON/);
    expect(JSON.parse(result.outputs.shards)).toHaveLength(2);
  });

  it('command: merge-reports with history folds the jobs in and outputs the regressions', () => {
    const known = estimates(baseHistory());
    const jobs = [
      report(withBaselines([module('billing', { durationMs: 91_000, peakHeapMB: 412 })], known), {
        finishedAt: '2026-11-06T10:00:00.000Z',
      }),
      report(
        withBaselines([module('orders', { durationMs: 30_000 }), module('users', { durationMs: 20_000 })], known),
        { finishedAt: '2026-11-06T10:01:00.000Z' },
      ),
    ];
    for (const [index, job] of jobs.entries()) {
      mkdirSync(join(repo.dir, `reports/job-${index}`), { recursive: true });
      writeFileSync(join(repo.dir, `reports/job-${index}/quality-gates-report.json`), JSON.stringify(job));
    }
    writeHistory(join(repo.dir, '.quality-gates/history.json'), baseHistory());
    const result = runAction({
      INPUT_COMMAND: 'merge-reports',
      INPUT_REPORTS: 'reports/**/*.json',
      INPUT_HISTORY: '.quality-gates/history.json',
    });
    expect(result.stdout).not.toMatch(/::error::/);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.outputs.regressions)).toEqual([
      {
        module: 'billing',
        runs: 5,
        metric: 'peakHeapMB',
        kind: 'regression',
        value: 412,
        baseline: 232,
        change: 180,
        percent: 77.6,
      },
    ]);
    expect(JSON.parse(result.outputs.improvements)).toEqual([]);
    expect(result.summary).toContain('- ⚠️ **billing**: peak heap 412 MB, +180 MB (+78 %) vs baseline (5 runs)');
    const { history } = readHistory(join(repo.dir, '.quality-gates/history.json'));
    expect(history.modules.billing).toHaveLength(6);
    expect(history.modules.users).toHaveLength(6);
    expect(history.modules.search).toHaveLength(5);
    expect(result.stdout).toMatch(/History: 3 modules recorded in \.quality-gates\/history\.json/);
  });
});
