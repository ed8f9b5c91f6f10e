import { compareNames } from '../util/compare-names.js';
import { UsageError } from '../errors.js';
import type { DurationEstimate } from '../history/contention.js';
import { median } from '../util/median.js';

/**
 * Time per suite assumed for modules without history when no module has any: only the
 * relative size matters then (every unknown module is scaled by it), so unknown modules
 * spread by suite count.
 */
export const DEFAULT_MS_PER_SUITE = 5000;

/** Most shards a plan may ask for: beyond it a typo (`--shards 1000`) would fan out a thousand jobs. */
export const MAX_SHARDS = 256;

/**
 * Parses a shard count (`--shards`, the `shards` input, `workflow.shards`): a whole number
 * from 1 to {@link MAX_SHARDS}. Throws a UsageError quoting the value otherwise.
 */
export function parseShardCount(value: string, where: string): number {
  const text = value.trim();
  const count = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(count) || count < 1 || count > MAX_SHARDS) {
    throw new UsageError(
      `${where} ${JSON.stringify(value)}: give a whole number of shards from 1 to ${MAX_SHARDS}, e.g. ${where} 4`,
    );
  }
  return count;
}

/** A planned module and how many test files it has on disk (null: not counted). */
export interface ShardCandidate {
  name: string;
  suiteCount: number | null;
}

/** A module's predicted duration and where the figure comes from. */
export interface PredictedModule {
  name: string;
  durationMs: number;
  /** history: its own median; suites: suite count × the median time per suite of the modules with history, or the default. */
  source: 'history' | 'suites';
}

/** One shard of the plan: the modules one CI job runs (`command: run` with these `modules`). */
export interface Shard {
  /** 1-based, as matrix jobs are numbered. */
  shard: number;
  /** Sorted by name. */
  modules: string[];
  /** Sum of the modules' predicted durations alone, ms. */
  estimatedMs: number;
}

/**
 * Predicted duration per module: its median uncontended duration from history, else its
 * suite count (at least 1: a module folder holds a test file) times the median time per
 * suite of the modules with history (or {@link DEFAULT_MS_PER_SUITE} when none has any).
 */
export function predictDurations(
  modules: readonly ShardCandidate[],
  estimates: ReadonlyMap<string, DurationEstimate>,
): PredictedModule[] {
  const rates = [...estimates.values()]
    .filter((estimate) => estimate.suiteCount > 0)
    .map((estimate) => estimate.durationMs / estimate.suiteCount);
  const msPerSuite = median(rates) ?? DEFAULT_MS_PER_SUITE;
  return modules.map((module) => {
    const known = estimates.get(module.name);
    if (known) return { name: module.name, durationMs: known.durationMs, source: 'history' };
    const suites = Math.max(1, module.suiteCount ?? estimates.get(module.name)?.suiteCount ?? 1);
    return { name: module.name, durationMs: Math.round(suites * msPerSuite), source: 'suites' };
  });
}

/**
 * Splits modules over `count` shards by predicted duration: longest first, each onto the
 * shard with the least predicted time so far (the LPT rule: the slowest shard is at most
 * 4/3 of the best possible, and close to it when there are many modules), then a pass of
 * single moves and swaps off the slowest shard while they shorten it. Deterministic: ties
 * in duration go by name, ties in load to the lowest shard number, so a retried job gets
 * the same modules. Never makes an empty shard (a job with no modules would run the
 * whole plan): fewer modules than `count` give one shard per module.
 */
export function splitIntoShards(modules: readonly PredictedModule[], count: number): Shard[] {
  const shardCount = Math.max(0, Math.min(Math.floor(count), modules.length));
  if (shardCount === 0) return [];
  const ordered = [...modules].sort((a, b) => b.durationMs - a.durationMs || compareNames(a.name, b.name));
  const shards: PredictedModule[][] = Array.from({ length: shardCount }, () => []);
  const loads = new Array<number>(shardCount).fill(0);
  for (const module of ordered) {
    const target = leastLoaded(loads);
    shards[target].push(module);
    loads[target] += module.durationMs;
  }
  improve(shards, loads);
  return shards.map((members, index) => ({
    shard: index + 1,
    modules: members.map((member) => member.name).sort(compareNames),
    estimatedMs: Math.round(loads[index]),
  }));
}

/** The best any split can do: no shard can be shorter than the total over the shards, nor than the longest module. */
export function shardLowerBound(durations: readonly number[], count: number): number {
  if (durations.length === 0 || count < 1) return 0;
  const total = durations.reduce((sum, duration) => sum + duration, 0);
  return Math.max(total / Math.min(count, durations.length), Math.max(...durations));
}

function leastLoaded(loads: readonly number[]): number {
  let best = 0;
  for (let index = 1; index < loads.length; index++) if (loads[index] < loads[best]) best = index;
  return best;
}

function mostLoaded(loads: readonly number[]): number {
  let worst = 0;
  for (let index = 1; index < loads.length; index++) if (loads[index] > loads[worst]) worst = index;
  return worst;
}

/** Rounds of improvement are bounded: each one strictly shortens the slowest shard or stops. */
const MAX_IMPROVEMENT_ROUNDS = 200;

/**
 * Local search after LPT: move one module, or swap two, between the slowest shard and
 * another when that lowers the larger of the two loads below the slowest. LPT can be 4/3
 * off with few modules per shard (five modules on two shards); one exchange usually closes that.
 */
function improve(shards: PredictedModule[][], loads: number[]): void {
  for (let round = 0; round < MAX_IMPROVEMENT_ROUNDS; round++) {
    const from = mostLoaded(loads);
    const exchange = bestExchange(shards, loads, from);
    if (!exchange) return;
    const { to, give, take } = exchange;
    const given = shards[from].splice(give, 1)[0];
    const taken = take === undefined ? undefined : shards[to].splice(take, 1)[0];
    shards[to].push(given);
    if (taken) shards[from].push(taken);
    const delta = given.durationMs - (taken?.durationMs ?? 0);
    loads[from] -= delta;
    loads[to] += delta;
  }
}

/** The exchange off shard `from` that leaves the smallest larger load, if it beats the current maximum. */
function bestExchange(
  shards: PredictedModule[][],
  loads: readonly number[],
  from: number,
): { to: number; give: number; take?: number } | undefined {
  const peak = loads[from];
  let best: { to: number; give: number; take?: number; worse: number } | undefined;
  const consider = (to: number, give: number, take: number | undefined, delta: number) => {
    if (delta <= 0) return;
    const worse = Math.max(peak - delta, loads[to] + delta);
    if (worse < peak - 1e-9 && (!best || worse < best.worse - 1e-9))
      best = { to, give, ...(take === undefined ? {} : { take }), worse };
  };
  for (let to = 0; to < shards.length; to++) {
    if (to === from) continue;
    shards[from].forEach((given, give) => {
      consider(to, give, undefined, given.durationMs);
      shards[to].forEach((taken, take) => consider(to, give, take, given.durationMs - taken.durationMs));
    });
  }
  return best;
}
