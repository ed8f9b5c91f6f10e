import { z } from 'zod';
import { PlanSchema } from '../plan/types.js';

/** One failed test, as shown in the summary, annotations and JUnit. */
export const FailureSchema = z.object({
  /** Full test name: describe blocks and title joined with " › ". */
  name: z.string(),
  /** Failure message, ANSI codes stripped. */
  message: z.string(),
  /** Test file, relative to the repository root. */
  file: z.string().optional(),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
});
export type Failure = z.infer<typeof FailureSchema>;

/** One test of a suite, by name: what JUnit lists (failure messages are in `failures`). */
export const TestCaseSchema = z.object({
  /** Full test name: describe blocks and title joined with " › " (as in failures). */
  name: z.string(),
  status: z.enum(['passed', 'failed', 'skipped', 'todo']),
  durationMs: z.number().nonnegative(),
});
export type TestCase = z.infer<typeof TestCaseSchema>;

/** One test file (suite) inside a module. */
export const SuiteSchema = z.object({
  file: z.string(),
  status: z.enum(['passed', 'failed', 'crashed', 'skipped']),
  durationMs: z.number().nonnegative(),
  tests: z.object({
    passed: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
    todo: z.number().int().nonnegative(),
  }),
  failures: z.array(FailureSchema),
  /** Every test of the suite in run order, when the reporter recorded them (reports before 0.1 have none). */
  cases: z.array(TestCaseSchema).optional(),
  /** V8 used heap right after this suite finished, in MB (leak trend input); after a full GC when `heapAfterGc`. */
  heapAfterMB: z.number().nonnegative().optional(),
  /** Whether `heapAfterMB` was read right after a forced full GC (what the file retained, not its garbage). */
  heapAfterGc: z.boolean().optional(),
  /**
   * V8 used heap of the process right before this suite, after a full GC, MB: measured for
   * the first file a test process (or vitest pool worker) runs, i.e. the runner's own
   * footprint, the base of what the module retains.
   */
  heapBeforeMB: z.number().nonnegative().optional(),
  /** RSS of the process right before this suite, MB: measured for the first file of a jest process (what it costs booted, before any test). */
  rssBeforeMB: z.number().nonnegative().optional(),
  /** A suite-level error (syntax error, failing beforeAll…). */
  error: z.string().optional(),
});
export type Suite = z.infer<typeof SuiteSchema>;

export const ModuleStatusSchema = z.enum(['passed', 'failed', 'crashed', 'timeout', 'skipped']);
export type ModuleStatus = z.infer<typeof ModuleStatusSchema>;

/** The figures a module is compared on with its baseline. */
export const BaselineMetricSchema = z.enum(['durationMs', 'peakHeapMB', 'retainedHeapMB', 'peakRssMB']);
export type BaselineMetric = z.infer<typeof BaselineMetricSchema>;

/** One figure beyond the thresholds of config `report.regressions` (both relative and absolute). */
export const BaselineChangeSchema = z.object({
  metric: BaselineMetricSchema,
  /** regression: higher than the baseline; improvement: lower. */
  kind: z.enum(['regression', 'improvement']),
  /** This run's figure (ms or MB). */
  value: z.number(),
  baseline: z.number(),
  /** value − baseline. */
  change: z.number(),
  /** The change in percent of the baseline; null when the baseline is 0. */
  percent: z.number().nullable(),
});
export type BaselineChange = z.infer<typeof BaselineChangeSchema>;

/**
 * What the module cost before this run: the medians of its recent runs in the history
 * (src/history/estimates.ts, figures normalised to the module alone), read before the run.
 */
export const BaselineSchema = z.object({
  durationMs: z.number().nonnegative(),
  peakHeapMB: z.number().nonnegative().nullable(),
  retainedHeapMB: z.number().nonnegative().nullable(),
  peakRssMB: z.number().nonnegative().nullable(),
  /** How many runs the medians come from. */
  runs: z.number().int().nonnegative(),
  /** The figures of this run beyond the regression thresholds, worse or better. */
  changes: z.array(BaselineChangeSchema).default([]),
});
export type Baseline = z.infer<typeof BaselineSchema>;

/** A constructor whose instances grew across a module's heap snapshots (the leak analysis, src/leaks/). */
export const LeakSuspectSchema = z.object({
  /** Constructor name as DevTools' Summary shows it: from user code, so escape it wherever it is shown. */
  name: z.string(),
  /** Instances added from the first snapshot to the last (a single snapshot: instances in it). */
  countDelta: z.number(),
  /** Retained size added, MB (a single snapshot: its retained size). */
  sizeDeltaMB: z.number(),
  /** Instances and retained size in the last snapshot. */
  count: z.number().optional(),
  sizeMB: z.number().optional(),
  /** One retainer path from a GC root to an instance: `util.__parked → Array → LeakyStore`; '' when none. */
  retainers: z.string(),
  /** Most of its size sits inside this other suspect's instances. */
  inside: z.string().optional(),
  /** Most of its growth is instances of this other suspect it holds. */
  holds: z.string().optional(),
});
export type LeakSuspect = z.infer<typeof LeakSuspectSchema>;

/**
 * Leak forensics of a module (--heap-snapshots; absent when off): whether its post-GC heap
 * climbed (or hit the heap limit) in the test process, the heap snapshots written then, and
 * what their analysis names as growing. README.md, "Heap snapshots".
 */
export const ModuleLeakSchema = z.object({
  /** The heap kept climbing across files or tests (the snapshot rule fired), or reached its limit. */
  flagged: z.boolean(),
  /** Where it climbed: across test files, inside one file across its tests, or up to the heap limit. */
  across: z.enum(['files', 'tests', 'limit']).optional(),
  /** Post-GC growth of the climb at the last snapshot (or skip), MB; null when not flagged or unknown. */
  growthMB: z.number().nullable(),
  /** Rising steps (files or samples within a file) in that climb, and the growth per step, MB. */
  steps: z.number().int().nonnegative().optional(),
  perStepMB: z.number().nullable().optional(),
  /** Absolute paths of the module's heap snapshots, oldest first. */
  snapshots: z.array(z.string()),
  /** Why a snapshot the rule asked for was not written (no room under the heap limit…). */
  skipped: z.string().optional(),
  /** How the analysis compared: several snapshots (`growth`) or one (`single`). */
  comparison: z.enum(['growth', 'single']).optional(),
  /** What the analysis names as growing, biggest first; [] when nothing was analysed or found. */
  suspects: z.array(LeakSuspectSchema),
  /** Wall time of the analysis, ms. */
  analysisMs: z.number().nonnegative().optional(),
  /** The analysis failed or was not run (interrupted): why. The snapshots stay listed. */
  error: z.string().optional(),
});
export type ModuleLeak = z.infer<typeof ModuleLeakSchema>;

/** One module's result: one test process. */
export const ModuleResultSchema = z.object({
  name: z.string(),
  status: ModuleStatusSchema,
  /** Paths given to the runner (the module folder, or the explicit paths of a `paths` run). */
  paths: z.array(z.string()),
  tests: z.object({
    total: z.number().int().nonnegative(),
    passed: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
    todo: z.number().int().nonnegative(),
  }),
  suites: z.array(SuiteSchema),
  durationMs: z.number().nonnegative(),
  startedAt: z.string(),
  /**
   * The first module of a process (or of a long-lived vitest's work item) only: from the
   * release to its first file starting, before that file's imports, ms. What running behind
   * another module saves; the module's own imports are its time.
   */
  startupMs: z.number().nonnegative().optional(),
  /** Peak V8 used heap of the test process, MB (sampled inside the child). */
  peakHeapMB: z.number().nonnegative().nullable(),
  /** V8 heap limit of the test process, MB. */
  heapLimitMB: z.number().nonnegative().nullable(),
  /** Peak resident set size of the test process, MB. */
  peakRssMB: z.number().nonnegative().nullable(),
  /**
   * Peak summed RSS of every process of the run (runner main process, pool workers, esbuild,
   * anything the tests spawn), MB, sampled by the run's top process from /proc (Linux; absent
   * elsewhere). An upper bound: pages processes share count once per process.
   */
  peakTreeRssMB: z.number().nonnegative().nullable().optional(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  /** Why it crashed / timed out / was skipped, in words. */
  reason: z.string().optional(),
  /** The suite that was running when the process died. */
  runningSuite: z.string().optional(),
  /** Where the module's full log was written, if kept. */
  logPath: z.string().optional(),
  /** With history: what the module cost in its recent runs, and what changed beyond the thresholds (src/report/baseline.ts). */
  baseline: BaselineSchema.optional(),
  /** Which test process ran it: the work item id (`w1`; a re-run alone after a crash `w1/orders`); modules of one pack share it. */
  process: z.string().optional(),
  /** The slot (1..N) its process ran on; the process had QUALITY_GATES_SLOT set to it. */
  slot: z.number().int().positive().optional(),
  /** With --heap-snapshots: the leak forensics of the module (absent when off, and for modules that did not run). */
  leak: ModuleLeakSchema.optional(),
});
export type ModuleResult = z.infer<typeof ModuleResultSchema>;

export const LockFiguresSchema = z.object({
  backend: z.enum(['flock', 'postgres']),
  name: z.string(),
  waitMs: z.number().nonnegative(),
  holdMs: z.number().nonnegative(),
});
export type LockFigures = z.infer<typeof LockFiguresSchema>;

const count = () => z.number().int().nonnegative();

/** Run-wide figures, so a consumer needs no sum over `modules` (written by run and merge-reports). */
export const TotalsSchema = z.object({
  /** Modules by status; `total` counts every planned module, run or not. */
  modules: z.object({
    total: count(),
    passed: count(),
    failed: count(),
    crashed: count(),
    timeout: count(),
    skipped: count(),
  }),
  /** Tests over every module. */
  tests: z.object({ total: count(), passed: count(), failed: count(), skipped: count(), todo: count() }),
  /** Wall time of the run (the report's own durationMs). */
  durationMs: z.number().nonnegative(),
});
export type Totals = z.infer<typeof TotalsSchema>;

/** The report JSON (`--report`, default quality-gates-report.json). Schema: schema/report.schema.json. */
export const ReportSchema = z.object({
  schemaVersion: z.literal(1),
  tool: z.object({ name: z.literal('quality-gates'), version: z.string() }),
  /** passed: every module that ran passed; failed otherwise; interrupted: cancelled. */
  status: z.enum(['passed', 'failed', 'skipped', 'interrupted']),
  /** Why the run stopped early or did nothing (skip reason, reset failed, lock lost, interrupted). */
  reason: z.string().optional(),
  /** full / passthrough (a subset of the modules) / skip: from the plan or flags; paths: a run of explicit paths (`run -- PATH…`, the paths input). */
  mode: z.enum(['full', 'passthrough', 'skip', 'paths']),
  plan: PlanSchema.optional(),
  runner: z.enum(['jest', 'vitest']),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number().nonnegative(),
  lock: LockFiguresSchema.optional(),
  reset: z
    .object({
      command: z.array(z.string()),
      durationMs: z.number().nonnegative(),
      exitCode: z.number().int().nullable(),
    })
    .optional(),
  modules: z.array(ModuleResultSchema),
  /** How the run was scheduled: slots, packing, and the work items (test processes) it planned. */
  schedule: z
    .object({
      slots: z.number().int().min(1),
      /** Why that many slots (`slots auto: …`, `--slots 2`). */
      slotsReason: z.string(),
      packing: z.boolean(),
      /** Where the history came from; absent with --history none. */
      historyPath: z.string().optional(),
      items: z.array(
        z.object({
          id: z.string(),
          modules: z.array(z.string()),
          reason: z.string(),
          /** What history predicts (null: no history for it yet). */
          predictedDurationMs: z.number().nonnegative().nullable().optional(),
          predictedPeakRssMB: z.number().nonnegative().nullable().optional(),
          /** Its process booted early and waited at its gate (jest), so its start-up was hidden behind the item before it. */
          early: z.boolean().optional(),
        }),
      ),
      /** Early-started processes killed before their turn (the running items needed the memory): boots paid twice. */
      earlyStartsDiscarded: z.number().int().nonnegative().optional(),
      /**
       * vitest: the long-lived vitest processes that ran the items (one per slot; one more each
       * time a timeout killed one); absent when each item had a process of its own.
       */
      vitestServers: z.number().int().nonnegative().optional(),
    })
    .optional(),
  /** Run-wide counts and time; absent only in reports written before they existed. */
  totals: TotalsSchema.optional(),
  /** What people should know that is not a failure: the plan's warnings, then the run's (output lost…). */
  warnings: z.array(z.string()).default([]),
  /** Run URL, repository, SHA: where the report came from (filled on CI). */
  context: z
    .object({
      runUrl: z.string().optional(),
      repository: z.string().optional(),
      sha: z.string().optional(),
      ref: z.string().optional(),
    })
    .default({}),
});
export type Report = z.infer<typeof ReportSchema>;

/** JSON Schema of the report file (schema/report.schema.json). */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ReportSchema, { io: 'output', unrepresentable: 'any' }),
    $id: 'https://github.com/quality-gates/quality-gates/schema/report.schema.json',
    title: 'quality-gates report',
  };
}
