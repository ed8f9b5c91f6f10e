import { statSync } from 'node:fs';
import type { ModuleResult } from '../../report/schema.js';
import type { ModuleRunContext, ModuleTask } from '../task.js';
import { currentRssMB, memoryFigures, readProbeDir, readReporterFile, readTimelines } from '../child-output.js';
import type { ItemOutcome, Launcher, PreparedItem } from '../schedule/launcher.js';
import type { WorkItem } from '../schedule/work-items.js';
import { startItemProcess } from './item-process.js';
import { finishedSoFar, packOutcome, type PackResultInput } from './pack-results.js';
import { withCapturedLeaks } from '../snapshots/module-leaks.js';

/** What the item launcher needs from the batch. */
export interface ItemLauncherOptions {
  /** The planned tasks, by module name. */
  tasks: ReadonlyMap<string, ModuleTask>;
  /**
   * The context of one process start: a fresh work directory, the log path, the base
   * environment, and where its output goes (a buffer printed as one block when the item
   * ends, when slots run in parallel). `timeoutMs` is the per-module timeout.
   */
  contextFor(item: WorkItem, slot: number, hold: boolean): ModuleRunContext;
  /** The slot's own variables (its database copy, `isolation.env`), laid over the context's env. */
  slotEnv?(slot: number): Record<string, string>;
}

/**
 * The scheduler's Launcher: one test process per work item, its modules in band in the
 * item's order (`jest --runInBand a/ b/ c/`, vitest likewise). Every process gets
 * `QUALITY_GATES_SLOT` and the slot's variables. A pack's timeout is the sum of its modules'
 * timeouts (one clock for the process: a module that overruns its share is still stopped
 * once the pack as a whole overruns, and the verdict names the module that was running).
 * Results come per module from the reporter's suites (by path) and the probe's timeline
 * (by the suites' time windows); see pack-results.ts for what a death inside a pack keeps.
 */
export function itemLauncher(options: ItemLauncherOptions): Launcher<ModuleResult> {
  return {
    prepare(item, { slot, hold }): PreparedItem<ModuleResult> {
      const tasks = itemTasks(item, options.tasks);
      const context = itemContext(options, item, slot, hold, tasks.length);
      const { timeoutMs } = context;
      const started = startItemProcess(tasks, context, { hold });
      const { probeDir, resultsFile } = started.files;
      return {
        currentRssMB: () => currentRssMB(readProbeDir(probeDir)),
        async discard() {
          started.group.discard();
          await started.group.result;
        },
        async run(onModuleEnded): Promise<ItemOutcome<ModuleResult>> {
          const releasedAt = Date.now();
          const common = (endedAt: number): Omit<PackResultInput, 'ended'> => ({
            tasks,
            trace: {
              records: readReporterFile(resultsFile, context.cwd),
              timelines: readTimelines(probeDir),
              releasedAt,
              endedAt,
            },
            memory: memoryFigures(readProbeDir(probeDir)),
            runner: context.adapter.name,
            allowEmpty: context.allowEmpty,
            timeoutMs,
            process: item.id,
            slot,
            ...(context.logPath ? { logPath: context.logPath } : {}),
          });
          const stopWatching = watchPack(tasks, () => common(Date.now()), onModuleEnded, resultsFile);
          const { ended } = await started.run().finally(stopWatching);
          const input = common(releasedAt + ended.durationMs);
          const outcome = withCapturedLeaks(packOutcome({ ...input, ended }), tasks, input.trace, context.snapshots);
          return tasks.length === 1 ? wholeProcessFigures(outcome, ended.durationMs, input.memory) : outcome;
        },
      };
    },
  };
}

/**
 * An item's context on its slot: the slot's variables over the context's env, and one clock
 * for the process, the sum of its modules' timeouts.
 */
export function itemContext(
  options: ItemLauncherOptions,
  item: WorkItem,
  slot: number,
  hold: boolean,
  modules: number,
): ModuleRunContext {
  const base = options.contextFor(item, slot, hold);
  const timeoutMs = base.timeoutMs !== undefined && base.timeoutMs > 0 ? base.timeoutMs * modules : base.timeoutMs;
  return {
    ...base,
    timeoutMs,
    env: { ...base.env, ...options.slotEnv?.(slot), QUALITY_GATES_SLOT: String(slot) },
  };
}

/** How often a running pack's results file is read for modules that are over (live progress). */
const LIVE_POLL_MS = 250;

/**
 * Live progress of a pack (see watchFinishedModules) from its results file; a module alone has
 * none (its end is the process's). Returns the stop.
 */
export function watchPack(
  tasks: readonly ModuleTask[],
  read: () => Omit<PackResultInput, 'ended'>,
  onModuleEnded: (module: string, result: ModuleResult) => void,
  resultsFile: string,
): () => void {
  if (tasks.length < 2) return () => undefined;
  return watchFinishedModules(read, onModuleEnded, () => fileSize(resultsFile));
}

/** Reports each module of a running pack as soon as all its files finished; returns the stop. */
function watchFinishedModules(
  read: () => Omit<PackResultInput, 'ended'>,
  onModuleEnded: (module: string, result: ModuleResult) => void,
  resultsSize: () => number,
): () => void {
  const reported = new Set<string>();
  // A module can only be over once the results file grew: nothing is read or attributed before.
  let seenSize = -1;
  const timer = setInterval(() => {
    try {
      const size = resultsSize();
      if (size === seenSize) return;
      seenSize = size;
      for (const { name, result } of finishedSoFar(read(), reported)) {
        reported.add(name);
        onModuleEnded(name, result);
      }
    } catch {
      // Live progress only: the outcome at the end reports every module anyway.
      clearInterval(timer);
    }
  }, LIVE_POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * A module alone in its process: its figures are the process's (the duration from release
 * to exit, every process's peaks), as they always were.
 */
export function wholeProcessFigures(
  outcome: ItemOutcome<ModuleResult>,
  durationMs: number,
  memory: ReturnType<typeof memoryFigures>,
): ItemOutcome<ModuleResult> {
  const modules = outcome.modules.map(({ name, result }) => ({
    name,
    result: {
      ...result,
      durationMs,
      // The process's peak; an out-of-memory verdict already raised the module's to the limit.
      peakHeapMB:
        result.peakHeapMB !== null && memory.peakHeapMB !== null
          ? Math.max(result.peakHeapMB, memory.peakHeapMB)
          : (memory.peakHeapMB ?? result.peakHeapMB),
      peakRssMB: memory.peakRssMB,
      ...(memory.peakTreeRssMB != null ? { peakTreeRssMB: memory.peakTreeRssMB } : {}),
      heapLimitMB: memory.heapLimitMB,
    },
  }));
  return { ...outcome, modules };
}

export function itemTasks(item: WorkItem, tasks: ReadonlyMap<string, ModuleTask>): ModuleTask[] {
  return item.modules.map((name) => {
    const task = tasks.get(name);
    if (!task)
      throw new Error(
        `itemLauncher: work item ${item.id} names module ${JSON.stringify(name)}, which is not a planned task`,
      );
    return task;
  });
}

/** A file's size in bytes; -1 when it is not there (yet). */
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}
