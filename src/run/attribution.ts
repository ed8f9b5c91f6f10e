import type { Suite } from '../report/schema.js';
import { groupBy } from '../util/group-by.js';
import type { ReporterRecords, SuiteTiming, TimelineSample } from './child-output.js';

/** A module of a packed process: its name and its folders (relative to the project, POSIX). */
export interface PackModule {
  name: string;
  paths: readonly string[];
}

/** What one test process left, for attribution to its modules. */
export interface ProcessTrace {
  records: ReporterRecords;
  /** One timeline per Node process or thread of the run (the probe's samples). */
  timelines: TimelineSample[][];
  /** When the process was let go (its gate opened), ms since the epoch. */
  releasedAt: number;
  /** When the process ended, ms since the epoch. */
  endedAt: number;
}

/** One module's share of a process. */
export interface ModuleShare {
  name: string;
  suites: Suite[];
  /** The suite of this module that was running when the process ended, if any. */
  runningSuite?: string;
  /**
   * Whether every test file of the module finished: from the planned file list when the
   * child wrote one; without it, only that nothing was left running (true of every module of
   * a process that ended by itself; after a death the caller cannot trust it).
   */
  complete: boolean;
  /** Whether any of its suites started. */
  started: boolean;
  /** Its time: each suite's run plus the gap before it (start-up, setup), ms. */
  durationMs: number;
  /** When its first suite started (or the release, for the first in the process), ms epoch; null: never started. */
  startedAt: number | null;
  /** When its last suite started, ms epoch; null: never started (the death is blamed on the latest). */
  lastStartedAt: number | null;
  /**
   * The module whose suite started first in the process: its start-up, from the release to
   * that start (the reporters mark a file started before it is imported), ms; null for the others.
   */
  startupMs: number | null;
  /** Peaks over the samples in its suites' time windows (the sample in force at a window's start included). */
  peakHeapMB: number | null;
  peakRssMB: number | null;
  /** Peak of the process tree's RSS in the same windows; null without tree samples. */
  peakTreeRssMB: number | null;
}

/**
 * The module that holds `file`: the longest module folder that is a prefix of it (as a
 * folder), or the module that names the file itself (the root module lists its own files).
 */
export function moduleOfFile(modules: readonly PackModule[], file: string): string | undefined {
  return moduleFinder(modules)(file);
}

/**
 * {@link moduleOfFile} for many files of one process: the folders are worked out once,
 * longest first, and each file is looked up once. A pack of 248 modules asked about its 250
 * files for each module, as attribution did, spent a core during the whole run (live
 * progress attributes the running pack every 250 ms).
 */
export function moduleFinder(modules: readonly PackModule[]): (file: string) => string | undefined {
  const folders = modules
    .flatMap((module) => module.paths.map((path) => ({ name: module.name, path, folder: `${trimSlashes(path)}/` })))
    // Stable: among folders of one length the first module wins, as it always did.
    .sort((a, b) => b.folder.length - a.folder.length);
  const known = new Map<string, string | undefined>();
  return (file) => {
    if (known.has(file)) return known.get(file);
    const found = folders.find(({ path, folder }) => file === path || file.startsWith(folder))?.name;
    known.set(file, found);
    return found;
  };
}

function trimSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end -= 1;
  return path.slice(0, end);
}

/** Peak heap, RSS and tree RSS over the samples in [from, to] of every timeline, plus the sample in force at `from`. */
export function peaksInWindow(
  timelines: readonly TimelineSample[][],
  from: number,
  to: number,
): { heapMB: number | null; rssMB: number | null; treeRssMB: number | null } {
  let heapMB: number | null = null;
  let rssMB: number | null = null;
  let treeRssMB: number | null = null;
  const take = (sample: TimelineSample) => {
    heapMB = heapMB === null ? sample.heapMB : Math.max(heapMB, sample.heapMB);
    rssMB = rssMB === null ? sample.rssMB : Math.max(rssMB, sample.rssMB);
    if (sample.treeRssMB !== undefined)
      treeRssMB = treeRssMB === null ? sample.treeRssMB : Math.max(treeRssMB, sample.treeRssMB);
  };
  for (const timeline of timelines) {
    let before: TimelineSample | undefined;
    for (const sample of timeline) {
      if (sample.t <= from) before = sample;
      else if (sample.t <= to) take(sample);
    }
    // A process that exited before the window holds nothing in it (vitest's worker of the
    // file before, with isolate: true): its last sample is not in force.
    if (before && !before.exited) take(before);
  }
  return { heapMB, rssMB, treeRssMB };
}

interface Window {
  module: string;
  from: number;
  to: number;
  gapFrom: number;
}

/**
 * Splits a process's suites, time and memory among its modules. Pure. Suites go to their
 * module by path (longest folder prefix); a suite's window runs from its start to its end
 * (the process's end for the suite that was running); the time before a suite since the
 * previous one ended (or since the release) is the module's too, so the modules' durations
 * add up to the process's. Suites of no module (a path outside every folder) are left out.
 */
export function attributeProcess(modules: readonly PackModule[], trace: ProcessTrace): ModuleShare[] {
  const { records } = trace;
  const find = moduleFinder(modules);
  const windows = groupBy(suiteWindows(find, trace), (window) => window.module);
  const ended = trace.endedAt;
  const running = records.runningSuite;
  const runningModule = running !== undefined ? find(running) : undefined;
  const finished = new Set(records.suites.map((suite) => suite.file));
  const suitesOf = groupBy(records.suites, (suite) => find(suite.file));
  const starts = [...records.timings.values()].flatMap((timing) =>
    timing.startedAt !== undefined ? [timing.startedAt] : [],
  );
  const firstStart = starts.length > 0 ? Math.min(...starts) : undefined;
  const planned = records.plannedFiles;
  const plannedOf = planned ? groupBy(planned, find) : undefined;
  return modules.map((module): ModuleShare => {
    const own = windows.get(module.name) ?? [];
    const suites = suitesOf.get(module.name) ?? [];
    const plannedOwn = plannedOf ? (plannedOf.get(module.name) ?? []) : undefined;
    const isRunning = runningModule === module.name;
    const complete =
      !isRunning && (plannedOwn ? plannedOwn.every((file) => finished.has(file)) : running === undefined);
    let peakHeapMB: number | null = null;
    let peakRssMB: number | null = null;
    let peakTreeRssMB: number | null = null;
    for (const window of own) {
      const peaks = peaksInWindow(trace.timelines, window.from, window.to);
      if (peaks.heapMB !== null) peakHeapMB = Math.max(peakHeapMB ?? 0, peaks.heapMB);
      if (peaks.rssMB !== null) peakRssMB = Math.max(peakRssMB ?? 0, peaks.rssMB);
      if (peaks.treeRssMB !== null) peakTreeRssMB = Math.max(peakTreeRssMB ?? 0, peaks.treeRssMB);
    }
    return {
      name: module.name,
      suites,
      ...(isRunning ? { runningSuite: running } : {}),
      complete,
      started: own.length > 0 || suites.length > 0 || isRunning,
      durationMs: own.reduce((sum, window) => sum + Math.max(0, Math.min(window.to, ended) - window.gapFrom), 0),
      startedAt: own.length > 0 ? Math.min(...own.map((window) => window.gapFrom)) : null,
      lastStartedAt: own.length > 0 ? Math.max(...own.map((window) => window.from)) : null,
      startupMs:
        own.length > 0 && Math.min(...own.map((window) => window.from)) === firstStart
          ? Math.max(0, firstStart - trace.releasedAt)
          : null,
      peakHeapMB,
      peakRssMB,
      peakTreeRssMB: peakTreeRssMB !== null && peakRssMB !== null ? Math.max(peakTreeRssMB, peakRssMB) : peakTreeRssMB,
    };
  });
}

/** Each timed suite's window, in start order, with the gap before it. */
function suiteWindows(find: (file: string) => string | undefined, trace: ProcessTrace): Window[] {
  const timed = [...trace.records.timings.entries()]
    .filter((entry): entry is [string, SuiteTiming & { startedAt: number }] => entry[1].startedAt !== undefined)
    .sort((a, b) => a[1].startedAt - b[1].startedAt);
  const windows: Window[] = [];
  let previousEnd = trace.releasedAt;
  for (const [file, timing] of timed) {
    const module = find(file);
    const to = timing.endedAt ?? trace.endedAt;
    if (module !== undefined)
      windows.push({ module, from: timing.startedAt, to, gapFrom: Math.min(previousEnd, timing.startedAt) });
    previousEnd = Math.max(previousEnd, to);
  }
  return windows;
}
