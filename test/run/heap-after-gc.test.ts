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

async function runLeakProject(runner: 'jest' | 'vitest', env: NodeJS.ProcessEnv = {}) {
  const report = join(scratchDir(), 'report.json');
  const result = await runCli(
    ['run', '--all', '--config', `configs/${runner}.yml`, '--report', report, '--history', 'none'],
    {
      cwd: LEAK_PROJECT,
      env: baseEnv(env),
    },
  );
  expect(result.code, result.stdout + result.stderr).toBe(0);
  return readReport(report);
}

/** What must hold whatever the runner: post-GC figures, garbage reads flat, retention climbs and is the only trend. */
function expectTrustworthyFigures(report: ReturnType<typeof readReport>) {
  for (const module of report.modules) {
    expect(
      module.suites.every((suite) => suite.heapAfterGc === true && typeof suite.heapAfterMB === 'number'),
      `${module.name}: every heap after a full GC`,
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

describe('heap after each suite, after a full GC', () => {
  test('jest: garbage reads flat, retained stores climb', async () => {
    expectTrustworthyFigures(await runLeakProject('jest'));
  });

  test.each(['forks', 'threads'])('vitest (%s pool): garbage reads flat, retained stores climb', async (pool) => {
    expectTrustworthyFigures(await runLeakProject('vitest', { LEAK_POOL: pool }));
  });
});
