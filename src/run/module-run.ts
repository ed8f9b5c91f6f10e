import type { Writable } from 'node:stream';
import type { ModuleResult } from '../report/schema.js';
import { classifyModule } from './classify.js';
import type { GroupProcessResult, StopSignal } from '../process/process-group.js';
import { startItemProcess } from './launcher/item-process.js';
import { currentRssMB, memoryFigures, readProbeDir, readReporterFile } from './child-output.js';
import type { RunnerAdapter } from './runners/index.js';

/** One unit of work: a module (its folder, or its files for the root's own tests) or the explicit paths of a `paths` run. */
export interface ModuleTask {
  name: string;
  paths: string[];
  kind: 'module' | 'files' | 'paths';
}

/** What running a task needs besides the task. */
export interface ModuleRunContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  configEnv: Record<string, string>;
  adapter: RunnerAdapter;
  extraArgs: string[];
  allowEmpty: boolean;
  timeoutMs?: number;
  /** A fresh directory for this task's results and probe files. */
  workDir: string;
  logPath?: string;
  stdout: Writable;
  stderr: Writable;
  stopSignal: StopSignal;
}

/** A module's test process, started (possibly held at its gate) and not yet reported. */
export interface PreparedModule {
  readonly task: ModuleTask;
  /** Lets the process run (opens its gate) and turns what it left into a module result. */
  run(): Promise<ModuleResult>;
  /** Kills a held process that is not wanted after all; resolves when it is gone. */
  discard(): Promise<void>;
  /** RSS of the module's processes right now (from the probe), MB. */
  currentRssMB(): number | null;
}

/** Runs one task in its own test process and turns what it left into a module result. */
export function runModuleTask(task: ModuleTask, context: ModuleRunContext): Promise<ModuleResult> {
  return prepareModuleTask(task, context, { hold: false }).run();
}

/**
 * Starts a task's test process. With `hold`, the runner is started with its gate
 * arguments and waits, booted and configured, before anything of the project runs, until
 * `run()` opens the gate; its console output is held until then too. Without a gate
 * (or without `hold`), `run()` just waits for it.
 */
export function prepareModuleTask(task: ModuleTask, context: ModuleRunContext, options: { hold: boolean }): PreparedModule {
  const started = startItemProcess([task], context, options);
  const { resultsFile, probeDir } = started.files;
  return {
    task,
    currentRssMB: () => currentRssMB(readProbeDir(probeDir)),
    async discard() {
      started.group.discard();
      await started.group.result;
    },
    async run() {
      const startedAt = new Date().toISOString();
      const { ended } = await started.run();
      return moduleResult(task, context, { startedAt, ended, resultsFile, probeDir });
    },
  };
}

function moduleResult(
  task: ModuleTask,
  context: ModuleRunContext,
  { startedAt, ended, resultsFile, probeDir }: { startedAt: string; ended: GroupProcessResult; resultsFile: string; probeDir: string },
): ModuleResult {
  const records = readReporterFile(resultsFile, context.cwd);
  const memory = memoryFigures(readProbeDir(probeDir));
  const verdict = ended.spawnError
    ? { status: 'crashed' as const, reason: `could not start ${context.adapter.name}: ${ended.spawnError.message}`, suites: [] }
    : classifyModule({
        ending: {
          exitCode: ended.exitCode,
          signal: ended.signal,
          timedOut: ended.timedOut,
          interruptedBy: ended.stoppedBy?.kind === 'signal' ? ended.stoppedBy.signal : undefined,
          lockLost: ended.stoppedBy?.kind === 'lock-lost',
          outOfMemoryInOutput: ended.seen.has('outOfMemory'),
          noTestsInOutput: ended.seen.has('noTests'),
        },
        suites: records.suites,
        runningSuite: records.runningSuite,
        memory,
        allowEmpty: context.allowEmpty,
        paths: task.paths,
        timeoutMs: context.timeoutMs,
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
  return {
    name: task.name,
    status: verdict.status,
    paths: task.paths,
    tests: { total: counts.passed + counts.failed + counts.skipped + counts.todo, ...counts },
    suites: verdict.suites,
    durationMs: ended.durationMs,
    startedAt,
    peakHeapMB: memory.peakHeapMB,
    heapLimitMB: memory.heapLimitMB,
    peakRssMB: memory.peakRssMB,
    exitCode: ended.exitCode,
    signal: ended.signal,
    ...(verdict.reason ? { reason: verdict.reason } : {}),
    ...(records.runningSuite && verdict.status !== 'passed' && verdict.status !== 'failed' ? { runningSuite: records.runningSuite } : {}),
    ...(context.logPath ? { logPath: context.logPath } : {}),
  };
}
