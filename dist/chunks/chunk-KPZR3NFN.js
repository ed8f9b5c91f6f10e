import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  external_exports
} from "./chunk-USA5LE2H.js";

// src/plan/types.ts
var TriggerSchema = external_exports.object({
  file: external_exports.string(),
  /** The rule that matched: `global 'package.json'`, `module root`, `map billing 'src/billing/**'`, `ignore '**\/*.md'`, `unmatched`. */
  rule: external_exports.string(),
  effect: external_exports.enum(["full", "modules", "ignored", "unmatched-ignored"]),
  /** Modules this file selects (directly, through map, or as dependents). */
  modules: external_exports.array(external_exports.string()),
  /** One sentence: why this file has this effect. */
  why: external_exports.string()
});
var ShardSchema = external_exports.object({
  /** 1-based. */
  shard: external_exports.number().int().positive(),
  /** Sorted by name: feed them to `command: run` as `modules`. */
  modules: external_exports.array(external_exports.string()),
  /** Predicted duration of the shard (its modules alone, summed), ms. */
  estimatedMs: external_exports.number().nonnegative()
});
var PlanSchema = external_exports.object({
  mode: external_exports.enum(["full", "passthrough", "skip"]),
  /** One human sentence a reviewer understands. */
  reason: external_exports.string(),
  /** Modules to run, sorted. For `full`, every module. */
  modules: external_exports.array(external_exports.string()),
  /** Every module that exists under the module root. */
  allModules: external_exports.array(external_exports.string()),
  /** Number of changed files considered. */
  changedFiles: external_exports.number().int().nonnegative(),
  triggers: external_exports.array(TriggerSchema),
  moduleRoot: external_exports.string(),
  base: external_exports.string().optional(),
  head: external_exports.string().optional(),
  event: external_exports.string().optional(),
  warnings: external_exports.array(external_exports.string()),
  /** Folders under the module root that hold no test file: shared code, never run as modules. */
  sharedFolders: external_exports.array(external_exports.string()).optional(),
  /** With `--shards N`: the modules split over N jobs by predicted duration (src/plan/shards.ts). */
  shards: external_exports.array(ShardSchema).optional()
});

export {
  PlanSchema
};
