import type { Config } from '../config/schema.js';
import { estimates as estimatesOf, type ModuleEstimate } from '../history/estimates.js';
import { readHistory } from '../history/file.js';
import type { History } from '../history/schema.js';
import { emptyHistory } from '../history/schema.js';
import { VERSION } from '../version.js';
import type { ModuleTask } from './task.js';
import type { MachineFacts } from './schedule/machine.js';
import { autoSlots, largestPredictedRssMB, unknownItemRssMB, type SlotChoice } from './schedule/slots.js';
import { orderItems } from './schedule/order.js';
import {
  largestAloneRssMB,
  planWorkItems,
  type PackingCandidate,
  type PackingOptions,
  type WorkItem,
  type WorkPlan,
} from './schedule/work-items.js';
import { DEFAULT_HELD_BOOT_RSS_MB } from './schedule/scheduler.js';
import { parseHeapBudget, parseMemoryBudget } from './memory-budget.js';
import { compareNames } from '../util/compare-names.js';

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
  /** Heap budget of a packed process (`--heap-budget`, config `heapBudget`); default from history. */
  heapBudget?: string;
  /** Where the heap budget came from, for errors. */
  heapBudgetSource?: string;
  machine: MachineFacts;
  /** Whether slots start their next process early (see earlyStartOn): packs then leave room for it. */
  earlyStart: boolean;
}

/** The run's work: items, slots, memory, and what history said. */
export interface RunWorkPlan {
  /** The work items, with what history predicts of each (for the report). */
  items: WorkItem[];
  /** The items in the order the scheduler runs them with one slot; with more, it orders them longest first. */
  scheduled: WorkItem[];
  /** Slots start their next process early, held at its gate. */
  earlyStart: boolean;
  /** What a process held at its gate is expected to cost, MB (history, else the scheduler's default). */
  heldBootRssMB: number;
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
  /**
   * How the items were packed, for re-packing the queue during the run (src/run/replan.ts):
   * the same options, with the heap budget the plan used fixed (it came from every module's
   * history, not only the queued ones'). Unset when nothing could be packed.
   */
  packing?: { options: PackingOptions; room: PackingRoom };
}

/** Room the packs leave: for a process held at its gate beside each, under the largest module's RSS, within the memory budget. */
export interface PackingRoom {
  headroomMB: number;
  ceilingMB: number | null;
  memoryBudgetMB: number;
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
  const heldBootRssMB = bootRssEstimate(known);
  const ceilingMB = largestAloneRssMB(known);
  const headroomMB = input.earlyStart ? heldBootRssMB + HOLD_MARGIN_SHARE * (ceilingMB ?? 0) : 0;
  const packingOptions: PackingOptions = {
    pack: input.pack && input.launcherPacks,
    isolate: input.config.isolate,
    slots: requestedSlots,
    ...(input.heapBudget !== undefined
      ? { heapBudgetMB: parseHeapBudget(input.heapBudget, input.heapBudgetSource ?? 'heapBudget') }
      : {}),
  };
  const room = { headroomMB, ceilingMB, memoryBudgetMB };
  const plan = choosePacking(
    input.tasks.map((task) => ({ name: task.name })),
    known,
    packingOptions,
    room,
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
    scheduled: slots.slots === 1 ? oneSlotOrder(plan.items, headroomMB) : plan.items,
    earlyStart: input.earlyStart,
    heldBootRssMB,
    tasks: new Map(input.tasks.map((task) => [task.name, task])),
    slots,
    memoryBudgetMB,
    unknownRssMB: unknownItemRssMB(plan.items, memoryBudgetMB, slots.slots),
    history: read.history,
    historyWritable: input.historyPath !== undefined && read.mayOverwrite,
    ...(read.warning !== undefined ? { historyWarning: read.warning } : {}),
    estimates: known,
    runner: input.config.runner,
    ...(packingOptions.pack && plan.heapBudgetMB !== null
      ? { packing: { options: { ...packingOptions, heapBudgetMB: plan.heapBudgetMB }, room } }
      : {}),
  };
}

/**
 * Share of the run's peak RSS kept free beside an item on top of a held process's boot RSS
 * (the headroom the next process needs to wait at its gate): packs measure a little above
 * their prediction.
 */
const HOLD_MARGIN_SHARE = 0.05;

/**
 * Looser duration bounds the packing chooser tries with several slots (see
 * PackingOptions.durationBoundScale). date-fns's third run, 248 modules on 2 slots: the exact
 * bound made packs of 9.6, 9.6 and 8.7 s predicted, and the third ran after the first while
 * the other slot idled for 8 s.
 */
const LOOSER_DURATION_BOUNDS = [1.1, 1.25, 1.5, 2];

/**
 * Packs the modules, weighing up to seven packings: packs up to the heap budget; with early
 * start, packs that also leave `headroomMB` under the largest module's RSS (the run's peak),
 * so the slot's next process can boot early beside each and wait at its gate instead of
 * being killed when the pack reaches its peak; with several slots and a memory budget that
 * cannot hold one of the biggest packs per slot, packs small enough to run side by side;
 * with several slots, packs up to looser duration bounds. Fuller packs start fewer
 * processes, roomier ones hide start-ups or fill the slots: the one with the lower predicted
 * wall time wins (on a tie the first tried: the exact bound before looser ones).
 */
export function choosePacking(
  candidates: readonly PackingCandidate[],
  estimates: ReadonlyMap<string, ModuleEstimate>,
  options: PackingOptions,
  room: PackingRoom,
  busy: readonly BusySlot[] = [],
): WorkPlan {
  const { headroomMB, ceilingMB, memoryBudgetMB } = room;
  const full = planWorkItems(candidates, estimates, options);
  if (ceilingMB === null || !options.pack) return full;
  const plans = [full];
  if (headroomMB > 0)
    plans.push(planWorkItems(candidates, estimates, { ...options, packRssLimitMB: ceilingMB - headroomMB }));
  const slots = Math.max(1, options.slots);
  if (slots > 1)
    for (const durationBoundScale of [...LOOSER_DURATION_BOUNDS, ...busyBoundScale(candidates, estimates, busy)])
      plans.push(planWorkItems(candidates, estimates, { ...options, durationBoundScale }));
  if (slots > 1 && memoryBudgetMB < slots * ceilingMB)
    plans.push(
      planWorkItems(candidates, estimates, {
        ...options,
        packRssLimitMB: memoryBudgetMB / slots,
        packRssLimitWhy: `${String(slots)} side by side within the ${String(Math.round(memoryBudgetMB))} MB memory budget`,
      }),
    );
  const walls = plans.map((plan) =>
    slots > 1
      ? simulatedWallMs(plan.items, slots, memoryBudgetMB, busy)
      : predictedWallMs(plan.items, estimates, headroomMB, slots),
  );
  // The first of the fastest: fuller packs on a tie.
  return plans[walls.indexOf(Math.min(...walls))];
}

/**
 * A slot still busy when a re-plan is made: the item on it is predicted to end `endsAt` ms
 * from now, and holds `rssMB` until then.
 */
export interface BusySlot {
  endsAt: number;
  rssMB: number;
}

/**
 * The duration bound that evens the slots out when some are still busy: the queue's and the
 * running items' remaining time over the slots, as a scale of the queue's even split (none
 * when nothing runs). After a re-plan the free slot takes the longest pack at once while a
 * busy one takes its share only when its item ends: the even split of the queue alone left
 * date-fns's busy slot running 2–5 s after the other had finished.
 */
function busyBoundScale(
  candidates: readonly PackingCandidate[],
  estimates: ReadonlyMap<string, ModuleEstimate>,
  busy: readonly BusySlot[],
): number[] {
  const remaining = busy.reduce((total, slot) => total + slot.endsAt, 0);
  const queued = candidates.reduce((total, candidate) => total + (estimates.get(candidate.name)?.durationMs ?? 0), 0);
  return remaining > 0 && queued > 0 ? [(queued + remaining) / queued] : [];
}

/**
 * A packing's wall time with several slots, for comparing packings only: the scheduler's
 * rule played out on the predicted figures. Items go longest first; a free slot takes the
 * first queued item whose predicted peak RSS fits the memory budget beside what runs (with
 * nothing running, the first item, whatever its size). Unknown durations count as 0.
 * `busy`: slots taken at the start, until their items end.
 */
export function simulatedWallMs(
  items: readonly WorkItem[],
  slots: number,
  memoryBudgetMB: number,
  busy: readonly BusySlot[] = [],
): number {
  const queue = orderItems(items);
  const running: { endsAt: number; rssMB: number }[] = busy.slice(0, slots).map((slot) => ({ ...slot }));
  let now = 0;
  while (queue.length > 0 || running.length > 0) {
    while (running.length < slots && queue.length > 0) {
      const usedMB = running.reduce((total, item) => total + item.rssMB, 0);
      const index =
        running.length === 0 ? 0 : queue.findIndex((item) => usedMB + (item.predictedPeakRssMB ?? 0) <= memoryBudgetMB);
      if (index < 0) break;
      const [item] = queue.splice(index, 1);
      running.push({ endsAt: now + (item.predictedDurationMs ?? 0), rssMB: item.predictedPeakRssMB ?? 0 });
    }
    running.sort((a, b) => a.endsAt - b.endsAt);
    const next = running.shift();
    if (next) now = next.endsAt;
  }
  return now;
}

/**
 * A packing's predicted wall time, for comparing packings only: the items' predicted
 * durations, less the start-up of each item whose predecessor (in the order they run)
 * leaves room for it to boot early, over the slots.
 */
export function predictedWallMs(
  items: readonly WorkItem[],
  estimates: ReadonlyMap<string, ModuleEstimate>,
  headroomMB: number,
  slots: number,
): number {
  const ordered = slots <= 1 ? oneSlotOrder(items, headroomMB) : orderItems(items);
  const peak = largestPredictedRssMB(ordered) ?? 0;
  let total = 0;
  ordered.forEach((item, index) => {
    total += item.predictedDurationMs ?? 0;
    if (index > 0 && hasRoomBeside(ordered[index - 1], headroomMB, peak))
      total -= estimates.get(item.modules[0])?.startupMs ?? 0;
  });
  return total / Math.max(1, slots);
}

/**
 * RSS of a booted test process, from history: the largest of the modules' medians (a process
 * held at its gate costs about that), else the scheduler's default until one is measured.
 */
export function bootRssEstimate(estimates: ReadonlyMap<string, ModuleEstimate>): number {
  const boots = [...estimates.values()]
    .map((estimate) => estimate.bootRssMB)
    .filter((rss): rss is number => rss !== null && rss > 0);
  return boots.length > 0 ? Math.max(...boots) : DEFAULT_HELD_BOOT_RSS_MB;
}

/**
 * With one slot the order changes nothing of the wall time (everything runs one after
 * another anyway), so the items run by first module name, as before the scheduler: the same
 * order, logs and progress numbers from run to run. Except: an item with no room beside it
 * for the next process held at its gate (its predicted peak RSS plus `headroomMB` passes the
 * largest item's, the run's peak) goes last, where nothing comes after it to start early.
 */
export function oneSlotOrder(items: readonly WorkItem[], headroomMB: number): WorkItem[] {
  const peak = largestPredictedRssMB(items) ?? 0;
  const crowded = (item: WorkItem) =>
    headroomMB > 0 && item.predictedPeakRssMB !== null && !hasRoomBeside(item, headroomMB, peak);
  const byName = [...items].sort((a, b) => compareNames(a.modules[0] ?? a.id, b.modules[0] ?? b.id));
  return [...byName.filter((item) => !crowded(item)), ...byName.filter(crowded)];
}

/** A process booted early fits beside this item, under the run's peak (an item with no prediction: no). */
function hasRoomBeside(item: WorkItem, headroomMB: number, peakMB: number): boolean {
  return item.predictedPeakRssMB !== null && item.predictedPeakRssMB + headroomMB <= peakMB;
}
