import type { ModuleResult } from '../../report/schema.js';
import { prepareModuleTask, type ModuleRunContext, type ModuleTask } from '../module-run.js';
import type { ItemOutcome, Launcher, PreparedItem } from './launcher.js';
import type { WorkItem } from './work-items.js';

/** What the module launcher needs from the batch. */
export interface ModuleLauncherOptions {
  /** The planned tasks, by module name. */
  tasks: ReadonlyMap<string, ModuleTask>;
  /**
   * The context of one process start: a fresh work directory, the log path, the slot's
   * environment (its database copy, `isolation.env`), and where its output goes (a buffer
   * printed as one block when the item ends, when slots run in parallel).
   * `QUALITY_GATES_SLOT` is added here whatever the context says.
   */
  contextFor(item: WorkItem, slot: number, hold: boolean): ModuleRunContext;
}

/**
 * The scheduler's Launcher over today's one process per module (prepareModuleTask): each
 * work item must hold exactly one module. Running several modules in one process needs
 * their suites and memory attributed per module, which prepareModuleTask does not do; a
 * packed item is refused with an error (a bug of the caller: plan with `pack: false`).
 */
export function moduleLauncher(options: ModuleLauncherOptions): Launcher<ModuleResult> {
  return {
    prepare(item, { slot, hold }): PreparedItem<ModuleResult> {
      const task = singleTask(item, options.tasks);
      const context = options.contextFor(item, slot, hold);
      const prepared = prepareModuleTask(task, { ...context, env: { ...context.env, QUALITY_GATES_SLOT: String(slot) } }, { hold });
      return {
        async run(): Promise<ItemOutcome<ModuleResult>> {
          const result = await prepared.run();
          const died = result.status === 'crashed' || result.status === 'timeout';
          return { modules: [{ name: task.name, result }], notStarted: [], peakRssMB: result.peakRssMB, ...(died ? { diedIn: task.name } : {}) };
        },
        discard: () => prepared.discard(),
        currentRssMB: () => prepared.currentRssMB(),
      };
    },
  };
}

function singleTask(item: WorkItem, tasks: ReadonlyMap<string, ModuleTask>): ModuleTask {
  if (item.modules.length !== 1) {
    throw new Error(`moduleLauncher runs one module per process; work item ${item.id} packs ${item.modules.join(', ')} — plan with pack: false`);
  }
  const task = tasks.get(item.modules[0]!);
  if (!task) throw new Error(`moduleLauncher: work item ${item.id} names module ${JSON.stringify(item.modules[0])}, which is not a planned task`);
  return task;
}
