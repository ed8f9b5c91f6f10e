import { median } from '../../util/median.js';
import type { WorkItem } from './work-items.js';
import { compareNames } from '../../util/compare-names.js';

/**
 * Work items longest first, the order the scheduler hands them to slots (the longest
 * processing time rule: what starts last should be short, so the slots end together).
 * An item without a predicted duration (no history) is ranked by its suite count, at the
 * run's median time per suite when other items tell it; with neither it goes first, since
 * it may be long. Ties by first module name: the same input always gives the same order.
 */
export function orderItems(items: readonly WorkItem[]): WorkItem[] {
  const rates = items
    .filter((item) => item.predictedDurationMs !== null && item.suiteCount !== null && item.suiteCount > 0)
    .map((item) => item.predictedDurationMs! / item.suiteCount!);
  const msPerSuite = median(rates);
  const key = (item: WorkItem): number => {
    if (item.predictedDurationMs !== null) return item.predictedDurationMs;
    if (item.suiteCount !== null && msPerSuite !== undefined) return item.suiteCount * msPerSuite;
    return Number.POSITIVE_INFINITY;
  };
  return [...items].sort(
    (a, b) =>
      key(b) - key(a) ||
      (b.suiteCount ?? Number.POSITIVE_INFINITY) - (a.suiteCount ?? Number.POSITIVE_INFINITY) ||
      compareNames(a.modules[0] ?? a.id, b.modules[0] ?? b.id) ||
      compareNames(a.id, b.id),
  );
}
