import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  readDuration
} from "./chunk-ZC2IFY74.js";
import {
  external_exports
} from "./chunk-USA5LE2H.js";
import {
  UsageError
} from "./chunk-LPOMALK6.js";

// src/lock/name.ts
import { isAbsolute, join, resolve } from "node:path";
var LOCK_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
function validateLockName(name) {
  if (LOCK_NAME_PATTERN.test(name)) return name;
  throw new UsageError(
    `lock name ${JSON.stringify(name)} is not allowed \u2014 use 1 to 100 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. "test-containers")`
  );
}
function lockFilePath(options) {
  validateLockName(options.name);
  if (options.path !== void 0) {
    if (options.path.includes("\0"))
      throw new UsageError(`lock path ${JSON.stringify(options.path)} contains a NUL byte \u2014 give a plain file path`);
    return isAbsolute(options.path) ? options.path : resolve(options.cwd, options.path);
  }
  if (options.dir.includes("\0"))
    throw new UsageError(`lock dir ${JSON.stringify(options.dir)} contains a NUL byte \u2014 give a plain directory path`);
  return join(resolve(options.cwd, options.dir), `${options.name}.lock`);
}

// src/config/schema.ts
var DEFAULT_GLOBAL = [
  "package.json",
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "bun.lockb",
  "bun.lock",
  ".nvmrc",
  ".node-version",
  "tsconfig*.json",
  "quality-gates.config.yml",
  "**/jest.config.*",
  "**/vitest.config.*",
  "**/vitest.workspace.*",
  "**/migrations/**",
  "**/prisma/schema.prisma",
  "testing/scripts/**",
  "{testing,test,tests}/**/{helpers,helper,support,fixtures,setup,utils}/**",
  "{testing,test,tests}/**/*.setup.*"
];
var DEFAULT_IGNORE = [
  "**/*.md",
  "**/*.mdx",
  "docs/**",
  "LICENSE*",
  ".github/ISSUE_TEMPLATE/**",
  ".vscode/**",
  ".idea/**",
  "**/.gitignore",
  "**/.editorconfig"
];
var CONVENTIONAL_ROOTS = [
  "testing/backend/integration",
  "test/integration",
  "tests/integration",
  "__tests__/integration"
];
var ROOT_MODULE = "(root)";
var duration = external_exports.union([external_exports.string().min(1), external_exports.number().nonnegative()]).superRefine((value, ctx) => {
  const result = readDuration(value);
  if ("problem" in result) ctx.addIssue({ code: "custom", message: result.problem });
}).describe('A duration: "90s", "30m", "1h30m", or a number of seconds (at most 2^31-1 ms, about 24.8 days)');
var globList = external_exports.array(external_exports.string().min(1, "a glob cannot be empty")).describe('A list of globs (minimatch, dot files included); "!glob" subtracts');
var moduleName = external_exports.string().regex(
  /^(?:\(root\)|[A-Za-z0-9._@+-][A-Za-z0-9._@+ -]*)$/,
  `module names are folder names (letters, digits, . _ - + @ and spaces), or ${ROOT_MODULE} for the test files directly in the module root`
);
var argv = external_exports.array(external_exports.string()).min(1, 'give at least the program, e.g. ["bash", "testing/scripts/reset-db.sh"]').describe('A command as an argument array (no shell): ["bash", "scripts/reset.sh", "--force"]');
var ModulesSchema = external_exports.object({
  root: external_exports.string().min(1).optional().describe("Folder whose direct subfolders are the modules"),
  map: external_exports.record(moduleName, globList).default({}).describe("Module \u2192 globs of source paths that affect it"),
  dependsOn: external_exports.record(moduleName, external_exports.array(moduleName)).default({}).describe("Module \u2192 modules it depends on; a change to a dependency runs the dependents too"),
  exclude: globList.default([]).describe('Subfolders of the root that are not modules (e.g. "helpers")'),
  testMatch: globList.optional().describe(
    "Globs of test files (relative to the repository root); a folder with none is shared code, not a module. Default: the runner's own (jest testMatch, vitest include)"
  ),
  followImports: external_exports.boolean().default(true).describe(
    "Also plan from the import graph: a changed JS/TS file runs the modules whose tests import it, and one no test imports runs nothing; false plans by folders and globs only"
  )
}).strict();
var LockSchema = external_exports.object({
  backend: external_exports.enum(["flock", "postgres"]).default("flock").describe("flock: one host; postgres: many hosts, one DB server"),
  name: external_exports.string().regex(
    LOCK_NAME_PATTERN,
    'a lock name is 1 to 100 ASCII letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. "test-containers")'
  ).default("test-containers").describe("Lock name; jobs using the same name exclude each other"),
  dir: external_exports.string().min(1).default("/tmp/quality-gates").describe("Directory of flock lock files"),
  path: external_exports.string().min(1).optional().describe("Explicit lock file path (overrides dir/name)"),
  timeout: duration.default("30m").describe("How long to wait for the lock before exit code 75"),
  url: external_exports.string().min(1).optional().describe("PostgreSQL connection URL for the postgres backend"),
  urlEnv: external_exports.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name").default("QUALITY_GATES_LOCK_URL").describe("Environment variable holding the PostgreSQL URL when url is not set"),
  pollInterval: duration.default("1s").describe("postgres backend: longest pause between lock attempts")
}).strict();
var ReportConfigSchema = external_exports.object({
  path: external_exports.string().min(1).default("quality-gates-report.json").describe("Report JSON path"),
  junit: external_exports.string().min(1).optional().describe("JUnit XML path (off unless set)"),
  summary: external_exports.string().min(1).optional().describe("Also write the summary Markdown to this file"),
  statusContext: external_exports.string().min(1).default("quality-gates / integration").describe("Commit status context"),
  prComment: external_exports.enum(["auto", "always", "never"]).default("auto").describe("auto: on for Gitea, off for GitHub"),
  regressions: external_exports.object({
    heapPercent: external_exports.number().nonnegative().default(25).describe("Peak/retained heap or RSS change shown when over this share of the baseline\u2026"),
    heapMB: external_exports.number().nonnegative().default(50).describe("\u2026and over this many MB"),
    durationPercent: external_exports.number().nonnegative().default(50).describe("Duration change shown when over this share of the baseline\u2026"),
    durationMs: external_exports.number().nonnegative().default(3e4).describe("\u2026and over this many milliseconds")
  }).strict().prefault({}).describe(
    "When a module's change against its baseline (the history's medians) is shown: both the relative and the absolute threshold must be exceeded, so noise shows nothing"
  )
}).strict();
var WorkflowSchema = external_exports.object({
  platform: external_exports.enum(["github", "gitea"]).optional().describe("Target of quality-gates generate (--platform wins); default: gitea when .gitea/ exists, else github"),
  strategy: external_exports.enum(["batch", "matrix"]).default("batch").describe(
    "batch: one job runs every planned module in turn; matrix: one job per module, then a job merging the reports"
  ),
  runsOn: external_exports.union([external_exports.string().min(1), external_exports.array(external_exports.string().min(1)).min(1)]).default(["self-hosted"]).describe("Runner labels of the test jobs"),
  planRunsOn: external_exports.union([external_exports.string().min(1), external_exports.array(external_exports.string().min(1)).min(1)]).optional().describe("Runner labels of the plan job (default: runsOn)"),
  nodeVersion: external_exports.string().min(1).default("20").describe("node-version for actions/setup-node in the test jobs"),
  install: external_exports.string().min(1).default("npm ci").describe("Install command run before the tests (static text: no ${{ }} expressions)"),
  defaultBranch: external_exports.string().min(1).default("main").describe("Branch whose pushes trigger the workflow; also the diff base when the event names none"),
  actionRef: external_exports.string().min(1).default("quality-gates/quality-gates@v1").describe("uses: value of this action: owner/repo@tag, or a local path like ./"),
  absoluteUses: external_exports.boolean().default(false).describe("Gitea: write uses: as absolute https URLs"),
  usesBaseUrl: external_exports.url().default("https://github.com").describe("Base URL for absolute uses: (e.g. your Gitea mirror of the actions)"),
  pins: external_exports.record(external_exports.string(), external_exports.string().regex(/^[0-9a-f]{40}$/, "a full 40-hex commit SHA")).default({}).describe("owner/repo (or owner/repo@tag) \u2192 full commit SHA, used by generate --pin-sha"),
  lock: external_exports.boolean().default(true).describe("Hold the lock in the test jobs (the lock: section's name, else test-containers)"),
  forceReset: external_exports.boolean().default(true).describe("Pass force-reset to the run step: the reset command runs once before the modules"),
  shards: external_exports.number().int().min(1).max(256).optional().describe(
    "With the matrix strategy: this many test jobs, each running a shard of the planned modules balanced by predicted duration (plan --shards), instead of one job per module"
  )
}).strict();
var envName = external_exports.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name");
var IsolationSchema = external_exports.object({
  postgres: external_exports.object({
    urlEnv: external_exports.union([envName, external_exports.array(envName).min(1)]).describe("Variable(s) holding the database URL; each slot gets its own copy of that database"),
    strategy: external_exports.enum(["WAL_LOG", "FILE_COPY"]).default("WAL_LOG").describe("CREATE DATABASE STRATEGY (PostgreSQL 15+; ignored before): FILE_COPY is faster for big templates")
  }).strict().optional().describe("Clone the database per slot with CREATE DATABASE \u2026 TEMPLATE after the reset; dropped at the end"),
  env: external_exports.record(envName, external_exports.string()).default({}).describe("Per-slot variables from templates: ${slot} (1..N), ${slotIndex} (0..N-1)"),
  sharesNothing: external_exports.boolean().default(false).describe("The suites share no data: slots > 1 need no isolation")
}).strict();
var LeaksSchema = external_exports.object({
  snapshots: external_exports.boolean().default(false).describe(
    "Write V8 heap snapshots when a module's post-GC heap keeps climbing across its test files or its tests, and name what grew (--heap-snapshots)"
  ),
  maxSnapshots: external_exports.number().refine(Number.isInteger, "a whole number of snapshots from 1 to 10, e.g. 3").min(1, "a whole number of snapshots from 1 to 10, e.g. 3 (to take none, set snapshots: false)").max(10, "a whole number of snapshots from 1 to 10, e.g. 3 (each one stops the test process while it is written)").default(3).describe(
    "At most this many snapshots per test process, at rising heap levels (each stops the test process while V8 writes it: seconds per 100 MB of heap)"
  )
}).strict();
var ConfigSchema = external_exports.object({
  $schema: external_exports.string().optional(),
  modules: ModulesSchema.prefault({}),
  global: globList.default([]).describe("Extra globs whose change means a full run (added to the built-in list)"),
  globalDefaults: external_exports.boolean().default(true).describe("Keep the built-in global globs"),
  ignore: globList.default([]).describe("Extra globs of files that never affect tests (added to the built-in list)"),
  ignoreDefaults: external_exports.boolean().default(true).describe("Keep the built-in ignore globs"),
  unmatched: external_exports.enum(["full", "ignore"]).default("full").describe("What a changed file that matches no rule means"),
  fullRunThreshold: external_exports.number().min(0).max(1).default(0.5).describe("Run everything when more than this share of modules is affected (0..1)"),
  runner: external_exports.enum(["jest", "vitest"]).default("jest"),
  runnerArgs: external_exports.array(external_exports.string()).default([]).describe("Extra arguments for every test process"),
  timeout: duration.optional().describe("Per-module timeout; the process group is killed, status timeout"),
  allowEmpty: external_exports.boolean().default(false).describe("A module with no tests passes instead of failing"),
  reset: argv.optional().describe("Reset command run once before the batch with --force-reset"),
  env: external_exports.record(external_exports.string(), external_exports.string()).default({}).describe("Extra environment for test processes"),
  lock: LockSchema.optional().describe("Mutex on the shared test containers (off unless set)"),
  slots: external_exports.union([external_exports.number().int().min(1), external_exports.literal("auto")]).default(1).describe("Work items run in parallel (--slots); auto: from the cores and the memory budget"),
  pack: external_exports.boolean().default(true).describe("Pack small modules into one test process, from history (--no-pack)"),
  vitestServer: external_exports.boolean().default(true).describe(
    "vitest: one long-lived vitest per slot runs its work items one after another, so the slot pays vitest start-up once (--no-vitest-server: a process per work item)"
  ),
  isolate: globList.default([]).describe("Modules that always run alone in their own process"),
  history: external_exports.union([external_exports.string().min(1), external_exports.literal(false)]).default(".quality-gates/history.json").describe("History file read and updated by run (false: none)"),
  memoryBudget: external_exports.string().regex(/^\d+(\.\d+)?\s*(%|[KMGT]i?B)$/i, 'a size like "8GB" or a share of available memory like "70%"').default("70%").describe("Sum of the running items' predicted peak RSS may not exceed this"),
  heapBudget: external_exports.string().regex(/^\d+(\.\d+)?\s*[KMGT]i?B$/i, 'a size like "512MB" or "1GiB"').optional().describe(
    "Heap a packed test process may be predicted to need (--heap-budget); default: the biggest module alone in history; never above 70% of the V8 heap limit"
  ),
  isolation: IsolationSchema.optional().describe("Per-slot data: a database copy per slot, per-slot variables"),
  report: ReportConfigSchema.prefault({}),
  leaks: LeaksSchema.prefault({}).describe("Leak forensics: heap snapshots and what grew in them"),
  workflow: WorkflowSchema.prefault({})
}).strict();
function configJsonSchema() {
  return {
    ...external_exports.toJSONSchema(ConfigSchema, { io: "input", unrepresentable: "any" }),
    $id: "https://github.com/quality-gates/quality-gates/schema/config.schema.json",
    title: "quality-gates.config.yml"
  };
}

export {
  validateLockName,
  lockFilePath,
  DEFAULT_GLOBAL,
  DEFAULT_IGNORE,
  CONVENTIONAL_ROOTS,
  ROOT_MODULE,
  LockSchema,
  ConfigSchema,
  configJsonSchema
};
