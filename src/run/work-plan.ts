import type { Config } from '../config/schema.js';
import { estimates as estimatesOf, type ModuleEstimate } from '../history/estimates.js';
import { readHistory } from '../history/file.js';
import type { History } from '../history/schema.js';
import { emptyHistory } from '../history/schema.js';
import { VERSION } from '../version.js';
import type { ModuleTask } from './task.js';
import type { MachineFacts } from './schedule/machine.js';
import { autoSlots, largestPredictedRssMB, unknownItemRssMB, type SlotChoice } from './schedule/slots.js';
import { planWorkItems, type WorkItem } from './schedule/work-items.js';
import { parseMemoryBudget } from './memory-budget.js';

/** What planning the work of a run needs (flags and config already merged by the caller). */
export interface WorkPlanInput {
  tasks: readonly ModuleTask[];
  config: Config;
  /** The history file (absolute); undefined: no history (`--history none`, `history: false`). */
  historyPath?: string;
  slots: number | 'auto';
  /** Where the slot count came from, for the log (`--slots 2`). */
  slotsSource: string;
  /** Packing asked for (config `pack`, not `--no-pack`). */
  pack: boolean;
  /** Whether the launcher runs several modules in one process; without, nothing is packed. */
  launcherPacks: boolean;
  memoryBudget: string;
  /** Where the memory budget came from, for errors (`--memory-budget`). */
  memoryBudgetSource: string;
  machine: MachineFacts;
}

/** The run's work: items, slots, memory, and what history said. */
export interface RunWorkPlan {
  /** The work items, with what history predicts of each (for the report). */
  items: WorkItem[];
  /** The items as the scheduler gets them (with one slot, without the durations that would reorder them). */
  scheduled: WorkItem[];
  /** The tasks by module name (what each item's modules mean). */
  tasks: Map<string, ModuleTask>;
  slots: SlotChoice;
  memoryBudgetMB: number;
  unknownRssMB: number;
  /** The history read (empty without one), to update after the run. */
  history: History;
  /** False when the history file must not be written over (another tool's, a newer version's). */
  historyWritable: boolean;
  /** Set when the history file was there but not used. */
  historyWarning?: string;
  estimates: Map<string, ModuleEstimate>;
  runner: Config['runner'];
}

/**
 * Plans a run (no process started): reads the history (a missing file is a first run; a
 * bad one a warning), estimates each module, packs modules into work items (unknown,
 * failed and `isolate`d modules alone; none packed without `pack`), and picks the slots
 * (`auto`: from the cores and the memory budget) and the memory budget.
 */
export function planRunWork(input: WorkPlanInput): RunWorkPlan {
  const read =
    input.historyPath !== undefined
      ? readHistory(input.historyPath)
      : { history: emptyHistory(VERSION), mayOverwrite: false };
  const estimates = estimatesOf(read.history, { runner: input.config.runner });
  // A pass-through run of paths has no module to learn about: history is for modules.
  const known = new Map(
    input.tasks
      .filter((task) => task.kind === 'module' && estimates.has(task.name))
      .map((task) => [task.name, estimates.get(task.name)!]),
  );
  const memoryBudgetMB = parseMemoryBudget(
    input.memoryBudget,
    input.machine.availableMemoryMB,
    input.memoryBudgetSource,
  );
  const requestedSlots = input.slots === 'auto' ? input.machine.cores : input.slots;
  const plan = planWorkItems(
    input.tasks.map((task) => ({ name: task.name })),
    known,
    { pack: input.pack && input.launcherPacks, isolate: input.config.isolate, slots: requestedSlots },
  );
  if (input.pack && !input.launcherPacks)
    for (const item of plan.items) item.reason = 'alone: this launcher runs one module per test process';
  const slots =
    input.slots === 'auto'
      ? autoSlots({
          cores: input.machine.cores,
          memoryBudgetMB,
          largestItemRssMB: largestPredictedRssMB(plan.items) ?? 0,
          items: plan.items.length,
        })
      : { slots: input.slots, reason: `slots: ${input.slots} (${input.slotsSource})` };
  return {
    items: plan.items,
    scheduled: slots.slots === 1 ? byName(plan.items) : plan.items,
    tasks: new Map(input.tasks.map((task) => [task.name, task])),
    slots,
    memoryBudgetMB,
    unknownRssMB: unknownItemRssMB(plan.items, memoryBudgetMB, slots.slots),
    history: read.history,
    historyWritable: input.historyPath !== undefined && read.mayOverwrite,
    ...(read.warning !== undefined ? { historyWarning: read.warning } : {}),
    estimates: known,
    runner: input.config.runner,
  };
}

/**
 * With one slot the order changes nothing of the wall time (everything runs one after
 * another anyway), so the items run by module name, as before the scheduler: the same
 * order, logs and progress numbers from run to run. The scheduler orders by predicted
 * duration, then by suite count, then by first module name: without the first two, by name.
 */
function byName(items: readonly WorkItem[]): WorkItem[] {
  return items.map((item) => ({ ...item, predictedDurationMs: null, suiteCount: null }));
}
