import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  createMutex,
  lockTimeoutMs,
  runInProcessGroup,
  startProcessGroup
} from "./chunk-QXTGPK4E.js";
import {
  renderJUnit,
  reportTotals
} from "./chunk-GENZ62OZ.js";
import {
  PlanSchema
} from "./chunk-DIS7VD5U.js";
import {
  VERSION
} from "./chunk-64T4F7XV.js";
import {
  computePlan,
  escapeRegExp,
  loadLayout
} from "./chunk-ABFQYFYO.js";
import {
  LockSchema,
  ROOT_MODULE,
  formatDuration,
  parseDuration
} from "./chunk-POMA32W4.js";
import {
  ConfigError,
  ExitCode,
  QualityGatesError,
  UsageError,
  exitCodeOf
} from "./chunk-LPOMALK6.js";

// src/run/output-paths.ts
import { closeSync, openSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
var KERNEL_FILE_SYSTEMS = ["/proc", "/sys"];
function checkOutputPaths(outputs) {
  for (const output of outputs) checkOutputPath(output);
}
function checkOutputPath(output) {
  const path = resolve(output.path);
  const fail = (why) => {
    throw new UsageError(`cannot write the ${output.label} at ${path}: ${why} \u2014 give a path in a folder this user can write to`);
  };
  const existing = statOrUndefined(path, fail);
  if (existing) {
    if (output.kind === "file" && existing.isDirectory()) fail("is a folder, not a file");
    if (output.kind === "folder" && !existing.isDirectory()) fail("is a file, not a folder");
  }
  const { folder, real } = nearestExistingFolder(output.kind === "folder" && existing ? path : dirname(path), fail);
  const kernel = KERNEL_FILE_SYSTEMS.find((root) => real === root || real.startsWith(`${root}${sep}`));
  if (kernel) fail(`is on ${kernel}, a kernel file system, not a place for reports`);
  probeWritable(folder, fail);
  if (existing?.isFile()) {
    try {
      closeSync(openSync(path, "r+"));
    } catch (error) {
      fail(`cannot be overwritten (${codeOf(error)})`);
    }
  }
}
function nearestExistingFolder(start, fail) {
  for (let folder = start; ; folder = dirname(folder)) {
    const stats = statOrUndefined(folder, fail);
    if (stats) {
      if (!stats.isDirectory()) fail(`${folder} is a file, so no folder can be made under it`);
      return { folder, real: realpathSync(folder) };
    }
    if (dirname(folder) === folder) fail("no part of it exists");
  }
}
function statOrUndefined(path, fail) {
  try {
    return statSync(path);
  } catch (error) {
    const code = codeOf(error);
    if (code === "ENOENT" || code === "ENOTDIR") return void 0;
    return fail(`cannot be checked (${code})`);
  }
}
function probeWritable(folder, fail) {
  const probe = join(folder, `.quality-gates-probe-${process.pid}-${Date.now()}`);
  try {
    writeFileSync(probe, "", { flag: "wx" });
  } catch (error) {
    fail(`nothing can be written in ${folder} (${codeOf(error)})`);
  }
  rmSync(probe, { force: true });
}
function codeOf(error) {
  return error.code ?? String(error);
}

// src/run/safe-output.ts
import { Writable } from "node:stream";
var wrapped = /* @__PURE__ */ new WeakMap();
function lossTolerant(target, onLoss) {
  const known = wrapped.get(target);
  if (known) {
    if (onLoss) known.add(onLoss);
    return target;
  }
  const listeners = new Set(onLoss ? [onLoss] : []);
  let lost = false;
  const lose = (error) => {
    if (lost) return;
    lost = true;
    for (const listener of listeners) listener(error);
  };
  target.on("error", lose);
  const guarded = new Writable({
    write(chunk, encoding, callback) {
      if (!lost && !target.destroyed && !target.writableEnded) {
        try {
          target.write(chunk, encoding, (error) => {
            if (error) lose(error);
          });
        } catch (error) {
          lose(error);
        }
      }
      callback();
    }
  });
  wrapped.set(guarded, listeners);
  return guarded;
}

// src/run/batch.ts
import { mkdirSync as mkdirSync2, mkdtempSync, rmSync as rmSync3, writeFileSync as writeFileSync3 } from "node:fs";
import { tmpdir } from "node:os";
import { dirname as dirname3, join as join7 } from "node:path";

// src/run/log-files.ts
import { createHash } from "node:crypto";
import { readdirSync, rmSync as rmSync2 } from "node:fs";
import { join as join2 } from "node:path";
var NAME_CHARS = 80;
var RESET_LOG = "reset.log";
var TOOL_LOG = new RegExp(`^(?:\\d{2,}-[A-Za-z0-9._@+-]{1,${NAME_CHARS}}(?:-[0-9a-f]{8})?\\.log|${RESET_LOG.replace(".", "\\.")})$`);
function logFileName(index, name) {
  const safe = name.replace(/[^A-Za-z0-9._@+-]+/g, "_");
  const kept = safe.slice(0, NAME_CHARS);
  const prefix = String(index + 1).padStart(2, "0");
  if (kept === name && kept !== "") return `${prefix}-${kept}.log`;
  const hash = createHash("sha256").update(name, "utf8").digest("hex").slice(0, 8);
  return `${prefix}-${kept || "_"}-${hash}.log`;
}
function removeOldLogs(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.isFile() && TOOL_LOG.test(entry.name)) rmSync2(join2(dir, entry.name), { force: true });
  }
}

// src/run/module-run.ts
import { mkdirSync, writeFileSync as writeFileSync2 } from "node:fs";
import { join as join4 } from "node:path";

// src/run/child-files.ts
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
var cache = /* @__PURE__ */ new Map();
function childFilePath(name) {
  const cached = cache.get(name);
  if (cached) return cached;
  const candidates = [`./child/${name}`, `../child/${name}`, `../run/child/${name}`].map((relative2) => fileURLToPath(new URL(relative2, import.meta.url)));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(`quality-gates is incomplete: child helper ${name} not found (looked in ${candidates.join(", ")}) \u2014 rebuild with 'npm run bundle'`);
  }
  cache.set(name, found);
  return found;
}

// src/run/child-env.ts
function testProcessEnv(base, configEnv, channels) {
  const env = { ...base, ...configEnv };
  delete env.GITHUB_STEP_SUMMARY;
  env.NODE_OPTIONS = [env.NODE_OPTIONS?.trim(), `--require ${JSON.stringify(childFilePath("probe.cjs"))}`].filter(Boolean).join(" ");
  env.QUALITY_GATES_RESULTS_FILE = channels.resultsFile;
  env.QUALITY_GATES_PROBE_DIR = channels.probeDir;
  return env;
}
function resetEnv(base, configEnv) {
  const env = { ...base, ...configEnv };
  delete env.GITHUB_STEP_SUMMARY;
  return env;
}

// src/run/classify.ts
function classifyModule(input) {
  const { ending, memory, runningSuite } = input;
  const where = runningSuite ? ` in ${runningSuite}` : "";
  const crashed = (status, reason) => ({ status, reason, suites: withCrashedSuite(input.suites, runningSuite, reason) });
  if (ending.timedOut) {
    return crashed("timeout", `timed out after ${formatDuration(input.timeoutMs ?? 0)}${where}; the process group was killed`);
  }
  if (ending.lockLost) return crashed("crashed", `stopped: the lock was lost${where}; the process group was killed`);
  if (ending.interruptedBy) return crashed("crashed", `interrupted by ${ending.interruptedBy}${where}`);
  const abortSignal = ending.signal === "SIGABRT" || ending.exitCode === 134;
  if (ending.outOfMemoryInOutput || abortSignal && memory.nearHeapLimit) {
    const limit = memory.heapLimitMB !== null ? `heap limit ${Math.round(memory.heapLimitMB)} MB reached` : "heap limit reached";
    return crashed("crashed", `out of memory: ${limit}${where}`);
  }
  if (ending.signal !== null) return crashed("crashed", `killed by ${ending.signal}${where}`);
  if (runningSuite && ending.exitCode !== 0) {
    return crashed("crashed", `the test process exited with code ${ending.exitCode}${where} before the suite finished`);
  }
  const failedTests = input.suites.reduce((sum, suite) => sum + suite.tests.failed, 0);
  const brokenSuites = input.suites.filter((suite) => suite.status === "failed" && suite.tests.failed === 0).length;
  if (input.suites.length === 0 && (ending.exitCode === 0 || ending.noTestsInOutput)) {
    if (input.allowEmpty) return { status: "passed", reason: "no tests found (allowed by allowEmpty)", suites: [] };
    return {
      status: "failed",
      reason: `no tests found in ${input.paths.join(", ")} \u2014 check the path, or set allowEmpty: true in quality-gates.config.yml if the module is meant to be empty`,
      suites: []
    };
  }
  if (failedTests > 0 || brokenSuites > 0) {
    const parts = [];
    if (failedTests > 0) parts.push(`${failedTests} ${failedTests === 1 ? "test" : "tests"} failed`);
    if (brokenSuites > 0) parts.push(`${brokenSuites} ${brokenSuites === 1 ? "suite" : "suites"} failed to run`);
    return { status: "failed", reason: parts.join(", "), suites: input.suites };
  }
  if (ending.exitCode !== 0) {
    const detail = input.suites.length === 0 ? "before any suite finished" : "although every suite passed";
    return { status: "failed", reason: `the test process exited with code ${ending.exitCode} ${detail} (see the log)`, suites: input.suites };
  }
  return { status: "passed", suites: input.suites };
}
function withCrashedSuite(suites, runningSuite, reason) {
  if (!runningSuite) return suites;
  return [
    ...suites,
    { file: runningSuite, status: "crashed", durationMs: 0, tests: { passed: 0, failed: 0, skipped: 0, todo: 0 }, failures: [], error: reason }
  ];
}

// src/run/results.ts
import { readFileSync, readdirSync as readdirSync2 } from "node:fs";
import { isAbsolute, join as join3, relative, sep as sep2 } from "node:path";
var MB = 1024 * 1024;
function projectRelative(cwd, file) {
  const rel = isAbsolute(file) ? relative(cwd, file) : file;
  return rel.split(sep2).join("/");
}
function parseReporterLines(text, cwd) {
  const suites = [];
  const started = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let record;
    try {
      record = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof record.file !== "string") continue;
    const file = projectRelative(cwd, record.file);
    if (record.type === "start") started.push(file);
    if (record.type === "suite") suites.push(toSuite(record, file, cwd));
  }
  const finished = new Set(suites.map((suite) => suite.file));
  const running = started.filter((file) => !finished.has(file));
  return { suites, runningSuite: running.at(-1) };
}
function toSuite(record, file, cwd) {
  const tests = record.tests ?? {};
  const count = (value) => typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : 0;
  const failures = Array.isArray(record.failures) ? record.failures.map((failure) => toFailure(failure, cwd)) : [];
  const status = record.status === "failed" || record.status === "skipped" || record.status === "crashed" ? record.status : "passed";
  return {
    file,
    status,
    durationMs: typeof record.durationMs === "number" && record.durationMs >= 0 ? record.durationMs : 0,
    tests: { passed: count(tests.passed), failed: count(tests.failed), skipped: count(tests.skipped), todo: count(tests.todo) },
    failures,
    ...Array.isArray(record.cases) ? { cases: record.cases.flatMap((entry) => toTestCase(entry)) } : {},
    ...typeof record.heapAfterMB === "number" && record.heapAfterMB >= 0 ? { heapAfterMB: record.heapAfterMB } : {},
    ...typeof record.error === "string" && record.error !== "" ? { error: record.error } : {}
  };
}
var CASE_STATUSES = /* @__PURE__ */ new Set(["passed", "failed", "skipped", "todo"]);
function toTestCase(entry) {
  if (typeof entry !== "object" || entry === null) return [];
  const record = entry;
  if (typeof record.name !== "string" || typeof record.status !== "string" || !CASE_STATUSES.has(record.status)) return [];
  const durationMs = typeof record.durationMs === "number" && record.durationMs >= 0 ? record.durationMs : 0;
  return [{ name: record.name, status: record.status, durationMs }];
}
function toFailure(record, cwd) {
  const positive = (value) => typeof value === "number" && Number.isInteger(value) && value > 0 ? value : void 0;
  const line = positive(record.line);
  const column = positive(record.column);
  return {
    name: typeof record.name === "string" ? record.name : "(unnamed test)",
    message: typeof record.message === "string" ? record.message : "",
    ...typeof record.file === "string" ? { file: projectRelative(cwd, record.file) } : {},
    ...line !== void 0 ? { line } : {},
    ...column !== void 0 ? { column } : {}
  };
}
function readReporterFile(path, cwd) {
  let text = "";
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return { suites: [] };
  }
  return parseReporterLines(text, cwd);
}
function readProbeDir(dir) {
  const readings = [];
  let names = [];
  try {
    names = readdirSync2(dir);
  } catch {
    return readings;
  }
  for (const name of names) {
    if (!/^probe-\d+(-t\d+)?\.json$/.test(name)) continue;
    try {
      const value = JSON.parse(readFileSync(join3(dir, name), "utf8"));
      if (typeof value.peakHeap === "number" && typeof value.heapLimit === "number") readings.push(value);
    } catch {
    }
  }
  return readings;
}
function memoryFigures(readings) {
  if (readings.length === 0) return { peakHeapMB: null, heapLimitMB: null, peakRssMB: null, nearHeapLimit: false };
  const top = readings.reduce((best, reading) => reading.peakHeap > best.peakHeap ? reading : best);
  const peakRss = Math.max(...readings.map((reading) => reading.peakRss));
  return {
    peakHeapMB: toMB(top.peakHeap),
    heapLimitMB: toMB(top.heapLimit),
    peakRssMB: toMB(peakRss),
    nearHeapLimit: top.heapLimit > 0 && top.peakHeap >= top.heapLimit * 0.9
  };
}
function currentRssMB(readings) {
  if (readings.length === 0) return null;
  return toMB(readings.reduce((sum, reading) => sum + (reading.rss ?? reading.peakRss), 0));
}
function toMB(bytes) {
  return Math.round(bytes / MB * 10) / 10;
}

// src/run/module-run.ts
var OUT_OF_MEMORY = /JavaScript heap out of memory|Reached heap limit Allocation failed|ERR_WORKER_OUT_OF_MEMORY/;
function prepareModuleTask(task, context, options) {
  const resultsFile = join4(context.workDir, "results.jsonl");
  const probeDir = join4(context.workDir, "probe");
  const gateFile = join4(context.workDir, "go");
  mkdirSync(probeDir, { recursive: true });
  const env = testProcessEnv(context.env, context.configEnv, { resultsFile, probeDir });
  const gateArgs = options.hold ? context.adapter.gateArgs?.(context.extraArgs) : void 0;
  if (gateArgs) env.QUALITY_GATES_GATE_FILE = gateFile;
  const command = [process.execPath, ...context.adapter.args({ cwd: context.cwd, paths: task.paths, kind: task.kind, extraArgs: [...gateArgs ?? [], ...context.extraArgs], env })];
  const group = startProcessGroup({
    command,
    cwd: context.cwd,
    env,
    stdout: context.stdout,
    stderr: context.stderr,
    logPath: context.logPath,
    hiddenConsoleLine: context.adapter.hiddenConsoleLine?.(context.extraArgs),
    timeoutMs: context.timeoutMs,
    stopSignal: context.stopSignal,
    watch: { outOfMemory: OUT_OF_MEMORY, noTests: context.adapter.noTestsPattern },
    // A held process boots while the running module has the CPU: it must not slow it down.
    lowPriority: gateArgs !== void 0
  });
  return {
    task,
    currentRssMB: () => currentRssMB(readProbeDir(probeDir)),
    async discard() {
      group.discard();
      await group.result;
    },
    async run() {
      const startedAt = (/* @__PURE__ */ new Date()).toISOString();
      group.release();
      if (gateArgs) writeFileSync2(gateFile, "");
      const ended = await group.result;
      return moduleResult(task, context, { startedAt, ended, resultsFile, probeDir });
    }
  };
}
function moduleResult(task, context, { startedAt, ended, resultsFile, probeDir }) {
  const records = readReporterFile(resultsFile, context.cwd);
  const memory = memoryFigures(readProbeDir(probeDir));
  const verdict = ended.spawnError ? { status: "crashed", reason: `could not start ${context.adapter.name}: ${ended.spawnError.message}`, suites: [] } : classifyModule({
    ending: {
      exitCode: ended.exitCode,
      signal: ended.signal,
      timedOut: ended.timedOut,
      interruptedBy: ended.stoppedBy?.kind === "signal" ? ended.stoppedBy.signal : void 0,
      lockLost: ended.stoppedBy?.kind === "lock-lost",
      outOfMemoryInOutput: ended.seen.has("outOfMemory"),
      noTestsInOutput: ended.seen.has("noTests")
    },
    suites: records.suites,
    runningSuite: records.runningSuite,
    memory,
    allowEmpty: context.allowEmpty,
    paths: task.paths,
    timeoutMs: context.timeoutMs
  });
  const counts = verdict.suites.reduce(
    (sum, suite) => ({
      passed: sum.passed + suite.tests.passed,
      failed: sum.failed + suite.tests.failed,
      skipped: sum.skipped + suite.tests.skipped,
      todo: sum.todo + suite.tests.todo
    }),
    { passed: 0, failed: 0, skipped: 0, todo: 0 }
  );
  return {
    name: task.name,
    status: verdict.status,
    paths: task.paths,
    tests: { total: counts.passed + counts.failed + counts.skipped + counts.todo, ...counts },
    suites: verdict.suites,
    durationMs: ended.durationMs,
    startedAt,
    peakHeapMB: memory.peakHeapMB,
    heapLimitMB: memory.heapLimitMB,
    peakRssMB: memory.peakRssMB,
    exitCode: ended.exitCode,
    signal: ended.signal,
    ...verdict.reason ? { reason: verdict.reason } : {},
    ...records.runningSuite && verdict.status !== "passed" && verdict.status !== "failed" ? { runningSuite: records.runningSuite } : {},
    ...context.logPath ? { logPath: context.logPath } : {}
  };
}

// src/run/prestart.ts
var DEFAULT_HELD_COST_MB = 150;
var PrestartPolicy = class {
  budgetMB = 0;
  heldCostMB = DEFAULT_HELD_COST_MB;
  /** A module finished: its peak RSS may raise the budget. */
  recordFinished(peakRssMB) {
    if (peakRssMB !== null && peakRssMB > this.budgetMB) this.budgetMB = peakRssMB;
  }
  /** A held process was measured at its gate: use its RSS as the cost from now on. */
  recordHeldCost(rssMB) {
    if (rssMB > 0) this.heldCostMB = rssMB;
  }
  /** Whether the running module (`runningMB`) and a held process (`heldMB`, else the estimate) fit the budget. */
  allows(runningMB, heldMB) {
    return runningMB + (heldMB ?? this.heldCostMB) <= this.budgetMB;
  }
};
var CHECK_INTERVAL_MS = 100;
function watchForEarlyStart(options) {
  const { running, policy, slot } = options;
  const check = () => {
    try {
      if (options.stopped()) return;
      const runningMB = running.currentRssMB() ?? 0;
      if (!slot.held) {
        if (policy.allows(runningMB)) slot.held = options.prepareNext();
      } else if (!policy.allows(runningMB, slot.held.currentRssMB() ?? void 0)) {
        slot.discarding.push(slot.held.discard());
        slot.held = void 0;
      }
    } catch {
      clearInterval(timer);
    }
  };
  const timer = setInterval(check, CHECK_INTERVAL_MS);
  check();
  return () => clearInterval(timer);
}

// src/run/progress.ts
function progressPrefix(index, total, name) {
  return `[${index + 1}/${total}] ${name}`;
}
function testCountsPhrase(tests) {
  const parts = ["passed", "failed", "skipped", "todo"].filter((kind) => tests[kind] > 0).map((kind) => `${tests[kind]} ${kind}`);
  return parts.length > 0 ? parts.join(", ") : "0 tests";
}
function moduleEndLine(index, total, module) {
  const tests = testCountsPhrase(module.tests);
  const heap = module.peakHeapMB !== null ? `, peak heap ${Math.round(module.peakHeapMB)} MB` : "";
  const time = formatDuration(module.durationMs);
  const head = `${progressPrefix(index, total, module.name)} \u2026`;
  switch (module.status) {
    case "passed":
      return `${head} passed: ${tests} in ${time}${heap}`;
    case "failed":
      return `${head} FAILED (${module.reason ?? `${module.tests.failed} failed`}) \u2014 ${tests} in ${time}${heap}`;
    case "crashed":
      return `${head} CRASHED: ${module.reason ?? "the test process died"} after ${time}${heap}`;
    case "timeout":
      return `${head} TIMEOUT: ${module.reason ?? "timed out"}${heap}`;
    case "skipped":
      return `${head} skipped${module.reason ? `: ${module.reason}` : ""}`;
  }
}
function describeBadModule(module) {
  if (module.status === "failed") return `${module.name} (${module.reason ?? "failed"})`;
  return `${module.name} (${module.status}${module.reason ? `: ${module.reason}` : ""})`;
}
function badModules(modules) {
  return modules.filter((module) => module.status === "failed" || module.status === "crashed" || module.status === "timeout");
}
function failureSentence(report) {
  const bad = badModules(report.modules);
  const ran = report.modules.filter((module) => module.status !== "skipped").length;
  const parts = [];
  if (bad.length > 0) parts.push(`${bad.length} of ${ran} ${ran === 1 ? "module" : "modules"} failed: ${bad.map(describeBadModule).join(", ")}`);
  if (report.reason && report.status !== "passed") parts.unshift(report.reason);
  return parts.length > 0 ? parts.join("; ") : void 0;
}

// src/run/reset.ts
async function runReset(command, options) {
  const ended = await runInProcessGroup({
    command,
    cwd: options.cwd,
    env: resetEnv(options.env, options.configEnv),
    stdout: options.stdout,
    stderr: options.stderr,
    logPath: options.logPath,
    stopSignal: options.stopSignal
  });
  const shown = command.map((arg) => /^[\w./:=@+-]+$/.test(arg) ? arg : JSON.stringify(arg)).join(" ");
  let failure;
  if (ended.spawnError) failure = `the reset command ${shown} could not start (${ended.spawnError.message}) \u2014 check reset: in quality-gates.config.yml`;
  else if (ended.signal) failure = `the reset command ${shown} was killed by ${ended.signal}`;
  else if (ended.exitCode !== 0) failure = `the reset command ${shown} exited with code ${ended.exitCode}`;
  return { command, durationMs: ended.durationMs, exitCode: ended.exitCode, ...failure ? { failure } : {} };
}

// src/run/runners/find-executable.ts
import { accessSync, constants } from "node:fs";
import { delimiter, join as join5 } from "node:path";
function isOnPath(name, path) {
  for (const dir of (path ?? "").split(delimiter)) {
    if (dir === "") continue;
    try {
      accessSync(join5(dir, name), constants.X_OK);
      return true;
    } catch {
    }
  }
  return false;
}

// src/run/runners/resolve-bin.ts
import { readFileSync as readFileSync2 } from "node:fs";
import { createRequire } from "node:module";
import { dirname as dirname2, join as join6 } from "node:path";
function resolveRunnerBin(cwd, packageName, binName) {
  const require2 = createRequire(join6(cwd, "package.json"));
  let manifestPath;
  try {
    manifestPath = require2.resolve(`${packageName}/package.json`);
  } catch {
    throw new ConfigError(
      `runner ${packageName}: cannot find the '${packageName}' package from ${cwd} \u2014 install it in the project (npm install --save-dev ${packageName}) or set runner: in quality-gates.config.yml`
    );
  }
  const manifest = JSON.parse(readFileSync2(manifestPath, "utf8"));
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.[binName];
  if (!bin) throw new ConfigError(`runner ${packageName}: ${manifestPath} declares no '${binName}' executable \u2014 reinstall ${packageName}`);
  return join6(dirname2(manifestPath), bin);
}

// src/run/runners/jest.ts
var FORCE_EXIT_ADVICE = "Force exiting Jest: Have you considered using `--detectOpenHandles` to detect async operations that kept running after all tests finished?";
function addsForceExit(extraArgs) {
  return !extraArgs.some((arg) => /^--(no-?)?(forceExit|force-exit|detectOpenHandles|detect-open-handles)\b/i.test(arg));
}
var jestAdapter = {
  name: "jest",
  noTestsPattern: /No tests found/,
  // jest's `filter` hook runs after start-up and before globalSetup: the gate goes there.
  // A filter of the user's own (given on the command line) wins: then no pre-start.
  gateArgs(extraArgs) {
    return extraArgs.some((arg) => /^--filter\b/.test(arg)) ? void 0 : [`--filter=${childFilePath("jest-gate.cjs")}`];
  },
  hiddenConsoleLine(extraArgs) {
    return addsForceExit(extraArgs) ? FORCE_EXIT_ADVICE : void 0;
  },
  args({ cwd, paths, kind, extraArgs, env }) {
    const bin = resolveRunnerBin(cwd, "jest", "jest");
    const patterns = kind === "module" ? paths.map((path) => `${escapeRegExp(path.replace(/\/+$/, ""))}/`) : kind === "files" ? paths.map((path) => `(^|/)${escapeRegExp(path)}$`) : paths;
    const watchman = extraArgs.some((arg) => /^--(no-)?watchman\b/.test(arg)) || isOnPath("watchman", env.PATH) ? [] : ["--no-watchman"];
    const forceExit = addsForceExit(extraArgs) ? ["--forceExit"] : [];
    return [bin, ...patterns, "--runInBand", ...watchman, ...forceExit, "--reporters=default", `--reporters=${childFilePath("jest-reporter.cjs")}`, ...extraArgs];
  }
};

// src/run/runners/vitest.ts
var vitestAdapter = {
  name: "vitest",
  noTestsPattern: /No test files found/,
  args({ cwd, paths, kind, extraArgs }) {
    const bin = resolveRunnerBin(cwd, "vitest", "vitest");
    const filters = kind === "module" ? paths.map((path) => `${path.replace(/\/+$/, "")}/`) : paths;
    return [bin, "run", ...filters, "--no-file-parallelism", "--logHeapUsage", "--reporter=default", `--reporter=${childFilePath("vitest-reporter.mjs")}`, ...extraArgs];
  }
};

// src/run/runners/index.ts
function runnerAdapter(name) {
  return name === "vitest" ? vitestAdapter : jestAdapter;
}

// src/run/batch.ts
var RunNotStartedError = class extends QualityGatesError {
  report;
  constructor(message, exitCode, report, options) {
    super(message, exitCode, options);
    this.report = report;
  }
};
async function runBatch(given) {
  const warnings = [...given.selection.plan?.warnings ?? []];
  const outputLost = (stream) => (error) => {
    const warning = `${stream} failed (${error.message}); its output was dropped from then on and the run went on \u2014 the module logs and this report have everything`;
    warnings.push(warning);
    if (stream === "stdout") stderr.write(`quality-gates run: ${warning}
`);
  };
  const stderr = lossTolerant(given.stderr, outputLost("stderr"));
  const options = { ...given, stderr, stdout: lossTolerant(given.stdout, outputLost("stdout")) };
  const { config } = options.loaded;
  const started = /* @__PURE__ */ new Date();
  const say = (line) => options.stdout.write(`${line}
`);
  if (options.forceReset && !config.reset) {
    throw new UsageError(
      `--force-reset was given but no reset command is configured \u2014 add e.g. reset: ["bash", "testing/scripts/reset-db.sh"] to quality-gates.config.yml`
    );
  }
  const timeoutMs = config.timeout !== void 0 ? parseDuration(config.timeout, "timeout") : void 0;
  const adapter = runnerAdapter(config.runner);
  const logDir = options.logDir ?? join7(dirname3(options.reportPath), "quality-gates-logs");
  checkOutputPaths([
    { label: "report JSON", path: options.reportPath, kind: "file" },
    ...options.junitPath !== void 0 ? [{ label: "JUnit XML", path: options.junitPath, kind: "file" }] : [],
    ...options.selection.mode !== "skip" ? [{ label: "log folder", path: logDir, kind: "folder" }] : []
  ]);
  const finish = (modules, status, extra = {}) => {
    const finished = /* @__PURE__ */ new Date();
    return {
      schemaVersion: 1,
      tool: { name: "quality-gates", version: VERSION },
      status,
      mode: options.selection.mode,
      ...options.selection.plan ? { plan: options.selection.plan } : {},
      runner: config.runner,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      modules,
      totals: reportTotals(modules, finished.getTime() - started.getTime()),
      warnings: [...warnings],
      context: reportContext(options.env),
      ...extra
    };
  };
  if (options.selection.mode === "skip") {
    const reason = options.selection.skipReason ?? "the plan has nothing to run";
    say(`skipped: ${reason}`);
    const report = finish([], "skipped", { reason });
    writeOutputs(report, options);
    return { report, exitCode: ExitCode.Ok };
  }
  const tasks = options.selection.tasks;
  let lock;
  if (options.lock) {
    const lockConfig = options.lock;
    const mutex = createMutex(lockConfig, { cwd: options.cwd, env: options.env, log: (line) => options.stderr.write(`${line}
`) });
    say(`lock: waiting for ${mutex.description}`);
    const abort = new AbortController();
    const unsubscribe = options.stopSignal.subscribe(() => abort.abort());
    try {
      const handle = await mutex.acquire({ timeoutMs: lockTimeoutMs(lockConfig), onWaiting: say, signal: abort.signal });
      lock = { handle, figures: { backend: mutex.backend, name: lockConfig.name, waitMs: handle.waitMs }, acquiredAt: Date.now() };
      handle.lost.catch((error) => options.stopSignal.stop({ kind: "lock-lost", message: error instanceof Error ? error.message : String(error) }));
      say(`lock: acquired ${mutex.description} after ${Math.round(handle.waitMs)} ms`);
    } catch (error) {
      const stop = options.stopSignal.reason;
      const interrupted = stop?.kind === "signal";
      const reason = interrupted ? `interrupted by ${stop.signal} while waiting for ${mutex.description}; nothing ran` : error instanceof Error ? error.message : String(error);
      const report = finish(
        tasks.map((task) => notRun(task, "not run: the lock was not acquired")),
        interrupted ? "interrupted" : "failed",
        { reason }
      );
      writeOutputs(report, options);
      throw new RunNotStartedError(reason, interrupted ? ExitCode.Interrupted : exitCodeOf(error), report, { cause: error });
    } finally {
      unsubscribe();
    }
  }
  const work = mkdtempSync(join7(tmpdir(), "quality-gates-run-"));
  const early = { discarding: [] };
  try {
    mkdirSync2(logDir, { recursive: true });
    removeOldLogs(logDir);
    let reset;
    if (options.forceReset && config.reset && !options.stopSignal.reason) {
      say(`reset: ${config.reset.join(" ")}`);
      reset = await runReset(config.reset, {
        cwd: options.cwd,
        env: options.env,
        configEnv: config.env,
        stdout: options.stdout,
        stderr: options.stderr,
        logPath: join7(logDir, RESET_LOG),
        stopSignal: options.stopSignal
      });
    }
    const resetFields = reset ? { reset: { command: reset.command, durationMs: reset.durationMs, exitCode: reset.exitCode } } : {};
    const modules = [];
    let stopReason;
    if (reset?.failure) {
      stopReason = `reset failed: ${reset.failure} \u2014 no module ran`;
      options.stderr.write(`quality-gates run: ${stopReason}
`);
      modules.push(...tasks.map((task) => notRun(task, "not run: the reset command failed")));
    } else {
      const policy = new PrestartPolicy();
      let attempt = 0;
      const contextFor = (index, task) => {
        const workDir = join7(work, `${index}-${++attempt}`);
        mkdirSync2(workDir);
        return {
          cwd: options.cwd,
          env: options.env,
          configEnv: config.env,
          adapter,
          extraArgs: [...config.runnerArgs, ...options.runnerArgs],
          allowEmpty: config.allowEmpty,
          timeoutMs,
          workDir,
          logPath: join7(logDir, logFileName(index, task.name)),
          stdout: options.stdout,
          stderr: options.stderr,
          stopSignal: options.stopSignal
        };
      };
      for (const [index, task] of tasks.entries()) {
        if (options.stopSignal.reason) {
          if (early.held) early.discarding.push(early.held.discard());
          early.held = void 0;
          modules.push(notRun(task, options.stopSignal.reason.kind === "signal" ? `not run: ${describeStop(options.stopSignal)}` : "not run: the lock was lost"));
          continue;
        }
        await Promise.all(early.discarding.splice(0));
        const title = progressPrefix(index, tasks.length, task.name).replace(/[\r\n]+/g, " ");
        if (options.groupOutput) say(`::group::${title}`);
        say(`${title}: ${adapter.name} ${task.paths.join(" ")}`);
        const current = early.held ?? prepareModuleTask(task, contextFor(index, task), { hold: false });
        early.held = void 0;
        const next = tasks[index + 1];
        const stopWatching = next && options.prestart !== false && adapter.gateArgs?.(config.runnerArgs.concat(options.runnerArgs)) ? watchForEarlyStart({
          running: current,
          policy,
          slot: early,
          prepareNext: () => prepareModuleTask(next, contextFor(index + 1, next), { hold: true }),
          stopped: () => options.stopSignal.reason !== void 0
        }) : void 0;
        const result = await current.run();
        stopWatching?.();
        const heldCost = heldModule(early)?.currentRssMB();
        if (heldCost) policy.recordHeldCost(heldCost);
        policy.recordFinished(result.peakRssMB);
        modules.push(result);
        if (options.groupOutput) say("::endgroup::");
        say(moduleEndLine(index, tasks.length, result));
      }
      const leftover = heldModule(early);
      if (leftover) early.discarding.push(leftover.discard());
      await Promise.all(early.discarding);
      if (options.stopSignal.reason) stopReason = describeStop(options.stopSignal);
    }
    const interrupted = options.stopSignal.reason?.kind === "signal";
    const failed = reset?.failure !== void 0 || options.stopSignal.reason?.kind === "lock-lost" || badModules(modules).length > 0;
    const status = interrupted ? "interrupted" : failed ? "failed" : "passed";
    const lockFields = lock ? { lock: { ...lock.figures, holdMs: Date.now() - lock.acquiredAt } } : {};
    const report = finish(modules, status, { ...resetFields, ...lockFields, ...stopReason ? { reason: stopReason } : {} });
    writeOutputs(report, options);
    const failure = failureSentence(report);
    if (failure) say(`
${status === "interrupted" ? "Interrupted" : "Failed"}: ${failure}`);
    else say(`
All ${modules.length} ${modules.length === 1 ? "module" : "modules"} passed.`);
    say(`Report: ${options.reportPath}`);
    return { report, exitCode: interrupted ? ExitCode.Interrupted : status === "failed" ? ExitCode.Failed : ExitCode.Ok, ...failure ? { failure } : {} };
  } finally {
    heldModule(early)?.discard();
    rmSync3(work, { recursive: true, force: true });
    if (lock) await lock.handle.release();
  }
}
function notRun(task, why) {
  return {
    name: task.name,
    status: "skipped",
    paths: task.paths,
    tests: { total: 0, passed: 0, failed: 0, skipped: 0, todo: 0 },
    suites: [],
    durationMs: 0,
    startedAt: (/* @__PURE__ */ new Date()).toISOString(),
    peakHeapMB: null,
    heapLimitMB: null,
    peakRssMB: null,
    exitCode: null,
    signal: null,
    reason: why
  };
}
function heldModule(early) {
  return early.held;
}
function describeStop(stop) {
  const reason = stop.reason;
  if (!reason) return "";
  return reason.kind === "signal" ? `interrupted by ${reason.signal}` : reason.message;
}
function writeOutputs(report, options) {
  writeFileCreatingDir(options.reportPath, `${JSON.stringify(report, null, 2)}
`);
  if (options.junitPath) writeFileCreatingDir(options.junitPath, renderJUnit(report));
}
function writeFileCreatingDir(path, text) {
  try {
    mkdirSync2(dirname3(path), { recursive: true });
    writeFileSync3(path, text);
  } catch (error) {
    throw new QualityGatesError(`cannot write ${path}: ${error.message} \u2014 check the path and its permissions`, ExitCode.Failed, { cause: error });
  }
}
function reportContext(env) {
  const context = {};
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    context.runUrl = `${env.GITHUB_SERVER_URL.replace(/\/+$/, "")}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  }
  if (env.GITHUB_REPOSITORY) context.repository = env.GITHUB_REPOSITORY;
  if (env.GITHUB_SHA) context.sha = env.GITHUB_SHA;
  if (env.GITHUB_REF) context.ref = env.GITHUB_REF;
  return context;
}

// src/run/lock-config.ts
function resolveRunLock(config, overrides) {
  if (overrides.name === "none") return void 0;
  if (!config.lock && overrides.name === void 0) return void 0;
  const base = config.lock ?? LockSchema.parse({});
  return {
    ...base,
    ...overrides.name !== void 0 ? { name: overrides.name } : {},
    ...overrides.backend !== void 0 ? { backend: overrides.backend } : {},
    ...overrides.timeout !== void 0 ? { timeout: overrides.timeout } : {}
  };
}

// src/run/selection.ts
import { readFileSync as readFileSync3 } from "node:fs";
import { resolve as resolve2 } from "node:path";
function selectionAlternatives(request, names) {
  const given = [];
  if (request.all) given.push(names.all);
  if (request.changed) given.push(names.changed);
  if (request.planFile !== void 0) given.push(names.plan);
  if (request.modules && request.modules.length > 0) given.push(names.modules);
  if (request.paths && request.paths.length > 0) given.push(names.paths);
  return given;
}
async function selectWork(request, context) {
  const { cwd, loaded } = context;
  if (request.paths && request.paths.length > 0) {
    return { mode: "paths", tasks: [{ name: "paths", paths: request.paths, kind: "paths" }] };
  }
  const layout = loadLayout(cwd, loaded);
  const existing = layout.modules;
  const moduleTask = (name) => name === ROOT_MODULE ? { name, paths: layout.rootTestFiles, kind: "files" } : { name, paths: [`${loaded.moduleRoot}/${name}`], kind: "module" };
  const checkNames = (names, source) => {
    const unknown = names.filter((name) => !existing.includes(name));
    if (unknown.length === 0) return;
    const known = existing.length > 0 ? existing.join(", ") : `(none: ${loaded.moduleRoot} has no module folders)`;
    throw new UsageError(
      `${source}: unknown ${unknown.length === 1 ? "module" : "modules"} ${unknown.map((name) => JSON.stringify(name)).join(", ")} \u2014 the modules under ${loaded.moduleRoot} are: ${known}`
    );
  };
  if (request.modules && request.modules.length > 0) {
    const names = [...new Set(request.modules)];
    checkNames(names, "module");
    return { mode: "passthrough", tasks: names.map(moduleTask) };
  }
  let plan;
  if (request.planFile !== void 0) plan = readPlanFile(resolve2(cwd, request.planFile), request.planFile);
  else if (request.changed) {
    plan = await computePlan({ cwd, env: context.env, loaded, base: request.base, head: request.head, files: request.files, full: request.full, log: context.log });
  }
  if (plan) {
    if (plan.mode === "skip") return { mode: "skip", plan, tasks: [], skipReason: plan.reason };
    checkNames(plan.modules, request.planFile !== void 0 ? `--plan ${request.planFile}` : "plan");
    const names = plan.mode === "full" ? existing : plan.modules;
    return { mode: plan.mode, plan, tasks: names.map(moduleTask) };
  }
  if (existing.length === 0) {
    throw new ConfigError(
      `no modules to run: ${loaded.moduleRoot} ${loaded.moduleRootSource === "missing" ? "does not exist" : `has no folder holding a test file (by ${layout.isTestFile.source}: ${layout.isTestFile.patterns.join(", ")})${layout.sharedFolders.length > 0 ? `; ${layout.sharedFolders.join(", ")} hold none` : ""}`} \u2014 set modules.testMatch if your tests have other names, set modules.root in quality-gates.config.yml to the folder whose subfolders are your integration modules, or pass paths after --`
    );
  }
  return { mode: "full", tasks: existing.map(moduleTask) };
}
function readPlanFile(path, label) {
  let raw;
  try {
    raw = JSON.parse(readFileSync3(path, "utf8"));
  } catch (error) {
    const why = error.code === "ENOENT" ? "file not found" : error.message;
    throw new UsageError(`--plan ${label}: cannot read the plan (${why}) \u2014 write it with 'quality-gates plan > ${label}'`);
  }
  const result = PlanSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(`--plan ${label}: not a plan from 'quality-gates plan' (${issue.path.join(".") || "top level"}: ${issue.message})`);
  }
  return result.data;
}

export {
  checkOutputPaths,
  lossTolerant,
  RunNotStartedError,
  runBatch,
  resolveRunLock,
  selectionAlternatives,
  selectWork
};
