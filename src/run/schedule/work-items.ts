import { median } from '../../util/median.js';
import { minimatch } from 'minimatch';
import type { ModuleEstimate } from '../../history/estimates.js';
import { formatDuration } from '../../util/duration.js';
import { orderItems } from './order.js';
import { compareNames } from '../../util/compare-names.js';

/**
 * What runs: one test process that runs its modules in band, one after another, in the
 * order given. What is tested stays the module; results are per module.
 */
export interface WorkItem {
  /** `w1`, `w2`…, numbered longest first; re-runs after a crash get `w3/orders`. */
  id: string;
  /** Module names, in the order the process runs them. */
  modules: string[];
  /** Null when a module has no history: nothing is predicted, the item is one module alone. */
  predictedPeakHeapMB: number | null;
  predictedPeakRssMB: number | null;
  predictedDurationMs: number | null;
  /** Suites in the item (from history, or the caller's count of test files); null when unknown. */
  suiteCount: number | null;
  /** Why the item is what it is, for people: `packed 3 modules …`, `alone: no history yet`. */
  reason: string;
}

/** A module to plan, with its test file count when the caller knows it (ranks modules without history). */
export interface PackingCandidate {
  name: string;
  suiteCount?: number;
}

/** Plain packing options (the run maps flags and config onto them). */
export interface PackingOptions {
  /** `pack: false` / `--no-pack`: every module alone. */
  pack: boolean;
  /** Globs over module names (minimatch, dot: true) that always run alone. */
  isolate?: readonly string[];
  /** Parallel slots: bounds a pack's duration so packing never leaves slots idle. */
  slots: number;
  /** Explicit heap budget per process, MB (still never above `heapShare` of the heap limit); default {@link defaultHeapBudgetMB}. */
  heapBudgetMB?: number;
  /** V8 heap limit of a test process, MB; default the smallest one in history (from the probe). */
  heapLimitMB?: number | null;
  /** Share of the heap limit no pack may pass (default {@link SAFE_HEAP_SHARE}). */
  heapShare?: number;
  /**
   * Predicted peak RSS no pack of two or more modules may pass, MB: room left under the run's
   * peak for the next process of the slot, booted early and held at its gate (see
   * src/run/work-plan.ts). Unset: no limit beyond the heap budget.
   */
  packRssLimitMB?: number;
  /** Why packs keep within packRssLimitMB, for their reason (default: room for a process booted early). */
  packRssLimitWhy?: string;
  /**
   * The duration bound stretched by this factor (default 1; see durationBound). First fit up to
   * the exact even split rarely fills the slots' packs to it, and what is left over becomes one
   * more pack, which runs after one of them while the other slot idles: the packing chooser
   * (src/run/work-plan.ts) also tries looser bounds and keeps the packing that finishes first.
   */
  durationBoundScale?: number;
}

/** The items and the limits they were packed under (shown in logs and the report). */
export interface WorkPlan {
  /** Longest first (see orderItems). */
  items: WorkItem[];
  /** Null when no module has heap figures: nothing was packed. */
  heapBudgetMB: number | null;
  /** Null with one slot: one slot can take any length. */
  durationBoundMs: number | null;
}

/** No pack may be predicted to need more than this share of the V8 heap limit. */
export const SAFE_HEAP_SHARE = 0.7;

/** A packable module: every figure packing needs is known. */
interface Member {
  name: string;
  durationMs: number;
  startupMs: number;
  peakHeapMB: number;
  /** Unknown retained heap counts as the whole peak: the worst case. */
  retainedHeapMB: number;
  peakRssMB: number | null;
  suiteCount: number;
}

/**
 * The default heap budget of one process: the biggest peak any module needed alone in
 * history (a process that big is known to work), never more than `heapShare` of the V8
 * heap limit. Modules that crashed or timed out last time do not count: their peak may be
 * the limit itself. Null when no module has heap figures.
 */
export function defaultHeapBudgetMB(
  estimates: ReadonlyMap<string, ModuleEstimate>,
  heapLimitMB: number | null,
  heapShare = SAFE_HEAP_SHARE,
): number | null {
  const peaks = [...estimates.values()]
    .filter((estimate) => estimate.lastStatus === 'passed' || estimate.lastStatus === 'failed')
    .map((estimate) => estimate.peakHeapMB)
    .filter((peak): peak is number => peak !== null);
  if (peaks.length === 0) return null;
  const biggest = Math.max(...peaks);
  return heapLimitMB !== null && heapLimitMB > 0 ? Math.min(biggest, heapLimitMB * heapShare) : biggest;
}

/**
 * Orders a pack's modules to minimise its predicted peak: by `peak − retained` descending
 * (ties by name). Why: a pack's peak is max over j of (Σ_{i<j} retained_i + peak_j), which
 * is Σ_{i≤j} retained_i + (peak_j − retained_j). Swapping neighbours i, j with
 * q = peak − retained and q_i ≥ q_j: with i first the two terms are S+r_i+q_i and
 * S+r_i+r_j+q_j, both ≤ S+r_i+r_j+q_i, a term of the other order; so i first is never
 * worse, and sorting by q descending is optimal. (Ordering by retained alone is not: a
 * big, leaky module belongs first when its own peak dwarfs what it leaves behind.)
 */
export function packOrder<T extends { name: string; peakHeapMB: number; retainedHeapMB: number }>(
  members: readonly T[],
): T[] {
  return [...members].sort(
    (a, b) => b.peakHeapMB - b.retainedHeapMB - (a.peakHeapMB - a.retainedHeapMB) || compareNames(a.name, b.name),
  );
}

/** Predicted peak of modules run in this order in one process: max over j of (peak_j + Σ_{i<j} retained_i). */
export function predictedPackPeak(ordered: readonly { peak: number; retainedHeapMB: number }[]): number {
  let inherited = 0;
  let peak = 0;
  for (const member of ordered) {
    peak = Math.max(peak, member.peak + inherited);
    inherited += member.retainedHeapMB;
  }
  return peak;
}

/**
 * Packs modules into work items. A module runs alone when packing is off, when it matches
 * an `isolate` glob, when it has no history, when it did not pass or fail cleanly last time
 * (crashed, timeout), or when its heap figures are unknown. The others are packed first
 * fit, longest first, into items whose predicted peak heap stays within the heap budget
 * and whose predicted duration stays within the duration bound (see durationBound).
 * Deterministic: the same input gives the same items.
 */
export function planWorkItems(
  candidates: readonly PackingCandidate[],
  estimates: ReadonlyMap<string, ModuleEstimate>,
  options: PackingOptions,
): WorkPlan {
  const heapLimitMB = options.heapLimitMB ?? smallestHeapLimit(estimates);
  const safeMB = heapLimitMB !== null && heapLimitMB > 0 ? heapLimitMB * (options.heapShare ?? SAFE_HEAP_SHARE) : null;
  const heapBudgetMB =
    options.heapBudgetMB !== undefined
      ? Math.min(options.heapBudgetMB, safeMB ?? Number.POSITIVE_INFINITY)
      : defaultHeapBudgetMB(estimates, heapLimitMB, options.heapShare);
  const evenSplitMs = durationBound(candidates, estimates, options.slots);
  const durationBoundMs = evenSplitMs === null ? null : evenSplitMs * (options.durationBoundScale ?? 1);
  const alone: WorkItem[] = [];
  const members: Member[] = [];
  for (const candidate of [...candidates].sort((a, b) => compareNames(a.name, b.name))) {
    const estimate = estimates.get(candidate.name);
    const why = aloneReason(candidate.name, estimate, options, heapBudgetMB);
    if (why !== undefined || !estimate)
      alone.push(aloneItem(candidate.name, estimate, { reason: why ?? 'alone', suiteCount: candidate.suiteCount }));
    else members.push(toMember(estimate));
  }
  const limits: PackLimits = {
    heapBudgetMB: heapBudgetMB ?? 0,
    durationBoundMs: durationBoundMs ?? Number.POSITIVE_INFINITY,
    rssLimitMB: options.packRssLimitMB ?? Number.POSITIVE_INFINITY,
    rssLimitWhy: options.packRssLimitWhy ?? 'room for the next process booted early',
  };
  const packs = firstFit(members, limits);
  const packed = packs.map((pack) => packItem(pack, limits, durationBoundMs));
  const items = orderItems([...alone, ...packed]).map((item, index) => ({ ...item, id: `w${index + 1}` }));
  return { items, heapBudgetMB, durationBoundMs };
}

/**
 * The longest a pack may be predicted to take. With one slot, any length: the modules run
 * one after another anyway, and packing only saves start-ups. With N slots, the larger of
 * the work split evenly over N (the best possible finish: a longer pack would itself finish
 * after it) and the longest single module (which ends the run no sooner anyway, so packs up
 * to its length cost nothing). The work split evenly is what packs would take: every
 * module's time without its start-up, over N, plus one start-up (the median) per slot. The
 * modules' times alone, start-ups and all, over N would let one pack take everything when
 * start-up is most of each module's time (date-fns: 5 s alone, 40 ms behind another).
 */
export function durationBound(
  candidates: readonly PackingCandidate[],
  estimates: ReadonlyMap<string, ModuleEstimate>,
  slots: number,
): number | null {
  if (slots <= 1) return null;
  const known = candidates
    .map((candidate) => estimates.get(candidate.name))
    .filter((estimate): estimate is ModuleEstimate => estimate !== undefined);
  if (known.length === 0) return null;
  const startup = (estimate: ModuleEstimate) => Math.min(estimate.startupMs ?? 0, estimate.durationMs);
  const work = known.reduce((sum, estimate) => sum + estimate.durationMs - startup(estimate), 0);
  const oneStartup = median(known.map(startup)) ?? 0;
  return Math.max(work / slots + oneStartup, Math.max(...known.map((estimate) => estimate.durationMs)));
}

/** Why a module must run alone, or undefined when it may be packed. */
function aloneReason(
  name: string,
  estimate: ModuleEstimate | undefined,
  options: PackingOptions,
  heapBudgetMB: number | null,
): string | undefined {
  if (!options.pack) return 'alone: packing is off (pack: false)';
  const glob = (options.isolate ?? []).find((pattern) => minimatch(name, pattern, { dot: true }));
  if (glob !== undefined) return `alone: matches isolate glob ${JSON.stringify(glob)}`;
  if (!estimate) return 'alone: no history yet';
  if (estimate.lastStatus === 'crashed' || estimate.lastStatus === 'timeout')
    return `alone: it ${estimate.lastStatus === 'crashed' ? 'crashed' : 'timed out'} last time`;
  if (estimate.lastStatus === 'failed') return 'alone: it failed last time';
  if (estimate.peakHeapMB === null) return 'alone: its history has no heap figures';
  if (heapBudgetMB === null || estimate.peakHeapMB > heapBudgetMB)
    return 'alone: its own peak heap fills the heap budget';
  return undefined;
}

/** A work item of one module; also what a crash re-run uses. */
export function aloneItem(
  name: string,
  estimate: ModuleEstimate | undefined,
  options: { reason: string; id?: string; suiteCount?: number },
): WorkItem {
  return {
    id: options.id ?? name,
    modules: [name],
    predictedPeakHeapMB: estimate?.peakHeapMB ?? null,
    predictedPeakRssMB: estimate?.peakRssMB ?? null,
    predictedDurationMs: estimate ? estimate.durationMs : null,
    suiteCount: estimate ? estimate.suiteCount : (options.suiteCount ?? null),
    reason: options.reason,
  };
}

function toMember(estimate: ModuleEstimate): Member {
  return {
    name: estimate.name,
    durationMs: estimate.durationMs,
    startupMs: estimate.startupMs ?? 0,
    peakHeapMB: estimate.peakHeapMB!,
    retainedHeapMB: Math.min(estimate.retainedHeapMB ?? estimate.peakHeapMB!, estimate.peakHeapMB!),
    peakRssMB: estimate.peakRssMB,
    suiteCount: estimate.suiteCount,
  };
}

/** What a pack of two or more modules must stay within. */
interface PackLimits {
  heapBudgetMB: number;
  durationBoundMs: number;
  rssLimitMB: number;
  rssLimitWhy: string;
}

/** First fit, longest first: each module joins the first pack it fits, or opens one. */
function firstFit(members: readonly Member[], limits: PackLimits): Member[][] {
  const packs: Member[][] = [];
  const longestFirst = [...members].sort((a, b) => b.durationMs - a.durationMs || compareNames(a.name, b.name));
  for (const member of longestFirst) {
    const pack = packs.find((open) => {
      const ordered = packOrder([...open, member]);
      const rss = rssPeak(ordered);
      return (
        heapPeak(ordered) <= limits.heapBudgetMB &&
        packDuration(ordered) <= limits.durationBoundMs &&
        (rss === null || rss <= limits.rssLimitMB)
      );
    });
    if (pack) pack.push(member);
    else packs.push([member]);
  }
  return packs;
}

function packItem(pack: readonly Member[], limits: PackLimits, durationBoundMs: number | null): WorkItem {
  const { heapBudgetMB } = limits;
  const ordered = packOrder(pack);
  const peakHeap = heapPeak(ordered);
  const peakRss = rssPeak(ordered);
  const duration = packDuration(ordered);
  const bound = durationBoundMs === null ? '' : `, duration bound ${formatDuration(durationBoundMs)}`;
  const room =
    ordered.length > 1 && Number.isFinite(limits.rssLimitMB)
      ? `, peak RSS within ${round(limits.rssLimitMB)} MB (${limits.rssLimitWhy})`
      : '';
  const reason =
    ordered.length === 1
      ? `alone: no other module fits beside it within the ${round(heapBudgetMB)} MB heap budget${bound}`
      : `packed ${ordered.length} modules: predicted peak heap ${round(peakHeap)} MB within the ${round(heapBudgetMB)} MB budget, ${formatDuration(duration)}${bound}${room}`;
  return {
    id: '',
    modules: ordered.map((member) => member.name),
    predictedPeakHeapMB: round(peakHeap),
    predictedPeakRssMB: peakRss === null ? null : round(peakRss),
    predictedDurationMs: Math.round(duration),
    suiteCount: ordered.reduce((sum, member) => sum + member.suiteCount, 0),
    reason,
  };
}

/** The largest predicted peak RSS of one module alone, MB (the run needs at least that); null when none is known. */
export function largestAloneRssMB(estimates: ReadonlyMap<string, ModuleEstimate>): number | null {
  const known = [...estimates.values()]
    .map((estimate) => estimate.peakRssMB)
    .filter((rss): rss is number => rss !== null);
  return known.length > 0 ? Math.max(...known) : null;
}

/** A pack's predicted peak RSS: each module's RSS alone plus the heap the modules before it retained. */
function rssPeak(ordered: readonly Member[]): number | null {
  if (!ordered.every((member) => member.peakRssMB !== null)) return null;
  return predictedPackPeak(
    ordered.map((member) => ({ peak: member.peakRssMB!, retainedHeapMB: member.retainedHeapMB })),
  );
}

function heapPeak(ordered: readonly Member[]): number {
  return predictedPackPeak(
    ordered.map((member) => ({ peak: member.peakHeapMB, retainedHeapMB: member.retainedHeapMB })),
  );
}

/** One process start-up for the whole pack: the first module's; the others' are saved. */
function packDuration(ordered: readonly Member[]): number {
  return ordered.reduce(
    (sum, member, index) => sum + member.durationMs - (index > 0 ? Math.min(member.startupMs, member.durationMs) : 0),
    0,
  );
}

function smallestHeapLimit(estimates: ReadonlyMap<string, ModuleEstimate>): number | null {
  const limits = [...estimates.values()]
    .map((estimate) => estimate.heapLimitMB)
    .filter((limit): limit is number => limit !== null);
  return limits.length > 0 ? Math.min(...limits) : null;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
