import type { LoadedConfig } from '../config/load.js';
import { uncontendedEstimates } from '../history/contention.js';
import { readHistory } from '../history/file.js';
import { predictDurations, splitIntoShards, type Shard } from './shards.js';
import { countTestFiles } from './suite-count.js';
import { testFileMatcher } from './test-files.js';
import type { Plan } from './types.js';

/** How `plan --shards N` splits a plan. */
export interface ShardRequest {
  cwd: string;
  loaded: LoadedConfig;
  /** Shards wanted (≥ 1). */
  count: number;
  /** The history file to predict from (absolute), or undefined for none. */
  historyPath: string | undefined;
}

/**
 * The plan with its modules split over shards by predicted duration (`plan.shards`).
 * History is optional: a missing file predicts every module from its suite count, and a
 * bad one is a warning in `plan.warnings`, never a failure. Fewer modules than shards
 * give fewer shards, and the warnings say so.
 */
export function withShards(plan: Plan, request: ShardRequest): Plan {
  const warnings = [...plan.warnings];
  const read = request.historyPath === undefined ? undefined : readHistory(request.historyPath);
  if (read?.warning) warnings.push(read.warning);
  const runner = request.loaded.config.runner;
  const estimates = read ? uncontendedEstimates(read.history, { runner }) : new Map();
  const isTestFile = testFileMatcher(runner, request.loaded.config.modules.testMatch);
  const candidates = plan.modules.map((name) => {
    const known = estimates.has(name);
    return {
      name,
      suiteCount: known ? null : countTestFiles(request.cwd, request.loaded.moduleRoot, name, isTestFile),
    };
  });
  const shards: Shard[] = splitIntoShards(predictDurations(candidates, estimates), request.count);
  if (plan.modules.length > 0 && shards.length < request.count) {
    warnings.push(
      `--shards ${request.count}: only ${plan.modules.length} ${plan.modules.length === 1 ? 'module' : 'modules'} to run, so ${shards.length} ${shards.length === 1 ? 'shard' : 'shards'} (a shard is never empty)`,
    );
  }
  return { ...plan, shards, warnings };
}
