import { describe, expect, test } from 'vitest';
import { classifyModule, reportedPeakHeapMB, type ProcessEnding } from '../../src/run/classify.js';
import { memoryFigures, parseReporterLines } from '../../src/run/child-output.js';
import type { Suite } from '../../src/report/schema.js';

const ended = (overrides: Partial<ProcessEnding> = {}): ProcessEnding => ({
  exitCode: 0,
  signal: null,
  timedOut: false,
  outOfMemoryInOutput: false,
  noTestsInOutput: false,
  ...overrides,
});
const noMemory = { peakHeapMB: null, heapLimitMB: null, peakRssMB: null, nearHeapLimit: false };
const suite = (file: string, failed = 0, status: Suite['status'] = failed > 0 ? 'failed' : 'passed'): Suite => ({
  file,
  status,
  durationMs: 10,
  tests: { passed: 2, failed, skipped: 0, todo: 0 },
  failures: [],
});

describe('classifyModule', () => {
  test('a clean exit with passing suites passes', () => {
    const verdict = classifyModule({
      ending: ended(),
      suites: [suite('a.test.js')],
      memory: noMemory,
      allowEmpty: false,
      paths: ['m'],
    });
    expect(verdict).toEqual({ status: 'passed', suites: [suite('a.test.js')] });
  });

  test('failed tests fail the module and are counted in the reason', () => {
    const verdict = classifyModule({
      ending: ended({ exitCode: 1 }),
      suites: [suite('a.test.js', 2), suite('b.test.js', 1)],
      memory: noMemory,
      allowEmpty: false,
      paths: ['m'],
    });
    expect(verdict.status).toBe('failed');
    expect(verdict.reason).toBe('3 tests failed');
  });

  test('a suite that could not run fails the module even with no failed test', () => {
    const verdict = classifyModule({
      ending: ended({ exitCode: 1 }),
      suites: [suite('a.test.js', 0, 'failed')],
      memory: noMemory,
      allowEmpty: false,
      paths: ['m'],
    });
    expect(verdict).toMatchObject({ status: 'failed', reason: '1 suite failed to run' });
  });

  test('a non-zero exit after passing suites still fails', () => {
    const verdict = classifyModule({
      ending: ended({ exitCode: 1 }),
      suites: [suite('a.test.js')],
      memory: noMemory,
      allowEmpty: false,
      paths: ['m'],
    });
    expect(verdict.status).toBe('failed');
    expect(verdict.reason).toMatch(/exited with code 1 although every suite passed/);
  });

  test('no tests found fails unless allowEmpty', () => {
    const input = {
      ending: ended({ exitCode: 1, noTestsInOutput: true }),
      suites: [],
      memory: noMemory,
      paths: ['testing/x/billing'],
    };
    expect(classifyModule({ ...input, allowEmpty: false })).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('no tests found in testing/x/billing'),
    });
    expect(classifyModule({ ...input, allowEmpty: true }).status).toBe('passed');
  });

  test('OOM in the output is a crash naming the heap limit and the running suite', () => {
    const verdict = classifyModule({
      ending: ended({ exitCode: null, signal: 'SIGABRT', outOfMemoryInOutput: true }),
      suites: [suite('a.test.js')],
      runningSuite: 'billing/s4.test.ts',
      memory: { peakHeapMB: 2040, heapLimitMB: 2048, peakRssMB: 2300, nearHeapLimit: true },
      allowEmpty: false,
      paths: ['m'],
    });
    expect(verdict.status).toBe('crashed');
    expect(verdict.reason).toBe('out of memory: heap limit 2048 MB reached in billing/s4.test.ts');
    expect(verdict.suites.at(-1)).toMatchObject({ file: 'billing/s4.test.ts', status: 'crashed' });
  });

  test('an OOM verdict reports the limit as the peak heap, whatever the samples caught; other verdicts their sampled peak', () => {
    const memory = { peakHeapMB: 14, heapLimitMB: 112, peakRssMB: 180, nearHeapLimit: false };
    const ending = ended({ exitCode: null, signal: 'SIGABRT', outOfMemoryInOutput: true });
    const oom = classifyModule({ ending, suites: [], memory, allowEmpty: false, paths: ['m'] });
    expect(oom.outOfMemory).toBe(true);
    expect(reportedPeakHeapMB(oom, memory)).toBe(112);
    const killed = classifyModule({
      ending: ended({ exitCode: null, signal: 'SIGKILL' }),
      suites: [],
      memory,
      allowEmpty: false,
      paths: ['m'],
    });
    expect(reportedPeakHeapMB(killed, memory)).toBe(14);
    expect(reportedPeakHeapMB(oom, { peakHeapMB: null, heapLimitMB: null })).toBeNull();
  });

  test('SIGABRT with the heap at its limit is an OOM even without the message', () => {
    const verdict = classifyModule({
      ending: ended({ exitCode: null, signal: 'SIGABRT' }),
      suites: [],
      memory: { peakHeapMB: 1990, heapLimitMB: 2048, peakRssMB: 2100, nearHeapLimit: true },
      allowEmpty: false,
      paths: ['m'],
    });
    expect(verdict.reason).toMatch(/^out of memory/);
  });

  test('a signal without OOM is a crash naming the signal', () => {
    const verdict = classifyModule({
      ending: ended({ exitCode: null, signal: 'SIGKILL' }),
      suites: [],
      runningSuite: 'x.test.js',
      memory: noMemory,
      allowEmpty: false,
      paths: ['m'],
    });
    expect(verdict).toMatchObject({ status: 'crashed', reason: 'killed by SIGKILL in x.test.js' });
  });

  test('a timeout wins over the signal that the timeout caused', () => {
    const verdict = classifyModule({
      ending: ended({ exitCode: null, signal: 'SIGTERM', timedOut: true }),
      suites: [],
      memory: noMemory,
      allowEmpty: false,
      paths: ['m'],
      timeoutMs: 90_000,
    });
    expect(verdict.status).toBe('timeout');
    expect(verdict.reason).toMatch(/^timed out after 1 min 30 s/);
  });

  test('an exit in the middle of a suite is a crash', () => {
    const verdict = classifyModule({
      ending: ended({ exitCode: 1 }),
      suites: [],
      runningSuite: 'x.test.js',
      memory: noMemory,
      allowEmpty: false,
      paths: ['m'],
    });
    expect(verdict.status).toBe('crashed');
  });
});

describe('parseReporterLines', () => {
  test('reads suites, makes paths relative and finds the suite that never finished', () => {
    const lines = [
      JSON.stringify({ type: 'start', file: '/repo/m/a.test.js' }),
      JSON.stringify({
        type: 'suite',
        file: '/repo/m/a.test.js',
        status: 'failed',
        durationMs: 5,
        tests: { passed: 1, failed: 1, skipped: 0, todo: 0 },
        failures: [{ name: 'a › b', message: 'boom', file: '/repo/m/a.test.js', line: 3, column: 7 }],
        heapAfterMB: 12.5,
      }),
      JSON.stringify({ type: 'start', file: '/repo/m/b.test.js' }),
      '{"type":"suite","file":"/repo/m/b.te', // torn by a crash mid-write
    ].join('\n');
    const records = parseReporterLines(lines, '/repo');
    expect(records.runningSuite).toBe('m/b.test.js');
    expect(records.suites).toEqual([
      {
        file: 'm/a.test.js',
        status: 'failed',
        durationMs: 5,
        tests: { passed: 1, failed: 1, skipped: 0, todo: 0 },
        failures: [{ name: 'a › b', message: 'boom', file: 'm/a.test.js', line: 3, column: 7 }],
        heapAfterMB: 12.5,
      },
    ]);
  });
});

describe('memoryFigures', () => {
  test('reports the process with the highest heap, and flags a heap at its limit', () => {
    const MB = 1024 * 1024;
    const figures = memoryFigures([
      { pid: 1, heapLimit: 4096 * MB, peakHeap: 50 * MB, peakRss: 120 * MB, lastHeap: 40 * MB },
      { pid: 2, heapLimit: 100 * MB, peakHeap: 95 * MB, peakRss: 180 * MB, lastHeap: 95 * MB },
    ]);
    expect(figures).toEqual({
      peakHeapMB: 95,
      heapLimitMB: 100,
      peakRssMB: 180,
      peakTreeRssMB: null,
      nearHeapLimit: true,
    });
    expect(memoryFigures([])).toEqual({
      peakHeapMB: null,
      heapLimitMB: null,
      peakRssMB: null,
      peakTreeRssMB: null,
      nearHeapLimit: false,
    });
  });

  test('the process tree’s peak comes from the top process’s probe, and is never below a member’s own peak', () => {
    const MB = 1024 * 1024;
    const figures = memoryFigures([
      { pid: 1, heapLimit: 4096 * MB, peakHeap: 20 * MB, peakRss: 90 * MB, lastHeap: 20 * MB, peakTreeRss: 260 * MB },
      { pid: 2, heapLimit: 4096 * MB, peakHeap: 60 * MB, peakRss: 140 * MB, lastHeap: 60 * MB },
    ]);
    expect(figures).toMatchObject({ peakRssMB: 140, peakTreeRssMB: 260 });
    // Sampled at other moments than the worker's own peak: the tree holds the worker, so at least that.
    expect(
      memoryFigures([
        {
          pid: 1,
          heapLimit: 4096 * MB,
          peakHeap: 20 * MB,
          peakRss: 300 * MB,
          lastHeap: 20 * MB,
          peakTreeRss: 250 * MB,
        },
      ]),
    ).toMatchObject({ peakTreeRssMB: 300 });
  });
});
