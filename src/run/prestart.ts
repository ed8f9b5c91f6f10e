import type { PreparedModule } from './module-run.js';

/** What a held (pre-started, waiting) jest process is assumed to cost before one was measured. */
export const DEFAULT_HELD_COST_MB = 150;

/**
 * Decides, while a module runs, whether the next module's process may be started early
 * and held at its gate. Starting early hides the runner's start-up (~0.3 s per module)
 * but adds a process; it is allowed only while the running module plus the held process
 * fit in the memory the run has already needed (the highest peak RSS of a finished
 * module), so pre-starting never raises the run's peak. The first module therefore never
 * overlaps, and a module that grows past the budget gets the held process killed.
 */
export class PrestartPolicy {
  private budgetMB = 0;
  private heldCostMB = DEFAULT_HELD_COST_MB;

  /** A module finished: its peak RSS may raise the budget. */
  recordFinished(peakRssMB: number | null): void {
    if (peakRssMB !== null && peakRssMB > this.budgetMB) this.budgetMB = peakRssMB;
  }

  /** A held process was measured at its gate: use its RSS as the cost from now on. */
  recordHeldCost(rssMB: number): void {
    if (rssMB > 0) this.heldCostMB = rssMB;
  }

  /** Whether the running module (`runningMB`) and a held process (`heldMB`, else the estimate) fit the budget. */
  allows(runningMB: number, heldMB?: number): boolean {
    return runningMB + (heldMB ?? this.heldCostMB) <= this.budgetMB;
  }
}

/** How often the running module's memory is checked for an early start of the next. */
const CHECK_INTERVAL_MS = 100;

/** Where the held process lives between the watcher and the batch loop. */
export interface EarlySlot {
  held?: PreparedModule;
  /** Discards in flight: the batch waits for them before the module starts for real. */
  discarding: Promise<void>[];
}

/**
 * While `running` runs, starts the next module early (`prepareNext`, held at its gate) as
 * soon as the policy allows, and discards it again if the running module grows into the
 * budget. Early start is only an optimisation: any error stops the watching, and the next
 * module then starts in its turn as usual. Returns the function that stops watching.
 */
export function watchForEarlyStart(options: {
  running: PreparedModule;
  policy: PrestartPolicy;
  slot: EarlySlot;
  prepareNext: () => PreparedModule;
  stopped: () => boolean;
}): () => void {
  const { running, policy, slot } = options;
  const check = () => {
    try {
      if (options.stopped()) return;
      const runningMB = running.currentRssMB() ?? 0;
      if (!slot.held) {
        if (policy.allows(runningMB)) slot.held = options.prepareNext();
      } else if (!policy.allows(runningMB, slot.held.currentRssMB() ?? undefined)) {
        slot.discarding.push(slot.held.discard());
        slot.held = undefined;
      }
    } catch {
      clearInterval(timer);
    }
  };
  const timer = setInterval(check, CHECK_INTERVAL_MS);
  // The running module has just started: the next may be started at once if it fits.
  check();
  return () => clearInterval(timer);
}
