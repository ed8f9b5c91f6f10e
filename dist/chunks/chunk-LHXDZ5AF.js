import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  PlanSchema
} from "./chunk-KPZR3NFN.js";
import {
  external_exports
} from "./chunk-USA5LE2H.js";

// src/report/schema.ts
var FailureSchema = external_exports.object({
  /** Full test name: describe blocks and title joined with " › ". */
  name: external_exports.string(),
  /** Failure message, ANSI codes stripped. */
  message: external_exports.string(),
  /** Test file, relative to the repository root. */
  file: external_exports.string().optional(),
  line: external_exports.number().int().positive().optional(),
  column: external_exports.number().int().positive().optional()
});
var TestCaseSchema = external_exports.object({
  /** Full test name: describe blocks and title joined with " › " (as in failures). */
  name: external_exports.string(),
  status: external_exports.enum(["passed", "failed", "skipped", "todo"]),
  durationMs: external_exports.number().nonnegative()
});
var SuiteSchema = external_exports.object({
  file: external_exports.string(),
  status: external_exports.enum(["passed", "failed", "crashed", "skipped"]),
  durationMs: external_exports.number().nonnegative(),
  tests: external_exports.object({
    passed: external_exports.number().int().nonnegative(),
    failed: external_exports.number().int().nonnegative(),
    skipped: external_exports.number().int().nonnegative(),
    todo: external_exports.number().int().nonnegative()
  }),
  failures: external_exports.array(FailureSchema),
  /** Every test of the suite in run order, when the reporter recorded them (reports before 0.1 have none). */
  cases: external_exports.array(TestCaseSchema).optional(),
  /** V8 used heap right after this suite finished, in MB (leak trend input); after a full GC when `heapAfterGc`. */
  heapAfterMB: external_exports.number().nonnegative().optional(),
  /** Whether `heapAfterMB` was read right after a forced full GC (what the file retained, not its garbage). */
  heapAfterGc: external_exports.boolean().optional(),
  /** A suite-level error (syntax error, failing beforeAll…). */
  error: external_exports.string().optional()
});
var ModuleStatusSchema = external_exports.enum(["passed", "failed", "crashed", "timeout", "skipped"]);
var BaselineMetricSchema = external_exports.enum(["durationMs", "peakHeapMB", "retainedHeapMB", "peakRssMB"]);
var BaselineChangeSchema = external_exports.object({
  metric: BaselineMetricSchema,
  /** regression: higher than the baseline; improvement: lower. */
  kind: external_exports.enum(["regression", "improvement"]),
  /** This run's figure (ms or MB). */
  value: external_exports.number(),
  baseline: external_exports.number(),
  /** value − baseline. */
  change: external_exports.number(),
  /** The change in percent of the baseline; null when the baseline is 0. */
  percent: external_exports.number().nullable()
});
var BaselineSchema = external_exports.object({
  durationMs: external_exports.number().nonnegative(),
  peakHeapMB: external_exports.number().nonnegative().nullable(),
  retainedHeapMB: external_exports.number().nonnegative().nullable(),
  peakRssMB: external_exports.number().nonnegative().nullable(),
  /** How many runs the medians come from. */
  runs: external_exports.number().int().nonnegative(),
  /** The figures of this run beyond the regression thresholds, worse or better. */
  changes: external_exports.array(BaselineChangeSchema).default([])
});
var ModuleResultSchema = external_exports.object({
  name: external_exports.string(),
  status: ModuleStatusSchema,
  /** Paths given to the runner (the module folder, or the explicit paths of a `paths` run). */
  paths: external_exports.array(external_exports.string()),
  tests: external_exports.object({
    total: external_exports.number().int().nonnegative(),
    passed: external_exports.number().int().nonnegative(),
    failed: external_exports.number().int().nonnegative(),
    skipped: external_exports.number().int().nonnegative(),
    todo: external_exports.number().int().nonnegative()
  }),
  suites: external_exports.array(SuiteSchema),
  durationMs: external_exports.number().nonnegative(),
  startedAt: external_exports.string(),
  /** Peak V8 used heap of the test process, MB (sampled inside the child). */
  peakHeapMB: external_exports.number().nonnegative().nullable(),
  /** V8 heap limit of the test process, MB. */
  heapLimitMB: external_exports.number().nonnegative().nullable(),
  /** Peak resident set size of the test process, MB. */
  peakRssMB: external_exports.number().nonnegative().nullable(),
  /**
   * Peak summed RSS of every process of the run (runner main process, pool workers, esbuild,
   * anything the tests spawn), MB, sampled by the run's top process from /proc (Linux; absent
   * elsewhere). An upper bound: pages processes share count once per process.
   */
  peakTreeRssMB: external_exports.number().nonnegative().nullable().optional(),
  exitCode: external_exports.number().int().nullable(),
  signal: external_exports.string().nullable(),
  /** Why it crashed / timed out / was skipped, in words. */
  reason: external_exports.string().optional(),
  /** The suite that was running when the process died. */
  runningSuite: external_exports.string().optional(),
  /** Where the module's full log was written, if kept. */
  logPath: external_exports.string().optional(),
  /** With history: what the module cost in its recent runs, and what changed beyond the thresholds (src/report/baseline.ts). */
  baseline: BaselineSchema.optional(),
  /** Which test process ran it: the work item id (`w1`; a re-run alone after a crash `w1/orders`); modules of one pack share it. */
  process: external_exports.string().optional(),
  /** The slot (1..N) its process ran on; the process had QUALITY_GATES_SLOT set to it. */
  slot: external_exports.number().int().positive().optional()
});
var LockFiguresSchema = external_exports.object({
  backend: external_exports.enum(["flock", "postgres"]),
  name: external_exports.string(),
  waitMs: external_exports.number().nonnegative(),
  holdMs: external_exports.number().nonnegative()
});
var count = () => external_exports.number().int().nonnegative();
var TotalsSchema = external_exports.object({
  /** Modules by status; `total` counts every planned module, run or not. */
  modules: external_exports.object({
    total: count(),
    passed: count(),
    failed: count(),
    crashed: count(),
    timeout: count(),
    skipped: count()
  }),
  /** Tests over every module. */
  tests: external_exports.object({ total: count(), passed: count(), failed: count(), skipped: count(), todo: count() }),
  /** Wall time of the run (the report's own durationMs). */
  durationMs: external_exports.number().nonnegative()
});
var ReportSchema = external_exports.object({
  schemaVersion: external_exports.literal(1),
  tool: external_exports.object({ name: external_exports.literal("quality-gates"), version: external_exports.string() }),
  /** passed: every module that ran passed; failed otherwise; interrupted: cancelled. */
  status: external_exports.enum(["passed", "failed", "skipped", "interrupted"]),
  /** Why the run stopped early or did nothing (skip reason, reset failed, lock lost, interrupted). */
  reason: external_exports.string().optional(),
  /** full / passthrough (a subset of the modules) / skip: from the plan or flags; paths: a run of explicit paths (`run -- PATH…`, the paths input). */
  mode: external_exports.enum(["full", "passthrough", "skip", "paths"]),
  plan: PlanSchema.optional(),
  runner: external_exports.enum(["jest", "vitest"]),
  startedAt: external_exports.string(),
  finishedAt: external_exports.string(),
  durationMs: external_exports.number().nonnegative(),
  lock: LockFiguresSchema.optional(),
  reset: external_exports.object({
    command: external_exports.array(external_exports.string()),
    durationMs: external_exports.number().nonnegative(),
    exitCode: external_exports.number().int().nullable()
  }).optional(),
  modules: external_exports.array(ModuleResultSchema),
  /** How the run was scheduled: slots, packing, and the work items (test processes) it planned. */
  schedule: external_exports.object({
    slots: external_exports.number().int().min(1),
    /** Why that many slots (`slots auto: …`, `--slots 2`). */
    slotsReason: external_exports.string(),
    packing: external_exports.boolean(),
    /** Where the history came from; absent with --history none. */
    historyPath: external_exports.string().optional(),
    items: external_exports.array(
      external_exports.object({
        id: external_exports.string(),
        modules: external_exports.array(external_exports.string()),
        reason: external_exports.string(),
        /** What history predicts (null: no history for it yet). */
        predictedDurationMs: external_exports.number().nonnegative().nullable().optional(),
        predictedPeakRssMB: external_exports.number().nonnegative().nullable().optional()
      })
    )
  }).optional(),
  /** Run-wide counts and time; absent only in reports written before they existed. */
  totals: TotalsSchema.optional(),
  /** What people should know that is not a failure: the plan's warnings, then the run's (output lost…). */
  warnings: external_exports.array(external_exports.string()).default([]),
  /** Run URL, repository, SHA: where the report came from (filled on CI). */
  context: external_exports.object({
    runUrl: external_exports.string().optional(),
    repository: external_exports.string().optional(),
    sha: external_exports.string().optional(),
    ref: external_exports.string().optional()
  }).default({})
});
function reportJsonSchema() {
  return {
    ...external_exports.toJSONSchema(ReportSchema, { io: "output", unrepresentable: "any" }),
    $id: "https://github.com/quality-gates/quality-gates/schema/report.schema.json",
    title: "quality-gates report"
  };
}

export {
  ReportSchema,
  reportJsonSchema
};
