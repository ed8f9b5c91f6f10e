import { median } from '../util/median.js';
import { aloneDurationMs } from './estimates.js';
import type { History, ProcessContext, RunRecord } from './schema.js';

/**
 * The share of a CPU core each test process had in a run, from what that job ran beside it.
 *
 * Why: a duration measured while S test processes ran in parallel on C cores is inflated
 * once S exceeds C. The kernel shares the cores fairly, so each process progresses at
 * C / S of a core, and a CPU-bound module that needs T alone measures T · S / C. Learning
 * from such a figure as it is makes that module look slow, the next split gives it a
 * shard of its own, it measures fast there, and the splits oscillate — the known failure
 * of naive timing-based splitting. Multiplying the measured figure by min(S, C) / S turns
 * it back into the time alone.
 *
 * The rule takes a CPU-bound module running beside S − 1 others the whole time: it corrects
 * only CPU contention (more processes than cores), never by more than C / S, and is 1
 * whenever S ≤ C (the `slots: auto` choice never exceeds the cores). It over-corrects a
 * module that mostly waits on a database, or that ran while the other slots had already
 * finished (it then looks faster than it is, by at most that factor); it does not see
 * contention for disk or the database. A record without `cores` (older files, or a
 * recorder that did not know them) is not corrected: assuming a core count would invent a
 * correction.
 */
export function cpuShare(process: Pick<ProcessContext, 'slots' | 'cores'>): number {
  if (process.cores === undefined) return 1;
  const slots = Math.max(1, process.slots);
  return Math.min(slots, Math.max(1, process.cores)) / slots;
}

/** A run's duration alone and uncontended, ms: start-up added back for a pack's later modules, CPU contention taken out. */
export function uncontendedDurationMs(run: RunRecord): number {
  return aloneDurationMs(run) * cpuShare(run.process);
}

/** What sharding needs of a module's history: its uncontended median duration and suite count. */
export interface DurationEstimate {
  name: string;
  durationMs: number;
  suiteCount: number;
  runs: number;
}

/**
 * Median uncontended durations per module (of `runner`'s runs, when given), by name. The
 * medians of {@link uncontendedDurationMs}, so figures learned in an overloaded job and in
 * a quiet one are comparable, and one odd run does not steer.
 */
export function uncontendedEstimates(
  history: History,
  options: { runner?: 'jest' | 'vitest' } = {},
): Map<string, DurationEstimate> {
  const result = new Map<string, DurationEstimate>();
  for (const name of Object.keys(history.modules).sort()) {
    const runs = history.modules[name].filter((run) => options.runner === undefined || run.runner === options.runner);
    const durationMs = median(runs.map(uncontendedDurationMs));
    if (durationMs === undefined) continue;
    const suiteCount = Math.round(median(runs.map((run) => run.suiteCount)) ?? 0);
    result.set(name, { name, durationMs: Math.round(durationMs), suiteCount, runs: runs.length });
  }
  return result;
}
