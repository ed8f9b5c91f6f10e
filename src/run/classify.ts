import type { ModuleStatus, Suite } from '../report/schema.js';
import { formatDuration } from '../util/duration.js';
import type { MemoryFigures } from './child-output.js';

/** How the test process ended, as the parent saw it. */
export interface ProcessEnding {
  exitCode: number | null;
  signal: string | null;
  /** The per-module timeout fired and the group was killed. */
  timedOut: boolean;
  /** The tool was interrupted (SIGINT/SIGTERM) and forwarded the signal. */
  interruptedBy?: string;
  /** The lock was lost and the group was killed. */
  lockLost?: boolean;
  /** "JavaScript heap out of memory" appeared in the output. */
  outOfMemoryInOutput: boolean;
  /** The runner said it found no test files. */
  noTestsInOutput: boolean;
}

/** Everything the verdict depends on. */
export interface VerdictInput {
  ending: ProcessEnding;
  suites: Suite[];
  runningSuite?: string;
  memory: MemoryFigures;
  allowEmpty: boolean;
  paths: string[];
  timeoutMs?: number;
  /** How many modules shared the process and its timeout (a pack's clock is the sum of theirs). */
  timeoutShares?: number;
}

/** A module's status, the reason in words, and its suites (a crashed suite added). */
export interface Verdict {
  status: ModuleStatus;
  reason?: string;
  suites: Suite[];
  /** The process died because its heap reached the limit. */
  outOfMemory?: boolean;
}

/**
 * The peak heap to report: the sampled peak, or — when the verdict is out of memory — the
 * limit the heap reached. Samples are 100 ms apart, and an allocation spike that kills the
 * process between two of them would otherwise report a peak far below the limit it hit.
 */
export function reportedPeakHeapMB(
  verdict: Pick<Verdict, 'outOfMemory'>,
  memory: Pick<MemoryFigures, 'peakHeapMB' | 'heapLimitMB'>,
): number | null {
  if (!verdict.outOfMemory || memory.heapLimitMB === null) return memory.peakHeapMB;
  return Math.max(memory.peakHeapMB ?? 0, memory.heapLimitMB);
}

/**
 * Decides a module's status from its exit, its reporter records and its memory. Pure.
 * Order matters: a kill we caused (timeout, interrupt, lost lock) explains the death
 * better than the signal does; an OOM explains a SIGABRT; a suite that started and never
 * finished means the process died, whatever its exit code says.
 */
export function classifyModule(input: VerdictInput): Verdict {
  const { ending, memory, runningSuite } = input;
  const where = runningSuite ? ` in ${runningSuite}` : '';
  const crashed = (status: ModuleStatus, reason: string): Verdict => ({
    status,
    reason,
    suites: withCrashedSuite(input.suites, runningSuite, reason),
  });

  if (ending.timedOut) {
    const shares = input.timeoutShares ?? 1;
    const scope =
      shares > 1 ? ` (the pack's timeout: ${shares} modules × ${formatDuration((input.timeoutMs ?? 0) / shares)})` : '';
    return crashed(
      'timeout',
      `timed out after ${formatDuration(input.timeoutMs ?? 0)}${scope}${where}; the process group was killed`,
    );
  }
  if (ending.lockLost) return crashed('crashed', `stopped: the lock was lost${where}; the process group was killed`);
  if (ending.interruptedBy) return crashed('crashed', `interrupted by ${ending.interruptedBy}${where}`);

  const abortSignal = ending.signal === 'SIGABRT' || ending.exitCode === 134;
  if (ending.outOfMemoryInOutput || (abortSignal && memory.nearHeapLimit)) {
    const limit =
      memory.heapLimitMB !== null ? `heap limit ${Math.round(memory.heapLimitMB)} MB reached` : 'heap limit reached';
    return { ...crashed('crashed', `out of memory: ${limit}${where}`), outOfMemory: true };
  }
  if (ending.signal !== null) return crashed('crashed', `killed by ${ending.signal}${where}`);
  if (runningSuite && ending.exitCode !== 0) {
    return crashed('crashed', `the test process exited with code ${ending.exitCode}${where} before the suite finished`);
  }

  const failedTests = input.suites.reduce((sum, suite) => sum + suite.tests.failed, 0);
  const brokenSuites = input.suites.filter((suite) => suite.status === 'failed' && suite.tests.failed === 0).length;
  if (input.suites.length === 0 && (ending.exitCode === 0 || ending.noTestsInOutput)) {
    if (input.allowEmpty) return { status: 'passed', reason: 'no tests found (allowed by allowEmpty)', suites: [] };
    return {
      status: 'failed',
      reason: `no tests found in ${input.paths.join(', ')} — check the path, or set allowEmpty: true in quality-gates.config.yml if the module is meant to be empty`,
      suites: [],
    };
  }
  if (failedTests > 0 || brokenSuites > 0) {
    const parts = [];
    if (failedTests > 0) parts.push(`${failedTests} ${failedTests === 1 ? 'test' : 'tests'} failed`);
    if (brokenSuites > 0) parts.push(`${brokenSuites} ${brokenSuites === 1 ? 'suite' : 'suites'} failed to run`);
    return { status: 'failed', reason: parts.join(', '), suites: input.suites };
  }
  if (ending.exitCode !== 0) {
    const detail = input.suites.length === 0 ? 'before any suite finished' : 'although every suite passed';
    return {
      status: 'failed',
      reason: `the test process exited with code ${ending.exitCode} ${detail} (see the log)`,
      suites: input.suites,
    };
  }
  return { status: 'passed', suites: input.suites };
}

function withCrashedSuite(suites: Suite[], runningSuite: string | undefined, reason: string): Suite[] {
  if (!runningSuite) return suites;
  return [
    ...suites,
    {
      file: runningSuite,
      status: 'crashed',
      durationMs: 0,
      tests: { passed: 0, failed: 0, skipped: 0, todo: 0 },
      failures: [],
      error: reason,
    },
  ];
}
