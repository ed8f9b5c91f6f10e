import { describe, expect, test } from 'vitest';
import type { Suite } from '../../src/report/schema.js';
import { attributeProcess, moduleOfFile, peaksInWindow, type PackModule } from '../../src/run/attribution.js';
import { parseTimeline, type ReporterRecords, type SuiteTiming } from '../../src/run/child-output.js';

function suite(file: string, passed = 1): Suite {
  return { file, status: 'passed', durationMs: 10, tests: { passed, failed: 0, skipped: 0, todo: 0 }, failures: [] };
}

function records(
  suites: Suite[],
  timings: Record<string, SuiteTiming>,
  extra: Partial<ReporterRecords> = {},
): ReporterRecords {
  return { suites, timings: new Map(Object.entries(timings)), ...extra };
}

const MODULES: PackModule[] = [
  { name: 'lib', paths: ['modules/lib'] },
  { name: 'lib/sub', paths: ['modules/lib/sub/'] },
  { name: 'billing', paths: ['modules/billing'] },
];

describe('moduleOfFile', () => {
  test('the longest folder prefix wins (a nested module owns its files)', () => {
    expect(moduleOfFile(MODULES, 'modules/lib/a.test.js')).toBe('lib');
    expect(moduleOfFile(MODULES, 'modules/lib/sub/b.test.js')).toBe('lib/sub');
  });

  test('the root module names its own files: an exact file matches, a longer name does not', () => {
    const withRoot: PackModule[] = [...MODULES, { name: '(root)', paths: ['smoke.test.js'] }];
    expect(moduleOfFile(withRoot, 'smoke.test.js')).toBe('(root)');
    expect(moduleOfFile(withRoot, 'smoke.test.js.bak')).toBeUndefined();
  });

  test('folders match as folders: billing does not own billing-v2', () => {
    expect(moduleOfFile(MODULES, 'modules/billing-v2/c.test.js')).toBeUndefined();
    expect(moduleOfFile(MODULES, 'modules/billing/c.test.js')).toBe('billing');
  });
});

describe('peaksInWindow', () => {
  const timeline = parseTimeline('1000,10,100\n2000,50,150\n3000,20,120\ntorn,line\n4000,90,300\n');

  test('samples inside the window and the one in force at its start', () => {
    expect(peaksInWindow([timeline], 2500, 3500)).toEqual({ heapMB: 50, rssMB: 150, treeRssMB: null });
    expect(peaksInWindow([timeline], 3000, 3900)).toEqual({ heapMB: 20, rssMB: 120, treeRssMB: null });
    expect(peaksInWindow([timeline], 1500, 4000)).toEqual({ heapMB: 90, rssMB: 300, treeRssMB: null });
  });

  test('no sample before or in the window: unknown', () => {
    expect(peaksInWindow([timeline], 0, 500)).toEqual({ heapMB: null, rssMB: null, treeRssMB: null });
  });

  test('several processes (vitest main and worker): the highest of each figure', () => {
    const worker = parseTimeline('1000,200,250\n');
    expect(peaksInWindow([timeline, worker], 2500, 3500)).toEqual({ heapMB: 200, rssMB: 250, treeRssMB: null });
  });

  test('a process that exited before the window (its `,x` line) holds nothing in it', () => {
    // A worker that ran the file before and exited at 1800 ms with 200 MB of heap.
    const gone = parseTimeline('1000,150,200\n1800,200,260,x\n');
    expect(gone.at(-1)).toMatchObject({ t: 1800, heapMB: 200, exited: true });
    expect(peaksInWindow([timeline, gone], 2500, 3500)).toEqual({ heapMB: 50, rssMB: 150, treeRssMB: null });
    // It still counts in a window it lived in, its exit line too.
    expect(peaksInWindow([timeline, gone], 1500, 1900)).toEqual({ heapMB: 200, rssMB: 260, treeRssMB: null });
    // The tree column and the exit mark together.
    expect(parseTimeline('1000,5,60,400,x\n')).toEqual([
      { t: 1000, heapMB: 5, rssMB: 60, treeRssMB: 400, exited: true },
    ]);
  });

  test('the top process’s tree column: its own peak in the window, beside the per-process ones', () => {
    const top = parseTimeline('1000,5,60,400\n3000,5,60,520\n5000,5,60,900\n1200,5,60,abc\n');
    expect(top).toHaveLength(3);
    expect(peaksInWindow([timeline, top], 2500, 3500)).toEqual({ heapMB: 50, rssMB: 150, treeRssMB: 520 });
  });
});

describe('attributeProcess', () => {
  const timeline = parseTimeline('1000,10,100\n1150,40,130\n1300,80,200\n1450,30,140\n');
  const modules: PackModule[] = [
    { name: 'a', paths: ['m/a'] },
    { name: 'b', paths: ['m/b'] },
  ];

  test("suites by path, durations that add up to the process, memory from each module's windows", () => {
    const shares = attributeProcess(modules, {
      records: records([suite('m/a/1.test.js'), suite('m/a/2.test.js', 2), suite('m/b/1.test.js', 3)], {
        'm/a/1.test.js': { startedAt: 1100, endedAt: 1150 },
        'm/a/2.test.js': { startedAt: 1160, endedAt: 1200 },
        'm/b/1.test.js': { startedAt: 1250, endedAt: 1400 },
      }),
      timelines: [timeline],
      releasedAt: 1000,
      endedAt: 1500,
    });
    const [a, b] = shares;
    expect(a).toMatchObject({
      name: 'a',
      complete: true,
      started: true,
      durationMs: 200,
      startedAt: 1000,
      peakHeapMB: 40,
      peakRssMB: 130,
    });
    expect(a.suites.map((s) => s.file)).toEqual(['m/a/1.test.js', 'm/a/2.test.js']);
    // b's window (1250..1400) holds the 80 MB sample; the gap since a's end (1200) is b's.
    expect(b).toMatchObject({
      name: 'b',
      complete: true,
      durationMs: 200,
      startedAt: 1200,
      peakHeapMB: 80,
      peakRssMB: 200,
    });
  });

  test('a death: the running module is not complete; without a file list the others are not either', () => {
    const shares = attributeProcess(modules, {
      records: records(
        [suite('m/a/1.test.js')],
        { 'm/a/1.test.js': { startedAt: 1100, endedAt: 1150 }, 'm/b/1.test.js': { startedAt: 1200 } },
        { runningSuite: 'm/b/1.test.js' },
      ),
      timelines: [timeline],
      releasedAt: 1000,
      endedAt: 1350,
    });
    expect(shares[1]).toMatchObject({
      name: 'b',
      runningSuite: 'm/b/1.test.js',
      complete: false,
      durationMs: 200,
      peakHeapMB: 80,
    });
    expect(shares[0]).toMatchObject({ complete: false, started: true });
  });

  test('with the planned file list, a module whose every file finished is complete; a partly run one is not', () => {
    const planned = ['m/a/1.test.js', 'm/b/1.test.js', 'm/b/2.test.js', 'm/c/1.test.js'];
    const three = [...modules, { name: 'c', paths: ['m/c'] }];
    const shares = attributeProcess(three, {
      records: records(
        [suite('m/a/1.test.js'), suite('m/b/1.test.js')],
        {
          'm/a/1.test.js': { startedAt: 1100, endedAt: 1150 },
          'm/b/1.test.js': { startedAt: 1160, endedAt: 1200 },
          'm/c/1.test.js': { startedAt: 1210 },
        },
        { runningSuite: 'm/c/1.test.js', plannedFiles: planned },
      ),
      timelines: [timeline],
      releasedAt: 1000,
      endedAt: 1300,
    });
    expect(shares.map((share) => [share.name, share.complete, share.started])).toEqual([
      ['a', true, true],
      ['b', false, true],
      ['c', false, true],
    ]);
  });

  test('a module no suite of which started: not started, no figures', () => {
    const shares = attributeProcess(modules, {
      records: records([], {}),
      timelines: [timeline],
      releasedAt: 1000,
      endedAt: 1100,
    });
    expect(shares[1]).toMatchObject({ started: false, startedAt: null, durationMs: 0, peakHeapMB: null });
  });
});
