import { groupBy } from '../util/group-by.js';
import {
  DEFAULT_HISTORY_WINDOW,
  HISTORY_SCHEMA_VERSION,
  type History,
  type RecordedStatus,
  type RunRecord,
} from './schema.js';

/** What history needs of a suite; src/report/schema.ts `Suite` fits. */
export interface HistorySuiteInput {
  durationMs: number;
  /** V8 used heap right after the suite, MB. */
  heapAfterMB?: number;
  /** Post-GC heap of the process right before the suite, MB (the first file of a process or pool worker). */
  heapBeforeMB?: number;
  /** RSS of the process right before the suite, MB (the first file of a jest process). */
  rssBeforeMB?: number;
}

/**
 * What history needs of a module's result; src/report/schema.ts `ModuleResult` fits
 * structurally (the optional fields are the ones the scheduler adds to the report).
 */
export interface HistoryModuleInput {
  name: string;
  status: RecordedStatus | 'skipped';
  /** The module's wall time in its process; the first module of a process includes its start-up. */
  durationMs: number;
  peakHeapMB: number | null;
  peakRssMB: number | null;
  heapLimitMB?: number | null;
  suites: readonly HistorySuiteInput[];
  /** Which test process ran it (report `modules[].process`); without one, it ran alone. */
  process?: string | number;
  /** When it started (ISO 8601): orders the modules of one process. Input order otherwise. */
  startedAt?: string;
  /** Heap of the process when this module's first suite started, MB, when the probe knows it. */
  baseHeapMB?: number;
  /** First in its process: the start-up before its first file (report `modules[].startupMs`). */
  startupMs?: number;
}

/** How a run is recorded. */
export interface HistoryUpdateOptions {
  /** The time the run is recorded at (one value for every module of the run). */
  now: Date;
  runner: 'jest' | 'vitest';
  toolVersion: string;
  /** Slots the run had in parallel (default 1). */
  slots?: number;
  /** CPU cores of the machine (os.availableParallelism()), recorded so contention can be normalised; omitted when unknown. */
  cores?: number;
  /** Runs kept per module (default {@link DEFAULT_HISTORY_WINDOW}). */
  window?: number;
  /** A module whose newest run is older than this is dropped (renamed or deleted modules), days; default 90. */
  forgetAfterDays?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Adds one run's module results to the history and returns the new history (the input is
 * not changed). Each module keeps its newest `window` runs. Skipped modules are not
 * recorded (they did not run). The caller leaves out modules that a stop (signal, lost
 * lock) killed: their figures describe the stop, not the module.
 */
export function updateHistory(
  history: History,
  modules: readonly HistoryModuleInput[],
  options: HistoryUpdateOptions,
): History {
  const window = Math.max(1, Math.floor(options.window ?? DEFAULT_HISTORY_WINDOW));
  const recordedAt = options.now.toISOString();
  const next: Record<string, RunRecord[]> = {};
  for (const [name, runs] of Object.entries(history.modules)) next[name] = [...runs];
  for (const [name, record] of recordRuns(
    modules,
    { slots: options.slots ?? 1, cores: options.cores },
    recordedAt,
    options.runner,
  )) {
    next[name] = [...(next[name] ?? []), record].slice(-window);
  }
  const forgetBefore = options.now.getTime() - (options.forgetAfterDays ?? 90) * DAY_MS;
  const kept = Object.keys(next)
    .filter((name) => next[name].some((run) => Date.parse(run.recordedAt) >= forgetBefore))
    .sort();
  return {
    schemaVersion: HISTORY_SCHEMA_VERSION,
    tool: { name: 'quality-gates', version: options.toolVersion },
    updatedAt: recordedAt,
    modules: Object.fromEntries(kept.map((name) => [name, next[name]])),
  };
}

/** One record per module that ran, process by process (a pack's modules see each other's heap). */
function recordRuns(
  modules: readonly HistoryModuleInput[],
  machine: { slots: number; cores: number | undefined },
  recordedAt: string,
  runner: 'jest' | 'vitest',
): [string, RunRecord][] {
  const { slots, cores } = machine;
  const records: [string, RunRecord][] = [];
  for (const group of processGroups(modules.filter((module) => module.status !== 'skipped'))) {
    const first = group[0];
    // Measured (release to the first file, before its imports); else, in reports without it,
    // what the first module spent outside its suites (its own imports counted as start-up).
    const startupMs =
      first.startupMs ??
      (first.suites.length > 0
        ? Math.max(0, first.durationMs - sum(first.suites.map((suite) => suite.durationMs)))
        : null);
    let inheritedHeapMB: number | null = 0;
    let previousLastHeap: number | undefined;
    const filled = filledHeaps(group);
    group.forEach((module, position) => {
      const heaps = filled[position].filter((heap): heap is number => heap !== undefined);
      const base = module.suites[0]?.heapBeforeMB ?? module.baseHeapMB ?? previousLastHeap;
      const retainedHeapMB = retainedHeap(heaps, module.suites.length, base);
      records.push([
        module.name,
        {
          recordedAt,
          runner,
          status: module.status as RecordedStatus,
          durationMs: module.durationMs,
          startupMs,
          suiteCount: module.suites.length,
          peakHeapMB: module.peakHeapMB,
          retainedHeapMB,
          peakRssMB: module.peakRssMB,
          heapLimitMB: module.heapLimitMB ?? null,
          process: {
            modules: group.length,
            position,
            slots,
            ...(cores !== undefined ? { cores: Math.max(1, Math.floor(cores)) } : {}),
            inheritedHeapMB,
            ...(position === 0 && bootRss(module) !== undefined ? { bootRssMB: bootRss(module) } : {}),
            ...(position === 0 ? firstFileExtra(module) : {}),
          },
        },
      ]);
      inheritedHeapMB = inheritedHeapMB === null || retainedHeapMB === null ? null : inheritedHeapMB + retainedHeapMB;
      previousLastHeap = heaps.at(-1);
    });
  }
  return records;
}

/**
 * Each module's heaps after its suites, in one process's run order, with the gaps filled: a
 * test process skips the forced GC of a file when it would cost too much (heap-after-gc.cjs),
 * and such a file has no figure. Between two readings (or the process's base before its
 * first file and a reading) the growth is shared equally by the suites in between, so each
 * module of a pack keeps a retained figure and the modules' figures add up to the process's.
 * A gap after the last reading stays a gap.
 */
export function filledHeaps(group: readonly HistoryModuleInput[]): (number | undefined)[][] {
  const suites = group.flatMap((module) => module.suites);
  const base = group[0]?.suites[0]?.heapBeforeMB ?? group[0]?.baseHeapMB;
  // Known points: index -1 is the base; index k the heap after suite k.
  const known: [number, number][] = base !== undefined ? [[-1, base]] : [];
  suites.forEach((suite, index) => {
    if (suite.heapAfterMB !== undefined) known.push([index, suite.heapAfterMB]);
  });
  const values = suites.map((suite, index): number | undefined => {
    if (suite.heapAfterMB !== undefined) return suite.heapAfterMB;
    const next = known.findIndex(([at]) => at > index);
    if (next <= 0) return undefined;
    const [fromAt, fromHeap] = known[next - 1];
    const [toAt, toHeap] = known[next];
    return round1(fromHeap + ((toHeap - fromHeap) * (index - fromAt)) / (toAt - fromAt));
  });
  let offset = 0;
  return group.map((module) => {
    const slice = values.slice(offset, offset + module.suites.length);
    offset += module.suites.length;
    return slice;
  });
}

/**
 * Heap a module left behind, MB. From a known base (the heap it started from): its last
 * suite's heap minus the base. Without one, heap after the first suite already holds what
 * that suite retained, so last minus first misses one suite's share: the growth per suite
 * is scaled to all suites. Null with fewer than two figures and no base.
 */
export function retainedHeap(
  heapsAfterSuites: readonly number[],
  suiteCount: number,
  baseHeapMB?: number,
): number | null {
  const last = heapsAfterSuites.at(-1);
  if (last === undefined) return null;
  if (baseHeapMB !== undefined) return round1(Math.max(0, last - baseHeapMB));
  if (heapsAfterSuites.length < 2) return null;
  const perSuite = (last - heapsAfterSuites[0]) / (heapsAfterSuites.length - 1);
  return round1(Math.max(0, perSuite * Math.max(suiteCount, heapsAfterSuites.length)));
}

/** Modules grouped by the process that ran them, each group in run order. */
function processGroups(modules: readonly HistoryModuleInput[]): HistoryModuleInput[][] {
  const groups = groupBy(modules, (module, index) =>
    module.process === undefined ? `alone:${String(index)}` : `process:${String(module.process)}`,
  );
  const started = (module: HistoryModuleInput) => (module.startedAt ? Date.parse(module.startedAt) : Number.NaN);
  return [...groups.values()].map((group) =>
    group.every((module) => Number.isFinite(started(module)))
      ? [...group].sort((a, b) => started(a) - started(b))
      : group,
  );
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The RSS of the module's process when it was ready to run its first file (the suite that carries it). */
function bootRss(module: HistoryModuleInput): number | undefined {
  return module.suites.find((suite) => suite.rssBeforeMB !== undefined)?.rssBeforeMB;
}

/**
 * `{ loadedOnceMB }` of a process's first module: what its first file kept (post-GC, from the
 * process's base) beyond what each later file kept on average, never below 0. Empty without a
 * base, a reading after the first file, and one after a later file.
 */
function firstFileExtra(module: HistoryModuleInput): { loadedOnceMB?: number } {
  const base = module.suites[0]?.heapBeforeMB;
  const first = module.suites[0]?.heapAfterMB;
  const lastIndex = module.suites.findLastIndex((suite, index) => index > 0 && suite.heapAfterMB !== undefined);
  if (base === undefined || first === undefined || lastIndex < 1) return {};
  const perLaterFile = Math.max(0, (module.suites[lastIndex].heapAfterMB! - first) / lastIndex);
  return { loadedOnceMB: round1(Math.max(0, first - base - perLaterFile)) };
}
