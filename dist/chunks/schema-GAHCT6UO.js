import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  parseCommandArgs
} from "./chunk-ECBBZXOM.js";
import {
  configJsonSchema
} from "./chunk-LHI4NCFP.js";
import {
  external_exports
} from "./chunk-QK2DHERK.js";
import "./chunk-GTWEE5Y2.js";

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
  warnings: external_exports.array(external_exports.string())
});

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
  /** V8 used heap right after this suite finished, in MB (leak trend input). */
  heapAfterMB: external_exports.number().nonnegative().optional(),
  /** A suite-level error (syntax error, failing beforeAll…). */
  error: external_exports.string().optional()
});
var ModuleStatusSchema = external_exports.enum(["passed", "failed", "crashed", "timeout", "skipped"]);
var ModuleResultSchema = external_exports.object({
  name: external_exports.string(),
  status: ModuleStatusSchema,
  /** Paths given to the runner (module folder, or the pass-through paths). */
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
  exitCode: external_exports.number().int().nullable(),
  signal: external_exports.string().nullable(),
  /** Why it crashed / timed out / was skipped, in words. */
  reason: external_exports.string().optional(),
  /** The suite that was running when the process died. */
  runningSuite: external_exports.string().optional(),
  /** Where the module's full log was written, if kept. */
  logPath: external_exports.string().optional()
});
var LockFiguresSchema = external_exports.object({
  backend: external_exports.enum(["flock", "postgres"]),
  name: external_exports.string(),
  waitMs: external_exports.number().nonnegative(),
  holdMs: external_exports.number().nonnegative()
});
var ReportSchema = external_exports.object({
  schemaVersion: external_exports.literal(1),
  tool: external_exports.object({ name: external_exports.literal("quality-gates"), version: external_exports.string() }),
  /** passed: every module that ran passed; failed otherwise; interrupted: cancelled. */
  status: external_exports.enum(["passed", "failed", "skipped", "interrupted"]),
  /** full / passthrough: from the plan or flags; paths: an explicit pass-through run of paths. */
  mode: external_exports.enum(["full", "passthrough", "skip", "paths"]),
  plan: PlanSchema.optional(),
  runner: external_exports.enum(["jest", "vitest"]),
  startedAt: external_exports.string(),
  finishedAt: external_exports.string(),
  durationMs: external_exports.number().nonnegative(),
  lock: LockFiguresSchema.optional(),
  reset: external_exports.object({ command: external_exports.array(external_exports.string()), durationMs: external_exports.number().nonnegative(), exitCode: external_exports.number().int().nullable() }).optional(),
  modules: external_exports.array(ModuleResultSchema),
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

// src/cli/commands/schema.ts
var HELP = `Usage: quality-gates schema [--report]

Prints the JSON Schema of quality-gates.config.yml (or, with --report, of the report JSON).
The same schemas are committed under schema/.`;
var schemaCommand = async (argv, context) => {
  const { values } = parseCommandArgs("schema", argv, { report: { type: "boolean" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    context.stdout.write(HELP + "\n");
    return 0;
  }
  const schema = values.report ? reportJsonSchema() : configJsonSchema();
  context.stdout.write(JSON.stringify(schema, null, 2) + "\n");
  return 0;
};
export {
  schemaCommand
};
