import type { WorkItem } from './work-items.js';

/**
 * The one part of the scheduler that starts processes. The scheduler only decides; a
 * launcher turns a work item into a test process (process group, probe, reporter, the
 * slot's environment: `QUALITY_GATES_SLOT`, the slot's database copy). `R` is the
 * per-module result (the report's ModuleResult in the batch; anything in tests).
 */
export interface Launcher<R> {
  /**
   * Starts the item's process on `slot` (1..N). With `hold`, the process boots and waits
   * at its gate, running nothing of the project, until `run()`; without, `run()` just lets
   * it go. Throwing is a failure of the whole schedule for a real start; for a held start
   * it only turns early start off.
   */
  prepare(item: WorkItem, options: { slot: number; hold: boolean }): PreparedItem<R>;
  /**
   * Ends what the launcher keeps between items (a long-lived runner per slot), after the last
   * item ended; resolves when it is gone. Absent: nothing outlives its item.
   */
  close?(): Promise<void>;
  /** How many long-lived runner processes it started (one per slot, more after a timeout killed one); absent: none. */
  longLivedProcesses?(): number;
}

/** An item's process, started (possibly held at its gate) and not yet finished. */
export interface PreparedItem<R> {
  /**
   * Opens the gate (if held) and resolves when the process has ended, with one result per
   * module that ran. `onModuleEnded` may be called as each module finishes (live progress);
   * modules it was not called for are reported from the outcome when the item ends.
   * Rejects only on a bug: a process that dies is an outcome, not a rejection.
   */
  run(onModuleEnded: (module: string, result: R) => void): Promise<ItemOutcome<R>>;
  /** Kills a held process that is not wanted after all; resolves when it is gone. */
  discard(): Promise<void>;
  /** RSS of the item's processes right now, MB (from the probe); null before any sample. */
  currentRssMB(): number | null;
}

/** What became of an item's modules when its process ended. */
export interface ItemOutcome<R> {
  /**
   * Modules that ran, in run order: those that finished, and the one that was running
   * when the process died (its result says crashed / timeout).
   */
  modules: { name: string; result: R }[];
  /** The module that was running when the process died, if it died. */
  diedIn?: string;
  /**
   * Modules of the item that never started. Not stopped: each runs again alone. Stopped:
   * not run. A module the outcome does not mention at all counts as never started.
   */
  notStarted: string[];
  /** Peak RSS of the item's process, MB, when the probe knows it: teaches early start what the run needs. */
  peakRssMB?: number | null;
}
