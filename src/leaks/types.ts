/**
 * The result types of the heap-snapshot analysis (`quality-gates leaks analyze --json`, and
 * what runLeakAnalysis returns). The report's `modules[].leak.suspects` uses LeakSuspect.
 */

/**
 * `growth`: two or more snapshots of one process, in time order, compared; suspects are the
 * constructors that grew in every step. `single`: one snapshot (say the near-heap-limit one
 * of an OOM), nothing to compare: suspects are the largest constructors, and their deltas
 * are measured from an empty heap (countDelta = count, sizeDeltaMB = sizeMB).
 */
export type LeakComparison = 'growth' | 'single';

/** One input snapshot, as read. */
export interface AnalysedSnapshot {
  path: string;
  /** Sum of all nodes' own sizes (what DevTools calls the total size), MB. */
  heapMB: number;
  /** Node count of the heap graph. */
  nodes: number;
}

/** One constructor that grew (or, with `single`, that is among the largest). */
export interface LeakSuspect {
  /** Constructor name as DevTools' Summary shows it: `LeakyStore`, `Array`, `(closure)`, `(string)`… */
  name: string;
  /** Instances in the last snapshot minus instances in the first. */
  countDelta: number;
  /** Retained size of the class in the last snapshot minus the first, MB. */
  sizeDeltaMB: number;
  /** Instances in the last snapshot. */
  count: number;
  /** Retained size of the class in the last snapshot, MB. */
  sizeMB: number;
  /**
   * One retainer path from a GC root to the largest instance in the last snapshot, such as
   * `util.__parked → Array → LeakyStore` (property names and variables where they help;
   * weak and internal edges skipped). Empty when no path exists.
   */
  retainers: string;
  /**
   * Set when most of this class's size sits inside another suspect's instances (the
   * strings of a leaked store, say): that suspect's name. Such suspects are listed after
   * the independent ones.
   */
  inside?: string;
  /**
   * Set when most of this class's growth is instances of another suspect it holds (the
   * array a leaked store is parked on): that suspect's name. Listed after the independent ones.
   */
  holds?: string;
}

/** What `leaks analyze --json` prints and runLeakAnalysis resolves to on success. */
export interface LeakAnalysis {
  comparison: LeakComparison;
  snapshots: AnalysedSnapshot[];
  /** At most five, most telling first (see README "Leak forensics: reading the snapshots"). */
  suspects: LeakSuspect[];
  /** Wall time of the analysis, ms. */
  analysisMs: number;
  /** Peak resident memory of the analysing process, MB. */
  peakRssMB: number;
}

/** The analysis could not be done (bad file, timeout, out of memory): why, in one sentence. */
export interface LeakAnalysisFailure {
  error: string;
}

/** What runLeakAnalysis resolves to: never a rejection for analysis failures. */
export type LeakAnalysisResult = LeakAnalysis | LeakAnalysisFailure;
