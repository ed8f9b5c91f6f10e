import type { ModuleEstimate } from '../history/estimates.js';
import { retainedHeap } from '../history/update.js';
import { formatDuration } from '../util/duration.js';
import type { Baseline, BaselineChange, BaselineMetric, ModuleResult } from './schema.js';

/**
 * When a change against the baseline is worth a line: both the relative and the absolute
 * threshold must be exceeded (config `report.regressions`), so noise on a small module
 * (+40 % of 20 MB) and a small share of a big one (+60 MB of 1.5 GB) show nothing.
 */
export interface RegressionThresholds {
  /** Heap and RSS figures: percent of the baseline… */
  heapPercent: number;
  /** …and MB. */
  heapMB: number;
  /** Duration: percent of the baseline… */
  durationPercent: number;
  /** …and milliseconds. */
  durationMs: number;
}

/** The config defaults: heap +25 % and +50 MB, duration +50 % and +30 s. */
export const DEFAULT_REGRESSION_THRESHOLDS: RegressionThresholds = {
  heapPercent: 25,
  heapMB: 50,
  durationPercent: 50,
  durationMs: 30_000,
};

/** Statuses whose figures describe the module: a crash or a timeout cuts them short, a skip has none. */
const COMPARABLE: ReadonlySet<ModuleResult['status']> = new Set(['passed', 'failed']);

const METRICS: readonly { metric: BaselineMetric; kind: 'heap' | 'duration' }[] = [
  { metric: 'durationMs', kind: 'duration' },
  { metric: 'peakHeapMB', kind: 'heap' },
  { metric: 'retainedHeapMB', kind: 'heap' },
  { metric: 'peakRssMB', kind: 'heap' },
];

/** A module's baseline from its history estimate (medians of its recent runs), without changes yet. */
export function baselineOf(estimate: ModuleEstimate): Omit<Baseline, 'changes'> {
  return {
    durationMs: estimate.durationMs,
    peakHeapMB: estimate.peakHeapMB,
    retainedHeapMB: estimate.retainedHeapMB,
    peakRssMB: estimate.peakRssMB,
    runs: estimate.runs,
  };
}

/**
 * The report's modules with `baseline` set from the estimates of the history as it was
 * *before* this run (so the run is compared with what came before it, not with itself),
 * and each baseline's `changes`: the figures beyond `thresholds`, worse or better. A module
 * the history does not know gets no baseline. Pure: the inputs are not changed.
 */
export function withBaselines<M extends ModuleResult>(
  modules: readonly M[],
  estimates: ReadonlyMap<string, ModuleEstimate>,
  thresholds: RegressionThresholds = DEFAULT_REGRESSION_THRESHOLDS,
): M[] {
  return modules.map((module) => {
    const estimate = estimates.get(module.name);
    if (!estimate || estimate.runs === 0) return module;
    const baseline = baselineOf(estimate);
    return { ...module, baseline: { ...baseline, changes: changesAgainst(module, baseline, thresholds) } };
  });
}

/** The figures of `module` beyond the thresholds against `baseline`; none for a crashed, timed-out or skipped module. */
export function changesAgainst(
  module: ModuleResult,
  baseline: Omit<Baseline, 'changes'>,
  thresholds: RegressionThresholds,
): BaselineChange[] {
  if (!COMPARABLE.has(module.status)) return [];
  const current = currentFigures(module);
  const changes: BaselineChange[] = [];
  for (const { metric, kind } of METRICS) {
    const value = current[metric];
    const base = baseline[metric];
    if (value === null || base === null) continue;
    const change = value - base;
    const percent = base > 0 ? (change / base) * 100 : change > 0 ? Number.POSITIVE_INFINITY : 0;
    const [minPercent, minAbsolute] =
      kind === 'heap'
        ? [thresholds.heapPercent, thresholds.heapMB]
        : [thresholds.durationPercent, thresholds.durationMs];
    if (Math.abs(change) <= minAbsolute || Math.abs(percent) <= minPercent) continue;
    changes.push({
      metric,
      kind: change > 0 ? 'regression' : 'improvement',
      value: round1(value),
      baseline: round1(base),
      change: round1(change),
      percent: Number.isFinite(percent) ? round1(percent) : null,
    });
  }
  return changes;
}

/** This run's figures of a module, as the history measures them (retained heap from its suites). */
function currentFigures(module: ModuleResult): Record<BaselineMetric, number | null> {
  const heaps = module.suites.flatMap((suite) => (suite.heapAfterMB === undefined ? [] : [suite.heapAfterMB]));
  return {
    durationMs: module.durationMs,
    peakHeapMB: module.peakHeapMB,
    retainedHeapMB: retainedHeap(heaps, module.suites.length, module.suites[0]?.heapBeforeMB),
    peakRssMB: module.peakRssMB,
  };
}

/** One change of one module, flat: the action's `regressions` output lists these. */
export interface ModuleChange extends BaselineChange {
  module: string;
  /** Runs the baseline comes from. */
  runs: number;
}

/** Every module's changes against its baseline, in report order; `kind` filters regressions or improvements. */
export function moduleChanges(modules: readonly ModuleResult[], kind?: BaselineChange['kind']): ModuleChange[] {
  return modules.flatMap((module) =>
    (module.baseline?.changes ?? [])
      .filter((change) => kind === undefined || change.kind === kind)
      .map((change) => ({ module: module.name, runs: module.baseline!.runs, ...change })),
  );
}

const LABELS: Record<BaselineMetric, string> = {
  durationMs: 'duration',
  peakHeapMB: 'peak heap',
  retainedHeapMB: 'retained heap',
  peakRssMB: 'peak RSS',
};

/**
 * One change in words, without the module name: `peak heap 412 MB, +180 MB (+78 %) vs
 * baseline (5 runs)`, `duration 40.0 s, −45.0 s (−53 %) vs baseline (6 runs)`.
 */
export function describeChange(change: BaselineChange, runs: number): string {
  const figure = (value: number) =>
    change.metric === 'durationMs' ? formatDuration(Math.abs(value)) : `${Math.round(Math.abs(value))} MB`;
  const sign = change.change > 0 ? '+' : '−';
  const percent = change.percent === null ? '' : ` (${sign}${Math.round(Math.abs(change.percent))} %)`;
  return `${LABELS[change.metric]} ${figure(change.value)}, ${sign}${figure(change.change)}${percent} vs baseline (${runs} ${runs === 1 ? 'run' : 'runs'})`;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
