import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { ModuleResult } from '../report/schema.js';
import { testProcessEnv } from './child-env.js';
import { classifyModule } from './classify.js';
import { runInProcessGroup, type StopSignal } from './process-group.js';
import { memoryFigures, readProbeDir, readReporterFile } from './results.js';
import type { RunnerAdapter } from './runners/index.js';

/** One unit of work: a module (its folder) or the pass-through paths. */
export interface ModuleTask {
  name: string;
  paths: string[];
  kind: 'module' | 'paths';
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

const OUT_OF_MEMORY = /JavaScript heap out of memory|Reached heap limit Allocation failed|ERR_WORKER_OUT_OF_MEMORY/;

/** Runs one task in its own test process and turns what it left into a module result. */
export async function runModuleTask(task: ModuleTask, context: ModuleRunContext): Promise<ModuleResult> {
  const startedAt = new Date().toISOString();
  const resultsFile = join(context.workDir, 'results.jsonl');
  const probeDir = join(context.workDir, 'probe');
  mkdirSync(probeDir, { recursive: true });
  const env = testProcessEnv(context.env, context.configEnv, { resultsFile, probeDir });
  const command = [process.execPath, ...context.adapter.args({ cwd: context.cwd, paths: task.paths, kind: task.kind, extraArgs: context.extraArgs, env })];
  const ended = await runInProcessGroup({
    command,
    cwd: context.cwd,
    env,
    stdout: context.stdout,
    stderr: context.stderr,
    logPath: context.logPath,
    timeoutMs: context.timeoutMs,
    stopSignal: context.stopSignal,
    watch: { outOfMemory: OUT_OF_MEMORY, noTests: context.adapter.noTestsPattern },
  });
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
