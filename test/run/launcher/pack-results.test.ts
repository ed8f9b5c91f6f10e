import { describe, expect, test } from 'vitest';
import type { Suite } from '../../../src/report/schema.js';
import type { GroupProcessResult } from '../../../src/process/process-group.js';
import { packOutcome, type PackResultInput } from '../../../src/run/launcher/pack-results.js';
import type { ReporterRecords } from '../../../src/run/child-output.js';

function suite(file: string, failed = 0): Suite {
  return {
    file,
    status: failed > 0 ? 'failed' : 'passed',
    durationMs: 10,
    tests: { passed: 1, failed, skipped: 0, todo: 0 },
    failures: [],
  };
}

function ended(extra: Partial<GroupProcessResult> = {}): GroupProcessResult {
  return { exitCode: 0, signal: null, timedOut: false, seen: new Set(), durationMs: 500, ...extra };
}

function input(records: ReporterRecords, end: GroupProcessResult, names = ['a', 'b', 'c']): PackResultInput {
  return {
    tasks: names.map((name) => ({ name, paths: [`m/${name}`], kind: 'module' as const })),
    trace: { records, timelines: [], releasedAt: 1000, endedAt: 1500 },
    ended: end,
    memory: { peakHeapMB: 100, heapLimitMB: 2048, peakRssMB: 200, nearHeapLimit: false },
    runner: 'jest',
    allowEmpty: false,
    timeoutMs: 3000,
    process: 'w1',
    slot: 1,
  };
}

const timings = (entries: Record<string, [number, number?]>) =>
  new Map(
    Object.entries(entries).map(([file, [startedAt, endedAt]]) => [
      file,
      endedAt === undefined ? { startedAt } : { startedAt, endedAt },
    ]),
  );

describe('packOutcome', () => {
  test('a pack that ended by itself: each module its own verdict; an empty module beside others is "no tests found"', () => {
    const records = {
      suites: [suite('m/a/1.test.js'), suite('m/c/1.test.js', 1)],
      timings: timings({ 'm/a/1.test.js': [1100, 1200], 'm/c/1.test.js': [1200, 1300] }),
    };
    const outcome = packOutcome(input(records, ended({ exitCode: 1 })));
    expect(outcome.notStarted).toEqual([]);
    expect(outcome.modules.map(({ name, result }) => `${name}:${result.status}:${result.exitCode}`)).toEqual([
      'a:passed:0',
      'b:failed:0',
      'c:failed:1',
    ]);
    expect(outcome.modules[1].result.reason).toMatch(/^no tests found in m\/b/);
  });

  test("the start-up (release to the first file) is the first module's, whichever module ran first", () => {
    const records = {
      suites: [suite('m/a/1.test.js'), suite('m/c/1.test.js'), suite('m/c/2.test.js')],
      timings: timings({ 'm/c/1.test.js': [1250, 1300], 'm/c/2.test.js': [1310, 1350], 'm/a/1.test.js': [1360, 1400] }),
    };
    const outcome = packOutcome(input(records, ended(), ['a', 'c']));
    const startup = new Map(outcome.modules.map(({ name, result }) => [name, result.startupMs]));
    // vitest ran c first: 250 ms after the release; a, behind it, paid none.
    expect(startup).toEqual(
      new Map([
        ['a', undefined],
        ['c', 250],
      ]),
    );
  });

  test("a timeout: the running module is `timeout` after the pack's clock, the finished one kept, the next re-runs", () => {
    const records = {
      suites: [suite('m/a/1.test.js')],
      runningSuite: 'm/b/1.test.js',
      timings: timings({ 'm/a/1.test.js': [1100, 1200], 'm/b/1.test.js': [1200] }),
      plannedFiles: ['m/a/1.test.js', 'm/b/1.test.js', 'm/c/1.test.js'],
    };
    const outcome = packOutcome(input(records, ended({ exitCode: null, signal: 'SIGTERM', timedOut: true })));
    expect(outcome.diedIn).toBe('b');
    expect(outcome.notStarted).toEqual(['c']);
    expect(outcome.modules.map(({ name, result }) => `${name}:${result.status}`)).toEqual(['a:passed', 'b:timeout']);
    expect(outcome.modules[1].result.reason).toBe(
      "timed out after 3.0 s (the pack's timeout: 3 modules × 1.0 s) in m/b/1.test.js; the process group was killed",
    );
  });

  test('a death between files: blamed on the module that started a suite last; its unfinished neighbours re-run', () => {
    const records = {
      suites: [suite('m/a/1.test.js'), suite('m/b/1.test.js')],
      timings: timings({ 'm/a/1.test.js': [1100, 1200], 'm/b/1.test.js': [1200, 1300] }),
      plannedFiles: ['m/a/1.test.js', 'm/b/1.test.js', 'm/b/2.test.js', 'm/c/1.test.js'],
    };
    const outcome = packOutcome(input(records, ended({ exitCode: null, signal: 'SIGKILL' })));
    expect(outcome.diedIn).toBe('b');
    expect(outcome.modules.map(({ name, result }) => `${name}:${result.status}`)).toEqual(['a:passed', 'b:crashed']);
    expect(outcome.notStarted).toEqual(['c']);
  });

  test('a pack that died before any suite: nothing blamed, every module runs again alone', () => {
    const outcome = packOutcome(
      input({ suites: [], timings: new Map() }, ended({ exitCode: null, signal: 'SIGKILL' })),
    );
    expect(outcome).toMatchObject({ modules: [], notStarted: ['a', 'b', 'c'] });
    expect(outcome.diedIn).toBeUndefined();
  });

  test('a module alone that died before any suite is crashed, never sent back to run alone again', () => {
    const outcome = packOutcome(
      input({ suites: [], timings: new Map() }, ended({ exitCode: null, signal: 'SIGKILL' }), ['a']),
    );
    expect(outcome.diedIn).toBe('a');
    expect(outcome.notStarted).toEqual([]);
    expect(outcome.modules[0].result).toMatchObject({
      status: 'crashed',
      reason: 'killed by SIGKILL',
      process: 'w1',
      slot: 1,
    });
  });
});

describe('packOutcome: an exit code no failed file explains', () => {
  test('every suite passed but the process exited 1 (coverage threshold): every module fails with it, alone or packed', () => {
    const records = {
      suites: [suite('m/a/1.test.js'), suite('m/b/1.test.js')],
      timings: timings({ 'm/a/1.test.js': [1100, 1200], 'm/b/1.test.js': [1200, 1300] }),
    };
    for (const names of [['a'], ['a', 'b']]) {
      const outcome = packOutcome(input(records, ended({ exitCode: 1 }), names));
      for (const { result } of outcome.modules) {
        expect(result).toMatchObject({
          status: 'failed',
          exitCode: 1,
          reason: 'the test process exited with code 1 although every suite passed (see the log)',
        });
      }
    }
  });
});
