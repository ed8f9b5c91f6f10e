import { describe, expect, test } from 'vitest';
import { estimates } from '../../../src/history/estimates.js';
import { emptyHistory, type History } from '../../../src/history/schema.js';
import { updateHistory, type HistoryModuleInput } from '../../../src/history/update.js';
import { Scheduler } from '../../../src/run/schedule/scheduler.js';
import { unknownItemRssMB } from '../../../src/run/schedule/slots.js';
import { aloneItem, planWorkItems } from '../../../src/run/schedule/work-items.js';
import type { ItemOutcome, Launcher, PreparedItem } from '../../../src/run/schedule/launcher.js';
import type { WorkItem } from '../../../src/run/schedule/work-items.js';

/** Figures of the fixture's modules when they run alone: 1 s start-up, 3 suites of 500 ms, 20 MB retained a suite. */
function measured(name: string, process: string, position: number): HistoryModuleInput {
  const base = position * 60;
  return {
    name,
    status: 'passed',
    durationMs: (position === 0 ? 1000 : 0) + 1500,
    peakHeapMB: 250 + base,
    peakRssMB: 350 + base,
    heapLimitMB: 2096,
    process,
    suites: [0, 1, 2].map((i) => ({ durationMs: 500, heapAfterMB: 100 + base + 20 * (i + 1) })),
  };
}

/** A launcher that "runs" each item at once, in process order, reporting the fixture's figures. */
class InstantLauncher implements Launcher<HistoryModuleInput> {
  readonly started: WorkItem[] = [];
  prepare(item: WorkItem): PreparedItem<HistoryModuleInput> {
    this.started.push(item);
    return {
      run: async (): Promise<ItemOutcome<HistoryModuleInput>> => ({
        modules: item.modules.map((name, position) => ({ name, result: measured(name, item.id, position) })),
        notStarted: [],
      }),
      discard: async () => undefined,
      currentRssMB: () => null,
    };
  }
}

async function runOnce(history: History, modules: string[], day: number) {
  const known = estimates(history, { runner: 'jest' });
  const plan = planWorkItems(
    modules.map((name) => ({ name, suiteCount: 3 })),
    known,
    { pack: true, slots: 1 },
  );
  const launcher = new InstantLauncher();
  const scheduler = new Scheduler<HistoryModuleInput>({
    items: plan.items,
    launcher,
    slots: 1,
    memoryBudgetMB: 4000,
    unknownRssMB: unknownItemRssMB(plan.items, 4000, 1),
    earlyStart: false,
    rerunItem: (module, parent) =>
      aloneItem(module, known.get(module), { id: `${parent.id}/${module}`, reason: 're-run alone' }),
  });
  const result = await scheduler.run();
  const ran = [...result.modules.values()].flatMap((outcome) => (outcome.kind === 'ran' ? [outcome.result] : []));
  const next = updateHistory(history, ran, {
    now: new Date(Date.UTC(2026, 10, 1 + day)),
    runner: 'jest',
    toolVersion: '0.1.0',
  });
  return { plan, started: launcher.started, next };
}

describe('history → work items → scheduler → history', () => {
  test('the first run runs every module alone; the second packs only within the heap budget; a pack records figures that still estimate each module alone', async () => {
    const modules = ['billing', 'orders', 'users'];
    const first = await runOnce(emptyHistory('0.1.0'), modules, 0);
    expect(first.started.map((item) => item.modules)).toEqual([['billing'], ['orders'], ['users']]);
    expect(first.started.every((item) => item.reason === 'alone: no history yet')).toBe(true);

    const second = await runOnce(first.next, modules, 1);
    // Alone each peaks at 250 MB and leaves 60 MB behind: any two together would need 310 MB,
    // more than the biggest module needed alone (the default budget), so each still runs alone.
    expect(second.plan.heapBudgetMB).toBe(250);
    expect(second.started.map((item) => item.reason)).toEqual(
      Array(3).fill('alone: no other module fits beside it within the 250 MB heap budget'),
    );

    // With a budget of 400 MB the three fit one process: 250 + 2 × 60 = 370.
    const known = estimates(second.next);
    const packed = planWorkItems(
      modules.map((name) => ({ name })),
      known,
      { pack: true, slots: 1, heapBudgetMB: 400 },
    );
    expect(packed.items).toHaveLength(1);
    expect(packed.items[0]).toMatchObject({
      modules: ['billing', 'orders', 'users'],
      predictedPeakHeapMB: 370,
      predictedDurationMs: 2500 * 3 - 2 * 1000,
    });

    // The pack's own figures, recorded, still estimate each module as if alone.
    const third = await (async () => {
      const launcher = new InstantLauncher();
      const scheduler = new Scheduler<HistoryModuleInput>({
        items: packed.items,
        launcher,
        slots: 1,
        memoryBudgetMB: 4000,
        unknownRssMB: 500,
        earlyStart: false,
      });
      const result = await scheduler.run();
      const ran = [...result.modules.values()].flatMap((outcome) => (outcome.kind === 'ran' ? [outcome.result] : []));
      return updateHistory(second.next, ran, {
        now: new Date(Date.UTC(2026, 10, 3)),
        runner: 'jest',
        toolVersion: '0.1.0',
      });
    })();
    const users = estimates(third).get('users')!;
    expect(users.peakHeapMB).toBe(250);
    expect(users.durationMs).toBe(2500);
    expect(third.modules.users.at(-1)!.process).toEqual({ modules: 3, position: 2, slots: 1, inheritedHeapMB: 120 });
  });
});
