import type { ItemOutcome, Launcher, PreparedItem } from './launcher.js';
import { orderItems } from './order.js';
import { largestPredictedRssMB } from './slots.js';
import { ITEM_TRANSITIONS, SLOT_TRANSITIONS, transition, type ItemState, type SlotState } from './states.js';
import type { WorkItem } from './work-items.js';

/** What a held (pre-started, waiting) process is assumed to cost before one was measured, MB. */
export const DEFAULT_HELD_BOOT_RSS_MB = 150;

/** How often memory is looked at again while items run. */
const DEFAULT_POLL_MS = 100;

/** Calls `tick` every `ms` until the returned function is called (a fake in tests). */
export interface Ticker {
  every(ms: number, tick: () => void): () => void;
}

/** Live progress, so the batch can print lines as things happen and each item's output as one block. */
export interface SchedulerEvents<R> {
  itemStarted?(event: { item: WorkItem; slot: number; early: boolean }): void;
  itemHeld?(event: { item: WorkItem; slot: number }): void;
  itemDiscarded?(event: { item: WorkItem; slot: number; why: string }): void;
  moduleEnded?(event: { module: string; result: R; item: WorkItem; slot: number }): void;
  itemEnded?(event: { item: WorkItem; slot: number; outcome: ItemOutcome<R> }): void;
  /** The queued items were replaced by `items` (see SchedulerOptions.replan), after `after` ended. */
  replanned?(event: { after: WorkItem; replaced: readonly WorkItem[]; items: readonly WorkItem[] }): void;
}

/**
 * What a re-plan is asked with: the item that just ended, every item that ended so far (in
 * the order they ended) and the planned items still queued (not started, not held; re-runs
 * after a crash are not offered: they run alone whatever is learned).
 */
export interface ReplanRequest<R> {
  ended: ItemRun<R>;
  finished: readonly ItemRun<R>[];
  queued: readonly WorkItem[];
  /** The items still running, on which slot, since when (ms since the epoch): their slots are not free yet. */
  running: readonly { item: WorkItem; slot: number; startedAt: number }[];
}

/** Plain scheduler options (the batch maps flags, config and machine facts onto them). */
export interface SchedulerOptions<R> {
  items: readonly WorkItem[];
  launcher: Launcher<R>;
  /** Slots 1..N; each runs one item at a time. */
  slots: number;
  /** The machine memory budget, MB: running items' predicted peak RSS added up stays within it. */
  memoryBudgetMB: number;
  /** Peak RSS assumed for an item without a prediction, MB. */
  unknownRssMB: number;
  /** Start a slot's next item early, held at its gate (only when the runner has a gate). */
  earlyStart: boolean;
  /** RSS a held process is assumed to take before one was measured, MB. */
  heldBootRssMB?: number;
  /**
   * `longest-first` (default): the longest processing time rule. `as-given`: the items in the
   * order given (one slot, where the order changes nothing of the wall time).
   */
  order?: 'longest-first' | 'as-given';
  /**
   * Called after each item ends (not after a stop) while planned items are still queued: new
   * items for exactly the queued items' modules replace them (undefined: keep the queue). What
   * the ended processes measured can say that modules pack tighter than the history before the
   * run did. Items that hold other modules than the queued ones (one more, one fewer, one
   * twice) are refused: the schedule stops on an internal error rather than run other tests.
   */
  replan?: (request: ReplanRequest<R>) => readonly WorkItem[] | undefined;
  /** The item that re-runs `module` alone after `parent`'s process died (default: the parent's predictions). */
  rerunItem?: (module: string, parent: WorkItem, diedIn: string | undefined) => WorkItem;
  events?: SchedulerEvents<R>;
  ticker?: Ticker;
  pollMs?: number;
}

/** What became of one module. */
export type ModuleOutcome<R> =
  | { kind: 'ran'; module: string; result: R; item: WorkItem; slot: number }
  | { kind: 'not-run'; module: string; reason: string; item: WorkItem };

/** An item whose process ran to its end. */
export interface ItemRun<R> {
  item: WorkItem;
  slot: number;
  early: boolean;
  outcome: ItemOutcome<R>;
}

/** The schedule's result: every module of every item, once. */
export interface ScheduleResult<R> {
  modules: Map<string, ModuleOutcome<R>>;
  /** Items in the order their processes ended (re-runs included). */
  items: ItemRun<R>[];
  /** The reason given to stop(), when the schedule was stopped. */
  stopReason?: string;
}

interface Entry<R> {
  item: WorkItem;
  state: ItemState;
  /** Queue position: initial items 0..n-1 longest first; re-runs before them; re-planned items after them. */
  rank: number;
  /** Planned (the initial items and what re-plans made of them) or a re-run after a crash. */
  origin: 'plan' | 'rerun';
  slot?: number;
  handle?: PreparedItem<R>;
  early: boolean;
  /** When its run began (ms since the epoch). */
  startedAt?: number;
  /** Order in which held processes were started: the newest is discarded first. */
  heldSeq?: number;
  reported: Set<string>;
}

interface Slot<R> {
  number: number;
  state: SlotState;
  running?: Entry<R>;
  held?: Entry<R>;
}

/**
 * Runs work items on N slots. Pure decision-making over a Launcher: which item goes next
 * (longest first), on which slot (the lowest free), when (while the running items'
 * predicted peak RSS plus the new one stays within the memory budget; an item bigger than
 * the whole budget still runs, alone), when a slot's next item may boot early and wait at
 * its gate, what a crash in a pack means (the modules after it run again, each alone), and
 * what a stop means (launch nothing more, discard held processes, the rest not run).
 * Memory decisions are re-taken on every event and on a ticker while items run.
 */
export class Scheduler<R> {
  private readonly options: SchedulerOptions<R>;
  private readonly entries: Entry<R>[] = [];
  private readonly slots: Slot<R>[];
  private readonly results = new Map<string, ModuleOutcome<R>>();
  private readonly finished: ItemRun<R>[] = [];
  private heldBootRssMB: number;
  private earlyStart: boolean;
  /**
   * What the run is known to need at its peak: the largest item's predicted peak (it runs at
   * some point), the highest sum of known predicted peaks of items running together, or the
   * highest peak RSS a finished process measured. A held
   * start never takes the run above it, so early start never raises the run's peak.
   */
  private knownPeakMB = 0;
  private holds = 0;
  private stopReason: string | undefined;
  private failure: { error: unknown } | undefined;
  private pumping = false;
  private pumpAgain = false;
  private stopTicker: (() => void) | undefined;
  private settle: { resolve: (result: ScheduleResult<R>) => void; reject: (error: unknown) => void } | undefined;

  constructor(options: SchedulerOptions<R>) {
    if (!Number.isInteger(options.slots) || options.slots < 1)
      throw new RangeError(`Scheduler: slots must be a whole number ≥ 1, got ${options.slots}`);
    this.options = options;
    this.heldBootRssMB = options.heldBootRssMB ?? DEFAULT_HELD_BOOT_RSS_MB;
    this.earlyStart = options.earlyStart;
    this.slots = Array.from({ length: options.slots }, (_, index) => ({
      number: index + 1,
      state: 'free',
    }));
    // Every item runs at some point: the run will need at least the largest one's peak.
    this.knownPeakMB = largestPredictedRssMB(options.items) ?? 0;
    (options.order === 'as-given' ? [...options.items] : orderItems(options.items)).forEach((item, rank) =>
      this.entries.push({ item, state: 'queued', rank, origin: 'plan', early: false, reported: new Set() }),
    );
  }

  /** Runs every item; resolves when every process has ended, or rejects after they ended if the launcher failed. */
  run(): Promise<ScheduleResult<R>> {
    if (this.settle) throw new Error('Scheduler.run() may be called once');
    const done = new Promise<ScheduleResult<R>>((resolve, reject) => (this.settle = { resolve, reject }));
    // Measured memory changes between events: held starts and blocked starts are looked at again.
    const ticker = this.options.ticker ?? intervalTicker;
    this.stopTicker = ticker.every(this.options.pollMs ?? DEFAULT_POLL_MS, () => this.pump());
    this.pump();
    return done;
  }

  /**
   * Stops launching: held processes are discarded, items not started are not run (with
   * `reason`), running items end as their processes end (the launcher kills them; the
   * modules they never reached are not run either).
   */
  stop(reason: string): void {
    if (this.stopReason !== undefined) return;
    this.stopReason = reason;
    this.pump();
  }

  /** The state of each item (for progress and tests). */
  itemStates(): { id: string; state: ItemState; slot?: number }[] {
    return this.entries.map((entry) => ({
      id: entry.item.id,
      state: entry.state,
      ...(entry.slot !== undefined ? { slot: entry.slot } : {}),
    }));
  }

  /** The state of each slot. */
  slotStates(): { slot: number; state: SlotState; running?: string; held?: string }[] {
    return this.slots.map((slot) => ({
      slot: slot.number,
      state: slot.state,
      ...(slot.running ? { running: slot.running.item.id } : {}),
      ...(slot.held ? { held: slot.held.item.id } : {}),
    }));
  }

  /**
   * Whether a re-entrant pump() asked for another round. Read through a method: decide() sets
   * the flag behind TypeScript's back, which would keep it narrowed to the `false` just assigned.
   */
  private pumpAsked(): boolean {
    return this.pumpAgain;
  }

  /** Takes every decision the current state allows; re-entrant calls run once more after. */
  private pump(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        try {
          this.decide();
        } catch (error) {
          // fail() stops the schedule and asks for one more round, which drains it.
          this.fail(error);
        }
      } while (this.pumpAsked());
    } finally {
      this.pumping = false;
    }
    this.settleIfDone();
  }

  private decide(): void {
    if (this.stopReason !== undefined) {
      this.drain();
      return;
    }
    this.startWaiting();
    this.startFree();
    if (this.earlyStart) {
      this.trimHolds();
      this.holdNext();
    }
  }

  /** A slot whose item ended starts its held item as soon as memory allows. */
  private startWaiting(): void {
    for (const slot of this.slots) {
      const held = slot.held;
      if (slot.state !== 'waiting' || !held) continue;
      if (
        this.running().length === 0 ||
        this.committedMB() - this.heldCostMB(held) + this.predictedRssMB(held) <= this.options.memoryBudgetMB
      ) {
        this.runEntry(held, slot);
      }
    }
  }

  /** Free slots, lowest first, take the first queued item that fits the memory budget. */
  private startFree(): void {
    for (const slot of this.slots) {
      if (slot.state !== 'free') continue;
      const idle = this.running().length === 0 && !this.slots.some((other) => other.state === 'waiting');
      // Nothing runs: the first item goes, whatever its size (bigger than the budget: alone).
      const next = idle
        ? this.queue()[0]
        : this.queue().find((entry) => this.committedMB() + this.predictedRssMB(entry) <= this.options.memoryBudgetMB);
      if (!next) return;
      next.handle = this.options.launcher.prepare(next.item, { slot: slot.number, hold: false });
      this.runEntry(next, slot);
    }
  }

  /**
   * Early start: a running slot with nothing held boots the first queued item that will
   * fit the budget once the slot's own item has ended, when what runs now (measured) plus
   * a held process stays within the budget and within what the run is known to need at
   * its peak (so the first item of a run without history never overlaps anything).
   */
  private holdNext(): void {
    for (const slot of this.slots) {
      if (slot.state !== 'running' || slot.held || !slot.running) continue;
      const afterSlot = this.committedMB() - this.runningCostMB(slot.running);
      const next = this.queue().find((entry) => afterSlot + this.predictedRssMB(entry) <= this.options.memoryBudgetMB);
      if (!next) continue;
      if (this.currentMB() + this.heldBootRssMB > this.holdCeilingMB()) return;
      try {
        next.handle = this.options.launcher.prepare(next.item, { slot: slot.number, hold: true });
      } catch {
        // Early start is only an optimisation: the item starts in its turn instead.
        this.earlyStart = false;
        return;
      }
      transition(next, 'held', ITEM_TRANSITIONS, `item ${next.item.id}`);
      next.slot = slot.number;
      next.heldSeq = ++this.holds;
      slot.held = next;
      this.options.events?.itemHeld?.({ item: next.item, slot: slot.number });
    }
  }

  /** Running items grew: discard held processes (newest first) until what runs fits again. */
  private trimHolds(): void {
    const held = this.slots
      .filter((slot) => slot.state === 'running' && slot.held)
      .sort((a, b) => b.held!.heldSeq! - a.held!.heldSeq!);
    for (const slot of held) {
      if (this.currentMB() <= this.holdCeilingMB()) return;
      this.discard(slot, 'the running items need the memory');
    }
  }

  private holdCeilingMB(): number {
    return Math.min(this.options.memoryBudgetMB, this.knownPeakMB);
  }

  /** Kills a slot's held process; the item goes back to the queue (or is not run, after a stop). */
  private discard(slot: Slot<R>, why: string): void {
    const entry = slot.held!;
    transition(entry, 'discarding', ITEM_TRANSITIONS, `item ${entry.item.id}`);
    slot.held = undefined;
    if (slot.state === 'waiting') transition(slot, 'free', SLOT_TRANSITIONS, `slot ${slot.number}`);
    this.options.events?.itemDiscarded?.({ item: entry.item, slot: slot.number, why });
    const gone = () => {
      entry.handle = undefined;
      entry.slot = undefined;
      if (this.stopReason !== undefined) this.notRun(entry, this.stopReason);
      else transition(entry, 'queued', ITEM_TRANSITIONS, `item ${entry.item.id}`);
      this.pump();
    };
    promised(() => entry.handle!.discard()).then(gone, (error: unknown) => {
      // A process that may still be there: stop launching, then account for the item.
      this.fail(error);
      gone();
    });
  }

  private runEntry(entry: Entry<R>, slot: Slot<R>): void {
    const early = entry.state === 'held';
    if (early) {
      // The held process's RSS at its gate is what the next one will cost.
      const boot = entry.handle!.currentRssMB();
      if (boot !== null && boot > 0) this.heldBootRssMB = boot;
      slot.held = undefined;
    }
    transition(entry, 'running', ITEM_TRANSITIONS, `item ${entry.item.id}`);
    transition(slot, 'running', SLOT_TRANSITIONS, `slot ${slot.number}`);
    entry.slot = slot.number;
    entry.early = early;
    entry.startedAt = Date.now();
    slot.running = entry;
    this.knownPeakMB = Math.max(
      this.knownPeakMB,
      this.sumMB(this.running(), (running) => running.item.predictedPeakRssMB ?? 0),
    );
    promised(() =>
      entry.handle!.run((module, result) => {
        if (entry.state === 'running') this.moduleEnded(entry, module, result);
      }),
    )
      .then(
        (outcome) => this.itemEnded(entry, slot, outcome),
        (error: unknown) => this.itemFailed(entry, slot, error),
      )
      .catch((error: unknown) => this.fail(error));
    // After run(): a listener that throws must not leave an item running that never ran.
    this.options.events?.itemStarted?.({ item: entry.item, slot: slot.number, early });
  }

  /** The launcher broke (a bug, not a dead process): stop, and say which modules have no result. */
  private itemFailed(entry: Entry<R>, slot: Slot<R>, error: unknown): void {
    this.fail(error);
    transition(entry, 'done', ITEM_TRANSITIONS, `item ${entry.item.id}`);
    slot.running = undefined;
    transition(slot, slot.held ? 'waiting' : 'free', SLOT_TRANSITIONS, `slot ${slot.number}`);
    for (const module of entry.item.modules) {
      if (!this.results.has(module))
        this.results.set(module, { kind: 'not-run', module, reason: this.stopReason!, item: entry.item });
    }
    this.pump();
  }

  private moduleEnded(entry: Entry<R>, module: string, result: R): void {
    if (!entry.item.modules.includes(module)) return;
    this.results.set(module, { kind: 'ran', module, result, item: entry.item, slot: entry.slot! });
    if (!entry.reported.has(module)) {
      entry.reported.add(module);
      this.options.events?.moduleEnded?.({ module, result, item: entry.item, slot: entry.slot! });
    }
  }

  private itemEnded(entry: Entry<R>, slot: Slot<R>, reported: ItemOutcome<R>): void {
    transition(entry, 'done', ITEM_TRANSITIONS, `item ${entry.item.id}`);
    slot.running = undefined;
    transition(slot, slot.held ? 'waiting' : 'free', SLOT_TRANSITIONS, `slot ${slot.number}`);
    const outcome = completeOutcome(entry.item, reported);
    if (outcome.peakRssMB != null) this.knownPeakMB = Math.max(this.knownPeakMB, outcome.peakRssMB);
    for (const { name, result } of outcome.modules) this.moduleEnded(entry, name, result);
    this.finished.push({ item: entry.item, slot: slot.number, early: entry.early, outcome });
    this.afterCrash(entry, outcome);
    this.options.events?.itemEnded?.({ item: entry.item, slot: slot.number, outcome });
    this.replan(this.finished[this.finished.length - 1]);
    this.pump();
  }

  /** Offers the queued planned items to the re-plan; adopts what it returns (see SchedulerOptions.replan). */
  private replan(ended: ItemRun<R>): void {
    if (!this.options.replan || this.stopReason !== undefined) return;
    const queued = this.queue().filter((entry) => entry.origin === 'plan');
    if (queued.length === 0) return;
    const replaced = queued.map((entry) => entry.item);
    const running = this.running().map((entry) => ({
      item: entry.item,
      slot: entry.slot!,
      startedAt: entry.startedAt ?? Date.now(),
    }));
    const items = this.options.replan({ ended, finished: [...this.finished], queued: replaced, running });
    if (items === undefined) return;
    checkReplan(replaced, items, new Set(this.entries.map((entry) => entry.item.id)));
    for (const entry of queued) this.entries.splice(this.entries.indexOf(entry), 1);
    const after = Math.max(...this.entries.map((entry) => entry.rank), ...queued.map((entry) => entry.rank)) + 1;
    (this.options.order === 'as-given' ? [...items] : orderItems(items)).forEach((item, index) =>
      this.entries.push({
        item,
        state: 'queued',
        rank: after + index,
        origin: 'plan',
        early: false,
        reported: new Set(),
      }),
    );
    // A bigger item than any planned still runs at some point (as in the constructor).
    this.knownPeakMB = Math.max(this.knownPeakMB, largestPredictedRssMB(items) ?? 0);
    this.options.events?.replanned?.({ after: ended.item, replaced, items });
  }

  /** The modules an item's process never reached: each alone again, or not run after a stop. */
  private afterCrash(entry: Entry<R>, outcome: ItemOutcome<R>): void {
    if (outcome.notStarted.length === 0) return;
    if (this.stopReason !== undefined || entry.item.modules.length === 1) {
      const reason = this.stopReason ?? `not run: its process (${entry.item.id}) ended before it started`;
      for (const module of outcome.notStarted)
        this.results.set(module, { kind: 'not-run', module, reason, item: entry.item });
      return;
    }
    const rerun = this.options.rerunItem ?? defaultRerunItem;
    const items = orderItems(outcome.notStarted.map((module) => rerun(module, entry.item, outcome.diedIn)));
    // Re-runs go before everything still queued: their turn had already come.
    const first = Math.min(0, ...this.entries.map((other) => other.rank)) - items.length - 1;
    items.forEach((item, index) =>
      this.entries.push({
        item,
        state: 'queued',
        rank: first + index,
        origin: 'rerun',
        early: false,
        reported: new Set(),
      }),
    );
  }

  /** After a stop: nothing queued will run, held processes are discarded. */
  private drain(): void {
    for (const entry of this.queue()) this.notRun(entry, this.stopReason!);
    for (const slot of this.slots) if (slot.held) this.discard(slot, 'the run is stopping');
  }

  private notRun(entry: Entry<R>, reason: string): void {
    transition(entry, 'not-run', ITEM_TRANSITIONS, `item ${entry.item.id}`);
    for (const module of entry.item.modules)
      this.results.set(module, { kind: 'not-run', module, reason, item: entry.item });
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
    this.stop(
      `not run: the scheduler stopped on an internal error (${error instanceof Error ? error.message : String(error)})`,
    );
  }

  private settleIfDone(): void {
    if (!this.settle || this.pumping) return;
    if (!this.entries.every((entry) => entry.state === 'done' || entry.state === 'not-run')) return;
    this.stopTicker?.();
    this.stopTicker = undefined;
    for (const slot of this.slots)
      if (slot.state !== 'closed') transition(slot, 'closed', SLOT_TRANSITIONS, `slot ${slot.number}`);
    const { resolve, reject } = this.settle;
    if (this.failure) reject(this.failure.error);
    else
      resolve({
        modules: this.results,
        items: this.finished,
        ...(this.stopReason !== undefined ? { stopReason: this.stopReason } : {}),
      });
  }

  private queue(): Entry<R>[] {
    return this.entries.filter((entry) => entry.state === 'queued').sort((a, b) => a.rank - b.rank);
  }

  private running(): Entry<R>[] {
    return this.entries.filter((entry) => entry.state === 'running');
  }

  private predictedRssMB(entry: Entry<R>): number {
    return entry.item.predictedPeakRssMB ?? this.options.unknownRssMB;
  }

  /** A running item counts at its predicted peak, or at what it measures when it grew past it. */
  private runningCostMB(entry: Entry<R>): number {
    return Math.max(this.predictedRssMB(entry), entry.handle?.currentRssMB() ?? 0);
  }

  private heldCostMB(entry: Entry<R>): number {
    return entry.handle?.currentRssMB() ?? this.heldBootRssMB;
  }

  /** Memory promised: running items at their predicted peaks, held processes as they are. */
  private committedMB(): number {
    return (
      this.sumMB(this.running(), (entry) => this.runningCostMB(entry)) +
      this.sumMB(this.heldEntries(), (entry) => this.heldCostMB(entry))
    );
  }

  /** Memory in use now (measured where the probe has sampled), for early-start decisions. */
  private currentMB(): number {
    const running = this.sumMB(this.running(), (entry) => entry.handle?.currentRssMB() ?? this.predictedRssMB(entry));
    return running + this.sumMB(this.heldEntries(), (entry) => this.heldCostMB(entry));
  }

  private heldEntries(): Entry<R>[] {
    return this.entries.filter((entry) => entry.state === 'held' || entry.state === 'discarding');
  }

  private sumMB(entries: readonly Entry<R>[], cost: (entry: Entry<R>) => number): number {
    return entries.reduce((sum, entry) => sum + cost(entry), 0);
  }
}

/**
 * A re-plan must hold exactly the modules it replaces, each once, in items with new ids:
 * anything else would run other tests than planned (or lose some), so it is a bug, and a loud one.
 */
function checkReplan(replaced: readonly WorkItem[], items: readonly WorkItem[], usedIds: ReadonlySet<string>): void {
  const before = replaced.flatMap((item) => item.modules).sort();
  const after = items.flatMap((item) => item.modules).sort();
  if (before.length !== after.length || before.some((module, index) => module !== after[index]))
    throw new Error(
      `a re-plan must hold exactly the queued modules (${String(before.length)}), got ${String(after.length)}: refused`,
    );
  const ids = items.map((item) => item.id);
  const clash = ids.find((id, index) => usedIds.has(id) || ids.indexOf(id) !== index);
  if (clash !== undefined) throw new Error(`a re-plan reused the work item id ${clash}: refused`);
  if (items.some((item) => item.modules.length === 0)) throw new Error('a re-plan made an empty work item: refused');
}

/** Every module of the item accounted for: one the outcome does not mention never started. */
function completeOutcome<R>(item: WorkItem, outcome: ItemOutcome<R>): ItemOutcome<R> {
  const modules = outcome.modules.filter((module) => item.modules.includes(module.name));
  const ran = new Set(modules.map((module) => module.name));
  const notStarted = item.modules.filter((module) => !ran.has(module));
  return {
    modules,
    notStarted,
    ...(outcome.diedIn !== undefined ? { diedIn: outcome.diedIn } : {}),
    ...(outcome.peakRssMB !== undefined ? { peakRssMB: outcome.peakRssMB } : {}),
  };
}

/** A re-run of one module of a pack whose process died: the pack's predictions bound it from above. */
function defaultRerunItem(module: string, parent: WorkItem, diedIn: string | undefined): WorkItem {
  return {
    id: `${parent.id}/${module}`,
    modules: [module],
    predictedPeakHeapMB: parent.predictedPeakHeapMB,
    predictedPeakRssMB: parent.predictedPeakRssMB,
    predictedDurationMs: null,
    suiteCount: null,
    reason: `re-run alone: the process of ${parent.id} died${diedIn !== undefined ? ` in ${diedIn}` : ''} before it started`,
  };
}

/** `start()`'s promise; a synchronous throw becomes a rejection, so every start has an end. */
function promised<T>(start: () => Promise<T>): Promise<T> {
  // A throw in the executor rejects with the thrown value as it is.
  return new Promise<T>((resolve) => {
    resolve(start());
  });
}

const intervalTicker: Ticker = {
  every(ms, tick) {
    const timer = setInterval(tick, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};
