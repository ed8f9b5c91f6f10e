import type { ClassFigures } from './class-stats.js';

/** A constructor that may be reported: figures of the last snapshot and the growth since the first. */
export interface Candidate {
  name: string;
  countDelta: number;
  /** Bytes. */
  sizeDelta: number;
  count: number;
  /** Bytes (retained size of the class in the last snapshot). */
  size: number;
  /** Growth of the instances no instance of the same class dominates: 0 for one array that fills up. */
  topLevelCountDelta: number;
}

/** A candidate placed in the report's order, with what it sits inside of or holds. */
export interface RankedCandidate extends Candidate {
  inside?: string;
  holds?: string;
}

/**
 * What counts as growth. Chosen on real snapshots (bench/leaks.mjs, test/leaks): between
 * snapshots of a process that only churns, V8's own bookkeeping (code, feedback, shapes,
 * strings) moves by tens of kilobytes, up and down; a leak that matters moves by megabytes.
 */
export const GROWTH_THRESHOLDS = {
  /** Below this growth (last − first) a class is noise, whatever else it does. */
  minSizeDeltaBytes: 512 * 1024,
  /** …and below this share of the last snapshot's heap (so big heaps need bigger growth). */
  minHeapShare: 0.005,
  /** A class holding (or sitting inside) at least this share of another's size is ranked after it. */
  containmentShare: 0.5,
  /** Most suspects listed. */
  limit: 5,
  /** Most classes whose containment is measured (the largest growers). */
  candidateLimit: 30,
} as const;

/** Node classes that are never suspects: the synthetic roots of the graph. */
const NEVER_SUSPECTS = new Set(['(synthetic)']);
const NONE: ClassFigures = { count: 0, selfSize: 0, retainedSize: 0, topLevelCount: 0 };

/**
 * V8's own node kinds in parentheses ((string), (system), (compiled code)…) and its
 * `system / …` objects: real memory, but they name no code to fix, so another suspect is
 * never ranked behind one of them.
 */
export function isInternalClass(name: string): boolean {
  return name.startsWith('(') || name.startsWith('system / ');
}

/** JavaScript's own containers and boxes: what leaks is kept in them, but they name no code to fix either. */
const GENERIC_BUILTINS = new Set([
  'Object',
  'Array',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'WeakRef',
  'Function',
  'Promise',
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'String',
  'Number',
  'Boolean',
  'Symbol',
  'Error',
]);

/**
 * V8's own kinds and JavaScript's built-in containers (`Object`, `Array`, `Map`…): ranked
 * after the classes of the code unless truly dominant, and never the reason a class of the
 * code is shown as a part of something else (`inside Object` says nothing).
 */
export function isGenericClass(name: string): boolean {
  return isInternalClass(name) || GENERIC_BUILTINS.has(name);
}

/**
 * The classes whose instance count and retained size rose in every consecutive snapshot
 * (time order), by at least the thresholds between the first and the last; the largest
 * growers first, at most `candidateLimit`. A class missing from a snapshot counts as zero.
 */
export function growthCandidates(series: Map<string, ClassFigures>[], lastHeapBytes: number): Candidate[] {
  const first = series[0];
  const last = series.at(-1)!;
  const minDelta = minimumGrowth(lastHeapBytes);
  const candidates: Candidate[] = [];
  for (const [name, end] of last) {
    if (NEVER_SUSPECTS.has(name)) continue;
    const figures = series.map((snapshot) => snapshot.get(name) ?? NONE);
    const growsEveryStep = figures
      .slice(1)
      .every((now, step) => now.count > figures[step].count && now.retainedSize > figures[step].retainedSize);
    const start = first.get(name) ?? NONE;
    const sizeDelta = end.retainedSize - start.retainedSize;
    if (!growsEveryStep || sizeDelta < minDelta) continue;
    candidates.push({
      name,
      countDelta: end.count - start.count,
      sizeDelta,
      count: end.count,
      size: end.retainedSize,
      topLevelCountDelta: end.topLevelCount - start.topLevelCount,
    });
  }
  return byGrowth(candidates).slice(0, GROWTH_THRESHOLDS.candidateLimit);
}

/**
 * With one snapshot: the largest classes by retained size (at least the growth thresholds,
 * as if grown from an empty heap), deltas measured from an empty heap.
 */
export function largestClasses(figures: Map<string, ClassFigures>, heapBytes: number): Candidate[] {
  const candidates = [...figures]
    .filter(([name, entry]) => !NEVER_SUSPECTS.has(name) && entry.retainedSize >= minimumGrowth(heapBytes))
    .map(([name, entry]) => ({
      name,
      countDelta: entry.count,
      sizeDelta: entry.retainedSize,
      count: entry.count,
      size: entry.retainedSize,
      topLevelCountDelta: entry.topLevelCount,
    }));
  return byGrowth(candidates).slice(0, GROWTH_THRESHOLDS.candidateLimit);
}

/**
 * Orders candidates for people. Sizes nest: the array a leaked store is parked on retains
 * every store, and the stores retain their strings, so by size alone the array would top
 * the list. A candidate is therefore ranked after the independent ones when it is a
 * container (`holds`): its own top-level instances did not multiply (one array, one
 * module object) while at least half its growth is instances of a non-internal candidate
 * inside it; or when it mostly sits *inside* a candidate that is not such a container
 * (`inside`: the parts of a leaked store). What multiplies is what leaks: a store holding
 * fifty objects each is the suspect, its objects are its parts. Within each group, largest
 * growth first; at most `limit`. With one snapshot, nothing is known to multiply: the
 * containers are the classes with a hundredth of the top-level instances of what they hold.
 * `insideOf.get(a).get(c)` is the bytes of a's new top-level instances (see measureContainment)
 * that c's instances dominate; the shares are of the growth (sizeDelta).
 */
export function rankSuspects(candidates: Candidate[], insideOf: Map<string, Map<string, number>>): RankedCandidate[] {
  const share = GROWTH_THRESHOLDS.containmentShare;
  const holds = new Map<string, string>();
  for (const container of candidates) {
    let best: { name: string; bytes: number } | undefined;
    for (const held of candidates) {
      if (held === container || isInternalClass(held.name) || !holdsShape(container, held)) continue;
      const bytes = insideOf.get(held.name)?.get(container.name) ?? 0;
      if (bytes >= share * container.sizeDelta && (!best || bytes > best.bytes)) best = { name: held.name, bytes };
    }
    if (best) holds.set(container.name, best.name);
  }
  const ranked = candidates.map((candidate): RankedCandidate => {
    const held = holds.get(candidate.name);
    if (held) return { ...candidate, holds: held };
    let best: { name: string; bytes: number } | undefined;
    for (const [outer, bytes] of insideOf.get(candidate.name) ?? []) {
      if (holds.has(outer) || outer === candidate.name) continue;
      // A class of the code inside a plain Object or Array is still the finding.
      if (!isGenericClass(candidate.name) && isGenericClass(outer)) continue;
      if (bytes >= share * candidate.sizeDelta && (!best || bytes > best.bytes)) best = { name: outer, bytes };
    }
    return best ? { ...candidate, inside: best.name } : candidate;
  });
  const independent = byGrowth(ranked.filter((candidate) => !candidate.holds && !candidate.inside));
  const dependent = byGrowth(ranked.filter((candidate) => candidate.holds || candidate.inside));
  return [...codeFirst(independent), ...dependent].slice(0, GROWTH_THRESHOLDS.limit);
}

/**
 * The classes of the code first; V8's own kinds and the built-in containers after them,
 * unless one is truly dominant (grew at least twice as much as the largest class of the
 * code): a growing `(compiled code)` is then the finding (modules loaded again and again),
 * not a footnote.
 */
function codeFirst(independent: RankedCandidate[]): RankedCandidate[] {
  const named = independent.filter((candidate) => !isGenericClass(candidate.name));
  const largestNamed = named[0]?.sizeDelta ?? 0;
  const dominant = independent.filter(
    (candidate) => isGenericClass(candidate.name) && candidate.sizeDelta >= 2 * largestNamed,
  );
  const rest = independent.filter((candidate) => isGenericClass(candidate.name) && !dominant.includes(candidate));
  return [...dominant, ...named, ...rest];
}

/**
 * Whether `container` is shaped like a holder of `held`: its own top-level instances did not
 * multiply (growth), or are at most 1 % as many as the held class's (single snapshot).
 */
function holdsShape(container: Candidate, held: Candidate): boolean {
  return container.topLevelCountDelta <= 0 || container.topLevelCountDelta * 100 <= held.topLevelCountDelta;
}

/** The smallest growth that counts, for a heap of this size. */
function minimumGrowth(heapBytes: number): number {
  return Math.max(GROWTH_THRESHOLDS.minSizeDeltaBytes, GROWTH_THRESHOLDS.minHeapShare * heapBytes);
}

function byGrowth<T extends Candidate>(candidates: T[]): T[] {
  return [...candidates].sort((a, b) => b.sizeDelta - a.sizeDelta || a.name.localeCompare(b.name));
}
