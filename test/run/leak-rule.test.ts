import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { attributeSnapshotEvents, capturedLeak } from '../../src/run/snapshots/capture.js';
import { parseRecords } from '../../src/run/snapshots/events.js';
import { testProcessEnv } from '../../src/run/child-env.js';

interface Climb {
  steps: number;
  growthBytes: number;
}
const rule = createRequire(import.meta.url)('../../src/run/child/leak-rule.cjs') as {
  climbTracker(): { observe(bytes: number): Climb };
  decide(
    series: 'files' | 'tests',
    climb: Climb,
    reading: { usedBytes: number; limitBytes: number; availableBytes?: number },
    state: { taken: number; lastSnapshotBytes?: number; gaveUp: boolean },
    max: number,
  ): { kind: string; reason?: string };
};

const MB = 1024 * 1024;
const ROOMY = { limitBytes: 4096 * MB, availableBytes: 8192 * MB };

/** The decisions over a series of post-GC readings (MB), as the watch makes them. */
function decisions(series: 'files' | 'tests', readingsMB: number[], max = 3, room = ROOMY): string[] {
  const tracker = rule.climbTracker();
  const state = { taken: 0, lastSnapshotBytes: undefined as number | undefined, gaveUp: false };
  return readingsMB.map((mb) => {
    const decision = rule.decide(series, tracker.observe(mb * MB), { usedBytes: mb * MB, ...room }, state, max);
    if (decision.kind === 'snapshot') Object.assign(state, { taken: state.taken + 1, lastSnapshotBytes: mb * MB });
    if (decision.kind === 'skip') state.gaveUp = true;
    return decision.kind;
  });
}

describe('when the test process writes a heap snapshot', () => {
  it('across files: after 3 rising files and 20 MB, then at each 10 MB (or 10 %) higher, at most maxSnapshots', () => {
    expect(decisions('files', [30, 40, 50, 60, 65, 71, 80, 90, 100])).toEqual([
      'none',
      'none',
      'none',
      'snapshot', // 3 rising steps, +30 MB
      'none', // +5 MB since the snapshot
      'snapshot', // +11 MB
      'none', // +9 MB
      'snapshot', // the third
      'none', // maxSnapshots reached
    ]);
  });

  it('garbage that reads flat, a single jump then a plateau, or a climb that fell back: no snapshot', () => {
    expect(decisions('files', [20, 20.4, 20.8, 21.1, 21.5, 21.8, 22.2])).not.toContain('snapshot');
    expect(decisions('files', [20, 80, 80.5, 80.2, 80.6, 80.4])).not.toContain('snapshot');
    expect(decisions('files', [20, 30, 40, 25, 35, 44])).not.toContain('snapshot');
  });

  it('inside one file two rising samples do (they are far apart, each many tests)', () => {
    expect(decisions('tests', [30, 45, 60])).toEqual(['none', 'none', 'snapshot']);
    expect(decisions('files', [30, 45, 60])).toEqual(['none', 'none', 'none']);
  });

  it('no room: 2 × heap + the margin over the limit, or the heap over the available memory, is a skip with the reason, and the last word', () => {
    const tight = { limitBytes: 176 * MB, availableBytes: 8192 * MB };
    expect(decisions('files', [30, 40, 50, 60, 80], 3, tight)).toEqual(['none', 'none', 'none', 'skip', 'none']);
    const tracker = rule.climbTracker();
    let climb = tracker.observe(0);
    for (const mb of [30, 40, 50, 60]) climb = tracker.observe(mb * MB);
    const state = { taken: 0, gaveUp: false };
    expect(rule.decide('files', climb, { usedBytes: 60 * MB, ...tight }, state, 3).reason).toBe(
      'no room: heap 60 MB × 2 + 64 MB margin exceeds the heap limit 176 MB',
    );
    expect(
      rule.decide('files', climb, { usedBytes: 60 * MB, limitBytes: 4096 * MB, availableBytes: 800 * MB }, state, 3)
        .reason,
    ).toBe("no room: heap 60 MB × 8 + 410 MB margin exceeds the machine's available memory 800 MB");
  });
});

describe('snapshots of a packed process go to the module whose file ran', () => {
  const modules = [
    { name: 'billing', paths: ['mods/billing'] },
    { name: 'orders', paths: ['mods/orders'] },
  ];
  const timings = new Map([
    ['mods/billing/a.test.js', { startedAt: 1000, endedAt: 2000 }],
    ['mods/billing/b.test.js', { startedAt: 2000, endedAt: 3000 }],
    ['mods/orders/a.test.js', { startedAt: 3100, endedAt: 5000 }],
  ]);

  it('by time: the file that started last before it (a snapshot right after a file is that file’s)', () => {
    const events = parseRecords(
      [
        JSON.stringify({
          type: 'snapshot',
          t: 3050,
          path: '/s/heap-1-1.heapsnapshot',
          series: 'files',
          growthMB: 25,
          steps: 3,
        }),
        JSON.stringify({
          type: 'snapshot',
          t: 4000,
          path: '/s/heap-1-2.heapsnapshot',
          series: 'tests',
          growthMB: 30,
          steps: 2,
        }),
        '{"type":"snapshot","t":49', // torn by a death
      ].join('\n'),
    );
    const byModule = attributeSnapshotEvents(modules, { timings }, events);
    expect(byModule.get('billing')!.map((event) => event.path)).toEqual(['/s/heap-1-1.heapsnapshot']);
    expect(byModule.get('orders')!.map((event) => event.path)).toEqual(['/s/heap-1-2.heapsnapshot']);
    expect(capturedLeak(byModule.get('orders')!)).toEqual({
      flagged: true,
      across: 'tests',
      growthMB: 30,
      steps: 2,
      perStepMB: 15,
      snapshots: ['/s/heap-1-2.heapsnapshot'],
      suspects: [],
    });
  });

  it('a module without events is not flagged; V8’s near-limit snapshot alone says the limit was reached', () => {
    expect(capturedLeak([])).toEqual({ flagged: false, growthMB: null, snapshots: [], suspects: [] });
    expect(capturedLeak([{ kind: 'near-heap-limit', t: 1, path: '/s/Heap.x.heapsnapshot' }])).toEqual({
      flagged: true,
      across: 'limit',
      growthMB: null,
      snapshots: ['/s/Heap.x.heapsnapshot'],
      suspects: [],
    });
  });
});

describe('the test process environment', () => {
  const channels = { resultsFile: '/w/results.jsonl', probeDir: '/w/probe' };

  it('off: nothing of the snapshots in it', () => {
    const env = testProcessEnv({ NODE_OPTIONS: '--max-old-space-size=4096' }, {}, channels);
    expect(env.NODE_OPTIONS).not.toMatch(/heapsnapshot|diagnostic-dir/);
    expect(env.QUALITY_GATES_SNAPSHOT_DIR).toBeUndefined();
  });

  it('on: the folder, the cap and the near-heap-limit backstop; a user’s own diagnostic-dir stays', () => {
    const snapshots = { dir: '/logs/heap snapshots/01-a-1', maxSnapshots: 2 };
    const env = testProcessEnv({}, {}, { ...channels, snapshots });
    expect(env.QUALITY_GATES_SNAPSHOT_DIR).toBe(snapshots.dir);
    expect(env.QUALITY_GATES_MAX_SNAPSHOTS).toBe('2');
    expect(env.NODE_OPTIONS).toContain(
      '--heapsnapshot-near-heap-limit=1 --diagnostic-dir="/logs/heap snapshots/01-a-1"',
    );
    const own = testProcessEnv({ NODE_OPTIONS: '--diagnostic-dir=/mine' }, {}, { ...channels, snapshots });
    expect(own.NODE_OPTIONS).toMatch(/^--diagnostic-dir=\/mine .*--heapsnapshot-near-heap-limit=1$/);
  });
});
