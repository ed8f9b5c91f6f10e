/**
 * The leak hint: does a module's heap climb suite after suite? Pure; the rule is
 * documented in README.md ("Heap trend"). A store, client or cache created per suite and
 * never released shows up as a steady climb long before the process dies at its limit.
 */

/** Thresholds of the rule; the defaults are the documented ones. */
export interface HeapTrendRule {
  /** Fewer suites than this are never a trend (too little evidence). */
  minSuites: number;
  /** Least-squares slope, MB per suite, at or above which the climb matters. */
  minSlopeMB: number;
  /** Share of suite-to-suite steps that must go up (one noisy suite is not a trend). */
  minRisingShare: number;
  /** Total growth from the first to the last suite, MB, at or above which the climb matters. */
  minGrowthMB: number;
}

export const DEFAULT_HEAP_TREND_RULE: HeapTrendRule = {
  minSuites: 4,
  minSlopeMB: 5,
  minRisingShare: 0.75,
  minGrowthMB: 20,
};

/** A flagged climb. */
export interface HeapTrend {
  /** Least-squares slope of heap over suite index, MB per suite. */
  slopeMB: number;
  /** Number of suites in the series. */
  suites: number;
  /** Heap after each suite, MB, in run order. */
  series: number[];
  /** Steps that went up, of `series.length - 1`. */
  risingSteps: number;
  /** `heap grows ~58 MB per suite across 9 suites — likely retained between suites`. */
  message: string;
}

/** What is known of how the series was read. */
export interface HeapSeriesOrigin {
  /** Every figure was read right after a forced full GC (suites[].heapAfterGc); false: some were not. */
  afterGc: boolean;
}

/** Least-squares slope of `values` over their index 0..n-1. */
export function leastSquaresSlope(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let numerator = 0;
  let denominator = 0;
  values.forEach((y, x) => {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  });
  return numerator / denominator;
}

/**
 * Flags a heap series (heap after each suite, MB) that climbs steadily: at least
 * `minSuites` points, a least-squares slope of at least `minSlopeMB` per suite, at least
 * `minRisingShare` of the steps going up, and at least `minGrowthMB` between the first
 * and the last suite. Returns undefined when it is not a trend. The figures should be
 * post-GC heaps (what each suite left reachable); a series that was not gets a caveat in
 * its message, as its climb may be garbage waiting for the next collection.
 */
export function detectHeapTrend(
  series: readonly number[],
  rule: HeapTrendRule = DEFAULT_HEAP_TREND_RULE,
  origin: HeapSeriesOrigin = { afterGc: true },
): HeapTrend | undefined {
  const values = series.filter((v) => Number.isFinite(v));
  if (values.length < rule.minSuites) return undefined;
  const slopeMB = leastSquaresSlope(values);
  let risingSteps = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[i - 1]) risingSteps++;
  const growth = values[values.length - 1] - values[0];
  if (slopeMB < rule.minSlopeMB) return undefined;
  if (risingSteps / (values.length - 1) < rule.minRisingShare) return undefined;
  if (growth < rule.minGrowthMB) return undefined;
  return {
    slopeMB,
    suites: values.length,
    series: [...values],
    risingSteps,
    message:
      `heap grows ~${Math.round(slopeMB)} MB per suite across ${values.length} suites — likely retained between suites` +
      (origin.afterGc ? '' : ' (read without a forced GC: garbage can look like growth)'),
  };
}

const BARS = '▁▂▃▄▅▆▇█';

/** A one-line sparkline of the series (`▁▂▃▅▇`), scaled from its minimum to its maximum. */
export function sparkline(values: readonly number[]): string {
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  return values
    .map(
      (v) => BARS[span === 0 ? 0 : Math.min(BARS.length - 1, Math.floor(((v - min) / span) * (BARS.length - 1) + 0.5))],
    )
    .join('');
}
