import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { StopSignal } from '../../../src/process/process-group.js';
import type { ModuleResult } from '../../../src/report/schema.js';
import { itemLauncher, type ItemLauncherOptions } from '../../../src/run/launcher/item-launcher.js';
import { serverLauncher } from '../../../src/run/launcher/server-launcher.js';
import { vitestNodeEntry } from '../../../src/run/runners/vitest.js';
import type { ModuleTask } from '../../../src/run/task.js';
import { parseReporterLines } from '../../../src/run/child-output.js';
import { runnerAdapter } from '../../../src/run/runners/index.js';
import type { ItemOutcome } from '../../../src/run/schedule/launcher.js';
import { Scheduler } from '../../../src/run/schedule/scheduler.js';
import type { WorkItem } from '../../../src/run/schedule/work-items.js';
import { baseEnv } from '../helpers.js';

const JEST_PACK = fileURLToPath(new URL('../../fixtures/run/pack-project', import.meta.url));
const VITEST_PACK = fileURLToPath(new URL('../../fixtures/run/vitest-pack-project', import.meta.url));
const NAMES = ['alpha', 'beta', 'gamma'];

function item(id: string, modules = NAMES): WorkItem {
  return {
    id,
    modules,
    predictedPeakHeapMB: 100,
    predictedPeakRssMB: 200,
    predictedDurationMs: 1000,
    suiteCount: 4,
    reason: 'test pack',
  };
}

interface Run {
  outcome: ItemOutcome<ModuleResult>;
  output: string;
  workDirs: string[];
  /** Modules reported while the process still ran. */
  live: { name: string; status: string }[];
}

function launcherFor(
  project: string,
  runner: 'jest' | 'vitest',
  env: NodeJS.ProcessEnv = {},
  extraArgs: string[] = [],
  timeoutMs?: number,
  kind: 'process' | 'server' = 'process',
) {
  const dir = mkdtempSync(join(tmpdir(), 'qg-item-launcher-'));
  const tasks = new Map<string, ModuleTask>(
    NAMES.map((name) => [name, { name, paths: [`modules/${name}`], kind: 'module' }]),
  );
  tasks.set('(root)', { name: '(root)', paths: ['root.test.js'], kind: 'files' });
  let output = '';
  const workDirs: string[] = [];
  const options: ItemLauncherOptions = {
    tasks,
    contextFor: (workItem, slot) => {
      const stdout = new PassThrough();
      stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const workDir = mkdtempSync(join(dir, `${workItem.id.replace('/', '-')}-`));
      workDirs.push(workDir);
      return {
        cwd: project,
        env: baseEnv(env),
        configEnv: {},
        adapter: runnerAdapter(runner),
        extraArgs,
        allowEmpty: false,
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        workDir,
        logPath: join(workDir, `slot-${slot}.log`),
        stdout,
        stderr: stdout,
        stopSignal: new StopSignal(),
      };
    },
    slotEnv: (slot) => ({ PACK_SLOT_VAR: `slot-${slot}` }),
  };
  const launcher =
    kind === 'process' ? itemLauncher(options) : serverLauncher({ ...options, ...serverOptions(project, dir) });
  return { launcher, output: () => output, workDirs };
}

/** What serverLauncher needs beyond the item launcher's options: the project's vitest/node, a folder, idle output. */
function serverOptions(project: string, dir: string) {
  const entry = vitestNodeEntry(project);
  if (!('entry' in entry)) throw new Error(entry.unavailable);
  const idle = new PassThrough();
  idle.resume();
  return { vitestEntry: entry.entry, dir: join(dir, 'servers'), idle: { stdout: idle, stderr: idle } };
}

async function runPack(
  project: string,
  runner: 'jest' | 'vitest',
  options: { env?: NodeJS.ProcessEnv; hold?: boolean; extraArgs?: string[] } = {},
): Promise<Run> {
  const { launcher, output, workDirs } = launcherFor(project, runner, options.env, options.extraArgs);
  const prepared = launcher.prepare(item('w1'), { slot: 2, hold: options.hold ?? false });
  if (options.hold) await new Promise((resolve) => setTimeout(resolve, 1500));
  const live: { name: string; status: string }[] = [];
  const outcome = await prepared.run((name, result) => live.push({ name, status: result.status }));
  return { outcome, output: output(), workDirs, live };
}

function byName(outcome: ItemOutcome<ModuleResult>): Map<string, ModuleResult> {
  return new Map(outcome.modules.map(({ name, result }) => [name, result]));
}

describe('itemLauncher: one jest process runs a pack of modules', () => {
  test('3 modules → 3 results with their own counts, durations and heap, one process on the slot', async () => {
    const { outcome, live } = await runPack(JEST_PACK, 'jest');
    const results = byName(outcome);
    expect(outcome.notStarted).toEqual([]);
    expect(outcome.diedIn).toBeUndefined();
    // alpha is over while beta still holds its 400 ms: reported live, with its final status.
    expect(live.map((entry) => entry.name)).toContain('alpha');
    for (const entry of live) expect(entry.status).toBe(results.get(entry.name)!.status);
    expect([...results.keys()]).toEqual(NAMES);
    expect(results.get('alpha')).toMatchObject({
      status: 'passed',
      tests: { total: 3, passed: 3 },
      process: 'w1',
      slot: 2,
      exitCode: 0,
    });
    expect(
      results
        .get('alpha')!
        .suites.map((suite) => suite.file)
        .sort(),
    ).toEqual(['modules/alpha/a1.test.js', 'modules/alpha/a2.test.js']);
    expect(results.get('beta')).toMatchObject({
      status: 'passed',
      tests: { total: 1, passed: 1 },
      process: 'w1',
      slot: 2,
    });
    expect(results.get('gamma')).toMatchObject({
      status: 'failed',
      tests: { total: 2, passed: 1, failed: 1 },
      process: 'w1',
      slot: 2,
      reason: '1 test failed',
    });
    for (const result of results.values()) {
      expect(result.durationMs).toBeGreaterThan(0);
      expect(result.peakHeapMB).not.toBeNull();
      expect(result.peakRssMB).not.toBeNull();
    }
    // beta holds ~80 MB while it runs: its window's heap peak is above alpha's.
    expect(results.get('beta')!.peakHeapMB!).toBeGreaterThan(results.get('alpha')!.peakHeapMB! + 40);
    expect(Date.parse(results.get('alpha')!.startedAt)).toBeLessThan(Date.parse(results.get('beta')!.startedAt));
  });

  test('the pack sequencer keeps the module order (gamma, the biggest file, would otherwise run first)', async () => {
    const { workDirs } = await runPack(JEST_PACK, 'jest');
    const records = parseReporterLines(readFileSync(join(workDirs[0], 'results.jsonl'), 'utf8'), JEST_PACK);
    const order = [...records.timings.entries()]
      .sort((a, b) => a[1].startedAt! - b[1].startedAt!)
      .map(([file]) => file.split('/')[1]);
    expect(order).toEqual(['alpha', 'alpha', 'beta', 'gamma']);
    expect(records.plannedFiles?.map((file) => file.split('/')[1])).toEqual(['alpha', 'alpha', 'beta', 'gamma']);
  });

  test('a user --testSequencer is respected: no reordering, attribution still by path', async () => {
    const { outcome, workDirs } = await runPack(JEST_PACK, 'jest', {
      extraArgs: [`--testSequencer=${join(JEST_PACK, 'reverse-sequencer.cjs')}`],
    });
    const records = parseReporterLines(readFileSync(join(workDirs[0], 'results.jsonl'), 'utf8'), JEST_PACK);
    const order = [...records.timings.entries()]
      .sort((a, b) => a[1].startedAt! - b[1].startedAt!)
      .map(([file]) => file.split('/')[1]);
    expect(order[0]).toBe('gamma');
    const results = byName(outcome);
    expect(results.get('alpha')).toMatchObject({ status: 'passed', tests: { total: 3 } });
    expect(results.get('gamma')).toMatchObject({ status: 'failed', tests: { total: 2, failed: 1 } });
  });

  test('a crash (process.exit) in the 2nd module: 1st passed, 2nd crashed, 3rd not started', async () => {
    const { outcome } = await runPack(JEST_PACK, 'jest', { env: { PACK_CRASH: 'exit' } });
    const results = byName(outcome);
    expect(outcome.diedIn).toBe('beta');
    expect(outcome.notStarted).toEqual(['gamma']);
    expect(results.get('alpha')).toMatchObject({ status: 'passed', tests: { total: 3, passed: 3 } });
    expect(results.get('beta')).toMatchObject({
      status: 'crashed',
      runningSuite: 'modules/beta/beta.test.js',
      exitCode: 3,
      reason: 'the test process exited with code 3 in modules/beta/beta.test.js before the suite finished',
    });
    expect(results.has('gamma')).toBe(false);
  });

  test('out of memory in the 2nd module (small heap): beta crashed of OOM, gamma not started', async () => {
    const { outcome } = await runPack(JEST_PACK, 'jest', {
      env: { PACK_CRASH: 'oom', NODE_OPTIONS: '--max-old-space-size=160' },
    });
    const results = byName(outcome);
    expect(outcome.diedIn).toBe('beta');
    expect(outcome.notStarted).toEqual(['gamma']);
    expect(results.get('alpha')!.status).toBe('passed');
    expect(results.get('beta')!.status).toBe('crashed');
    expect(results.get('beta')!.reason).toMatch(
      /^out of memory: heap limit \d+ MB reached in modules\/beta\/beta\.test\.js/,
    );
  });

  test("a hang in the 2nd module: the pack's clock (the sum of its modules' timeouts) fires, beta is `timeout`, gamma re-runs", async () => {
    const { launcher } = launcherFor(JEST_PACK, 'jest', { PACK_CRASH: 'hang' }, [], 1500);
    const outcome = await launcher.prepare(item('w1'), { slot: 1, hold: false }).run(() => undefined);
    const results = byName(outcome);
    expect(outcome).toMatchObject({ diedIn: 'beta', notStarted: ['gamma'] });
    expect(results.get('alpha')!.status).toBe('passed');
    expect(results.get('beta')).toMatchObject({
      status: 'timeout',
      reason:
        "timed out after 4.5 s (the pack's timeout: 3 modules × 1.5 s) in modules/beta/beta.test.js; the process group was killed",
    });
  });

  test("the root module (its own files) packed with a module folder: each file to its module, in the pack's order", async () => {
    const { launcher, workDirs } = launcherFor(JEST_PACK, 'jest');
    const outcome = await launcher
      .prepare(item('w1', ['alpha', '(root)']), { slot: 1, hold: false })
      .run(() => undefined);
    const results = byName(outcome);
    expect(results.get('(root)')).toMatchObject({
      status: 'passed',
      tests: { total: 1 },
      suites: [{ file: 'root.test.js' }],
    });
    expect(results.get('alpha')).toMatchObject({ status: 'passed', tests: { total: 3 } });
    const records = parseReporterLines(readFileSync(join(workDirs[0], 'results.jsonl'), 'utf8'), JEST_PACK);
    expect(records.plannedFiles?.at(-1)).toBe('root.test.js');
  });

  test('a held pack runs nothing until released, then runs every module', async () => {
    const { launcher, workDirs } = launcherFor(JEST_PACK, 'jest');
    const prepared = launcher.prepare(item('w1'), { slot: 1, hold: true });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(() => readFileSync(join(workDirs[0], 'results.jsonl'), 'utf8')).toThrow();
    const outcome = await prepared.run(() => undefined);
    expect(outcome.modules.map(({ name, result }) => `${name}:${result.status}`)).toEqual([
      'alpha:passed',
      'beta:passed',
      'gamma:failed',
    ]);
  });

  test('the slot and its variables reach the test process', async () => {
    const { output } = await runPack(JEST_PACK, 'jest', { env: { PACK_PRINT_SLOT: '1' } });
    expect(output).toContain('slot=2 var=slot-2');
  });
});

describe('itemLauncher under the scheduler', () => {
  test('a crash in a pack loses nothing: the module after the one that died runs again alone and has its result', async () => {
    const { launcher } = launcherFor(JEST_PACK, 'jest', { PACK_CRASH: 'exit' });
    const scheduler = new Scheduler<ModuleResult>({
      items: [item('w1')],
      launcher,
      slots: 1,
      memoryBudgetMB: 100_000,
      unknownRssMB: 1000,
      earlyStart: false,
    });
    const result = await scheduler.run();
    const ran = (name: string) => {
      const outcome = result.modules.get(name)!;
      return outcome.kind === 'ran' ? `${outcome.result.status}@${outcome.result.process}` : outcome.kind;
    };
    expect(NAMES.map(ran)).toEqual(['passed@w1', 'crashed@w1', 'failed@w1/gamma']);
  });
});

describe('itemLauncher: one vitest process runs a pack of modules', () => {
  test('3 modules → 3 results with their own counts, durations and heap, one process', async () => {
    const { outcome, workDirs } = await runPack(VITEST_PACK, 'vitest');
    const results = byName(outcome);
    expect(outcome.notStarted).toEqual([]);
    // vitest's run start lists every file: a death would know which modules had finished.
    const records = parseReporterLines(readFileSync(join(workDirs[0], 'results.jsonl'), 'utf8'), VITEST_PACK);
    expect(records.plannedFiles?.slice().sort()).toEqual([
      'modules/alpha/a1.test.js',
      'modules/alpha/a2.test.js',
      'modules/beta/beta.test.js',
      'modules/gamma/gamma.test.js',
    ]);
    expect(results.get('alpha')).toMatchObject({
      status: 'passed',
      tests: { total: 3, passed: 3 },
      process: 'w1',
      slot: 2,
    });
    expect(results.get('beta')).toMatchObject({ status: 'passed', tests: { total: 1, passed: 1 } });
    expect(results.get('gamma')).toMatchObject({ status: 'failed', tests: { total: 2, failed: 1 } });
    for (const result of results.values()) {
      expect(result.durationMs).toBeGreaterThan(0);
      expect(result.peakHeapMB).not.toBeNull();
    }
  });

  test('a crash in one module keeps the modules whose every file finished, the others run again', async () => {
    const { outcome } = await runPack(VITEST_PACK, 'vitest', { env: { PACK_CRASH: 'exit' } });
    const results = byName(outcome);
    expect(outcome.diedIn).toBe('beta');
    expect(results.get('beta')!.status).toBe('crashed');
    // vitest orders files itself: whatever finished completely is kept, the rest re-runs.
    for (const name of ['alpha', 'gamma']) {
      if (results.has(name)) expect(results.get(name)!.tests.total).toBe(name === 'alpha' ? 3 : 2);
      else expect(outcome.notStarted).toContain(name);
    }
    expect(outcome.modules.length + outcome.notStarted.length).toBe(3);
  });
});

describe("serverLauncher: the slot's long-lived vitest runs a pack of modules", () => {
  test('3 modules → 3 results with their own figures; a second item on the slot reuses the server, its figures its own', async () => {
    const { launcher, workDirs } = launcherFor(VITEST_PACK, 'vitest', {}, [], undefined, 'server');
    try {
      const peaks: Record<string, number>[] = [];
      for (const id of ['w1', 'w2']) {
        const outcome = await launcher.prepare(item(id), { slot: 2, hold: false }).run(() => undefined);
        const results = byName(outcome);
        expect(outcome.notStarted).toEqual([]);
        expect(results.get('alpha')).toMatchObject({
          status: 'passed',
          tests: { total: 3, passed: 3 },
          process: id,
          slot: 2,
        });
        expect(results.get('beta')).toMatchObject({ status: 'passed', tests: { total: 1, passed: 1 } });
        expect(results.get('gamma')).toMatchObject({ status: 'failed', tests: { total: 2, failed: 1 } });
        for (const result of results.values()) expect(result.durationMs).toBeGreaterThan(0);
        // beta holds ~80 MB while it runs.
        expect(results.get('beta')!.peakHeapMB!).toBeGreaterThan(80);
        peaks.push(Object.fromEntries([...results].map(([name, result]) => [name, result.peakHeapMB!])));
      }
      // The second item's figures are its own: the first item's processes, gone before it
      // began, are not in its window (nor is anything the server kept growing).
      for (const name of NAMES) expect(peaks[1][name]).toBeLessThan(peaks[0][name] + 10);
      expect(launcher.longLivedProcesses?.()).toBe(1);
      // Each item's results file is its own.
      const records = parseReporterLines(readFileSync(join(workDirs[1], 'results.jsonl'), 'utf8'), VITEST_PACK);
      expect(records.suites).toHaveLength(4);
    } finally {
      await launcher.close?.();
    }
  });

  test("the server killed mid-pack: the module that ran crashed, the slot's next item starts a new server", async () => {
    const { launcher } = launcherFor(VITEST_PACK, 'vitest', { PACK_CRASH: 'exit' }, [], undefined, 'server');
    try {
      const outcome = await launcher.prepare(item('w1'), { slot: 1, hold: false }).run(() => undefined);
      const results = byName(outcome);
      expect(outcome.diedIn).toBe('beta');
      expect(results.get('beta')!.status).toBe('crashed');
      expect(outcome.modules.length + outcome.notStarted.length).toBe(3);
      const next = await launcher.prepare(item('w2', ['alpha']), { slot: 1, hold: false }).run(() => undefined);
      expect(byName(next).get('alpha')).toMatchObject({ status: 'passed', tests: { total: 3 } });
      expect(launcher.longLivedProcesses?.()).toBe(2);
    } finally {
      await launcher.close?.();
    }
  });
});
