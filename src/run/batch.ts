import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import type { LoadedConfig } from '../config/load.js';
import type { LockConfig } from '../config/schema.js';
import { ExitCode, QualityGatesError, UsageError } from '../errors.js';
import type { ModuleResult, Report } from '../report/schema.js';
import { parseDuration } from '../util/duration.js';
import { resolveHistoryPath } from '../history/location.js';
import { mergeRunCoverage, mergesCoverage } from './coverage-run.js';
import { recordHistory } from './history-record.js';
import { withBaselines } from '../report/baseline.js';
import { checkSlotIsolation } from './isolation/validate.js';
import { checkOutputPaths } from './output-paths.js';
import type { StopSignal } from '../process/stop-signal.js';
import { failureSentence } from './progress.js';
import { badModules } from '../report/failures.js';
import { buildReport, describeStop, notRun, writeOutputs, type ReportBasis } from './report-build.js';
import { lossTolerant } from './safe-output.js';
import { readMachineFacts, type MachineFacts } from './schedule/machine.js';
import { BATCH_LAUNCHER, earlyStartOn, runSchedule, type StartFigures } from './schedule-run.js';
import type { Selection } from './selection.js';
import { LockNotAcquired, withSession, type Session } from './session.js';
import { planRunWork, type RunWorkPlan } from './work-plan.js';
import type { WorkItem } from './schedule/work-items.js';
import { analyseModuleLeaks } from './snapshots/analyse.js';
import { runLeakAnalysis } from '../leaks/run-analysis.js';

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
  /** Wrap each item's output in ::group:: (GitHub/Gitea Actions). */
  groupOutput: boolean;
  /**
   * Start a slot's next test process while its current one runs, held before it runs
   * anything of the project, when the memory budget allows (jest only). Default on.
   */
  prestart?: boolean;
  /** Parallel slots (`--slots`); default the config's `slots`. */
  slots?: number | 'auto';
  /** How to name where `slots` came from in messages (default `--slots N`; the action: `input 'slots' (N)`). */
  slotsSource?: string;
  /** The history file (`--history`, relative to cwd), or false for none; default the config's `history`. */
  history?: string | false;
  /** False: every module in its own process (`--no-pack`); default the config's `pack`. */
  pack?: boolean;
  /** Leak forensics (`--heap-snapshots`); default the config's `leaks.snapshots`. */
  heapSnapshots?: boolean;
  /** False: vitest runs a process per work item (`--no-vitest-server`); default the config's `vitestServer`. */
  vitestServer?: boolean;
  /** The machine memory budget (`--memory-budget 8GB|70%`); default the config's `memoryBudget`. */
  memoryBudget?: string;
  /** The heap budget of a packed process (`--heap-budget 512MB`); default the config's `heapBudget`. */
  heapBudget?: string;
  /** What the machine offers (tests give their own); read when the run starts by default. */
  machine?: MachineFacts;
  /** Fired on SIGINT/SIGTERM/SIGHUP by the caller; forwarded to the running process groups. */
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

/** A run's fixed settings, worked out once before anything starts. */
interface RunSetup {
  options: BatchOptions;
  basis: ReportBasis;
  warnings: string[];
  logDir: string;
  timeoutMs?: number;
  runnerArgs: string[];
  historyPath?: string;
}

/**
 * The batch pipeline shared by the CLI and the action: plan the work (history → work
 * items, slots) → session (lock, reset once, a database copy per slot) → the scheduler
 * over the slots, no fail-fast → coverage merge → history → report JSON (and JUnit) →
 * clean-up and unlock. A stop (signal or lost lock) kills the running processes, marks
 * the rest not run and still writes the report.
 */
export async function runBatch(given: BatchOptions): Promise<BatchOutcome> {
  const setup = prepareRun(given);
  const { options, basis } = setup;
  if (options.selection.mode === 'skip') {
    const reason = options.selection.skipReason ?? 'the plan has nothing to run';
    options.stdout.write(`skipped: ${reason}\n`);
    const report = buildReport(basis, [], 'skipped', { reason });
    writeOutputs(report, options);
    return { report, exitCode: ExitCode.Ok };
  }
  const slots = options.slots ?? options.loaded.config.slots;
  // Before the lock: parallel slots over shared data are refused before anything waits or runs.
  checkSlotIsolation(slots, options.loaded.config.isolation, slotsSource(options));
  const plan = planWork(setup, slots);
  try {
    return await withSession(
      { ...options, config: options.loaded.config, logDir: setup.logDir, slots: plan.slots.slots },
      (session) => runInSession(setup, plan, session),
    );
  } catch (error) {
    if (!(error instanceof LockNotAcquired)) throw error;
    // Nothing ran, but the report still says so (and why), so the summary and the PR show it.
    const modules = options.selection.tasks.map((task) => notRun(task, 'not run: the lock was not acquired'));
    const report = buildReport(basis, modules, error.interrupted ? 'interrupted' : 'failed', { reason: error.reason });
    writeOutputs(report, options);
    throw new RunNotStartedError(error.reason, error.exitCode, report, { cause: error.error });
  }
}

/** Output streams that survive a closed reader, the checks that cost nothing, the fixed settings. */
function prepareRun(given: BatchOptions): RunSetup {
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
  if (options.forceReset && !config.reset) {
    throw new UsageError(
      `--force-reset was given but no reset command is configured — add e.g. reset: ["bash", "testing/scripts/reset-db.sh"] to quality-gates.config.yml`,
    );
  }
  const timeoutMs = config.timeout !== undefined ? parseDuration(config.timeout, 'timeout') : undefined;
  const logDir = options.logDir ?? join(dirname(options.reportPath), 'quality-gates-logs');
  // Before the lock and the first module: a path that cannot be written must cost nothing.
  checkOutputPaths([
    { label: 'report JSON', path: options.reportPath, kind: 'file' },
    ...(options.junitPath !== undefined
      ? [{ label: 'JUnit XML', path: options.junitPath, kind: 'file' as const }]
      : []),
    ...(options.selection.mode !== 'skip' ? [{ label: 'log folder', path: logDir, kind: 'folder' as const }] : []),
  ]);
  const historyPath = resolveHistoryPath(
    options.cwd,
    options.history === false ? 'none' : options.history,
    config.history,
  );
  return {
    options,
    basis: { selection: options.selection, runner: config.runner, env: options.env, startedAt: new Date(), warnings },
    warnings,
    logDir,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    runnerArgs: [...config.runnerArgs, ...options.runnerArgs],
    ...(historyPath !== undefined ? { historyPath } : {}),
  };
}

/** History → estimates → work items, slots and memory budget; history problems become warnings. */
function planWork(setup: RunSetup, slots: number | 'auto'): RunWorkPlan {
  const { options } = setup;
  const { config } = options.loaded;
  const heapBudget = options.heapBudget ?? config.heapBudget;
  const plan = planRunWork({
    tasks: options.selection.tasks,
    config,
    ...(setup.historyPath !== undefined ? { historyPath: setup.historyPath } : {}),
    slots,
    slotsSource: slotsSource(options),
    pack: options.pack ?? config.pack,
    launcherPacks: BATCH_LAUNCHER.packs,
    memoryBudget: options.memoryBudget ?? config.memoryBudget,
    memoryBudgetSource:
      options.memoryBudget !== undefined ? '--memory-budget' : 'memoryBudget in quality-gates.config.yml',
    ...(heapBudget !== undefined
      ? {
          heapBudget,
          heapBudgetSource:
            options.heapBudget !== undefined ? '--heap-budget' : 'heapBudget in quality-gates.config.yml',
        }
      : {}),
    machine: options.machine ?? readMachineFacts(),
    earlyStart: earlyStartOn(config.runner, setup.runnerArgs, options.prestart),
  });
  if (plan.historyWarning !== undefined) {
    setup.warnings.push(plan.historyWarning);
    options.stderr.write(`quality-gates run: ${plan.historyWarning}\n`);
  }
  if (plan.slots.slots > 1 || slots === 'auto') options.stdout.write(`${plan.slots.reason}\n`);
  return plan;
}

/** Where the slot count came from, for messages. */
function slotsSource(options: BatchOptions): string {
  if (options.slots !== undefined) return options.slotsSource ?? `--slots ${options.slots}`;
  return `slots: ${options.loaded.config.slots} in ${options.loaded.path ?? 'quality-gates.config.yml'}`;
}

/** The schedule (unless the set-up failed), coverage, history, then the report. */
async function runInSession(setup: RunSetup, plan: RunWorkPlan, session: Session): Promise<BatchOutcome> {
  const { options } = setup;
  const { config } = options.loaded;
  let modules: ModuleResult[];
  let failure: string | undefined;
  let starts: StartFigures | undefined;
  let vitestServers: number | undefined;
  let items = plan.items;
  if (session.setupFailure) {
    modules = options.selection.tasks.map((task) => notRun(task, session.setupFailure!.notRunWhy));
  } else {
    const coverage = mergesCoverage(config.runner, setup.runnerArgs, plan.items.length);
    const snapshots = options.heapSnapshots ?? config.leaks.snapshots;
    const ran = await runSchedule({
      ...options,
      config,
      runnerArgs: setup.runnerArgs,
      ...(snapshots ? { snapshots: { maxSnapshots: config.leaks.maxSnapshots } } : {}),
      ...(setup.timeoutMs !== undefined ? { timeoutMs: setup.timeoutMs } : {}),
      logDir: setup.logDir,
      session,
      plan,
      ...(coverage ? { coverageRoot: join(session.workDir, 'coverage') } : {}),
      vitestServer: options.vitestServer ?? config.vitestServer,
    });
    // After every test process ended: the analysis needs about the snapshots' size in memory,
    // which the memory budget the test processes ran under never counted.
    modules = snapshots
      ? await analyseModuleLeaks(ran.modules, {
          analyse: runLeakAnalysis,
          say: (line) => options.stdout.write(`${line}\n`),
          stopSignal: options.stopSignal,
        })
      : ran.modules;
    starts = ran.starts;
    items = ran.items;
    vitestServers = ran.vitestServers;
    if (coverage && !options.stopSignal.reason) {
      const merged = await mergeRunCoverage({
        ...options,
        runner: config.runner,
        runnerArgs: setup.runnerArgs,
        processDirectories: ran.coverageDirectories,
      });
      setup.warnings.push(...merged.warnings);
      failure = merged.failure;
    }
    setup.warnings.push(...recordHistory(plan, setup.historyPath, modules, ran.stopped));
  }
  setup.warnings.push(...(await session.dropSlotDatabases()));
  return finishRun(setup, plan, session, modules, { coverageFailure: failure, starts, items, vitestServers });
}

/** Status, report (written), the closing lines and the exit code. */
function finishRun(
  setup: RunSetup,
  plan: RunWorkPlan,
  session: Session,
  modules: ModuleResult[],
  ran: {
    coverageFailure: string | undefined;
    starts: StartFigures | undefined;
    items: readonly WorkItem[];
    vitestServers?: number | undefined;
  },
): BatchOutcome {
  const { coverageFailure, starts, items, vitestServers } = ran;
  const { options } = setup;
  const stop = options.stopSignal.reason;
  const interrupted = stop?.kind === 'signal';
  const failed =
    session.setupFailure !== undefined ||
    stop?.kind === 'lock-lost' ||
    coverageFailure !== undefined ||
    badModules(modules).length > 0;
  const status: Report['status'] = interrupted ? 'interrupted' : failed ? 'failed' : 'passed';
  const reason = session.setupFailure?.reason ?? (stop ? describeStop(options.stopSignal) : coverageFailure);
  const lock = session.lockFigures();
  // Baselines from the history as read before this run: what each module cost before it.
  const compared = withBaselines(modules, plan.estimates, options.loaded.config.report.regressions);
  const report = buildReport(setup.basis, compared, status, {
    ...(session.reset
      ? {
          reset: {
            command: session.reset.command,
            durationMs: session.reset.durationMs,
            exitCode: session.reset.exitCode,
          },
        }
      : {}),
    ...(lock ? { lock } : {}),
    ...(reason !== undefined ? { reason } : {}),
    schedule: {
      slots: plan.slots.slots,
      slotsReason: plan.slots.reason,
      packing: items.some((item) => item.modules.length > 1),
      ...(setup.historyPath !== undefined ? { historyPath: setup.historyPath } : {}),
      items: items.map((item) => ({
        id: item.id,
        modules: item.modules,
        reason: item.reason,
        predictedDurationMs: item.predictedDurationMs,
        predictedPeakRssMB: item.predictedPeakRssMB,
        ...(starts ? { early: starts.early.has(item.id) } : {}),
      })),
      ...(starts && plan.earlyStart ? { earlyStartsDiscarded: starts.discarded } : {}),
      ...(vitestServers !== undefined ? { vitestServers } : {}),
    },
  });
  writeOutputs(report, options);
  const say = (line: string) => options.stdout.write(`${line}\n`);
  const failure = failureSentence(report);
  if (failure) say(`\n${status === 'interrupted' ? 'Interrupted' : 'Failed'}: ${failure}`);
  else say(`\nAll ${modules.length} ${modules.length === 1 ? 'module' : 'modules'} passed.`);
  say(`Report: ${options.reportPath}`);
  return {
    report,
    exitCode: interrupted ? ExitCode.Interrupted : status === 'failed' ? ExitCode.Failed : ExitCode.Ok,
    ...(failure ? { failure } : {}),
  };
}
