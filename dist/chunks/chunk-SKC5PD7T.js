import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  VERSION
} from "./chunk-64T4F7XV.js";
import {
  external_exports
} from "./chunk-USA5LE2H.js";
import {
  ExitCode,
  QualityGatesError
} from "./chunk-LPOMALK6.js";

// src/util/output-file.ts
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
function writeOutputFile(path, text, wording = {}) {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
    }
    const what = wording.what ? `the ${wording.what} ` : "";
    const fix = wording.fix ?? "check the path and its permissions";
    throw new QualityGatesError(`cannot write ${what}${path}: ${error.message} \u2014 ${fix}`, ExitCode.Failed, {
      cause: error
    });
  }
}

// src/history/file.ts
import { readFileSync } from "node:fs";
import { join as join2 } from "node:path";

// src/history/schema.ts
var HISTORY_SCHEMA_VERSION = 1;
var DEFAULT_HISTORY_WINDOW = 10;
var RecordedStatusSchema = external_exports.enum(["passed", "failed", "crashed", "timeout"]);
var ProcessContextSchema = external_exports.object({
  /** How many modules that test process ran (1: alone). */
  modules: external_exports.number().int().positive(),
  /** This module's place in that process, 0-based: 0 paid the process's start-up. */
  position: external_exports.number().int().nonnegative(),
  /** How many slots the run had in parallel (1: no other test process competed for the machine). */
  slots: external_exports.number().int().positive(),
  /**
   * CPU cores the machine offered that run, when the recorder knew them: with more slots
   * than cores the processes shared the CPUs and measured slower than alone
   * (see src/history/contention.ts). Absent in records written before it was recorded.
   */
  cores: external_exports.number().int().positive().optional(),
  /**
   * Heap the earlier modules of the same process still held when this one started, MB
   * (their retained heap added up); 0 for the first. Null when an earlier module's
   * retained heap is unknown: this run's heap figures then say nothing about the module alone.
   */
  inheritedHeapMB: external_exports.number().nonnegative().nullable(),
  /**
   * RSS of the process when it was ready to run its first file, MB (jest in band reports it):
   * what a process started early and held at its gate costs. Only on the first module of a
   * process; absent when unknown.
   */
  bootRssMB: external_exports.number().nonnegative().optional(),
  /**
   * What this module's first file kept beyond what each later file of it kept, MB: the part
   * of its retained heap any file would have loaded once per process (the runner's caches, a
   * shared library). Only on the first module of a process with a base and two or more files
   * read; absent when unknown.
   */
  loadedOnceMB: external_exports.number().nonnegative().optional()
});
var RunRecordSchema = external_exports.object({
  /** When the run that measured it was recorded (ISO 8601). */
  recordedAt: external_exports.string(),
  runner: external_exports.enum(["jest", "vitest"]),
  status: RecordedStatusSchema,
  /** The module's wall time in its process (the first of a pack includes the start-up). */
  durationMs: external_exports.number().nonnegative(),
  /**
   * The process's start-up cost: the first module's wall time minus its suites' durations
   * (what packing a module behind another saves). Null when no suite finished.
   */
  startupMs: external_exports.number().nonnegative().nullable(),
  /** Suites that finished (or died running). */
  suiteCount: external_exports.number().int().nonnegative(),
  /** Peak V8 used heap while the module ran, MB, as measured (includes inherited heap). */
  peakHeapMB: external_exports.number().nonnegative().nullable(),
  /**
   * Heap the module left behind: heap after its last suite minus the heap it started from
   * (the process's heap before its first file, or the previous module's last suite in a
   * pack); without either, the growth from its first to its last suite scaled to all its
   * suites. Null with too few figures.
   */
  retainedHeapMB: external_exports.number().nonnegative().nullable(),
  /** Peak RSS while the module ran, MB, as measured (includes inherited heap). */
  peakRssMB: external_exports.number().nonnegative().nullable(),
  /** V8 heap limit of the process, MB. */
  heapLimitMB: external_exports.number().nonnegative().nullable(),
  process: ProcessContextSchema
});
var HistorySchema = external_exports.object({
  schemaVersion: external_exports.literal(HISTORY_SCHEMA_VERSION),
  tool: external_exports.object({ name: external_exports.literal("quality-gates"), version: external_exports.string() }),
  /** When the file was last updated (ISO 8601). */
  updatedAt: external_exports.string(),
  modules: external_exports.record(external_exports.string(), external_exports.array(RunRecordSchema))
});
function emptyHistory(toolVersion, now = /* @__PURE__ */ new Date(0)) {
  return {
    schemaVersion: HISTORY_SCHEMA_VERSION,
    tool: { name: "quality-gates", version: toolVersion },
    updatedAt: now.toISOString(),
    modules: {}
  };
}

// src/history/file.ts
function defaultHistoryPath(repoRoot) {
  return join2(repoRoot, ".quality-gates", "history.json");
}
function readHistory(path) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error.code === "ENOENT")
      return { history: emptyHistory(VERSION), mayOverwrite: true };
    return ignored(path, `cannot be read (${error.message})`, true);
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return ignored(path, `is not JSON (${error.message})`, true);
  }
  const problem = notOurs(value);
  if (problem) return ignored(path, problem.what, problem.mayOverwrite);
  const parsed = HistorySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.map(String).join(".") : "(top level)";
    return ignored(path, `does not match the history schema at ${where}: ${issue.message}`, true);
  }
  return { history: parsed.data, mayOverwrite: true };
}
function notOurs(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { what: "is not a quality-gates history (not a JSON object)", mayOverwrite: false };
  }
  const record = value;
  const tool = typeof record.tool === "object" && record.tool !== null ? record.tool : {};
  if (tool.name !== "quality-gates") {
    return {
      what: `is not a quality-gates history (tool.name is ${JSON.stringify(tool.name ?? null)})`,
      mayOverwrite: false
    };
  }
  if (typeof record.schemaVersion === "number" && record.schemaVersion > HISTORY_SCHEMA_VERSION) {
    const versions = `history schema version ${record.schemaVersion}; this one reads version ${HISTORY_SCHEMA_VERSION}`;
    const what = `was written by a newer quality-gates (${String(tool.version)}, ${versions})`;
    return { what, mayOverwrite: false };
  }
  if (record.schemaVersion !== HISTORY_SCHEMA_VERSION) {
    return {
      what: `has schemaVersion ${JSON.stringify(record.schemaVersion ?? null)}, expected ${HISTORY_SCHEMA_VERSION}`,
      mayOverwrite: true
    };
  }
  return void 0;
}
function ignored(path, what, mayOverwrite) {
  const then = mayOverwrite ? "it is replaced when this run writes its history" : "it is left as it is; point --history at another file to keep one";
  return {
    history: emptyHistory(VERSION),
    warning: `history file ${path} ${what} \u2014 ignoring it: this run plans without history (every module alone); ${then}`,
    mayOverwrite
  };
}
function writeHistory(path, history) {
  writeOutputFile(path, `${JSON.stringify(history, null, 2)}
`, {
    what: "history file",
    fix: "check the path and its permissions, or pass --history none"
  });
}

export {
  writeOutputFile,
  HISTORY_SCHEMA_VERSION,
  DEFAULT_HISTORY_WINDOW,
  emptyHistory,
  defaultHistoryPath,
  readHistory,
  writeHistory
};
