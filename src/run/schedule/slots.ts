import type { WorkItem } from './work-items.js';

/** Share of the available memory the running items may need together, by default. */
export const SAFE_MEMORY_SHARE = 0.7;

/** The machine memory budget: a safe share of the memory available now, MB. */
export function memoryBudgetMB(availableMemoryMB: number, share = SAFE_MEMORY_SHARE): number {
  return Math.max(0, availableMemoryMB * share);
}

/** What `slots: auto` chose, and why in words (for the log and the report). */
export interface SlotChoice {
  slots: number;
  reason: string;
}

/**
 * `slots: auto`: as many slots as there are cores, as many as the memory budget holds of
 * the largest item (each slot may be running it at once), and no more than there are
 * items; at least 1. Pure: the caller reads the machine (see machine.ts).
 */
export function autoSlots(input: {
  cores: number;
  memoryBudgetMB: number;
  largestItemRssMB: number;
  items: number;
}): SlotChoice {
  const cores = Math.max(1, Math.floor(input.cores));
  const byMemory =
    input.largestItemRssMB > 0 ? Math.floor(input.memoryBudgetMB / input.largestItemRssMB) : Number.POSITIVE_INFINITY;
  const slots = Math.max(1, Math.min(cores, byMemory, Math.max(1, input.items)));
  const memory = Number.isFinite(byMemory)
    ? `${mb(input.memoryBudgetMB)} memory budget / ${mb(input.largestItemRssMB)} largest item = ${byMemory}`
    : 'no item size known';
  return {
    slots,
    reason: `slots auto: ${slots} (${cores} ${cores === 1 ? 'core' : 'cores'}, ${memory}, ${input.items} ${input.items === 1 ? 'item' : 'items'})`,
  };
}

/**
 * The peak RSS to assume for an item without a prediction (no history): the largest one
 * history predicts, or else an even share of the budget per slot. The latter trusts the
 * slot count the user asked for on a first run; the measured peaks correct it from the
 * second run on.
 */
export function unknownItemRssMB(items: readonly WorkItem[], memoryBudget: number, slots: number): number {
  const known = largestPredictedRssMB(items);
  return known ?? memoryBudget / Math.max(1, slots);
}

/** The largest predicted peak RSS of the items, MB; null when none has a prediction. */
export function largestPredictedRssMB(items: readonly WorkItem[]): number | null {
  const known = items.map((item) => item.predictedPeakRssMB).filter((rss): rss is number => rss !== null);
  return known.length > 0 ? Math.max(...known) : null;
}

function mb(value: number): string {
  return value >= 1024 ? `${(value / 1024).toFixed(1)} GB` : `${Math.round(value)} MB`;
}
