import type { ModuleResult, Suite } from '../../report/schema.js';
import type { GroupProcessResult } from '../../process/process-group.js';
import { attributeProcess, type ModuleShare, type ProcessTrace } from '../attribution.js';
import { classifyModule, reportedPeakHeapMB, type ProcessEnding } from '../classify.js';
import type { ModuleTask } from '../task.js';
import type { MemoryFigures } from '../child-output.js';
import type { ItemOutcome } from '../schedule/launcher.js';

/** What turning a packed process's trace into module results needs. */
export interface PackResultInput {
  /** The pack's modules, in run order. */
  tasks: readonly ModuleTask[];
  trace: ProcessTrace;
  ended: GroupProcessResult;
  /** The whole process's memory figures (heap limit, near-limit for an OOM verdict). */
  memory: MemoryFigures;
  runner: string;
  allowEmpty: boolean;
  timeoutMs?: number;
  /** Which test process ran it (the work item id) and on which slot. */
  process: string;
  slot: number;
  logPath?: string;
}

/** Whether the process died (killed, timed out, stopped, crashed mid-suite) rather than ending by itself. */
function died(ended: GroupProcessResult, runningSuite: string | undefined): boolean {
  return (
    ended.spawnError !== undefined ||
    ended.timedOut ||
    ended.stoppedBy !== undefined ||
    ended.signal !== null ||
    runningSuite !== undefined
  );
}

/** The ending as the parent saw it. */
function realEnding(ended: GroupProcessResult): ProcessEnding {
  return {
    exitCode: ended.exitCode,
    signal: ended.signal,
    timedOut: ended.timedOut,
    interruptedBy: ended.stoppedBy?.kind === 'signal' ? ended.stoppedBy.signal : undefined,
    lockLost: ended.stoppedBy?.kind === 'lock-lost',
    outOfMemoryInOutput: ended.seen.has('outOfMemory'),
    noTestsInOutput: ended.seen.has('noTests'),
  };
}

/**
 * The ending a module that finished inside a longer process would have had alone: exit 0
 * unless one of its suites failed. The process's own code speaks for all its modules; an
 * empty module beside modules that ran suites is empty (exit 0, "no tests found").
 */
function ownEnding(suites: Suite[], ended: GroupProcessResult): ProcessEnding {
  const failed = suites.some((suite) => suite.status === 'failed');
  return {
    exitCode: failed ? (ended.exitCode ?? 1) : 0,
    signal: null,
    timedOut: false,
    outOfMemoryInOutput: false,
    noTestsInOutput: false,
  };
}

/**
 * The module the death is blamed on: the one whose suite was running, else the one that
 * started a suite last (a death between files or in teardown); undefined when no suite
 * started at all (then nothing is blamed and every module runs again alone).
 */
function blamedModule(shares: ModuleShare[]): string | undefined {
  const running = shares.find((share) => share.runningSuite !== undefined);
  if (running) return running.name;
  let last: ModuleShare | undefined;
  for (const share of shares) {
    if (share.lastStartedAt !== null && (!last || share.lastStartedAt > last.lastStartedAt!)) last = share;
  }
  return last?.name;
}

/**
 * Turns what a packed process left into the scheduler's outcome. Pure. A process that
 * ended by itself: every module has its result. A process that died: the module it died in
 * gets the verdict of the death (crashed, timeout, OOM via classify.ts); modules whose every
 * file finished keep their results; the others, not started or partly run, are `notStarted`
 * (the scheduler runs each again alone: nothing is lost, nothing counted twice).
 */
export function packOutcome(input: PackResultInput): ItemOutcome<ModuleResult> {
  const { tasks, trace, ended } = input;
  const shares = attributeProcess(tasks, trace);
  const anySuites = trace.records.suites.length > 0;
  if (!died(ended, trace.records.runningSuite)) {
    // A non-zero exit that no failed file explains (a coverage threshold, open handles) is
    // the process's: every module of it is judged by it, as a module alone always was.
    const unexplained = !shares.some((share) => share.suites.some((suite) => suite.status === 'failed'));
    const modules = shares.map((share, index) => {
      const whole = tasks.length === 1 || unexplained || (share.suites.length === 0 && !anySuites);
      const ending = whole ? realEnding(ended) : ownEnding(share.suites, ended);
      return { name: share.name, result: moduleResult(input, tasks[index], share, ending) };
    });
    return { modules, notStarted: [], peakRssMB: input.memory.peakRssMB };
  }
  // A module alone is always judged by its process's death (never re-run alone again).
  const blamed = blamedModule(shares) ?? (tasks.length === 1 ? tasks[0].name : undefined);
  // Without the run's file list (a user's own jest sequencer), no module can be known to
  // have finished every file: all but the blamed one run again alone.
  const listed = trace.records.plannedFiles !== undefined;
  const modules: ItemOutcome<ModuleResult>['modules'] = [];
  const notStarted: string[] = [];
  shares.forEach((share, index) => {
    if (share.name === blamed)
      modules.push({ name: share.name, result: moduleResult(input, tasks[index], share, realEnding(ended), true) });
    else if (listed && share.complete)
      modules.push({
        name: share.name,
        result: moduleResult(input, tasks[index], share, ownEnding(share.suites, ended)),
      });
    else notStarted.push(share.name);
  });
  return {
    modules,
    notStarted,
    peakRssMB: input.memory.peakRssMB,
    ...(blamed !== undefined ? { diedIn: blamed } : {}),
  };
}

/**
 * The modules of a running pack that are over already: every one of their files (from the
 * run's file list) finished. Pure. Their results are what `packOutcome` will give them
 * unless the process later exits with a code no failed file explains; live progress only.
 * `input.ended` is not read for the verdict (the process is still running).
 */
export function finishedSoFar(
  input: Omit<PackResultInput, 'ended'>,
  reported: ReadonlySet<string>,
): { name: string; result: ModuleResult }[] {
  const planned = input.trace.records.plannedFiles;
  if (input.tasks.length < 2 || planned === undefined) return [];
  const running: GroupProcessResult = { exitCode: 1, signal: null, timedOut: false, seen: new Set(), durationMs: 0 };
  const shares = attributeProcess(input.tasks, input.trace);
  const full = { ...input, ended: running };
  return shares.flatMap((share, index) =>
    share.complete && share.suites.length > 0 && !reported.has(share.name)
      ? [{ name: share.name, result: moduleResult(full, input.tasks[index], share, ownEnding(share.suites, running)) }]
      : [],
  );
}

/** One module's result from its share and the ending it is judged by. */
function moduleResult(
  input: PackResultInput,
  task: ModuleTask,
  share: ModuleShare,
  ending: ProcessEnding,
  diedHere = false,
): ModuleResult {
  const memory: MemoryFigures = {
    peakHeapMB: share.peakHeapMB,
    heapLimitMB: input.memory.heapLimitMB,
    peakRssMB: share.peakRssMB,
    peakTreeRssMB: share.peakTreeRssMB,
    nearHeapLimit: diedHere && input.memory.nearHeapLimit,
  };
  const verdict = input.ended.spawnError
    ? {
        status: 'crashed' as const,
        reason: `could not start ${input.runner}: ${input.ended.spawnError.message}`,
        suites: [],
      }
    : classifyModule({
        ending,
        suites: share.suites,
        runningSuite: share.runningSuite,
        memory,
        allowEmpty: input.allowEmpty,
        paths: task.paths,
        timeoutMs: input.timeoutMs,
        timeoutShares: input.tasks.length,
      });
  const counts = verdict.suites.reduce(
    (sum, suite) => ({
      passed: sum.passed + suite.tests.passed,
      failed: sum.failed + suite.tests.failed,
      skipped: sum.skipped + suite.tests.skipped,
      todo: sum.todo + suite.tests.todo,
    }),
    { passed: 0, failed: 0, skipped: 0, todo: 0 },
  );
  const crashedStatus = verdict.status !== 'passed' && verdict.status !== 'failed';
  return {
    name: task.name,
    status: verdict.status,
    paths: task.paths,
    tests: { total: counts.passed + counts.failed + counts.skipped + counts.todo, ...counts },
    suites: verdict.suites,
    durationMs: share.durationMs,
    startedAt: new Date(share.startedAt ?? input.trace.releasedAt).toISOString(),
    ...(share.startupMs !== null ? { startupMs: share.startupMs } : {}),
    peakHeapMB: reportedPeakHeapMB(verdict, memory),
    heapLimitMB: memory.heapLimitMB,
    peakRssMB: memory.peakRssMB,
    ...(memory.peakTreeRssMB != null ? { peakTreeRssMB: memory.peakTreeRssMB } : {}),
    exitCode: ending.exitCode,
    signal: ending.signal,
    process: input.process,
    slot: input.slot,
    ...(verdict.reason ? { reason: verdict.reason } : {}),
    ...(share.runningSuite && crashedStatus ? { runningSuite: share.runningSuite } : {}),
    ...(input.logPath ? { logPath: input.logPath } : {}),
  };
}
