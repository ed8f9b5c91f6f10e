import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  external_exports
} from "./chunk-USA5LE2H.js";

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
var duration = external_exports.union([external_exports.string().min(1), external_exports.number().nonnegative()]).describe('A duration: "90s", "30m", "1h30m", or a number of seconds');
var globList = external_exports.array(external_exports.string().min(1, "a glob cannot be empty")).describe('A list of globs (minimatch, dot files included); "!glob" subtracts');
var moduleName = external_exports.string().regex(/^[A-Za-z0-9._@+-][A-Za-z0-9._@+ -]*$/, "module names are folder names: letters, digits, . _ - + @ and spaces");
var argv = external_exports.array(external_exports.string()).min(1, 'give at least the program, e.g. ["bash", "testing/scripts/reset-db.sh"]').describe('A command as an argument array (no shell): ["bash", "scripts/reset.sh", "--force"]');
var ModulesSchema = external_exports.object({
  root: external_exports.string().min(1).optional().describe("Folder whose direct subfolders are the modules"),
  map: external_exports.record(moduleName, globList).default({}).describe("Module \u2192 globs of source paths that affect it"),
  dependsOn: external_exports.record(moduleName, external_exports.array(moduleName)).default({}).describe("Module \u2192 modules it depends on; a change to a dependency runs the dependents too"),
  exclude: globList.default([]).describe('Subfolders of the root that are not modules (e.g. "helpers")')
}).strict();
var LockSchema = external_exports.object({
  backend: external_exports.enum(["flock", "postgres"]).default("flock").describe("flock: one host; postgres: many hosts, one DB server"),
  name: external_exports.string().min(1).default("test-containers").describe("Lock name; jobs using the same name exclude each other"),
  dir: external_exports.string().min(1).default("/tmp/quality-gates").describe("Directory of flock lock files"),
  path: external_exports.string().min(1).optional().describe("Explicit lock file path (overrides dir/name)"),
  timeout: duration.default("30m").describe("How long to wait for the lock before exit code 75"),
  url: external_exports.string().min(1).optional().describe("PostgreSQL connection URL for the postgres backend"),
  urlEnv: external_exports.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name").default("QUALITY_GATES_LOCK_URL").describe("Environment variable holding the PostgreSQL URL when url is not set"),
  pollInterval: duration.default("1s").describe("postgres backend: longest pause between lock attempts")
}).strict();
var ReportSchema = external_exports.object({
  path: external_exports.string().min(1).default("quality-gates-report.json").describe("Report JSON path"),
  junit: external_exports.string().min(1).optional().describe("JUnit XML path (off unless set)"),
  summary: external_exports.string().min(1).optional().describe("Also write the summary Markdown to this file"),
  statusContext: external_exports.string().min(1).default("quality-gates / integration").describe("Commit status context"),
  prComment: external_exports.enum(["auto", "always", "never"]).default("auto").describe("auto: on for Gitea, off for GitHub")
}).strict();
var WorkflowSchema = external_exports.object({
  platform: external_exports.enum(["github", "gitea"]).optional().describe("Target of quality-gates generate (--platform wins); default: gitea when .gitea/ exists, else github"),
  strategy: external_exports.enum(["batch", "matrix"]).default("batch").describe("batch: one job runs every planned module in turn; matrix: one job per module, then a job merging the reports"),
  runsOn: external_exports.union([external_exports.string().min(1), external_exports.array(external_exports.string().min(1)).min(1)]).default(["self-hosted"]).describe("Runner labels of the test jobs"),
  planRunsOn: external_exports.union([external_exports.string().min(1), external_exports.array(external_exports.string().min(1)).min(1)]).optional().describe("Runner labels of the plan job (default: runsOn)"),
  nodeVersion: external_exports.string().min(1).default("20").describe("node-version for actions/setup-node in the test jobs"),
  install: external_exports.string().min(1).default("npm ci").describe("Install command run before the tests (static text: no ${{ }} expressions)"),
  defaultBranch: external_exports.string().min(1).default("main").describe("Branch whose pushes trigger the workflow; also the diff base when the event names none"),
  actionRef: external_exports.string().min(1).default("quality-gates/quality-gates@v1").describe("uses: value of this action: owner/repo@tag, or a local path like ./"),
  absoluteUses: external_exports.boolean().default(false).describe("Gitea: write uses: as absolute https URLs"),
  usesBaseUrl: external_exports.string().url().default("https://github.com").describe("Base URL for absolute uses: (e.g. your Gitea mirror of the actions)"),
  pins: external_exports.record(external_exports.string(), external_exports.string().regex(/^[0-9a-f]{40}$/, "a full 40-hex commit SHA")).default({}).describe("owner/repo (or owner/repo@tag) \u2192 full commit SHA, used by generate --pin-sha"),
  lock: external_exports.boolean().default(true).describe("Hold the lock in the test jobs (the lock: section's name, else test-containers)"),
  forceReset: external_exports.boolean().default(true).describe("Pass force-reset to the run step: the reset command runs once before the modules")
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
  report: ReportSchema.prefault({}),
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
  DEFAULT_GLOBAL,
  DEFAULT_IGNORE,
  CONVENTIONAL_ROOTS,
  LockSchema,
  ConfigSchema,
  configJsonSchema
};
