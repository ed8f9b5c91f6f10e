import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { detectHeapTrend } from '../../src/report/heap-trend.js';
import type { ModuleResult } from '../../src/report/schema.js';
import { runCli } from '../helpers/cli.js';
import { baseEnv, moduleNamed, readReport, scratchDir } from './helpers.js';

/** Modules that retain ~10 MB per file (retains), churn ~60 MB of garbage per file (churns), leak test after test in one file (in-file). */
const LEAK_PROJECT = fileURLToPath(new URL('../fixtures/run/leak-project', import.meta.url));

function heapSeries(module: ModuleResult): number[] {
  return module.suites.map((suite) => suite.heapAfterMB!);
}

async function runLeakProject(
  runner: 'jest' | 'vitest',
  env: NodeJS.ProcessEnv = {},
  config = `configs/${runner}.yml`,
) {
  const report = join(scratchDir(), 'report.json');
  const result = await runCli(['run', '--all', '--config', config, '--report', report, '--history', 'none'], {
    cwd: LEAK_PROJECT,
    env: baseEnv(env),
  });
  expect(result.code, result.stdout + result.stderr).toBe(0);
  return readReport(report);
}

/** What must hold whatever the runner: post-GC figures, garbage reads flat, retention climbs and is the only trend. */
function expectTrustworthyFigures(report: ReturnType<typeof readReport>) {
  for (const module of report.modules) {
    expect(
      module.suites.every((suite) => suite.heapAfterGc === true && typeof suite.heapAfterMB === 'number'),
      `${module.name}: every heap after a full GC: ${JSON.stringify(module.suites.map((suite) => [suite.heapAfterMB, suite.heapAfterGc]))}`,
    ).toBe(true);
  }
  // The base of retention: every process's heap before its first file, after a full GC
  // (--history none: every module is its own process).
  for (const module of report.modules) {
    const [first] = module.suites;
    expect(first.heapBeforeMB, `${module.name}: heap before its first file`).toBeGreaterThan(0);
    expect(first.heapBeforeMB!).toBeLessThanOrEqual(first.heapAfterMB! + 1);
  }
  // retains keeps ~10 MB per file: the first file's share is seen against that base too.
  const firstRetains = moduleNamed(report, 'retains').suites[0];
  expect(firstRetains.heapAfterMB! - firstRetains.heapBeforeMB!).toBeGreaterThan(5);
  const churns = heapSeries(moduleNamed(report, 'churns'));
  expect(churns).toHaveLength(6);
  // 60 MB of garbage per file, none of it kept: within a few MB of flat (the module cache settles).
  expect(Math.max(...churns) - Math.min(...churns)).toBeLessThan(3);
  expect(detectHeapTrend(churns)).toBeUndefined();
  const retains = heapSeries(moduleNamed(report, 'retains'));
  expect(retains).toHaveLength(6);
  for (let i = 1; i < retains.length; i++)
    expect(retains[i] - retains[i - 1], `step ${i} of ${retains.join(', ')}`).toBeGreaterThan(5);
  expect(detectHeapTrend(retains)).toBeDefined();
}

// QUALITY_GATES_GC_SHARE=1: a reading after every file, whatever it costs (by default a
// file's GC is skipped once the process's GCs would take more than 5 % of its time; these
// fixtures are quick enough that the start-up's credit covers them, but a loaded machine
// must not change what these tests see).
const EVERY_FILE = { QUALITY_GATES_GC_SHARE: '1' };

describe('heap after each suite, after a full GC', () => {
  test('jest: garbage reads flat, retained stores climb', async () => {
    expectTrustworthyFigures(await runLeakProject('jest', EVERY_FILE));
  });

  test.each(['forks', 'threads'])('vitest (%s pool): garbage reads flat, retained stores climb', async (pool) => {
    expectTrustworthyFigures(await runLeakProject('vitest', { ...EVERY_FILE, LEAK_POOL: pool }));
  });
});

/**
 * sampled/heavy: its first file parks ~75 MB of small objects, so each later GC costs tens of
 * ms, and its 19 later files take a few ms each and keep nothing. Forcing a GC after every
 * one would be most of the module's time: by default only some are read (after the climb
 * of the first file, the next one, then as the share allows), every figure is post-GC. A
 * module whose heap climbs file after file is read after every file (the leak fixtures).
 */
describe('the GC after a file is skipped when it would cost too much', () => {
  const heavy = (report: ReturnType<typeof readReport>) => moduleNamed(report, 'heavy');

  // A share of 1 %, not the default 5 %: how much start-up credit a process has depends on
  // the machine's load; at 1 % even a slow start-up leaves room for no more than a few GCs.
  test.each([['jest'], ['vitest']] as const)(
    '%s: some files unread, the rest post-GC, the last one always read',
    async (runner) => {
      const module = heavy(
        await runLeakProject(runner, { QUALITY_GATES_GC_SHARE: '0.01' }, `configs/sampled-${runner}.yml`),
      );
      expect(module.status).toBe('passed');
      expect(module.suites).toHaveLength(20);
      const read = module.suites.filter((suite) => suite.heapAfterMB !== undefined);
      expect(read.length, 'files read').toBeLessThan(15);
      expect(read.every((suite) => suite.heapAfterGc === true)).toBe(true);
      expect(module.suites.at(-1)!.heapAfterMB, 'the last file').toBeGreaterThan(70);
      expect(module.suites[0].heapBeforeMB, 'the base').toBeGreaterThan(0);
      // The parts the readings leave out are not guessed in the report…
      expect(module.suites.some((suite) => suite.heapAfterMB === undefined && suite.heapAfterGc !== undefined)).toBe(
        false,
      );
    },
  );

  // One slot, --history none: a-light, then heavy, each an item of the slot's long-lived vitest.
  // Its pool's environment is fixed at the first item: heavy's worker counted its files from
  // a-light's plan (one file), took every file for the last one and read them all.
  test('vitest: the second item of a long-lived vitest counts its own files', async () => {
    const report = await runLeakProject('vitest', { QUALITY_GATES_GC_SHARE: '0.01' }, 'configs/sampled-vitest.yml');
    expect(moduleNamed(report, 'a-light').status).toBe('passed');
    const read = heavy(report).suites.filter((suite) => suite.heapAfterMB !== undefined);
    expect(read.length, 'files read').toBeLessThan(15);
  });

  test('QUALITY_GATES_GC_SHARE=1 reads every file of the same module', async () => {
    const module = heavy(await runLeakProject('jest', EVERY_FILE, 'configs/sampled-jest.yml'));
    expect(module.suites.every((suite) => suite.heapAfterGc === true)).toBe(true);
  });
});
