/**
 * The median of `values` (the mean of the middle two for an even count); undefined for none.
 * History uses medians, not means, so one odd run (a cold cache, a loaded machine) does not
 * steer the next run's plan.
 */
export function median(values: readonly number[]): number | undefined {
  const finite = sortedFinite(values);
  if (finite.length === 0) return undefined;
  const middle = Math.floor(finite.length / 2);
  return finite.length % 2 === 1 ? finite[middle] : (finite[middle - 1] + finite[middle]) / 2;
}

/** The value below which `share` (0–1) of the finite values lie, nearest rank; undefined when there are none. */
export function quantile(values: readonly number[], share: number): number | undefined {
  const finite = sortedFinite(values);
  if (finite.length === 0) return undefined;
  const rank = Math.min(finite.length - 1, Math.max(0, Math.ceil(share * finite.length) - 1));
  return finite[rank];
}

function sortedFinite(values: readonly number[]): number[] {
  return values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
}
