import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { emptyHistory } from '../../src/history/schema.js';
import { updateHistory, type HistoryModuleInput } from '../../src/history/update.js';
import { replanQueue } from '../../src/run/replan.js';
import { planRunWork } from '../../src/run/work-plan.js';
import { runCli } from '../helpers/cli.js';
import { baseEnv, readReport, scratchDir } from './helpers.js';

const CONFIG = parseConfigText('modules:\n  root: modules\nrunner: jest\n', 'quality-gates.config.yml');

/** A module of one test file, alone in its process: it kept `retainMB` over a 12 MB base, peaking 2 MB above. */
function coldRun(name: string, retainMB: number): HistoryModuleInput {
  return {
    name,
    status: 'passed',
    durationMs: 2000,
    peakHeapMB: 12 + retainMB + 2,
    peakRssMB: 80 + retainMB + 2,
    heapLimitMB: 2096,
    suites: [{ durationMs: 100, heapBeforeMB: 12, heapAfterMB: 12 + retainMB, rssBeforeMB: 72 }],
  };
}

const SMALL = Array.from({ length: 24 }, (_, index) => `s${String(index + 1).padStart(2, '0')}`);

/** History after a cold run: `big` (30 MB kept: the heap budget is its 44 MB peak) and 24 modules keeping 5 MB each alone. */
function secondRun(options: { pack?: boolean } = {}) {
  const dir = scratchDir();
  mkdirSync(join(dir, '.quality-gates'));
  const historyPath = join(dir, '.quality-gates', 'history.json');
  const cold = [coldRun('big', 30), ...SMALL.map((name) => coldRun(name, 5))];
  const history = updateHistory(emptyHistory('0.1.0'), cold, {
    now: new Date('2026-11-30T10:00:00Z'),
    runner: 'jest',
    toolVersion: '0.1.0',
  });
  writeFileSync(historyPath, JSON.stringify(history));
  return planRunWork({
    tasks: cold.map((module) => ({ name: module.name, paths: [`modules/${module.name}`], kind: 'module' })),
    config: CONFIG,
    historyPath,
    slots: 1,
    slotsSource: '--slots 1',
    pack: options.pack ?? true,
    launcherPacks: true,
    memoryBudget: '8GB',
    memoryBudgetSource: '--memory-budget',
    machine: { cores: 2, availableMemoryMB: 16000 },
    earlyStart: false,
  });
}

/**
 * What a pack's process measured: its first module kept `firstMB` from the 12 MB base, each one
 * behind it `behindMB` more.
 */
function packRan(process: string, modules: readonly string[], firstMB: number, behindMB: number): HistoryModuleInput[] {
  let heap = 12;
  return modules.map((name, index) => {
    const before = heap;
    heap += index === 0 ? firstMB : behindMB;
    return {
      name,
      status: 'passed',
      durationMs: index === 0 ? 2000 : 100,
      peakHeapMB: heap + 2,
      peakRssMB: heap + 70,
      heapLimitMB: 2096,
      process,
      startedAt: new Date(Date.parse('2026-11-30T11:00:00Z') + index * 1000).toISOString(),
      baseHeapMB: before,
      suites: [{ durationMs: 100, heapAfterMB: heap, ...(index === 0 ? { heapBeforeMB: 12, rssBeforeMB: 72 } : {}) }],
    };
  });
}

describe('replanQueue: the queue packed again with what the ended processes measured', () => {
  test('a cold run of one-file modules packs as if each loaded the shared heap again; the first pack shows it does not', () => {
    const plan = secondRun();
    // 5 MB each alone under a 44 MB budget: six modules a pack, four packs, and big alone.
    const packs = plan.items.filter((item) => item.modules.length > 1);
    expect(packs.map((item) => item.modules.length)).toEqual([6, 6, 6, 6]);
    const [first, second, ...queued] = packs;
    const usedIds = plan.items.map((item) => item.id);
    // Behind the first module, each kept 0.2 MB: 4.8 MB of the 5 were loaded once per process.
    const ran = packRan(first.id, first.modules, 5, 0.2);
    const replan = replanQueue(plan, ran, [second, ...queued], { after: first.id, usedIds });
    expect(replan).toBeDefined();
    const items = replan!;
    expect(items.map((item) => item.modules.length)).toEqual([18]);
    expect(items.flatMap((item) => item.modules).sort()).toEqual(
      [second, ...queued].flatMap((item) => item.modules).sort(),
    );
    expect(items[0].id).toBe(`w${String(plan.items.length + 1)}`);
    expect(items[0].reason).toMatch(/^packed 18 modules: .* \(re-planned when w\d+ ended\)$/);
    expect(items[0].predictedPeakHeapMB).toBeLessThanOrEqual(44);
  });

  test('modules that really keep their heap behind others (a leak) pack no tighter: the queue stays', () => {
    const plan = secondRun();
    const [first, second, ...queued] = plan.items.filter((item) => item.modules.length > 1);
    const ran = [...packRan(first.id, first.modules, 5, 5), ...packRan(second.id, second.modules, 5, 5)];
    expect(replanQueue(plan, ran, queued, { after: second.id, usedIds: plan.items.map((item) => item.id) })).toBe(
      undefined,
    );
  });

  test('without packing, or with one item queued, there is nothing to re-plan', () => {
    const unpacked = secondRun({ pack: false });
    expect(unpacked.items).toHaveLength(25);
    const [first, ...queued] = unpacked.items;
    expect(
      replanQueue(unpacked, packRan(first.id, first.modules, 5, 0.2), queued, { after: first.id, usedIds: [] }),
    ).toBe(undefined);
    const plan = secondRun();
    const packs = plan.items.filter((item) => item.modules.length > 1);
    expect(
      replanQueue(plan, packRan(packs[0].id, packs[0].modules, 5, 0.2), [packs[1]], {
        after: packs[0].id,
        usedIds: [],
      }),
    ).toBe(undefined);
  });

  test('new ids come after every id in use, re-runs included', () => {
    const plan = secondRun();
    const [first, second, ...queued] = plan.items.filter((item) => item.modules.length > 1);
    const ran = [...packRan(first.id, first.modules, 5, 0.2), ...packRan(second.id, second.modules, 5, 0.2)];
    const replan = replanQueue(plan, ran, queued, { after: second.id, usedIds: ['w1', 'w9/s03', 'w7'] });
    expect(replan!.map((item) => item.id)).toEqual(['w10']);
  });
});

describe('a second run re-plans its queue with real vitest processes', () => {
  const project = fileURLToPath(new URL('../fixtures/run/replan-project', import.meta.url));

  test('the first packs show that the shared table is loaded once per process; the rest runs in fewer processes', async () => {
    const dir = scratchDir();
    const history = join(dir, 'history.json');
    const report = join(dir, 'report.json');
    // Every file read after a full GC, so the figures do not depend on the machine's speed.
    const env = baseEnv({ QUALITY_GATES_GC_SHARE: '1' });
    const run = (slots: string) =>
      runCli(['run', '--all', '--slots', slots, '--history', history, '--report', report], { cwd: project, env });
    const cold = await run('2');
    expect(cold.code, cold.stdout + cold.stderr).toBe(0);
    expect(cold.stdout).not.toMatch(/Re-planned/);
    const second = await run('1');
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const line = /Re-planned when (w\d+) ended: the (\d+) queued modules go in (\d+) process(?:es)?, not (\d+)/.exec(
      second.stdout,
    );
    expect(line, second.stdout).not.toBeNull();
    const [, after, , made, replaced] = line!;
    expect(Number(made)).toBeLessThan(Number(replaced));
    const result = readReport(report);
    // Every module ran once and passed; each names a listed item; the re-planned items say so.
    expect(result.modules.map((module) => `${module.name}:${module.status}`).sort()).toEqual(
      [...Array.from({ length: 20 }, (_, index) => `m${String(index + 1).padStart(2, '0')}`), 'zbig'].map(
        (name) => `${name}:passed`,
      ),
    );
    expect(result.modules.reduce((sum, module) => sum + module.tests.passed, 0)).toBe(21);
    const items = result.schedule!.items;
    const listed = new Set(items.map((item) => item.id));
    for (const module of result.modules) expect(listed.has(String(module.process))).toBe(true);
    const replannedItems = items.filter((item) => item.reason.endsWith(`(re-planned when ${after} ended)`));
    expect(replannedItems).toHaveLength(Number(made));
    expect(items.flatMap((item) => item.modules).sort()).toEqual(result.modules.map((module) => module.name).sort());
  }, 120_000);
});
