import { describe, expect, test } from 'vitest';
import { estimates } from '../../src/history/estimates.js';
import { emptyHistory, type History } from '../../src/history/schema.js';
import { filledHeaps, retainedHeap, updateHistory, type HistoryModuleInput } from '../../src/history/update.js';
import type { ModuleResult } from '../../src/report/schema.js';

const DAY = 24 * 60 * 60 * 1000;
const START = new Date('2026-11-01T08:00:00.000Z');

function run(name: string, figures: Partial<HistoryModuleInput> = {}): HistoryModuleInput {
  return {
    name,
    status: 'passed',
    durationMs: 3000,
    peakHeapMB: 300,
    peakRssMB: 400,
    heapLimitMB: 2096,
    suites: [
      { durationMs: 1000, heapAfterMB: 200 },
      { durationMs: 1000, heapAfterMB: 250 },
    ],
    ...figures,
  };
}

function record(
  history: History,
  modules: HistoryModuleInput[],
  day: number,
  options: { window?: number; slots?: number } = {},
): History {
  return updateHistory(history, modules, {
    now: new Date(START.getTime() + day * DAY),
    runner: 'jest',
    toolVersion: '0.1.0',
    ...options,
  });
}

/** A pack of two: `sub` first (a process base of 20 MB, 25 MB after it), then `add` with `addFigures`. */
function subThenAdd(addFigures: Partial<HistoryModuleInput>): HistoryModuleInput[] {
  return [
    run('sub', {
      process: 'w1',
      startedAt: '2026-11-02T08:00:00.000Z',
      suites: [{ durationMs: 100, heapBeforeMB: 20, heapAfterMB: 25 }],
    }),
    run('add', { process: 'w1', startedAt: '2026-11-02T08:00:01.000Z', ...addFigures }),
  ];
}

describe('updateHistory', () => {
  test('accepts report module results as they are', () => {
    const result: ModuleResult = {
      name: 'billing',
      status: 'failed',
      paths: ['testing/backend/integration/billing'],
      tests: { total: 1, passed: 0, failed: 1, skipped: 0, todo: 0 },
      suites: [
        {
          file: 'a.test.ts',
          status: 'failed',
          durationMs: 10,
          tests: { passed: 0, failed: 1, skipped: 0, todo: 0 },
          failures: [],
          heapAfterMB: 90,
        },
      ],
      durationMs: 900,
      startedAt: START.toISOString(),
      peakHeapMB: 95,
      heapLimitMB: 2096,
      peakRssMB: 180,
      exitCode: 1,
      signal: null,
    };
    const history = record(emptyHistory('0.1.0'), [result], 0);
    expect(history.modules.billing).toEqual([
      {
        recordedAt: START.toISOString(),
        runner: 'jest',
        status: 'failed',
        durationMs: 900,
        startupMs: 890,
        suiteCount: 1,
        peakHeapMB: 95,
        retainedHeapMB: null,
        peakRssMB: 180,
        heapLimitMB: 2096,
        process: { modules: 1, position: 0, slots: 1, inheritedHeapMB: 0 },
      },
    ]);
  });

  test('keeps the newest runs of each module within the window, and does not change its input', () => {
    let history = emptyHistory('0.1.0');
    for (let day = 0; day < 5; day++)
      history = record(history, [run('billing', { durationMs: 1000 + day })], day, { window: 3 });
    const before = structuredClone(history);
    const next = record(history, [run('billing', { durationMs: 2000 })], 5, { window: 3 });
    expect(next.modules.billing.map((entry) => entry.durationMs)).toEqual([1003, 1004, 2000]);
    expect(history).toEqual(before);
  });

  test('does not record skipped modules, keeps modules that did not run, forgets long-gone ones', () => {
    let history = record(emptyHistory('0.1.0'), [run('billing'), run('gone')], 0);
    history = record(history, [run('billing'), run('orders', { status: 'skipped' })], 80);
    expect(Object.keys(history.modules)).toEqual(['billing', 'gone']);
    history = record(history, [run('billing')], 100);
    expect(Object.keys(history.modules)).toEqual(['billing']);
  });

  test('records a pack process by process: position, inherited heap, the start-up on every member', () => {
    const pack = [
      run('b-second', {
        process: 'w1',
        startedAt: '2026-11-01T08:00:05.000Z',
        durationMs: 2100,
        peakHeapMB: 380,
        peakRssMB: 470,
        suites: [
          { durationMs: 1000, heapAfterMB: 330 },
          { durationMs: 1000, heapAfterMB: 360 },
        ],
      }),
      run('a-first', {
        process: 'w1',
        startedAt: '2026-11-01T08:00:00.000Z',
        durationMs: 5000,
        peakHeapMB: 320,
        peakRssMB: 410,
        suites: [
          { durationMs: 2000, heapAfterMB: 200 },
          { durationMs: 2000, heapAfterMB: 300 },
        ],
      }),
    ];
    const history = record(emptyHistory('0.1.0'), pack, 0, { slots: 2 });
    const first = history.modules['a-first'][0];
    const second = history.modules['b-second'][0];
    // First: no base known, growth 100 MB per suite over 2 suites.
    expect(first).toMatchObject({
      retainedHeapMB: 200,
      startupMs: 1000,
      process: { modules: 2, position: 0, slots: 2, inheritedHeapMB: 0 },
    });
    // Second: its base is the first's last suite (300 MB).
    expect(second).toMatchObject({
      retainedHeapMB: 60,
      startupMs: 1000,
      process: { modules: 2, position: 1, slots: 2, inheritedHeapMB: 200 },
    });
    // Measured by the run (release to the first file, before its imports): that figure, not
    // the first module's time outside its suites (which holds its own imports).
    const measured = record(
      emptyHistory('0.1.0'),
      pack.map((module) => (module.name === 'a-first' ? { ...module, startupMs: 300 } : module)),
      0,
      { slots: 2 },
    );
    expect(measured.modules['a-first'][0].startupMs).toBe(300);
    expect(measured.modules['b-second'][0].startupMs).toBe(300);
  });
});

describe('retained heap of a module alone', () => {
  test('one file: its heap after minus the process heap before its first file', () => {
    const history = record(
      emptyHistory('0.1.0'),
      [run('tiny', { suites: [{ durationMs: 100, heapBeforeMB: 11, heapAfterMB: 75 }] })],
      0,
    );
    expect(history.modules.tiny[0].retainedHeapMB).toBe(64);
  });

  test('several files: measured from that base, not scaled from the growth between files', () => {
    const suites = [
      { durationMs: 100, heapBeforeMB: 10, heapAfterMB: 70 },
      { durationMs: 100, heapAfterMB: 75 },
    ];
    expect(record(emptyHistory('0.1.0'), [run('grows', { suites })], 0).modules.grows[0].retainedHeapMB).toBe(65);
  });
});

describe('files whose GC was skipped (no heap figure)', () => {
  // A pack of four one-file modules: readings at the base (10), after b (30) and after d (70).
  const pack = ['a', 'b', 'c', 'd'].map((name, index) =>
    run(name, {
      process: 'w1',
      startedAt: `2026-11-01T08:00:0${String(index)}.000Z`,
      suites: [
        {
          durationMs: 100,
          ...(index === 0 ? { heapBeforeMB: 10 } : {}),
          ...(name === 'b' ? { heapAfterMB: 30 } : name === 'd' ? { heapAfterMB: 70 } : {}),
        },
      ],
    }),
  );

  test('the growth between two readings is shared by the files between them', () => {
    expect(filledHeaps(pack)).toEqual([[20], [30], [50], [70]]);
  });

  test('every module of the pack keeps a retained figure, and they add up to the process', () => {
    const history = record(emptyHistory('0.1.0'), pack, 0);
    const retained = ['a', 'b', 'c', 'd'].map((name) => history.modules[name][0].retainedHeapMB);
    expect(retained).toEqual([10, 10, 20, 20]);
    expect(history.modules.d[0].process.inheritedHeapMB).toBe(40);
  });

  test('after the last reading nothing is guessed', () => {
    const tail = pack.map((module) => (module.name === 'd' ? { ...module, suites: [{ durationMs: 100 }] } : module));
    expect(filledHeaps(tail)).toEqual([[20], [30], [undefined], [undefined]]);
    expect(record(emptyHistory('0.1.0'), tail, 0).modules.c[0].retainedHeapMB).toBeNull();
  });
});

describe('retainedHeap', () => {
  test('from a known base: the last suite minus the base', () => {
    expect(retainedHeap([160, 220, 280], 3, 100)).toBe(180);
  });
  test('without a base: the growth per suite over all suites (60 MB a suite, 3 suites)', () => {
    expect(retainedHeap([160, 220, 280], 3)).toBe(180);
  });
  test('unknown with one figure and no base; never negative', () => {
    expect(retainedHeap([160], 1)).toBeNull();
    expect(retainedHeap([], 0, 100)).toBeNull();
    expect(retainedHeap([300, 200], 2)).toBe(0);
  });
});

describe('estimates', () => {
  test('medians ignore one odd run', () => {
    let history = emptyHistory('0.1.0');
    const durations = [3000, 3100, 2900, 45_000, 3050];
    durations.forEach((durationMs, day) => {
      history = record(history, [run('billing', { durationMs, peakHeapMB: day === 3 ? 1900 : 300 + day })], day);
    });
    const estimate = estimates(history).get('billing')!;
    expect(estimate).toMatchObject({
      runs: 5,
      durationMs: 3050,
      peakHeapMB: 302,
      lastStatus: 'passed',
      suiteCount: 2,
      heapLimitMB: 2096,
    });
  });

  test('retained heap: the runs behind another module in a pack, when there are some', () => {
    // Alone, the module also kept what every test file of the project loads once (5 MB);
    // behind another module it kept 0.2 MB of its own.
    const aloneRun = run('add', { suites: [{ durationMs: 100, heapBeforeMB: 20, heapAfterMB: 25 }] });
    let history = record(emptyHistory('0.1.0'), [aloneRun], 0);
    expect(estimates(history).get('add')!.retainedHeapMB).toBe(5);
    const pack = subThenAdd({ suites: [{ durationMs: 100, heapAfterMB: 25.2 }] });
    history = record(history, pack, 1);
    expect(estimates(history).get('add')!.retainedHeapMB).toBe(0.2);
    // First in its pack, 'sub' has only runs where it paid for what is loaded once; 'add',
    // which kept as much alone, says what that is.
    expect(estimates(history).get('sub')!.retainedHeapMB).toBe(0.2);
  });

  test('lastStatus is the newest run', () => {
    let history = record(emptyHistory('0.1.0'), [run('billing')], 0);
    history = record(history, [run('billing', { status: 'crashed' })], 1);
    expect(estimates(history).get('billing')!.lastStatus).toBe('crashed');
  });

  test('figures measured in a pack are turned back into what the module costs alone', () => {
    const pack = [
      run('first', {
        process: 7,
        durationMs: 5000,
        peakHeapMB: 320,
        peakRssMB: 410,
        suites: [
          { durationMs: 2000, heapAfterMB: 200 },
          { durationMs: 2000, heapAfterMB: 300 },
        ],
      }),
      run('second', {
        process: 7,
        durationMs: 2100,
        peakHeapMB: 380,
        peakRssMB: 470,
        suites: [
          { durationMs: 1000, heapAfterMB: 330 },
          { durationMs: 1000, heapAfterMB: 360 },
        ],
      }),
    ];
    const second = estimates(record(emptyHistory('0.1.0'), pack, 0)).get('second')!;
    // 200 MB inherited from `first`; 1000 ms of start-up it did not pay.
    expect(second).toMatchObject({
      peakHeapMB: 180,
      peakRssMB: 270,
      durationMs: 3100,
      startupMs: 1000,
      retainedHeapMB: 60,
    });
  });

  test('first-only modules lose what the project loads once per process, learned from modules that ran both ways', () => {
    // Eight modules ran alone (5 MB kept: 4.8 of it the libraries every file loads) and then
    // behind another (0.2 MB); a ninth ran first both times. It is counted at 5 − 4.8.
    const alone = (name: string) => run(name, { suites: [{ durationMs: 100, heapBeforeMB: 20, heapAfterMB: 25 }] });
    const names = ['e', 'a', 'b', 'c', 'd', 'f', 'g', 'h', 'i'];
    let history = record(emptyHistory('0.1.0'), names.map(alone), 0);
    expect(estimates(history).get('e')!.retainedHeapMB).toBe(5);
    const pack = (members: readonly string[], process: string) =>
      members.map((name, index) =>
        run(name, {
          process,
          startedAt: `2026-11-02T08:00:0${String(index)}.000Z`,
          suites: [{ durationMs: 100, ...(index === 0 ? { heapBeforeMB: 20 } : {}), heapAfterMB: 25 + 0.2 * index }],
        }),
      );
    // Four that ran both ways already say it of the modules that kept as much alone.
    const early = record(history, pack(names.slice(0, 5), 'w1'), 1);
    expect(estimates(early).get('a')!.retainedHeapMB).toBe(0.2);
    expect(estimates(early).get('f')!.retainedHeapMB).toBe(0.2);
    history = record(history, pack(names, 'w1'), 1);
    expect(estimates(history).get('a')!.retainedHeapMB).toBe(0.2);
    expect(estimates(history).get('e')!.retainedHeapMB).toBe(0.2);
    // A leak is kept either way: nothing is learned to take off.
    const leaky = (name: string, index: number) =>
      run(name, {
        process: 'w2',
        startedAt: `2026-11-03T08:00:0${String(index)}.000Z`,
        suites: [{ durationMs: 100, ...(index === 0 ? { heapBeforeMB: 20 } : {}), heapAfterMB: 80 + 60 * index }],
      });
    const leakNames = ['l9', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'l8'];
    let leaks = record(
      emptyHistory('0.1.0'),
      leakNames.map((name) => run(name, { suites: [{ durationMs: 100, heapBeforeMB: 20, heapAfterMB: 80 }] })),
      0,
    );
    leaks = record(leaks, leakNames.map(leaky), 1);
    expect(estimates(leaks).get('l9')!.retainedHeapMB).toBe(60);
  });

  test('what is loaded once is learned from modules that kept about as much alone, not from the first packs only', () => {
    // As on date-fns: light modules keep 0.5 MB alone (0.1 behind another), heavy ones 4.6 MB
    // (a library every one of them imports: 0.1 behind another). The first pack held nine
    // light ones and one heavy one, the modules that looked smallest.
    const keeps = (name: string, mb: number) =>
      run(name, { suites: [{ durationMs: 100, heapBeforeMB: 20, heapAfterMB: 20 + mb }] });
    const light = Array.from({ length: 12 }, (_, index) => `light${String(index)}`);
    const heavy = ['heavy0', 'heavy1', 'heavy2'];
    let history = record(
      emptyHistory('0.1.0'),
      [...light.map((name) => keeps(name, 0.5)), ...heavy.map((name) => keeps(name, 4.6)), keeps('big', 30)],
      0,
    );
    const packed = [...light.slice(0, 9), 'heavy0'];
    history = record(
      history,
      packed.map((name, index) =>
        run(name, {
          process: 'w1',
          startedAt: `2026-11-02T08:00:${String(index).padStart(2, '0')}.000Z`,
          suites: [{ durationMs: 100, ...(index === 0 ? { heapBeforeMB: 20 } : {}), heapAfterMB: 20.5 + 0.1 * index }],
        }),
      ),
      1,
    );
    const retained = (name: string) => estimates(history).get(name)!.retainedHeapMB;
    // heavy0 kept 0.1 behind the others. The project-wide quartile (0.4 MB: nine light gaps of
    // ten) would leave heavy1 at 4.2 MB.
    expect(retained('heavy1')).toBe(0.1);
    expect(retained('light11')).toBe(0.1);
    // Nothing ran both ways that kept about 30 MB alone: the project-wide figure.
    expect(retained('big')).toBe(29.6);
  });

  test('after a cold run: what a first file kept beyond the later ones, at most the least any module kept first', () => {
    // Three modules of three files: the first keeps 30 MB, each later one 2 (28 loaded once);
    // a module of one file kept 25 MB in all. Every module pays what is loaded once: 25 at most.
    const multi = (name: string) =>
      run(name, {
        suites: [
          { durationMs: 100, heapBeforeMB: 10, heapAfterMB: 40 },
          { durationMs: 100, heapAfterMB: 42 },
          { durationMs: 100, heapAfterMB: 44 },
        ],
      });
    const single = run('single', { suites: [{ durationMs: 100, heapBeforeMB: 10, heapAfterMB: 35 }] });
    const history = record(emptyHistory('0.1.0'), [multi('m1'), multi('m2'), multi('m3'), single], 0);
    expect(history.modules.m1[0].process.loadedOnceMB).toBe(28);
    expect(history.modules.single[0].process.loadedOnceMB).toBeUndefined();
    expect(estimates(history).get('m1')!.retainedHeapMB).toBe(9);
    expect(estimates(history).get('single')!.retainedHeapMB).toBe(0);
    // With fewer than three such modules nothing is taken off.
    const few = record(emptyHistory('0.1.0'), [multi('m1'), multi('m2'), single], 0);
    expect(estimates(few).get('m1')!.retainedHeapMB).toBe(34);
  });

  test('peaks: the runs where the module ran first in its process, when there are some', () => {
    // Alone it peaked at 25 MB; behind another module the heap it saw also held that one's garbage.
    let history = record(emptyHistory('0.1.0'), [run('add', { peakHeapMB: 25, peakRssMB: 110 })], 0);
    const pack = subThenAdd({
      peakHeapMB: 60,
      peakRssMB: 160,
      suites: [{ durationMs: 100, heapAfterMB: 25.2 }],
    });
    history = record(history, pack, 1);
    expect(estimates(history).get('add')).toMatchObject({ peakHeapMB: 25, peakRssMB: 110 });
    // With only runs behind another module, those are what there is (less what it inherited).
    const packedOnly = record(emptyHistory('0.1.0'), pack, 1);
    expect(estimates(packedOnly).get('add')).toMatchObject({ peakHeapMB: 55, peakRssMB: 155 });
  });

  test('heap figures are not used from a pack run where the inherited heap is unknown', () => {
    const pack = [
      run('first', { process: 'p', suites: [{ durationMs: 1000 }] }),
      run('second', { process: 'p', peakHeapMB: 900 }),
    ];
    const second = estimates(record(emptyHistory('0.1.0'), pack, 0)).get('second')!;
    expect(second.peakHeapMB).toBeNull();
    expect(second.durationMs).toBeGreaterThan(0);
  });

  test('only runs of the asked runner count', () => {
    const history = updateHistory(emptyHistory('0.1.0'), [run('billing')], {
      now: START,
      runner: 'vitest',
      toolVersion: '0.1.0',
    });
    expect(estimates(history, { runner: 'jest' }).has('billing')).toBe(false);
    expect(estimates(history, { runner: 'vitest' }).has('billing')).toBe(true);
  });
});
