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
  /**
   * V8 used heap of the process right before this suite, after a full GC, MB: measured for
   * the first file a test process (or vitest pool worker) runs, i.e. the runner's own
   * footprint, the base of what the module retains.
   */
  heapBeforeMB: external_exports.number().nonnegative().optional(),
  /** RSS of the process right before this suite, MB: measured for the first file of a jest process (what it costs booted, before any test). */
  rssBeforeMB: external_exports.number().nonnegative().optional(),
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
var LeakSuspectSchema = external_exports.object({
  /** Constructor name as DevTools' Summary shows it: from user code, so escape it wherever it is shown. */
  name: external_exports.string(),
  /** Instances added from the first snapshot to the last (a single snapshot: instances in it). */
  countDelta: external_exports.number(),
  /** Retained size added, MB (a single snapshot: its retained size). */
  sizeDeltaMB: external_exports.number(),
  /** Instances and retained size in the last snapshot. */
  count: external_exports.number().optional(),
  sizeMB: external_exports.number().optional(),
  /** One retainer path from a GC root to an instance: `util.__parked → Array → LeakyStore`; '' when none. */
  retainers: external_exports.string(),
  /** Most of its size sits inside this other suspect's instances. */
  inside: external_exports.string().optional(),
  /** Most of its growth is instances of this other suspect it holds. */
  holds: external_exports.string().optional()
});
var ModuleLeakSchema = external_exports.object({
  /** The heap kept climbing across files or tests (the snapshot rule fired), or reached its limit. */
  flagged: external_exports.boolean(),
  /** Where it climbed: across test files, inside one file across its tests, or up to the heap limit. */
  across: external_exports.enum(["files", "tests", "limit"]).optional(),
  /** Post-GC growth of the climb at the last snapshot (or skip), MB; null when not flagged or unknown. */
  growthMB: external_exports.number().nullable(),
  /** Rising steps (files or samples within a file) in that climb, and the growth per step, MB. */
  steps: external_exports.number().int().nonnegative().optional(),
  perStepMB: external_exports.number().nullable().optional(),
  /** Absolute paths of the module's heap snapshots, oldest first. */
  snapshots: external_exports.array(external_exports.string()),
  /** Why a snapshot the rule asked for was not written (no room under the heap limit…). */
  skipped: external_exports.string().optional(),
  /** How the analysis compared: several snapshots (`growth`) or one (`single`). */
  comparison: external_exports.enum(["growth", "single"]).optional(),
  /** What the analysis names as growing, biggest first; [] when nothing was analysed or found. */
  suspects: external_exports.array(LeakSuspectSchema),
  /** Wall time of the analysis, ms. */
  analysisMs: external_exports.number().nonnegative().optional(),
  /** The analysis failed or was not run (interrupted): why. The snapshots stay listed. */
  error: external_exports.string().optional()
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
  /**
   * The first module of a process (or of a long-lived vitest's work item) only: from the
   * release to its first file starting, before that file's imports, ms. What running behind
   * another module saves; the module's own imports are its time.
   */
  startupMs: external_exports.number().nonnegative().optional(),
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
  slot: external_exports.number().int().positive().optional(),
  /** With --heap-snapshots: the leak forensics of the module (absent when off, and for modules that did not run). */
  leak: ModuleLeakSchema.optional()
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
        predictedPeakRssMB: external_exports.number().nonnegative().nullable().optional(),
        /** Its process booted early and waited at its gate (jest), so its start-up was hidden behind the item before it. */
        early: external_exports.boolean().optional()
      })
    ),
    /** Early-started processes killed before their turn (the running items needed the memory): boots paid twice. */
    earlyStartsDiscarded: external_exports.number().int().nonnegative().optional(),
    /**
     * vitest: the long-lived vitest processes that ran the items (one per slot; one more each
     * time a timeout killed one); absent when each item had a process of its own.
     */
    vitestServers: external_exports.number().int().nonnegative().optional()
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
