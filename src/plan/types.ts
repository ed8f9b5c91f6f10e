import { z } from 'zod';

/** What one changed file did to the plan. */
export const TriggerSchema = z.object({
  file: z.string(),
  /** The rule that matched: `global 'package.json'`, `module root`, `map billing 'src/billing/**'`, `ignore '**\/*.md'`, `unmatched`. */
  rule: z.string(),
  effect: z.enum(['full', 'modules', 'ignored', 'unmatched-ignored']),
  /** Modules this file selects (directly, through map, or as dependents). */
  modules: z.array(z.string()),
  /** One sentence: why this file has this effect. */
  why: z.string(),
});
export type Trigger = z.infer<typeof TriggerSchema>;

/** One shard of a sharded plan (`plan --shards N`): the modules one CI job runs. */
export const ShardSchema = z.object({
  /** 1-based. */
  shard: z.number().int().positive(),
  /** Sorted by name: feed them to `command: run` as `modules`. */
  modules: z.array(z.string()),
  /** Predicted duration of the shard (its modules alone, summed), ms. */
  estimatedMs: z.number().nonnegative(),
});

/** The planner's decision. Printed by `quality-gates plan`; embedded in the report. */
export const PlanSchema = z.object({
  mode: z.enum(['full', 'passthrough', 'skip']),
  /** One human sentence a reviewer understands. */
  reason: z.string(),
  /** Modules to run, sorted. For `full`, every module. */
  modules: z.array(z.string()),
  /** Every module that exists under the module root. */
  allModules: z.array(z.string()),
  /** Number of changed files considered. */
  changedFiles: z.number().int().nonnegative(),
  triggers: z.array(TriggerSchema),
  moduleRoot: z.string(),
  base: z.string().optional(),
  head: z.string().optional(),
  event: z.string().optional(),
  warnings: z.array(z.string()),
  /** Folders under the module root that hold no test file: shared code, never run as modules. */
  sharedFolders: z.array(z.string()).optional(),
  /** With `--shards N`: the modules split over N jobs by predicted duration (src/plan/shards.ts). */
  shards: z.array(ShardSchema).optional(),
});
export type Plan = z.infer<typeof PlanSchema>;
export type PlanMode = Plan['mode'];
