import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { Config } from '../config/schema.js';
import type { ModuleResult } from '../report/schema.js';
import { processCoverageArgs } from './coverage/args.js';
import { slotEnv } from './isolation/env.js';
import { logFileName } from './log-files.js';
import type { ModuleRunContext } from './task.js';
import type { StopSignal } from '../process/stop-signal.js';
import { notRun, notRunAfterStop } from './report-build.js';
import { runnerAdapter, type RunnerAdapter } from './runners/index.js';
import type { Launcher } from './schedule/launcher.js';
import { itemLauncher, type ItemLauncherOptions } from './launcher/item-launcher.js';
import { serverLauncher } from './launcher/server-launcher.js';
import { vitestNodeEntry } from './runners/vitest.js';
import { Scheduler, type ScheduleResult, type SchedulerOptions } from './schedule/scheduler.js';
import type { WorkItem } from './schedule/work-items.js';
import { ScheduleOutput } from './schedule-output.js';
import { replanQueue } from './replan.js';
import { processSnapshotDir } from './snapshots/folder.js';
import type { Session } from './session.js';
import type { RunWorkPlan } from './work-plan.js';

/**
 * The launcher the batch runs its work items with, and whether it runs several modules in
 * one process (so work planning may pack): one test process per work item.
 */
export const BATCH_LAUNCHER: { packs: boolean; create: (options: ItemLauncherOptions) => Launcher<ModuleResult> } = {
  packs: true,
  create: itemLauncher,
};

/**
 * Whether a slot's next process starts early and waits at its gate: on unless turned off
 * (`--no-prestart`), for runners that have a gate (jest's filter; a filter of the user's own
 * on the command line wins, and then there is none).
 */
export function earlyStartOn(runner: Config['runner'], runnerArgs: readonly string[], prestart?: boolean): boolean {
  return prestart !== false && Boolean(runnerAdapter(runner).gateArgs?.([...runnerArgs]));
}

/** What running the scheduled work needs. */
export interface ScheduleRunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  config: Config;
  /** Arguments of every test process: the config's runnerArgs, then the command line's. */
  runnerArgs: string[];
  timeoutMs?: number;
  logDir: string;
  session: Session;
  plan: RunWorkPlan;
  stdout: Writable;
  stderr: Writable;
  groupOutput: boolean;
  /** Each process writes its coverage into a folder of its own under this one (merged afterwards). */
  coverageRoot?: string;
  /** --heap-snapshots: at most this many snapshots per test process, in a folder of its own under logDir. */
  snapshots?: { maxSnapshots: number };
  stopSignal: StopSignal;
  /** vitest: one long-lived vitest per slot (see serverLauncher), unless false or something needs a process per item. */
  vitestServer?: boolean;
}

/** The modules' results (in plan order) and what the session does with them afterwards. */
export interface ScheduleRunResult {
  modules: ModuleResult[];
  /** Modules whose process a stop ended: their figures describe the stop, not the module. */
  stopped: Set<string>;
  /** The coverage folders of the processes that ran. */
  coverageDirectories: string[];
  /** How the processes started: early (held at their gate) or in their turn. */
  starts: StartFigures;
  /** The planned work items as they ran: the plan's, with the queue re-planned during the run in place of what it replaced. */
  items: WorkItem[];
  /** vitest servers started (one long-lived vitest per slot ran the items); absent: a process per item. */
  vitestServers?: number;
}

/** Early start as it went: which items' processes had booted before their turn, how many boots were wasted. */
export interface StartFigures {
  /** Items whose process booted early and waited at its gate. */
  early: Set<string>;
  /** Held processes killed before their turn (the running items needed the memory, or a stop). */
  discarded: number;
}

/**
 * Runs the planned work items on the slots (see Scheduler): each process gets its slot's
 * environment (QUALITY_GATES_SLOT, the slot's database copy, isolation.env), its own work
 * and coverage folder and its log; with one slot its output streams live, with more it is
 * printed as one block when its item ends. A stop ends the running processes (the process
 * group does) and marks the rest not run.
 */
export async function runSchedule(options: ScheduleRunOptions): Promise<ScheduleRunResult> {
  const adapter = runnerAdapter(options.config.runner);
  const output = new ScheduleOutput({
    stdout: options.stdout,
    stderr: options.stderr,
    group: options.groupOutput,
    parallel: options.plan.slots.slots > 1,
    total: options.plan.tasks.size,
    adapter,
    paths: (module) => options.plan.tasks.get(module)?.paths ?? [module],
  });
  const coverageDirectories = new Map<string, string>();
  const stopped = new Set<string>();
  const starts: StartFigures = { early: new Set(), discarded: 0 };
  const outputEvents = output.events();
  // Every item id the run has had, so re-planned items get new ones.
  const itemIds = new Set(options.plan.items.map((item) => item.id));
  const items = new Map(options.plan.items.map((item) => [item.id, item]));
  const launcher = chooseLauncher(options, {
    tasks: options.plan.tasks,
    contextFor: contextFactory(options, adapter, output, coverageDirectories),
  });
  const scheduler = new Scheduler<ModuleResult>({
    items: options.plan.scheduled,
    launcher,
    slots: options.plan.slots.slots,
    memoryBudgetMB: options.plan.memoryBudgetMB,
    unknownRssMB: options.plan.unknownRssMB,
    earlyStart: options.plan.earlyStart,
    heldBootRssMB: options.plan.heldBootRssMB,
    order: options.plan.slots.slots === 1 ? 'as-given' : 'longest-first',
    replan: replanner(options.plan, itemIds),
    events: {
      ...outputEvents,
      itemDiscarded: (event) => {
        starts.discarded += 1;
        outputEvents.itemDiscarded?.(event);
      },
      itemStarted: (event) => {
        if (event.early) starts.early.add(event.item.id);
        outputEvents.itemStarted?.(event);
      },
      itemEnded: (event) => {
        if (options.stopSignal.reason) for (const module of event.item.modules) stopped.add(module);
        output.itemEnded(event);
      },
      replanned: (event) => {
        for (const item of event.replaced) items.delete(item.id);
        for (const item of event.items) items.set(item.id, item);
        output.replanned(event);
      },
    },
  });
  const stop = () => scheduler.stop(notRunAfterStop(options.stopSignal));
  const unsubscribe = options.stopSignal.subscribe(stop);
  if (options.stopSignal.reason) stop();
  let result: ScheduleResult<ModuleResult>;
  try {
    result = await scheduler.run();
  } finally {
    unsubscribe();
    await launcher.close?.();
  }
  const ranItems = new Set(result.items.map((run) => run.item.id));
  return {
    modules: moduleResults(options.plan, result),
    stopped,
    coverageDirectories: [...coverageDirectories].filter(([id]) => ranItems.has(id)).map(([, directory]) => directory),
    starts,
    items: [...items.values()],
    ...(launcher.longLivedProcesses ? { vitestServers: launcher.longLivedProcesses() } : {}),
  };
}

/**
 * The launcher of this run: for vitest one long-lived vitest per slot (serverLauncher) unless
 * turned off or the run needs a process per item — each process writes its own coverage
 * (merged afterwards) and its own heap snapshots, and vitest before 3 cannot run again in one
 * process. Says which, for vitest.
 */
function chooseLauncher(options: ScheduleRunOptions, launcherOptions: ItemLauncherOptions): Launcher<ModuleResult> {
  if (options.config.runner !== 'vitest' || BATCH_LAUNCHER.create !== itemLauncher)
    return BATCH_LAUNCHER.create(launcherOptions);
  const why =
    options.vitestServer === false
      ? 'vitestServer is off'
      : options.coverageRoot !== undefined
        ? 'with coverage each process writes its own, merged afterwards'
        : options.snapshots !== undefined
          ? 'with --heap-snapshots each process writes its own snapshots'
          : undefined;
  const entry = why === undefined ? vitestNodeEntry(options.cwd) : { unavailable: why };
  if ('unavailable' in entry) {
    options.stdout.write(`vitest: a test process per work item (${entry.unavailable})\n`);
    return BATCH_LAUNCHER.create(launcherOptions);
  }
  const slots = options.plan.slots.slots;
  options.stdout.write(
    `vitest: one long-lived vitest per slot (${slots} ${slots === 1 ? 'process' : 'processes'}) runs the work items; vitest's start-up is paid once per slot (--no-vitest-server: a process per item)\n`,
  );
  return serverLauncher({
    ...launcherOptions,
    vitestEntry: entry.entry,
    dir: join(options.session.workDir, 'vitest-servers'),
    idle: { stdout: options.stdout, stderr: options.stderr },
  });
}

/**
 * The scheduler's re-plan (see replanQueue): re-planned only after a pack, whose modules
 * behind the first show what is loaded once per process (the queued modules' own figures stay
 * the history's until they run). A module alone moves that only through the weaker
 * first-file figure, and working the estimates out costs ~50 ms on a history of 250 modules:
 * a run of 250 single modules would spend seconds of a core on it. `itemIds` gathers every
 * id the run has had, so new items get new ones.
 */
function replanner(plan: RunWorkPlan, itemIds: Set<string>): NonNullable<SchedulerOptions<ModuleResult>['replan']> {
  return ({ ended, finished, queued, running }) => {
    if (ended.item.modules.length < 2) return undefined;
    const now = Date.now();
    // What the running items are predicted to need still: their slots take new items only then.
    const busy = running.map(({ item, startedAt }) => ({
      endsAt: Math.max(0, (item.predictedDurationMs ?? 0) - (now - startedAt)),
      rssMB: item.predictedPeakRssMB ?? 0,
    }));
    const ranSoFar = finished.flatMap((run) =>
      run.outcome.modules.map(({ result }) => ({ ...result, process: run.item.id, slot: run.slot })),
    );
    const replanned = replanQueue(plan, ranSoFar, queued, { after: ended.item.id, usedIds: itemIds, busy });
    for (const item of replanned ?? []) itemIds.add(item.id);
    return replanned;
  };
}

/** The context of each process start: fresh folders, the log, the slot's environment, where output goes. */
function contextFactory(
  options: ScheduleRunOptions,
  adapter: RunnerAdapter,
  output: ScheduleOutput,
  coverage: Map<string, string>,
): ItemLauncherOptions['contextFor'] {
  const planIndex = new Map([...options.plan.tasks.keys()].map((name, index) => [name, index]));
  let attempt = 0;
  return (item: WorkItem, slot: number): ModuleRunContext => {
    const workDir = join(options.session.workDir, `${safeId(item.id)}-${++attempt}`);
    mkdirSync(workDir);
    const first = item.modules[0];
    let extraArgs = options.runnerArgs;
    if (options.coverageRoot !== undefined) {
      const directory = join(options.coverageRoot, `${safeId(item.id)}-${attempt}`);
      coverage.set(item.id, directory);
      extraArgs = processCoverageArgs(options.config.runner, extraArgs, directory);
    }
    const streams = output.streamsFor(item);
    const logPath = join(options.logDir, logFileName(planIndex.get(first) ?? 0, first));
    return {
      cwd: options.cwd,
      env: options.env,
      // Slot variables go with the config's env, after it: the slot's copy wins over a configured DATABASE_URL.
      configEnv: {
        ...options.config.env,
        ...slotEnv(slot, options.config.isolation, options.session.slotUrls[slot - 1]),
      },
      adapter,
      extraArgs,
      allowEmpty: options.config.allowEmpty,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      workDir,
      logPath,
      ...(options.snapshots
        ? {
            snapshots: {
              dir: processSnapshotDir(options.logDir, logPath, attempt),
              maxSnapshots: options.snapshots.maxSnapshots,
            },
          }
        : {}),
      stdout: streams.stdout,
      stderr: streams.stderr,
      stopSignal: options.stopSignal,
    };
  };
}

/** Every planned module once, in plan order: its result with the process and slot that ran it, or why it did not run. */
function moduleResults(plan: RunWorkPlan, result: ScheduleResult<ModuleResult>): ModuleResult[] {
  return [...plan.tasks.values()].map((task) => {
    const outcome = result.modules.get(task.name);
    if (!outcome) return notRun(task, result.stopReason ?? 'not run: the scheduler never reached it');
    if (outcome.kind === 'not-run') return notRun(task, outcome.reason);
    return { ...outcome.result, process: outcome.item.id, slot: outcome.slot };
  });
}

function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]+/g, '_');
}
