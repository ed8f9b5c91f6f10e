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
