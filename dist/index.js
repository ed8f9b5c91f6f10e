import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  getInput,
  setFailed
} from "./chunks/chunk-5S2WLFU4.js";
import {
  external_exports
} from "./chunks/chunk-USA5LE2H.js";
import {
  UsageError
} from "./chunks/chunk-LPOMALK6.js";
import "./chunks/chunk-OMX5YOFN.js";

// src/action/main.ts
async function runAction(inputs, env) {
  switch (inputs.command) {
    case "plan":
      return (await import("./chunks/plan-LJFLCI3X.js")).runPlanAction(inputs, env);
    case "run":
      return (await import("./chunks/run-4FUH7MHJ.js")).runRunAction(inputs, env);
    case "merge-reports":
      return (await import("./chunks/merge-reports-C5CES4IG.js")).runMergeReportsAction(inputs, env);
  }
}

// src/action/inputs.ts
var emptyToUndefined = (value) => typeof value === "string" && value.trim() === "" ? void 0 : value;
var optionalString = external_exports.preprocess(emptyToUndefined, external_exports.string().trim().optional());
var bool = (name, fallback) => external_exports.preprocess(
  (value) => emptyToUndefined(value) ?? String(fallback),
  external_exports.string().trim().transform((v, ctx) => {
    if (/^(true|yes|on|1)$/i.test(v)) return true;
    if (/^(false|no|off|0)$/i.test(v)) return false;
    ctx.addIssue({ code: "custom", message: `input '${name}': expected true or false, got ${JSON.stringify(v)}` });
    return external_exports.NEVER;
  })
);
var list = external_exports.preprocess(
  (value) => {
    const text = typeof value === "string" ? value.trim() : "";
    if (text === "") return [];
    if (text.startsWith("[")) {
      try {
        return JSON.parse(text);
      } catch {
        return text.split(/\r?\n/);
      }
    }
    return text.split(/\r?\n/);
  },
  external_exports.array(external_exports.string()).transform((items) => items.map((s) => s.trim()).filter((s) => s !== ""))
);
var optionalBool = (name) => external_exports.preprocess(emptyToUndefined, external_exports.string().trim().optional()).transform((value, ctx) => {
  if (value === void 0) return void 0;
  if (/^(true|yes|on|1)$/i.test(value)) return true;
  if (/^(false|no|off|0)$/i.test(value)) return false;
  ctx.addIssue({ code: "custom", message: `input '${name}': expected true or false, got ${JSON.stringify(value)}` });
  return external_exports.NEVER;
});
var ActionInputsSchema = external_exports.object({
  command: external_exports.preprocess((v) => emptyToUndefined(v) ?? "run", external_exports.enum(["plan", "run", "merge-reports"])),
  workingDirectory: external_exports.preprocess((v) => emptyToUndefined(v) ?? ".", external_exports.string()),
  config: optionalString,
  base: optionalString,
  head: optionalString,
  full: bool("full", false),
  paths: list,
  modules: list,
  forceReset: bool("force-reset", false),
  lock: optionalString,
  lockBackend: external_exports.preprocess(emptyToUndefined, external_exports.enum(["flock", "postgres"]).optional()),
  lockTimeout: optionalString,
  runnerArgs: list,
  slots: external_exports.preprocess(
    emptyToUndefined,
    external_exports.string().trim().regex(/^(auto|[1-9]\d*)$/, "expected a whole number from 1, or auto").transform((value) => value === "auto" ? "auto" : Number(value)).optional()
  ),
  pack: external_exports.preprocess(emptyToUndefined, external_exports.string().trim().optional()).transform((value, ctx) => {
    if (value === void 0) return void 0;
    if (/^(true|yes|on|1)$/i.test(value)) return true;
    if (/^(false|no|off|0)$/i.test(value)) return false;
    ctx.addIssue({ code: "custom", message: `input 'pack': expected true or false, got ${JSON.stringify(value)}` });
    return external_exports.NEVER;
  }),
  heapSnapshots: optionalBool("heap-snapshots"),
  reportPath: optionalString,
  junitPath: optionalString,
  summary: bool("summary", true),
  reports: list,
  token: optionalString,
  prComment: external_exports.preprocess((v) => emptyToUndefined(v) ?? "auto", external_exports.enum(["auto", "always", "never"])),
  commitStatus: bool("commit-status", true),
  statusContext: optionalString,
  shards: optionalString,
  history: optionalString
});
var INPUT_NAMES = {
  command: "command",
  workingDirectory: "working-directory",
  config: "config",
  base: "base",
  head: "head",
  full: "full",
  paths: "paths",
  modules: "modules",
  forceReset: "force-reset",
  lock: "lock",
  lockBackend: "lock-backend",
  lockTimeout: "lock-timeout",
  runnerArgs: "runner-args",
  slots: "slots",
  pack: "pack",
  heapSnapshots: "heap-snapshots",
  reportPath: "report-path",
  junitPath: "junit-path",
  summary: "summary",
  reports: "reports",
  token: "token",
  prComment: "pr-comment",
  commitStatus: "commit-status",
  statusContext: "status-context",
  shards: "shards",
  history: "history"
};
function parseInputs(getInput2) {
  const raw = Object.fromEntries(Object.entries(INPUT_NAMES).map(([key2, name2]) => [key2, getInput2(name2)]));
  const result = ActionInputsSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = String(issue.path[0]);
  const name = INPUT_NAMES[key] ?? key;
  const message = issue.message.startsWith("input ") ? issue.message : `input '${name}': ${issue.message} (got ${JSON.stringify(raw[key])})`;
  throw new UsageError(message);
}

// src/index.ts
async function main() {
  try {
    const inputs = parseInputs((name) => getInput(name));
    await runAction(inputs, process.env);
  } catch (error) {
    setFailed(error instanceof Error ? error.message : String(error));
  }
}
await main();
