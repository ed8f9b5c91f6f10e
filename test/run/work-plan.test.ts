import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { emptyHistory } from '../../src/history/schema.js';
import { updateHistory, type HistoryModuleInput } from '../../src/history/update.js';
import { choosePacking, oneSlotOrder, planRunWork, simulatedWallMs } from '../../src/run/work-plan.js';
import type { WorkItem } from '../../src/run/schedule/work-items.js';
import { scratchDir } from './helpers.js';

const CONFIG = parseConfigText('modules:\n  root: modules\nrunner: jest\n', 'quality-gates.config.yml');

/**
 * A module measured alone in its own jest process: `suites` files, each retaining
 * `retainMB`, its last one needing `transientMB` more while it ran, on a jest that needs
 * 12 MB of heap and 72 MB of RSS before its first file.
 */
function alone(name: string, suites: number, retainMB: number, transientMB = 2): HistoryModuleInput {
  const heaps = Array.from({ length: suites }, (_, index) => 12 + retainMB * (index + 1));
  return {
    name,
    status: 'passed',
    durationMs: 500 + 160 * suites,
    peakHeapMB: heaps.at(-1)! + transientMB,
    peakRssMB: heaps.at(-1)! + transientMB + 106,
    heapLimitMB: 2096,
    suites: heaps.map((heap, index) => ({
      durationMs: 160,
      heapAfterMB: heap,
      ...(index === 0 ? { heapBeforeMB: 12, rssBeforeMB: 72 } : {}),
    })),
  };
}

function plan(
  modules: HistoryModuleInput[],
  earlyStart: boolean,
  machine: { slots?: number; memoryBudget?: string; heapBudget?: string } = {},
) {
  const dir = scratchDir();
  mkdirSync(join(dir, '.quality-gates'));
  const historyPath = join(dir, '.quality-gates', 'history.json');
  const history = updateHistory(emptyHistory('0.1.0'), modules, {
    now: new Date('2026-11-30T10:00:00Z'),
    runner: 'jest',
    toolVersion: '0.1.0',
  });
  writeFileSync(historyPath, JSON.stringify(history));
  return planRunWork({
    tasks: modules.map((module) => ({ name: module.name, paths: [`modules/${module.name}`], kind: 'module' })),
    config: CONFIG,
    historyPath,
    slots: machine.slots ?? 1,
    slotsSource: `--slots ${String(machine.slots ?? 1)}`,
    pack: true,
    launcherPacks: true,
    memoryBudget: machine.memoryBudget ?? '8GB',
    memoryBudgetSource: '--memory-budget',
    machine: { cores: 2, availableMemoryMB: 16000 },
    earlyStart,
    ...(machine.heapBudget !== undefined ? { heapBudget: machine.heapBudget, heapBudgetSource: '--heap-budget' } : {}),
  });
}

/** The bench:batch fixture's shape: one big leaky module, the rest 1–5 files of 60 MB each. */
const LEAKY = [
  alone('m01', 9, 60),
  alone('m02', 5, 60),
  alone('m03', 4, 60),
  alone('m04', 3, 60),
  alone('m05', 3, 60),
].concat([alone('m06', 2, 60), alone('m07', 2, 60), alone('m08', 1, 60), alone('m09', 1, 60)]);

describe('planRunWork: packs that leave room for the next process booted early', () => {
  test('the boot RSS comes from history: jest ready to run its first file', () => {
    expect(plan(LEAKY, true).heldBootRssMB).toBe(72);
  });

  test('with early start, packs stay far enough under the largest module for a held process to wait beside them', () => {
    const roomy = plan(LEAKY, true);
    const largest = Math.max(...roomy.items.map((item) => item.predictedPeakRssMB ?? 0));
    const packs = roomy.items.filter((item) => item.modules.length > 1);
    expect(packs.length).toBeGreaterThan(0);
    for (const pack of packs) expect(pack.predictedPeakRssMB! + 72, pack.reason).toBeLessThanOrEqual(largest);
    expect(packs[0].reason).toMatch(/room for the next process booted early/);
    // …and the largest, with no room beside it, runs last with one slot: nothing is held behind it.
    expect(roomy.scheduled.at(-1)!.modules).toEqual(['m01']);
    // Without early start the packs fill up to the heap budget.
    const full = plan(LEAKY, false);
    expect(full.items.some((item) => item.modules.length > 1 && item.predictedPeakRssMB! + 72 > largest)).toBe(true);
    expect(full.scheduled.map((item) => item.modules[0])).toEqual(
      [...full.scheduled.map((item) => item.modules[0])].sort(),
    );
  });

  test('modules of about one size keep full packs: leaving room would only start more processes', () => {
    // Eight modules that need ~100 MB of heap while they run and keep 10 MB: packed by the heap
    // budget; packs leaving room for a held process beside them would leave no pack at all.
    const even = [alone('e0', 2, 5, 100), ...Array.from({ length: 7 }, (_, index) => alone(`e${index + 1}`, 2, 5, 80))];
    const result = plan(even, true);
    expect(result.items.some((item) => item.modules.length > 1)).toBe(true);
    expect(result.items.every((item) => !item.reason.includes('room for the next process'))).toBe(true);
  });
});

describe('oneSlotOrder', () => {
  const item = (id: string, rss: number | null): WorkItem => ({
    id,
    modules: [id],
    predictedPeakHeapMB: null,
    predictedPeakRssMB: rss,
    predictedDurationMs: null,
    suiteCount: null,
    reason: '',
  });

  test('by first module name; items with no room for a held process beside them go last', () => {
    const items = [item('d', 600), item('a', 700), item('c', 300), item('b', null)];
    expect(oneSlotOrder(items, 150).map((entry) => entry.id)).toEqual(['b', 'c', 'a', 'd']);
    expect(oneSlotOrder(items, 0).map((entry) => entry.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('planRunWork: two slots under a memory budget that holds one big pack', () => {
  // The loop's promise: never more memory at once than the biggest module alone (m01, ~720 MB).
  const budget = '800MB';

  test('packs small enough to run side by side, so the second slot is not idle', () => {
    const sideBySide = plan(LEAKY, false, { slots: 2, memoryBudget: budget });
    const packs = sideBySide.items.filter((item) => item.modules.length > 1);
    expect(packs.length).toBeGreaterThan(0);
    for (const pack of packs) expect(pack.predictedPeakRssMB!).toBeLessThanOrEqual(400);
    expect(packs[0].reason).toMatch(/2 side by side within the 763 MB memory budget/);
    // With memory for two of the biggest, nothing changes: full packs.
    const roomy = plan(LEAKY, false, { slots: 2 });
    expect(roomy.items.some((item) => item.modules.length > 1 && item.predictedPeakRssMB! > 400)).toBe(true);
    expect(roomy.items.every((item) => !item.reason.includes('side by side'))).toBe(true);
  });
});

describe('planRunWork: packs that fill the slots', () => {
  test('a looser duration bound when the exact one leaves a pack over, to run after another while a slot idles', () => {
    // Seven equal modules: 660 ms alone, 500 of it start-up. The exact bound (the work over two
    // slots plus one start-up, 1060 ms) takes 3 a pack: packs of 3, 3 and 1, and the last runs
    // after one of the others (1640 ms). 10 % looser takes 4: 4 and 3 end together (1140 ms).
    const seven = Array.from({ length: 7 }, (_, index) => alone(`s${String(index + 1)}`, 1, 1));
    const planned = plan(seven, false, { slots: 2, heapBudget: '1GB' });
    expect(planned.items.map((item) => item.modules.length)).toEqual([4, 3]);
    expect(planned.items[0].reason).toMatch(/duration bound 1\.2 s/);
    expect(simulatedWallMs(planned.items, 2, Number.POSITIVE_INFINITY)).toBe(1140);
    // One slot has no duration bound: one pack.
    expect(plan(seven, false, { slots: 1, heapBudget: '1GB' }).items.map((item) => item.modules.length)).toEqual([7]);
  });

  test('a re-plan while a slot is still busy: the free slot takes the bigger share', () => {
    // Ten equal modules (660 ms alone, 160 behind another: a pack of 5 is predicted at 1100 ms),
    // slot 1 busy for 1.5 s more. Split evenly, the busy slot's pack ends at 2600 ms; the free
    // slot should take more of them.
    const ten = Array.from({ length: 10 }, (_, index) => alone(`s${String(index + 1)}`, 1, 1));
    const planned = plan(ten, false, { slots: 2, heapBudget: '1GB' });
    const { options, room } = planned.packing!;
    const candidates = ten.map(({ name }) => ({ name }));
    const busy = [{ endsAt: 1500, rssMB: 100 }];
    const even = choosePacking(candidates, planned.estimates, options, room);
    expect(even.items.map((item) => item.modules.length)).toEqual([5, 5]);
    expect(simulatedWallMs(even.items, 2, Number.POSITIVE_INFINITY, busy)).toBe(2600);
    const shifted = choosePacking(candidates, planned.estimates, options, room, busy);
    // Here all ten in one pack on the free slot (2100 ms) beats any split.
    expect(shifted.items.map((item) => item.modules.length)).toEqual([10]);
    expect(simulatedWallMs(shifted.items, 2, Number.POSITIVE_INFINITY, busy)).toBe(2100);
  });
});

describe('simulatedWallMs', () => {
  const item = (id: string, ms: number, rss: number) =>
    ({ id, modules: [id], predictedDurationMs: ms, predictedPeakRssMB: rss, suiteCount: 1 }) as WorkItem;

  test('longest first onto free slots, each start within the memory budget', () => {
    const items = [item('a', 4000, 300), item('b', 3000, 300), item('c', 1000, 300)];
    expect(simulatedWallMs(items, 2, 1000)).toBe(4000);
    // Room for one at a time: one after another.
    expect(simulatedWallMs(items, 2, 500)).toBe(8000);
    // One bigger than the budget still runs (alone).
    expect(simulatedWallMs([item('big', 2000, 900), item('c', 1000, 300)], 2, 800)).toBe(3000);
  });

  test('a slot still busy takes items only when its item ends', () => {
    const items = [item('a', 4000, 300), item('b', 3000, 300)];
    // Slot 1 busy for 2 s: a goes to slot 2 at once, b to slot 1 at 2 s.
    expect(simulatedWallMs(items, 2, 1000, [{ endsAt: 2000, rssMB: 300 }])).toBe(5000);
    // Both busy: a at 1 s, b at 2 s.
    expect(
      simulatedWallMs(items, 2, 1000, [
        { endsAt: 1000, rssMB: 300 },
        { endsAt: 2000, rssMB: 300 },
      ]),
    ).toBe(5000);
  });
});
