import { median, quantile } from '../util/median.js';
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
  const runsOf = (name: string) =>
    history.modules[name].filter((run) => options.runner === undefined || run.runner === options.runner);
  const loadedOnce = loadedOnceOf(Object.keys(history.modules).map(runsOf));
  for (const name of Object.keys(history.modules).sort()) {
    const runs = runsOf(name);
    const newest = runs.at(-1);
    if (!newest) continue;
    const heapRuns = peakRuns(runs.filter((run) => run.process.inheritedHeapMB !== null));
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
      retainedHeapMB: retainedEstimate(runs, loadedOnce),
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
 * The runs whose peaks say what the module needs alone: those where it ran first in its
 * process, when there are any. Behind other modules its peaks also hold their garbage, not
 * only what they retained (a file's post-GC reading is skipped when it would cost too much,
 * so nothing collects between modules): a date-fns module peaking at 25 MB alone read 40–60
 * MB in a pack of 140, less the 5 MB retained before it, and packs came out three times as
 * many as needed.
 */
function peakRuns(runs: readonly RunRecord[]): readonly RunRecord[] {
  const first = runs.filter((run) => run.process.position === 0);
  return first.length > 0 ? first : runs;
}

/**
 * The heap a module leaves for the modules after it in a process, MB. First in its process a
 * module also keeps what any test file of the project loads once per process (the runner's
 * expect, a mocking library, shared helpers): on date-fns 4.6 MB a module alone, 0.1 MB
 * behind another. Counted again for every module of a pack, that makes packs ten times too
 * small. So: the median of its runs behind another module when it has some; else of its
 * runs first in a process, less what modules like it keep first in a process and not behind
 * another (`loadedOnceFor`: modules that kept about as much first, else the project's
 * `loadedOnceMB`, 0 until some module has run both ways).
 */
function retainedEstimate(runs: readonly RunRecord[], loadedOnce: LoadedOnce): number | null {
  const { first, behind } = retainedByPosition(runs);
  if (behind.length > 0) return rounded(median(behind));
  const alone = median(first);
  return alone === undefined ? null : rounded(Math.max(0, alone - loadedOnceFor(loadedOnce, alone)));
}

/** What is known of the heap the project's modules load once per process. */
interface LoadedOnce {
  /** The project-wide figure (see loadedOnceMB). */
  projectMB: number;
  /** Each module that ran both ways: its retained heap first in its process, and first − behind (medians). */
  bothWays: { firstMB: number; gapMB: number }[];
}

/**
 * How far a module's retained heap first in its process can be from another's and still
 * count as the same kind of module (see loadedOnceFor).
 */
const SIMILAR_FIRST = 1.5;

/**
 * What a module that kept `firstMB` first in its process (and has not run behind another)
 * keeps only there: the median gap of the modules that ran both ways and kept about as much
 * first (within 1.5×), else the project-wide figure. What a module loads once depends on
 * what it imports, and the first packs of a run are not a fair sample: they are made of the
 * modules that looked smallest. On date-fns the 24 modules of a second run's first two
 * packs had kept 0.5 MB alone, 23 of them; their gaps (0.4 MB) said nothing of the modules
 * that import @date-fns/tz (4.6 MB alone, 0.1 behind another), and a re-plan cut the rest
 * into 27 processes. The one module among them that kept 5 MB alone kept 0 behind.
 */
function loadedOnceFor(loadedOnce: LoadedOnce, firstMB: number): number {
  const similar = loadedOnce.bothWays.filter(
    (module) => module.firstMB * SIMILAR_FIRST >= firstMB && module.firstMB <= firstMB * SIMILAR_FIRST,
  );
  if (similar.length === 0) return loadedOnce.projectMB;
  return Math.max(0, median(similar.map((module) => module.gapMB)) ?? 0);
}

/** Each module's medians first and behind, worked out once for both figures of {@link LoadedOnce}. */
function loadedOnceOf(runsPerModule: readonly (readonly RunRecord[])[]): LoadedOnce {
  const medians = runsPerModule.map((runs) => {
    const { first, behind } = retainedByPosition(runs);
    return { firstMB: median(first), behindMB: median(behind) };
  });
  const bothWays = medians.flatMap(({ firstMB, behindMB }) =>
    firstMB === undefined || behindMB === undefined ? [] : [{ firstMB, gapMB: firstMB - behindMB }],
  );
  return { projectMB: loadedOnceMB(runsPerModule, medians, bothWays), bothWays };
}

/** A module's retained figures, first in its process and behind another module. */
function retainedByPosition(runs: readonly RunRecord[]): { first: number[]; behind: number[] } {
  const first: number[] = [];
  const behind: number[] = [];
  for (const run of runs)
    if (run.retainedHeapMB !== null) (run.process.position > 0 ? behind : first).push(run.retainedHeapMB);
  return { first, behind };
}

/** Modules of several files, first in a cold process, before their first-file figure is trusted. */
const LOADED_ONCE_MIN_MODULES = 3;

/**
 * Modules that must have run both ways before the upper quartile of their gaps is trusted. A
 * quartile of a handful says little when the split is bimodal: on date-fns the first pack of
 * a second run had 5 modules behind its first, none of which imports @date-fns/tz; their
 * gaps (0.4 MB) made every tz module look like it kept 4.2 MB behind another, and a re-plan
 * cut the queue into 28 processes of 5 modules (29.6 s, against 21.5 s).
 */
const LOADED_ONCE_MIN_GAPS = 8;

/**
 * What a module of this project keeps first in its process and not behind another module,
 * MB: the upper quartile over the modules that ran both ways of (first − behind), never
 * below 0 (until eight modules have, the first-file estimate below). Leaks are kept either
 * way, so they do not count; what is loaded once per process does, and it depends on what a
 * module imports: on date-fns 4.5 MB for the modules that
 * import @date-fns/tz, 0.4 MB for the others, about half each. The median would leave the
 * first kind counted as if each loaded it again; the upper quartile costs the second kind at
 * most what they really keep (0.1–0.5 MB), and a leaking module at most that share of its leak.
 */
function loadedOnceMB(
  runsPerModule: readonly (readonly RunRecord[])[],
  medians: readonly { firstMB: number | undefined }[],
  bothWays: readonly { gapMB: number }[],
): number {
  const gaps = bothWays.map((module) => module.gapMB);
  if (gaps.length >= LOADED_ONCE_MIN_GAPS) return Math.max(0, quantile(gaps, 0.75) ?? 0);
  // Before any module ran both ways (after a cold run): what the first file of a module of
  // several files kept beyond its later ones (RunRecord process.loadedOnceMB), the median —
  // never more than the least any module kept first in its process (every module pays it
  // there). changesets: 23.6–40.7 MB from three modules, capped at 14.8 (`errors`); behind
  // another module its packages then kept 0–5 MB.
  const firstFiles = runsPerModule.flatMap((runs) =>
    runs.flatMap((run) => (run.process.loadedOnceMB !== undefined ? [run.process.loadedOnceMB] : [])),
  );
  if (firstFiles.length < LOADED_ONCE_MIN_MODULES) return 0;
  const leastFirst = Math.min(...medians.flatMap(({ firstMB }) => (firstMB === undefined ? [] : [firstMB])));
  return Math.max(0, Math.min(median(firstFiles) ?? 0, leastFirst));
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
