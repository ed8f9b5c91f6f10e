import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import type { LoadedConfig } from '../config/load.js';
import type { LockConfig } from '../config/schema.js';
import { ExitCode, exitCodeOf, QualityGatesError, UsageError } from '../errors.js';
import { createMutex, lockTimeoutMs, type LockHandle } from '../lock/index.js';
import { renderJUnit } from '../report/junit.js';
import type { LockFigures, ModuleResult, Report } from '../report/schema.js';
import { reportTotals } from '../report/totals.js';
import { parseDuration } from '../util/duration.js';
import { VERSION } from '../version.js';
import { logFileName, removeOldLogs, RESET_LOG } from './log-files.js';
import { prepareModuleTask, type ModuleRunContext, type ModuleTask, type PreparedModule } from './module-run.js';
import { PrestartPolicy, watchForEarlyStart, type EarlySlot } from './prestart.js';
import { StopSignal } from '../process/process-group.js';
import { badModules, failureSentence, moduleEndLine, progressPrefix } from './progress.js';
import { runReset, type ResetRecord } from './reset.js';
import { runnerAdapter } from './runners/index.js';
import { checkOutputPaths } from './output-paths.js';
import { lossTolerant } from './safe-output.js';
import type { Selection } from './selection.js';

/** Everything a batch run needs; the CLI and the action build it from flags or inputs. */
export interface BatchOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  loaded: LoadedConfig;
  selection: Selection;
  /** Runner arguments from the command line or action input, after the config's runnerArgs. */
  runnerArgs: string[];
  /** Run the configured reset command once before the batch. */
  forceReset: boolean;
  /** The lock to hold from before the reset until the report is written; none when undefined. */
  lock?: LockConfig;
  /** Absolute paths of the outputs. */
  reportPath: string;
  junitPath?: string;
  /** Per-module logs go here (default: quality-gates-logs/ beside the report). */
  logDir?: string;
  stdout: Writable;
  stderr: Writable;
  /** Wrap each module's output in ::group:: (GitHub/Gitea Actions). */
  groupOutput: boolean;
  /**
   * Start the next module's test process while the current one runs, held before it runs
   * anything of the project, when the memory budget allows (jest only). Default on.
   */
  prestart?: boolean;
  /** Fired on SIGINT/SIGTERM/SIGHUP by the caller; forwarded to the running process group. */
  stopSignal: StopSignal;
}

/** The result of a batch: the report (already written) and the exit code it means. */
export interface BatchOutcome {
  report: Report;
  exitCode: ExitCode;
  /** One sentence for people when the run failed: what failed and why. */
  failure?: string;
}

/**
 * The batch could not start (the lock was not acquired, or a stop came while waiting for
 * it). Carries the report written for it, so the action can still publish it.
 */
export class RunNotStartedError extends QualityGatesError {
  readonly report: Report;
  constructor(message: string, exitCode: ExitCode, report: Report, options?: { cause?: unknown }) {
    super(message, exitCode, options);
    this.report = report;
  }
}

/**
 * The batch pipeline shared by the CLI and the action: lock → reset (once) → one test
 * process per task, strictly serial, no fail-fast → report JSON (and JUnit) → unlock.
 * A stop (signal or lost lock) kills the running module, marks the rest not run and still
 * writes the report.
 */
export async function runBatch(given: BatchOptions): Promise<BatchOutcome> {
  // The plan's warnings, then what went wrong on the way that is not a test failure.
  const warnings = [...(given.selection.plan?.warnings ?? [])];
  const outputLost = (stream: string) => (error: Error) => {
    const warning = `${stream} failed (${error.message}); its output was dropped from then on and the run went on — the module logs and this report have everything`;
    warnings.push(warning);
    if (stream === 'stdout') stderr.write(`quality-gates run: ${warning}\n`);
  };
  const stderr = lossTolerant(given.stderr, outputLost('stderr'));
  const options: BatchOptions = { ...given, stderr, stdout: lossTolerant(given.stdout, outputLost('stdout')) };
  const { config } = options.loaded;
  const started = new Date();
  const say = (line: string) => options.stdout.write(`${line}\n`);
  if (options.forceReset && !config.reset) {
    throw new UsageError(
      `--force-reset was given but no reset command is configured — add e.g. reset: ["bash", "testing/scripts/reset-db.sh"] to quality-gates.config.yml`,
    );
  }
  const timeoutMs = config.timeout !== undefined ? parseDuration(config.timeout, 'timeout') : undefined;
  const adapter = runnerAdapter(config.runner);
  const logDir = options.logDir ?? join(dirname(options.reportPath), 'quality-gates-logs');
  // Before the lock and the first module: a path that cannot be written must cost nothing.
  checkOutputPaths([
    { label: 'report JSON', path: options.reportPath, kind: 'file' },
    ...(options.junitPath !== undefined ? [{ label: 'JUnit XML', path: options.junitPath, kind: 'file' as const }] : []),
    ...(options.selection.mode !== 'skip' ? [{ label: 'log folder', path: logDir, kind: 'folder' as const }] : []),
  ]);

  const finish = (modules: ModuleResult[], status: Report['status'], extra: Partial<Report> = {}): Report => {
    const finished = new Date();
    return {
      schemaVersion: 1,
      tool: { name: 'quality-gates', version: VERSION },
      status,
      mode: options.selection.mode,
      ...(options.selection.plan ? { plan: options.selection.plan } : {}),
      runner: config.runner,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      modules,
      totals: reportTotals(modules, finished.getTime() - started.getTime()),
      warnings: [...warnings],
      context: reportContext(options.env),
      ...extra,
    };
  };

  if (options.selection.mode === 'skip') {
    const reason = options.selection.skipReason ?? 'the plan has nothing to run';
    say(`skipped: ${reason}`);
    const report = finish([], 'skipped', { reason });
    writeOutputs(report, options);
    return { report, exitCode: ExitCode.Ok };
  }

  const tasks = options.selection.tasks;
  let lock: { handle: LockHandle; figures: Omit<LockFigures, 'holdMs'>; acquiredAt: number } | undefined;
  if (options.lock) {
    const lockConfig = options.lock;
    const mutex = createMutex(lockConfig, { cwd: options.cwd, env: options.env, log: (line) => options.stderr.write(`${line}\n`) });
    say(`lock: waiting for ${mutex.description}`);
    const abort = new AbortController();
    const unsubscribe = options.stopSignal.subscribe(() => abort.abort());
    try {
      const handle = await mutex.acquire({ timeoutMs: lockTimeoutMs(lockConfig), onWaiting: say, signal: abort.signal });
      lock = { handle, figures: { backend: mutex.backend, name: lockConfig.name, waitMs: handle.waitMs }, acquiredAt: Date.now() };
      handle.lost.catch((error: unknown) => options.stopSignal.stop({ kind: 'lock-lost', message: error instanceof Error ? error.message : String(error) }));
      say(`lock: acquired ${mutex.description} after ${Math.round(handle.waitMs)} ms`);
    } catch (error) {
      const stop = options.stopSignal.reason;
      const interrupted = stop?.kind === 'signal';
      const reason = interrupted
        ? `interrupted by ${stop.signal} while waiting for ${mutex.description}; nothing ran`
        : error instanceof Error
          ? error.message
          : String(error);
      // Nothing ran, but the report still says so (and why), so the summary and the PR show it.
      const report = finish(
        tasks.map((task) => notRun(task, 'not run: the lock was not acquired')),
        interrupted ? 'interrupted' : 'failed',
        { reason },
      );
      writeOutputs(report, options);
      throw new RunNotStartedError(reason, interrupted ? ExitCode.Interrupted : exitCodeOf(error), report, { cause: error });
    } finally {
      unsubscribe();
    }
  }

  const work = mkdtempSync(join(tmpdir(), 'quality-gates-run-'));
  // The next module's process, started early and held at its gate (set by the watcher).
  const early: EarlySlot = { discarding: [] };
  try {
    mkdirSync(logDir, { recursive: true });
    // Holding the lock now: no other run writes here, and logs of older runs would mislead.
    removeOldLogs(logDir);
    let reset: ResetRecord | undefined;
    if (options.forceReset && config.reset && !options.stopSignal.reason) {
      say(`reset: ${config.reset.join(' ')}`);
      reset = await runReset(config.reset, {
        cwd: options.cwd,
        env: options.env,
        configEnv: config.env,
        stdout: options.stdout,
        stderr: options.stderr,
        logPath: join(logDir, RESET_LOG),
        stopSignal: options.stopSignal,
      });
    }
    const resetFields = reset ? { reset: { command: reset.command, durationMs: reset.durationMs, exitCode: reset.exitCode } } : {};

    const modules: ModuleResult[] = [];

    let stopReason: string | undefined;
    if (reset?.failure) {
      stopReason = `reset failed: ${reset.failure} — no module ran`;
      options.stderr.write(`quality-gates run: ${stopReason}\n`);
      modules.push(...tasks.map((task) => notRun(task, 'not run: the reset command failed')));
    } else {
      const policy = new PrestartPolicy();
      let attempt = 0;
      const contextFor = (index: number, task: ModuleTask): ModuleRunContext => {
        const workDir = join(work, `${index}-${++attempt}`);
        mkdirSync(workDir);
        return {
          cwd: options.cwd,
          env: options.env,
          configEnv: config.env,
          adapter,
          extraArgs: [...config.runnerArgs, ...options.runnerArgs],
          allowEmpty: config.allowEmpty,
          timeoutMs,
          workDir,
          logPath: join(logDir, logFileName(index, task.name)),
          stdout: options.stdout,
          stderr: options.stderr,
          stopSignal: options.stopSignal,
        };
      };
      for (const [index, task] of tasks.entries()) {
        if (options.stopSignal.reason) {
          if (early.held) early.discarding.push(early.held.discard());
          early.held = undefined;
          modules.push(notRun(task, options.stopSignal.reason.kind === 'signal' ? `not run: ${describeStop(options.stopSignal)}` : 'not run: the lock was lost'));
          continue;
        }
        // A discarded early start must be gone before its module starts again (same log).
        await Promise.all(early.discarding.splice(0));
        const title = progressPrefix(index, tasks.length, task.name).replace(/[\r\n]+/g, ' ');
        if (options.groupOutput) say(`::group::${title}`);
        say(`${title}: ${adapter.name} ${task.paths.join(' ')}`);
        const current = early.held ?? prepareModuleTask(task, contextFor(index, task), { hold: false });
        early.held = undefined;
        const next = tasks[index + 1];
        const stopWatching =
          next && options.prestart !== false && adapter.gateArgs?.(config.runnerArgs.concat(options.runnerArgs))
            ? watchForEarlyStart({
                running: current,
                policy,
                slot: early,
                prepareNext: () => prepareModuleTask(next, contextFor(index + 1, next), { hold: true }),
                stopped: () => options.stopSignal.reason !== undefined,
              })
            : undefined;
        const result = await current.run();
        stopWatching?.();
        // Read through a function: the monitor may have set it while we awaited.
        const heldCost = heldModule(early)?.currentRssMB();
        if (heldCost) policy.recordHeldCost(heldCost);
        policy.recordFinished(result.peakRssMB);
        modules.push(result);
        if (options.groupOutput) say('::endgroup::');
        say(moduleEndLine(index, tasks.length, result));
      }
      const leftover = heldModule(early);
      if (leftover) early.discarding.push(leftover.discard());
      await Promise.all(early.discarding);
      if (options.stopSignal.reason) stopReason = describeStop(options.stopSignal);
    }

    const interrupted = options.stopSignal.reason?.kind === 'signal';
    const failed = reset?.failure !== undefined || options.stopSignal.reason?.kind === 'lock-lost' || badModules(modules).length > 0;
    const status: Report['status'] = interrupted ? 'interrupted' : failed ? 'failed' : 'passed';
    const lockFields = lock ? { lock: { ...lock.figures, holdMs: Date.now() - lock.acquiredAt } } : {};
    const report = finish(modules, status, { ...resetFields, ...lockFields, ...(stopReason ? { reason: stopReason } : {}) });
    writeOutputs(report, options);
    const failure = failureSentence(report);
    if (failure) say(`\n${status === 'interrupted' ? 'Interrupted' : 'Failed'}: ${failure}`);
    else say(`\nAll ${modules.length} ${modules.length === 1 ? 'module' : 'modules'} passed.`);
    say(`Report: ${options.reportPath}`);
    return { report, exitCode: interrupted ? ExitCode.Interrupted : status === 'failed' ? ExitCode.Failed : ExitCode.Ok, ...(failure ? { failure } : {}) };
  } finally {
    // Whatever happened, no held process may outlive the run.
    heldModule(early)?.discard();
    rmSync(work, { recursive: true, force: true });
    if (lock) await lock.handle.release();
  }
}

/** A module that did not run, and why (the report lists every planned module). */
function notRun(task: ModuleTask, why: string): ModuleResult {
  return {
    name: task.name,
    status: 'skipped',
    paths: task.paths,
    tests: { total: 0, passed: 0, failed: 0, skipped: 0, todo: 0 },
    suites: [],
    durationMs: 0,
    startedAt: new Date().toISOString(),
    peakHeapMB: null,
    heapLimitMB: null,
    peakRssMB: null,
    exitCode: null,
    signal: null,
    reason: why,
  };
}

function heldModule(early: EarlySlot): PreparedModule | undefined {
  return early.held;
}

function describeStop(stop: StopSignal): string {
  const reason = stop.reason;
  if (!reason) return '';
  return reason.kind === 'signal' ? `interrupted by ${reason.signal}` : reason.message;
}

function writeOutputs(report: Report, options: Pick<BatchOptions, 'reportPath' | 'junitPath'>): void {
  writeFileCreatingDir(options.reportPath, `${JSON.stringify(report, null, 2)}\n`);
  if (options.junitPath) writeFileCreatingDir(options.junitPath, renderJUnit(report));
}

function writeFileCreatingDir(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    throw new QualityGatesError(`cannot write ${path}: ${(error as Error).message} — check the path and its permissions`, ExitCode.Failed, { cause: error });
  }
}

/** Where a report came from, from the CI environment (GitHub and Gitea set the same names). */
export function reportContext(env: NodeJS.ProcessEnv): Report['context'] {
  const context: Report['context'] = {};
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    context.runUrl = `${env.GITHUB_SERVER_URL.replace(/\/+$/, '')}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  }
  if (env.GITHUB_REPOSITORY) context.repository = env.GITHUB_REPOSITORY;
  if (env.GITHUB_SHA) context.sha = env.GITHUB_SHA;
  if (env.GITHUB_REF) context.ref = env.GITHUB_REF;
  return context;
}
