import { median } from '../util/median.js';
import type { History, RecordedStatus, RunRecord } from './schema.js';

/**
 * What a module is expected to cost when it runs alone in its own process, from the
 * medians of its recent runs (so one odd run does not steer). Figures measured inside a
 * pack are turned back into "alone" figures first: heap and RSS lose what earlier modules
 * of the process left behind, and the duration of a module that did not pay the start-up
 * gets that process's start-up added.
 */
export interface ModuleEstimate {
  name: string;
  /** Runs the figures come from. */
  runs: number;
  /** Status of the newest run. */
  lastStatus: RecordedStatus;
  /** Wall time alone, start-up included, ms. */
  durationMs: number;
  /** Start-up cost of its process, ms: what running it behind another module saves. */
  startupMs: number | null;
  /** Suites it has (median, rounded). */
  suiteCount: number;
  peakHeapMB: number | null;
  /** Heap it leaves behind for the modules after it in the same process, MB. */
  retainedHeapMB: number | null;
  peakRssMB: number | null;
  /** The V8 heap limit its process had last time, MB. */
  heapLimitMB: number | null;
  /** RSS of its process ready to run its first file (median, when it ran first in a process), MB. */
  bootRssMB: number | null;
}

/** Estimates for every module with runs (of `runner`, when given), by module name. */
export function estimates(history: History, options: { runner?: 'jest' | 'vitest' } = {}): Map<string, ModuleEstimate> {
  const result = new Map<string, ModuleEstimate>();
  for (const name of Object.keys(history.modules).sort()) {
    const runs = history.modules[name].filter((run) => options.runner === undefined || run.runner === options.runner);
    const newest = runs.at(-1);
    if (!newest) continue;
    const heapRuns = runs.filter((run) => run.process.inheritedHeapMB !== null);
    const alone = (value: (run: RunRecord) => number | null, from: readonly RunRecord[]) =>
      rounded(median(from.map(value).filter((figure): figure is number => figure !== null)));
    const inherited = (run: RunRecord) => run.process.inheritedHeapMB ?? 0;
    result.set(name, {
      name,
      runs: runs.length,
      lastStatus: newest.status,
      durationMs: alone(aloneDurationMs, runs) ?? 0,
      startupMs: alone((run) => run.startupMs, runs),
      suiteCount: Math.round(median(runs.map((run) => run.suiteCount)) ?? 0),
      peakHeapMB: alone(
        (run) => (run.peakHeapMB === null ? null : Math.max(0, run.peakHeapMB - inherited(run))),
        heapRuns,
      ),
      retainedHeapMB: alone((run) => run.retainedHeapMB, marginalRuns(runs)),
      peakRssMB: alone(
        (run) => (run.peakRssMB === null ? null : Math.max(0, run.peakRssMB - inherited(run))),
        heapRuns,
      ),
      heapLimitMB: [...runs].reverse().find((run) => run.heapLimitMB !== null)?.heapLimitMB ?? null,
      bootRssMB: alone((run) => run.process.bootRssMB ?? null, runs),
    });
  }
  return result;
}

/**
 * The runs whose retained heap is the module's own: those behind another module in a pack,
 * when there are any. First in its process a module also retains what any test file of the
 * project loads once per process (the runner's expect, a mocking library, shared helpers):
 * on date-fns 4.6 MB a module alone, 0.1 MB behind another. Counted again for every module
 * of a pack, that makes packs ten times too small.
 */
function marginalRuns(runs: readonly RunRecord[]): readonly RunRecord[] {
  const behind = runs.filter((run) => run.process.position > 0 && run.retainedHeapMB !== null);
  return behind.length > 0 ? behind : runs;
}

/**
 * A run's duration as if the module had its process to itself: a module behind another in
 * a pack did not pay the start-up, so that process's start-up is added back.
 */
export function aloneDurationMs(run: RunRecord): number {
  return run.durationMs + (run.process.position > 0 ? (run.startupMs ?? 0) : 0);
}

function rounded(value: number | undefined): number | null {
  return value === undefined ? null : Math.round(value * 10) / 10;
}
