import { describe, expect, test } from 'vitest';
import type { ModuleEstimate } from '../../../src/history/estimates.js';
import { orderItems } from '../../../src/run/schedule/order.js';
import {
  defaultHeapBudgetMB,
  durationBound,
  packOrder,
  planWorkItems,
  predictedPackPeak,
  type PackingOptions,
  type WorkItem,
} from '../../../src/run/schedule/work-items.js';

function estimate(name: string, figures: Partial<ModuleEstimate> = {}): ModuleEstimate {
  return {
    name,
    runs: 3,
    lastStatus: 'passed',
    durationMs: 2000,
    startupMs: 1000,
    suiteCount: 3,
    peakHeapMB: 200,
    retainedHeapMB: 20,
    peakRssMB: 300,
    heapLimitMB: 2096,
    bootRssMB: null,
    ...figures,
  };
}

function table(...list: ModuleEstimate[]): Map<string, ModuleEstimate> {
  return new Map(list.map((entry) => [entry.name, entry]));
}

const ONE_SLOT: PackingOptions = { pack: true, slots: 1 };

function names(items: readonly WorkItem[]): string[][] {
  return items.map((item) => item.modules);
}

describe('planWorkItems: who runs alone', () => {
  const history = table(
    estimate('big', { peakHeapMB: 600 }),
    estimate('crashed', { lastStatus: 'crashed' }),
    estimate('failed', { lastStatus: 'failed' }),
    estimate('slow-timeout', { lastStatus: 'timeout' }),
    estimate('legacy-a'),
    estimate('small-a'),
    estimate('small-b'),
    estimate('no-heap', { peakHeapMB: null }),
  );
  const candidates = [
    'big',
    'crashed',
    'failed',
    'slow-timeout',
    'legacy-a',
    'small-a',
    'small-b',
    'no-heap',
    'new-module',
  ].map((name) => ({ name }));

  test('unknown, failed, crashed, timed out, isolated and heap-less modules run alone, the others are packed', () => {
    const plan = planWorkItems(candidates, history, { ...ONE_SLOT, isolate: ['legacy-*'] });
    const reasonOf = (name: string) => plan.items.find((item) => item.modules.includes(name))!.reason;
    expect(reasonOf('new-module')).toBe('alone: no history yet');
    expect(reasonOf('crashed')).toBe('alone: it crashed last time');
    expect(reasonOf('failed')).toBe('alone: it failed last time');
    expect(reasonOf('slow-timeout')).toBe('alone: it timed out last time');
    expect(reasonOf('legacy-a')).toBe('alone: matches isolate glob "legacy-*"');
    expect(reasonOf('no-heap')).toBe('alone: its history has no heap figures');
    const pack = plan.items.find((item) => item.modules.includes('small-a'))!;
    expect(pack.modules).toEqual(['big', 'small-a', 'small-b']);
    expect(pack.reason).toBe('packed 3 modules: predicted peak heap 600 MB within the 600 MB budget, 4.0 s');
    expect(plan.items).toHaveLength(7);
  });

  test('pack: false runs every module alone', () => {
    const plan = planWorkItems(candidates, history, { pack: false, slots: 1 });
    expect(plan.items).toHaveLength(candidates.length);
    expect(
      plan.items.every((item) => item.modules.length === 1 && item.reason === 'alone: packing is off (pack: false)'),
    ).toBe(true);
  });

  test('a module without history is ranked by its test file count', () => {
    const plan = planWorkItems([{ name: 'new-module', suiteCount: 7 }], new Map(), ONE_SLOT);
    expect(plan.items).toEqual([
      {
        id: 'w1',
        modules: ['new-module'],
        predictedPeakHeapMB: null,
        predictedPeakRssMB: null,
        predictedDurationMs: null,
        suiteCount: 7,
        reason: 'alone: no history yet',
      },
    ]);
    expect(plan.heapBudgetMB).toBeNull();
  });
});

describe('planWorkItems: the heap budget', () => {
  test('by default no pack needs more than the biggest single module did alone', () => {
    const history = table(
      estimate('a', { peakHeapMB: 500, retainedHeapMB: 10 }),
      estimate('b', { peakHeapMB: 300, retainedHeapMB: 10 }),
      estimate('c', { peakHeapMB: 300, retainedHeapMB: 10 }),
      estimate('d', { peakHeapMB: 250, retainedHeapMB: 10 }),
    );
    const plan = planWorkItems(
      ['a', 'b', 'c', 'd'].map((name) => ({ name })),
      history,
      ONE_SLOT,
    );
    expect(plan.heapBudgetMB).toBe(500);
    expect(plan.items.length).toBe(1);
    // a first: it leaves 10 MB, and 10 + 10 + 10 + 300 stays under its own 500.
    expect(plan.items[0].modules).toEqual(['a', 'b', 'c', 'd']);
    expect(plan.items[0].predictedPeakHeapMB).toBe(500);
  });

  test('leaky modules add up: two that each retain most of their peak are not packed together', () => {
    const leaky = table(
      estimate('biggest', { peakHeapMB: 500, retainedHeapMB: 20 }),
      estimate('leak-1', { peakHeapMB: 300, retainedHeapMB: 250 }),
      estimate('leak-2', { peakHeapMB: 300, retainedHeapMB: 250 }),
    );
    const plan = planWorkItems(
      ['leak-1', 'leak-2'].map((name) => ({ name })),
      leaky,
      ONE_SLOT,
    );
    expect(names(plan.items)).toEqual([['leak-1'], ['leak-2']]);
    const tidy = table(
      estimate('biggest', { peakHeapMB: 500, retainedHeapMB: 20 }),
      estimate('tidy-1', { peakHeapMB: 300, retainedHeapMB: 5 }),
      estimate('tidy-2', { peakHeapMB: 300, retainedHeapMB: 5 }),
    );
    expect(
      names(
        planWorkItems(
          ['tidy-1', 'tidy-2'].map((name) => ({ name })),
          tidy,
          ONE_SLOT,
        ).items,
      ),
    ).toEqual([['tidy-1', 'tidy-2']]);
  });

  test('every pack stays within the budget, many modules or few', () => {
    const list = Array.from({ length: 40 }, (_, i) =>
      estimate(`m${String(i).padStart(2, '0')}`, {
        peakHeapMB: 100 + ((i * 37) % 300),
        retainedHeapMB: (i * 53) % 90,
        durationMs: 500 + ((i * 211) % 4000),
      }),
    );
    const plan = planWorkItems(
      list.map(({ name }) => ({ name })),
      table(...list),
      ONE_SLOT,
    );
    expect(plan.heapBudgetMB).toBe(Math.max(...list.map((entry) => entry.peakHeapMB!)));
    for (const item of plan.items) expect(item.predictedPeakHeapMB!).toBeLessThanOrEqual(plan.heapBudgetMB!);
    expect(plan.items.length).toBeLessThan(list.length);
    expect(plan.items.flatMap((item) => item.modules).sort()).toEqual(list.map(({ name }) => name));
  });

  test('the default budget never passes 70% of the heap limit, and a crashed module peak does not raise it', () => {
    const history = table(
      estimate('huge', { peakHeapMB: 1800 }),
      estimate('oom', { peakHeapMB: 2000, lastStatus: 'crashed' }),
      estimate('small', { peakHeapMB: 100 }),
    );
    expect(defaultHeapBudgetMB(history, 2000)).toBe(1400);
    expect(
      defaultHeapBudgetMB(
        table(estimate('oom', { peakHeapMB: 2000, lastStatus: 'crashed' }), estimate('small', { peakHeapMB: 100 })),
        2000,
      ),
    ).toBe(100);
    expect(defaultHeapBudgetMB(history, null)).toBe(1800);
    // huge alone already passes 1400 MB: it runs alone and nothing joins it.
    const plan = planWorkItems([{ name: 'huge' }, { name: 'small' }], history, ONE_SLOT);
    expect(plan.items.find((item) => item.modules.includes('huge'))!.modules).toEqual(['huge']);
  });

  test('an explicit budget wins', () => {
    const history = table(
      estimate('a', { peakHeapMB: 300, retainedHeapMB: 0 }),
      estimate('b', { peakHeapMB: 300, retainedHeapMB: 0 }),
    );
    expect(
      names(planWorkItems([{ name: 'a' }, { name: 'b' }], history, { ...ONE_SLOT, heapBudgetMB: 299 }).items),
    ).toEqual([['a'], ['b']]);
  });
});

describe('packOrder', () => {
  test('puts a big module whose peak dwarfs what it retains first, where ordering by retained heap would not', () => {
    const small = { name: 'small', peakHeapMB: 200, retainedHeapMB: 20 };
    const big = { name: 'big', peakHeapMB: 1000, retainedHeapMB: 100 };
    const peak = (order: (typeof small)[]) =>
      predictedPackPeak(order.map((m) => ({ peak: m.peakHeapMB, retainedHeapMB: m.retainedHeapMB })));
    expect(packOrder([small, big]).map((m) => m.name)).toEqual(['big', 'small']);
    expect(peak(packOrder([small, big]))).toBe(1000);
    expect(peak([small, big])).toBe(1020); // smallest retained first
  });

  test('gives the lowest possible predicted peak (checked against every order of random packs)', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const members = Array.from({ length: 2 + (round % 5) }, (_, i) => {
        const peakHeapMB = Math.round(50 + random() * 950);
        return { name: `m${i}`, peakHeapMB, retainedHeapMB: Math.round(random() * peakHeapMB) };
      });
      const peakOf = (order: typeof members) =>
        predictedPackPeak(order.map((m) => ({ peak: m.peakHeapMB, retainedHeapMB: m.retainedHeapMB })));
      const best = Math.min(...permutations(members).map(peakOf));
      expect(peakOf(packOrder(members))).toBe(best);
    }
  });
});

describe('planWorkItems: durations and slots', () => {
  const list = Array.from({ length: 8 }, (_, i) =>
    estimate(`m${i}`, { durationMs: 3000, startupMs: 1000, peakHeapMB: 100, retainedHeapMB: 0 }),
  );
  const candidates = list.map(({ name }) => ({ name }));

  test('with one slot, one pack: each module behind the first saves its start-up', () => {
    const plan = planWorkItems(candidates, table(...list, estimate('biggest', { peakHeapMB: 900 })), ONE_SLOT);
    expect(plan.durationBoundMs).toBeNull();
    expect(plan.items).toHaveLength(1);
    expect(plan.items[0].predictedDurationMs).toBe(8 * 3000 - 7 * 1000);
    expect(plan.items[0].suiteCount).toBe(24);
  });

  test('with slots, no pack is predicted longer than the work split over the slots or the longest module', () => {
    const history = table(...list, estimate('biggest', { peakHeapMB: 900 }));
    // 8 × (3000 − 1000) of work over 2 slots, plus one start-up each.
    expect(durationBound(candidates, history, 2)).toBe(9_000);
    const plan = planWorkItems(candidates, history, { pack: true, slots: 2 });
    // Two packs of four, one per slot, that end together.
    expect(plan.items.map((item) => [item.modules.length, item.predictedDurationMs])).toEqual([
      [4, 9_000],
      [4, 9_000],
    ]);
    const long = table(estimate('long', { durationMs: 30_000, peakHeapMB: 100, retainedHeapMB: 0 }), ...list);
    expect(durationBound([{ name: 'long' }, ...candidates], long, 4)).toBe(30_000);
  });

  test('is deterministic: the same modules in any order give the same items', () => {
    const mixed = [
      ...list,
      estimate('odd', { durationMs: 2500, retainedHeapMB: 30 }),
      estimate('twin', { durationMs: 2500, retainedHeapMB: 30 }),
    ];
    const history = table(...mixed, estimate('biggest', { peakHeapMB: 350 }));
    const forward = planWorkItems(
      mixed.map(({ name }) => ({ name })),
      history,
      { pack: true, slots: 3 },
    );
    const backward = planWorkItems(
      [...mixed].reverse().map(({ name }) => ({ name })),
      history,
      { pack: true, slots: 3 },
    );
    expect(backward).toEqual(forward);
    expect(forward.items.map((item) => item.id)).toEqual(forward.items.map((_, i) => `w${i + 1}`));
  });
});

describe('orderItems', () => {
  const item = (id: string, predictedDurationMs: number | null, suiteCount: number | null): WorkItem => ({
    id,
    modules: [id],
    predictedPeakHeapMB: null,
    predictedPeakRssMB: null,
    predictedDurationMs,
    suiteCount,
    reason: '',
  });

  test('longest first; without a prediction by suite count at the median time per suite', () => {
    const ordered = orderItems([
      item('short', 1000, 2),
      item('long', 9000, 3),
      item('new-big', null, 10),
      item('new-small', null, 1),
      item('mid', 4000, 4),
    ]);
    // 1000 ms a suite (median of 500, 3000, 1000): new-big ≈ 10 s, new-small ≈ 1 s.
    expect(ordered.map((entry) => entry.id)).toEqual(['new-big', 'long', 'mid', 'short', 'new-small']);
  });

  test('with nothing known, by suite count, then by name; an item with no count at all first', () => {
    const ordered = orderItems([item('b', null, 3), item('a', null, 3), item('c', null, 9), item('z', null, null)]);
    expect(ordered.map((entry) => entry.id)).toEqual(['z', 'c', 'a', 'b']);
  });
});

function permutations<T>(list: readonly T[]): T[][] {
  if (list.length <= 1) return [[...list]];
  return list.flatMap((head, index) =>
    permutations([...list.slice(0, index), ...list.slice(index + 1)]).map((rest) => [head, ...rest]),
  );
}

describe('planWorkItems: an explicit heap budget', () => {
  test('packs up to it, but never past the safe share of the heap limit', () => {
    const small = table(
      ...Array.from({ length: 6 }, (_, index) =>
        estimate(`s${index}`, { peakHeapMB: 25, retainedHeapMB: 5, heapLimitMB: 200 }),
      ),
    );
    const candidates = [...small.keys()].map((name) => ({ name }));
    // Default: the biggest module alone (25 MB) leaves no room beside any module.
    expect(planWorkItems(candidates, small, ONE_SLOT).items).toHaveLength(6);
    // 100 MB: 25 + 5 × 5 = 50 fits all six in one.
    expect(planWorkItems(candidates, small, { ...ONE_SLOT, heapBudgetMB: 100 }).items).toHaveLength(1);
    // 1 GB asked, but 70 % of the 200 MB heap limit is 140 MB: still one pack, budget 140.
    const capped = planWorkItems(candidates, small, { ...ONE_SLOT, heapBudgetMB: 1024 });
    expect(capped.heapBudgetMB).toBe(140);
    const tight = table(
      ...Array.from({ length: 6 }, (_, index) =>
        estimate(`t${index}`, { peakHeapMB: 60, retainedHeapMB: 40, heapLimitMB: 200 }),
      ),
    );
    // 60 + 40 × 2 = 140: three to a pack under the cap, not six under the 1 GB asked for.
    expect(
      planWorkItems(
        [...tight.keys()].map((name) => ({ name })),
        tight,
        { ...ONE_SLOT, heapBudgetMB: 1024 },
      ).items.map((item) => item.modules.length),
    ).toEqual([3, 3]);
  });
});
