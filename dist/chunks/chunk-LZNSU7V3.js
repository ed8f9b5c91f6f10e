import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  createMutex,
  guardProcessGroup,
  killGroup,
  lockTimeoutMs
} from "./chunk-VJ4NMVJ2.js";
import {
  badModules,
  buildReport,
  groupBy,
  renderJUnit,
  reportTotals,
  updateHistory,
  withBaselines
} from "./chunk-B6FG5BJQ.js";
import {
  PlanSchema
} from "./chunk-KPZR3NFN.js";
import {
  runContext
} from "./chunk-2U5EFZKQ.js";
import {
  escapeRegExp
} from "./chunk-6LBAFHHF.js";
import {
  estimates
} from "./chunk-UKOBU3UI.js";
import {
  resolveHistoryPath
} from "./chunk-SARGJA6J.js";
import {
  emptyHistory,
  readHistory,
  writeHistory,
  writeOutputFile
} from "./chunk-SKC5PD7T.js";
import {
  VERSION
} from "./chunk-64T4F7XV.js";
import {
  computePlan,
  loadLayout
} from "./chunk-DXIKE7HS.js";
import {
  stripControlChars
} from "./chunk-XS3YCCI7.js";
import {
  median
} from "./chunk-KCKJSNRL.js";
import {
  LockSchema,
  ROOT_MODULE
} from "./chunk-6WDK2BYD.js";
import {
  compareNames
} from "./chunk-ACAW7SLU.js";
import {
  formatDuration,
  parseDuration
} from "./chunk-ZC2IFY74.js";
import {
  minimatch
} from "./chunk-OXXGRHMT.js";
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
    throw new UsageError(
      `cannot write the ${output.label} at ${path}: ${why} \u2014 give a path in a folder this user can write to`
    );
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
import { dirname as dirname4, join as join17 } from "node:path";

// src/run/coverage/args.ts
var COVERAGE_FINAL = "coverage-final.json";
var OWNED = {
  jest: [
    { name: "--coverageDirectory", list: false },
    { name: "--coverageReporters", list: true },
    { name: "--coverageThreshold", list: false }
  ],
  vitest: [
    { name: "--coverage.reportsDirectory", list: false },
    { name: "--coverage.reporter", list: true }
  ]
};
function coverageRequested(runner, args) {
  let on = false;
  for (const arg of args) {
    const [flag, value] = splitFlag(arg);
    const enabling = runner === "jest" ? ["--coverage", "--collectCoverage", "--collect-coverage"] : ["--coverage", "--coverage.enabled"];
    if (enabling.includes(flag)) on = value === void 0 || value === "true";
    if (runner === "jest" && (flag === "--no-coverage" || flag === "--no-collectCoverage")) on = false;
    if (runner === "vitest" && flag === "--no-coverage") on = false;
  }
  return on;
}
function processCoverageArgs(runner, args, directory) {
  const kept = withoutOwnedOptions(runner, args);
  if (runner === "jest") return [...kept, `--coverageDirectory=${directory}`, "--coverageReporters=json", "--coverageThreshold={}"];
  const noThresholds = ["lines", "functions", "branches", "statements"].map((metric) => `--coverage.thresholds.${metric}=0`);
  return [...kept, `--coverage.reportsDirectory=${directory}`, "--coverage.reporter=json", ...noThresholds];
}
function ownedOptionValues(runner, args, name) {
  const option = OWNED[runner].find((candidate) => candidate.name === name);
  if (!option) throw new Error(`${name} is not a coverage option quality-gates sets for ${runner}`);
  let values;
  scan(args, runner, (found, optionValues) => {
    if (found.name === name) values = found.list ? [...values ?? [], ...optionValues] : optionValues;
  });
  return values;
}
function withoutOwnedOptions(runner, args) {
  return scan(args, runner, () => {
  });
}
function scan(args, runner, onOwned) {
  const kept = [];
  for (let index = 0; index < args.length; index++) {
    const [flag, inline] = splitFlag(args[index]);
    const option = OWNED[runner].find((candidate) => candidate.name === flag);
    if (!option) {
      kept.push(args[index]);
      continue;
    }
    const values = inline === void 0 ? [] : [inline];
    while (inline === void 0 && index + 1 < args.length && !args[index + 1].startsWith("-") && (option.list || values.length === 0)) values.push(args[++index]);
    onOwned(option, values);
  }
  return kept;
}
function splitFlag(arg) {
  const equals = arg.indexOf("=");
  return equals === -1 ? [arg, void 0] : [arg.slice(0, equals), arg.slice(equals + 1)];
}

// src/run/coverage/merge.ts
import { existsSync, mkdirSync, readFileSync, rmSync as rmSync2 } from "node:fs";
import { createRequire } from "node:module";
import { join as join2 } from "node:path";
function mergeCoverage(options) {
  const istanbul = loadIstanbul(options.projectDir);
  const map = istanbul.libCoverage.createCoverageMap({});
  const skipped = [];
  let merged = 0;
  for (const directory of options.processDirectories) {
    const file = join2(directory, COVERAGE_FINAL);
    if (!existsSync(file)) {
      skipped.push({ directory, reason: `no ${COVERAGE_FINAL} (the process ended before writing coverage)` });
      continue;
    }
    try {
      map.merge(JSON.parse(readFileSync(file, "utf8")));
      merged++;
    } catch (error) {
      skipped.push({ directory, reason: `${file} is not istanbul JSON: ${error.message.split("\n")[0]}` });
    }
  }
  const consoleText = merged > 0 ? writeReports(istanbul, map, options) : "";
  const totals = totalsOf(map.getCoverageSummary());
  return { merged, skipped, files: map.files().length, totals, thresholdFailures: thresholdFailures(totals, options.thresholds ?? {}), consoleText };
}
var CONSOLE_REPORTERS = /* @__PURE__ */ new Set(["text", "text-summary", "text-lcov", "teamcity"]);
function writeReports(istanbul, map, options) {
  mkdirSync(options.directory, { recursive: true });
  const context = istanbul.libReport.createContext({ dir: options.directory, coverageMap: map, defaultSummarizer: "nested" });
  let consoleText = "";
  for (const [index, reporter] of options.reporters.entries()) {
    const [name, given] = typeof reporter === "string" ? [reporter, {}] : reporter;
    const toConsole = CONSOLE_REPORTERS.has(name) && given.file === void 0;
    const captured = `.quality-gates-${process.pid}-${index}.txt`;
    const reporterOptions = { projectRoot: options.projectDir, ...given, ...toConsole ? { file: captured } : {} };
    istanbul.reports.create(name, reporterOptions).execute(context);
    if (toConsole) {
      const path = join2(options.directory, captured);
      consoleText += existsSync(path) ? readFileSync(path, "utf8") : "";
      rmSync2(path, { force: true });
    }
  }
  return consoleText;
}
function loadIstanbul(projectDir) {
  const load = (require2) => ({
    libCoverage: require2("istanbul-lib-coverage"),
    libReport: require2("istanbul-lib-report"),
    reports: require2("istanbul-reports")
  });
  try {
    return load(createRequire(join2(projectDir, "package.json")));
  } catch {
    try {
      return load(createRequire(import.meta.url));
    } catch (error) {
      throw new QualityGatesError(
        `cannot merge coverage: istanbul-lib-coverage, istanbul-lib-report and istanbul-reports are found neither in ${projectDir} nor beside quality-gates (${error.message.split("\n")[0]}) \u2014 install them in the project (npm install --save-dev istanbul-lib-coverage istanbul-lib-report istanbul-reports)`,
        ExitCode.Usage
      );
    }
  }
}
function totalsOf(summary) {
  const pick = (metric) => ({ covered: metric.covered, total: metric.total, pct: metric.total === 0 ? 100 : metric.pct });
  return { lines: pick(summary.lines), functions: pick(summary.functions), branches: pick(summary.branches), statements: pick(summary.statements) };
}
function thresholdFailures(totals, thresholds) {
  const failures = [];
  for (const metric of ["lines", "functions", "branches", "statements"]) {
    const threshold = thresholds[metric];
    if (threshold === void 0) continue;
    const { covered, total, pct } = totals[metric];
    if (threshold >= 0 && pct < threshold) failures.push(`coverage for ${metric} (${pct}%) does not meet the global threshold (${threshold}%)`);
    if (threshold < 0 && total - covered > -threshold) failures.push(`uncovered ${metric} (${total - covered}) exceed the global threshold (${-threshold})`);
  }
  return failures;
}

// src/run/coverage/settings.ts
import { execFile } from "node:child_process";
import { isAbsolute, join as join4 } from "node:path";
import { promisify } from "node:util";

// src/run/runners/resolve-bin.ts
import { readFileSync as readFileSync2 } from "node:fs";
import { createRequire as createRequire2 } from "node:module";
import { dirname as dirname2, join as join3 } from "node:path";
function findRunnerManifest(cwd, packageName) {
  let path;
  try {
    path = createRequire2(join3(cwd, "package.json")).resolve(`${packageName}/package.json`);
  } catch {
    return void 0;
  }
  return { ...JSON.parse(readFileSync2(path, "utf8")), path };
}
function resolveRunnerBin(cwd, packageName, binName) {
  const manifest = findRunnerManifest(cwd, packageName);
  if (!manifest)
    throw new ConfigError(
      `runner ${packageName}: cannot find the '${packageName}' package from ${cwd} \u2014 install it in the project (npm install --save-dev ${packageName}) or set runner: in quality-gates.config.yml`
    );
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.[binName];
  if (!bin)
    throw new ConfigError(
      `runner ${packageName}: ${manifest.path} declares no '${binName}' executable \u2014 reinstall ${packageName}`
    );
  return join3(dirname2(manifest.path), bin);
}

// src/run/coverage/settings.ts
var DEFAULT_REPORTERS = ["json", "lcov"];
function settingsFromJestConfig(shown, cwd) {
  let parsed;
  try {
    parsed = JSON.parse(shown);
  } catch {
    return void 0;
  }
  const global = parsed.globalConfig;
  if (!global) return void 0;
  const reporters = global.coverageReporters?.length ? global.coverageReporters : DEFAULT_REPORTERS;
  const thresholds = global.coverageThreshold?.global;
  return {
    directory: absolute(cwd, global.coverageDirectory ?? "coverage"),
    reporters,
    ...thresholds && Object.keys(thresholds).length > 0 ? { thresholds } : {},
    source: "jest --showConfig"
  };
}
function settingsFromArgs(runner, args, cwd, fallback) {
  const [directoryFlag, reporterFlag] = runner === "jest" ? ["--coverageDirectory", "--coverageReporters"] : ["--coverage.reportsDirectory", "--coverage.reporter"];
  const directory = ownedOptionValues(runner, args, directoryFlag)?.[0];
  const reporters = ownedOptionValues(runner, args, reporterFlag);
  if (directory === void 0 && !reporters?.length) return fallback;
  return {
    ...fallback,
    directory: directory === void 0 ? fallback.directory : absolute(cwd, directory),
    reporters: reporters?.length ? reporters : fallback.reporters,
    source: "arguments"
  };
}
async function discoverCoverageSettings(runner, cwd, args, env) {
  let fallback = { directory: join4(cwd, "coverage"), reporters: DEFAULT_REPORTERS, source: "defaults" };
  if (runner === "jest") {
    const bin = resolveRunnerBin(cwd, "jest", "jest");
    const shown = await promisify(execFile)(process.execPath, [bin, ...args, "--showConfig"], { cwd, env, maxBuffer: 64 * 1024 * 1024 }).then(
      (result) => result.stdout,
      () => ""
    );
    fallback = settingsFromJestConfig(shown, cwd) ?? fallback;
  }
  return settingsFromArgs(runner, args, cwd, fallback);
}
function absolute(cwd, path) {
  return isAbsolute(path) ? path : join4(cwd, path);
}

// src/run/coverage-run.ts
function mergesCoverage(runner, runnerArgs, items) {
  return items > 1 && coverageRequested(runner, runnerArgs);
}
async function mergeRunCoverage(options) {
  const settings = await discoverCoverageSettings(options.runner, options.cwd, options.runnerArgs, options.env);
  const merged = mergeCoverage({
    projectDir: options.cwd,
    processDirectories: options.processDirectories,
    directory: settings.directory,
    reporters: settings.reporters,
    ...settings.thresholds ? { thresholds: settings.thresholds } : {}
  });
  if (merged.consoleText !== "")
    options.stdout.write(merged.consoleText.endsWith("\n") ? merged.consoleText : `${merged.consoleText}
`);
  options.stdout.write(
    `coverage: merged ${merged.merged} of ${options.processDirectories.length} test processes into ${settings.directory} (${merged.files} files)
`
  );
  const warnings = merged.skipped.map(
    ({ directory, reason }) => `coverage of one test process was not merged (${directory}): ${reason}`
  );
  const failure = merged.thresholdFailures.length > 0 ? `the merged coverage misses its thresholds: ${merged.thresholdFailures.join("; ")}` : void 0;
  return { warnings, ...failure ? { failure } : {} };
}

// src/run/history-record.ts
import { availableParallelism } from "node:os";
function recordHistory(plan, historyPath, modules, stopped) {
  if (historyPath === void 0) return [];
  if (!plan.historyWritable) return [];
  try {
    const next = historyWith(plan, modules, stopped);
    if (next === void 0) return [];
    writeHistory(historyPath, next);
    return [];
  } catch (error) {
    return [`history not written: ${error instanceof Error ? error.message : String(error)}`];
  }
}
function historyWith(plan, modules, stopped) {
  const recorded = modules.filter(
    (module) => plan.tasks.get(module.name)?.kind === "module" && module.status !== "skipped" && !stopped.has(module.name)
  );
  if (recorded.length === 0) return void 0;
  return updateHistory(plan.history, recorded, {
    now: /* @__PURE__ */ new Date(),
    runner: plan.runner,
    toolVersion: VERSION,
    slots: plan.slots.slots,
    cores: availableParallelism()
  });
}

// src/run/isolation/env.ts
var SLOT_VARIABLE = "QUALITY_GATES_SLOT";
var PLACEHOLDERS = {
  slot: (slot) => String(slot),
  slotIndex: (slot) => String(slot - 1)
};
var TOKEN = /\$\$\{|\$\{([^}]*)\}/g;
function expandTemplate(key, template, slot) {
  return template.replace(TOKEN, (token, name) => {
    if (token === "$${") return "${";
    const value = name === void 0 ? void 0 : PLACEHOLDERS[name.trim()];
    if (!value) {
      throw new ConfigError(
        `isolation.env.${key}: unknown placeholder ${JSON.stringify(token)} in ${JSON.stringify(template)} \u2014 use \${slot} (1..N) or \${slotIndex} (0..N-1); write $\${ for a literal \${`
      );
    }
    return value(slot);
  });
}
function checkEnvTemplates(templates) {
  for (const [key, template] of Object.entries(templates)) expandTemplate(key, template, 1);
}
function slotEnv(slot, isolation, databaseUrls = {}) {
  if (!Number.isInteger(slot) || slot < 1) throw new RangeError(`a slot is a whole number from 1, got ${slot}`);
  const env = {};
  for (const [key, template] of Object.entries(isolation?.env ?? {})) env[key] = expandTemplate(key, template, slot);
  Object.assign(env, databaseUrls);
  env[SLOT_VARIABLE] = String(slot);
  return env;
}

// src/run/isolation/validate.ts
function urlEnvNames(isolation) {
  const urlEnv = isolation?.postgres?.urlEnv;
  return urlEnv === void 0 ? [] : typeof urlEnv === "string" ? [urlEnv] : [...urlEnv];
}
function isIsolated(isolation) {
  return Boolean(isolation && (isolation.postgres || Object.keys(isolation.env).length > 0 || isolation.sharesNothing));
}
function checkSlotIsolation(slots, isolation, slotsSource2) {
  if (isolation) checkIsolationSection(isolation);
  if (slots === 1 || isIsolated(isolation)) return;
  const many = slots === "auto" ? "may run several test processes at once" : `runs ${slots} test processes at once`;
  throw new UsageError(
    `${slotsSource2} ${many}, but no isolation is configured, so they would share one database. Suites that clean up by prefix (DELETE FROM items WHERE id LIKE 't_%', in beforeEach or afterAll) then delete each other's rows mid-test, and the run fails at random, or passes by luck. Give each slot its own data: isolation.postgres.urlEnv: DATABASE_URL (each slot gets a copy of the database, made with CREATE DATABASE \u2026 TEMPLATE after the reset) and/or isolation.env (e.g. REDIS_URL: "redis://127.0.0.1:6379/\${slot}"). If the suites share no data, set isolation.sharesNothing: true. Or run with --slots 1.`
  );
}
function checkIsolationSection(isolation) {
  checkEnvTemplates(isolation.env);
  if (SLOT_VARIABLE in isolation.env) {
    throw new ConfigError(
      `isolation.env.${SLOT_VARIABLE}: quality-gates sets ${SLOT_VARIABLE} itself (the slot, 1..N) \u2014 remove it, or name your variable differently`
    );
  }
  for (const name of urlEnvNames(isolation)) {
    if (name in isolation.env) {
      throw new ConfigError(
        `isolation.env.${name}: ${name} is also in isolation.postgres.urlEnv, which points it at the slot's database copy \u2014 remove one of the two`
      );
    }
    if (name === SLOT_VARIABLE)
      throw new ConfigError(
        `isolation.postgres.urlEnv: ${SLOT_VARIABLE} is the slot number, not a database URL \u2014 name the variable holding the URL`
      );
  }
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
function failureSentence(report) {
  const bad = badModules(report.modules);
  const ran = report.modules.filter((module) => module.status !== "skipped").length;
  const parts = [];
  if (bad.length > 0)
    parts.push(
      `${bad.length} of ${ran} ${ran === 1 ? "module" : "modules"} failed: ${bad.map(describeBadModule).join(", ")}`
    );
  if (report.reason && report.status !== "passed") parts.unshift(report.reason);
  return parts.length > 0 ? parts.join("; ") : void 0;
}

// src/run/report-build.ts
function buildReport2(basis, modules, status, extra = {}) {
  const finished = /* @__PURE__ */ new Date();
  const durationMs = finished.getTime() - basis.startedAt.getTime();
  return buildReport({
    status,
    mode: basis.selection.mode,
    ...basis.selection.plan ? { plan: basis.selection.plan } : {},
    runner: basis.runner,
    startedAt: basis.startedAt.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs,
    modules,
    totals: reportTotals(modules, durationMs),
    warnings: [...basis.warnings],
    context: runContext(basis.env),
    ...extra
  });
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
function describeStop(stop) {
  const reason = stop.reason;
  if (!reason) return "";
  return reason.kind === "signal" ? `interrupted by ${reason.signal}` : reason.message;
}
function notRunAfterStop(stop) {
  return stop.reason?.kind === "signal" ? `not run: ${describeStop(stop)}` : "not run: the lock was lost";
}
function writeOutputs(report, paths) {
  writeOutputFile(paths.reportPath, `${JSON.stringify(report, null, 2)}
`);
  if (paths.junitPath) writeOutputFile(paths.junitPath, renderJUnit(report));
}

// src/run/schedule/machine.ts
import { availableParallelism as availableParallelism2, freemem } from "node:os";
var MB = 1024 * 1024;
function readMachineFacts() {
  const withAvailable = process;
  const bytes = typeof withAvailable.availableMemory === "function" ? withAvailable.availableMemory() : freemem();
  return { cores: availableParallelism2(), availableMemoryMB: Math.round(bytes / MB) };
}

// src/run/schedule-run.ts
import { mkdirSync as mkdirSync4 } from "node:fs";
import { join as join15 } from "node:path";

// src/run/log-files.ts
import { createHash } from "node:crypto";
import { readdirSync, rmSync as rmSync3 } from "node:fs";
import { join as join5 } from "node:path";
var NAME_CHARS = 80;
var RESET_LOG = "reset.log";
var TOOL_LOG = new RegExp(
  `^(?:\\d{2,}-[A-Za-z0-9._@+-]{1,${NAME_CHARS}}(?:-[0-9a-f]{8})?\\.log|${RESET_LOG.replace(".", "\\.")})$`
);
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
    if (entry.isFile() && TOOL_LOG.test(entry.name)) rmSync3(join5(dir, entry.name), { force: true });
  }
}

// src/run/child-files.ts
import { existsSync as existsSync2 } from "node:fs";
import { fileURLToPath } from "node:url";
var cache = /* @__PURE__ */ new Map();
function childFilePath(name) {
  const cached = cache.get(name);
  if (cached) return cached;
  const candidates = [`./child/${name}`, `../child/${name}`, `../run/child/${name}`].map(
    (relative2) => fileURLToPath(new URL(relative2, import.meta.url))
  );
  const found = candidates.find((candidate) => existsSync2(candidate));
  if (!found) {
    throw new Error(
      `quality-gates is incomplete: child helper ${name} not found (looked in ${candidates.join(", ")}) \u2014 rebuild with 'npm run bundle'`
    );
  }
  cache.set(name, found);
  return found;
}

// src/run/runners/find-executable.ts
import { accessSync, constants } from "node:fs";
import { delimiter, join as join6 } from "node:path";
function isOnPath(name, path) {
  for (const dir of (path ?? "").split(delimiter)) {
    if (dir === "") continue;
    try {
      accessSync(join6(dir, name), constants.X_OK);
      return true;
    } catch {
    }
  }
  return false;
}

// src/run/runners/path-targets.ts
import { statSync as statSync2 } from "node:fs";
import { isAbsolute as isAbsolute2, join as join7 } from "node:path";
function resolvePathTargets(cwd, targets) {
  return targets.flatMap(
    (target) => target.kind !== "paths" ? [target] : target.paths.map((path) => ({ paths: [path], kind: pathKind(isAbsolute2(path) ? path : join7(cwd, path)) }))
  );
}
function pathKind(path) {
  try {
    const stats = statSync2(path);
    return stats.isDirectory() ? "module" : stats.isFile() ? "files" : "paths";
  } catch {
    return "paths";
  }
}

// src/run/runners/jest.ts
var FORCE_EXIT_ADVICE = "Force exiting Jest: Have you considered using `--detectOpenHandles` to detect async operations that kept running after all tests finished?";
function addsForceExit(extraArgs) {
  return !extraArgs.some(
    (arg) => /^--(no-?)?(forceExit|force-exit|detectOpenHandles|detect-open-handles)\b/i.test(arg)
  );
}
function jestPatterns({ paths, kind }) {
  if (kind === "module") return paths.map((path) => `${escapeRegExp(path.replace(/\/+$/, ""))}/`);
  if (kind === "files") return paths.map((path) => `(^|/)${escapeRegExp(path)}$`);
  return [...paths];
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
  args({ cwd, targets, extraArgs, env }) {
    const bin = resolveRunnerBin(cwd, "jest", "jest");
    const patterns = resolvePathTargets(cwd, targets).flatMap(jestPatterns);
    const watchman = extraArgs.some((arg) => /^--(no-)?watchman\b/.test(arg)) || isOnPath("watchman", env.PATH) ? [] : ["--no-watchman"];
    const forceExit = addsForceExit(extraArgs) ? ["--forceExit"] : [];
    const pack = targets.length > 1;
    const sequencer = pack && !extraArgs.some((arg) => /^--testSequencer\b/.test(arg)) ? [`--testSequencer=${childFilePath("jest-sequencer.cjs")}`] : [];
    return [
      bin,
      ...patterns,
      "--runInBand",
      ...watchman,
      ...forceExit,
      ...sequencer,
      "--reporters=default",
      `--reporters=${childFilePath("jest-reporter.cjs")}`,
      ...extraArgs
    ];
  }
};

// src/run/runners/vitest.ts
import { existsSync as existsSync3 } from "node:fs";
import { dirname as dirname3, join as join8 } from "node:path";
var vitestAdapter = {
  name: "vitest",
  noTestsPattern: /No test files found/,
  args({ cwd, targets, extraArgs }) {
    const bin = resolveRunnerBin(cwd, "vitest", "vitest");
    return [bin, "run", ...vitestFilters(cwd, targets), ...vitestFlags(extraArgs)];
  }
};
function vitestFilters(cwd, targets) {
  return resolvePathTargets(cwd, targets).flatMap(
    ({ paths, kind }) => kind === "module" ? paths.map((path) => `${path.replace(/\/+$/, "")}/`) : paths
  );
}
function vitestFlags(extraArgs) {
  return [
    "--no-file-parallelism",
    "--logHeapUsage",
    "--reporter=default",
    `--reporter=${childFilePath("vitest-reporter.mjs")}`,
    ...extraArgs
  ];
}
function vitestNodeEntry(cwd) {
  const manifest = findRunnerManifest(cwd, "vitest");
  if (!manifest) return { unavailable: `cannot find the 'vitest' package from ${cwd}` };
  const major = Number(/^(\d+)\./.exec(manifest.version ?? "")?.[1]);
  if (!(major >= 3)) return { unavailable: `vitest ${manifest.version ?? "(no version)"} is older than 3` };
  const entry = join8(dirname3(manifest.path), nodeExport(manifest.exports) ?? "dist/node.js");
  return existsSync3(entry) ? { entry } : { unavailable: `vitest ${String(manifest.version)} has no ${entry}` };
}
function nodeExport(exports) {
  const entry = exports?.["./node"];
  if (typeof entry === "string") return entry;
  if (entry && typeof entry === "object") {
    const conditions = entry;
    const value = conditions.import ?? conditions.default;
    if (typeof value === "string") return value;
    if (value && typeof value === "object") {
      const nested = value.default;
      if (typeof nested === "string") return nested;
    }
  }
  return void 0;
}

// src/run/runners/index.ts
function runnerAdapter(name) {
  return name === "vitest" ? vitestAdapter : jestAdapter;
}

// src/run/launcher/item-launcher.ts
import { statSync as statSync4 } from "node:fs";

// src/run/child-output.ts
import { readFileSync as readFileSync3, readdirSync as readdirSync2 } from "node:fs";
import { isAbsolute as isAbsolute3, join as join9, relative, sep as sep2 } from "node:path";

// src/util/json-lines.ts
function jsonLines(text) {
  const records = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let value;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value))
      records.push(value);
  }
  return records;
}

// src/run/child-output.ts
var MB2 = 1024 * 1024;
function projectRelative(cwd, file) {
  const rel = isAbsolute3(file) ? relative(cwd, file) : file;
  return rel.split(sep2).join("/");
}
function parseReporterLines(text, cwd) {
  const suites = [];
  const started = [];
  const timings = /* @__PURE__ */ new Map();
  let plannedFiles;
  const stamp = (file, key, t) => {
    if (typeof t === "number" && Number.isFinite(t)) timings.set(file, { ...timings.get(file), [key]: t });
  };
  for (const record of jsonLines(text)) {
    if (record.type === "plan" && Array.isArray(record.files)) {
      plannedFiles = record.files.filter((file2) => typeof file2 === "string").map((file2) => projectRelative(cwd, file2));
    }
    if (typeof record.file !== "string") continue;
    const file = projectRelative(cwd, record.file);
    if (record.type === "start") {
      started.push(file);
      stamp(file, "startedAt", record.t);
    }
    if (record.type === "suite") {
      suites.push(toSuite(record, file, cwd));
      stamp(file, "endedAt", record.t);
    }
  }
  const finished = new Set(suites.map((suite) => suite.file));
  const running = started.filter((file) => !finished.has(file));
  return { suites, runningSuite: running.at(-1), timings, ...plannedFiles ? { plannedFiles } : {} };
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
    tests: {
      passed: count(tests.passed),
      failed: count(tests.failed),
      skipped: count(tests.skipped),
      todo: count(tests.todo)
    },
    failures,
    ...Array.isArray(record.cases) ? { cases: record.cases.flatMap((entry) => toTestCase(entry)) } : {},
    ...megabytes(record, "heapAfterMB"),
    ...typeof record.heapAfterMB === "number" && typeof record.heapAfterGc === "boolean" ? { heapAfterGc: record.heapAfterGc } : {},
    ...megabytes(record, "heapBeforeMB"),
    ...megabytes(record, "rssBeforeMB"),
    ...typeof record.error === "string" && record.error !== "" ? { error: record.error } : {}
  };
}
function megabytes(record, key) {
  const value = record[key];
  return typeof value === "number" && value >= 0 ? { [key]: value } : {};
}
var CASE_STATUSES = /* @__PURE__ */ new Set(["passed", "failed", "skipped", "todo"]);
function toTestCase(entry) {
  if (typeof entry !== "object" || entry === null) return [];
  const record = entry;
  if (typeof record.name !== "string" || typeof record.status !== "string" || !CASE_STATUSES.has(record.status))
    return [];
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
    text = readFileSync3(path, "utf8");
  } catch {
    return { suites: [], timings: /* @__PURE__ */ new Map() };
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
      const value = JSON.parse(readFileSync3(join9(dir, name), "utf8"));
      if (typeof value.peakHeap === "number" && typeof value.heapLimit === "number") readings.push(value);
    } catch {
    }
  }
  return readings;
}
function readTimelines(dir) {
  let names = [];
  try {
    names = readdirSync2(dir);
  } catch {
    return [];
  }
  const timelines = [];
  for (const name of names.filter((entry) => /^timeline-\d+(-t\d+)?\.csv$/.test(entry)).sort()) {
    let text = "";
    try {
      text = readFileSync3(join9(dir, name), "utf8");
    } catch {
      continue;
    }
    timelines.push(parseTimeline(text));
  }
  return timelines;
}
function parseTimeline(text) {
  const samples = [];
  for (const line of text.split("\n")) {
    const fields = line.split(",");
    const exited = fields.length > 3 && fields[fields.length - 1] === "x";
    if (exited) fields.pop();
    const [t, heapMB, rssMB, treeRssMB] = fields.map(Number);
    if (fields.length !== 3 && fields.length !== 4 || !Number.isFinite(t) || !Number.isFinite(heapMB) || !Number.isFinite(rssMB))
      continue;
    if (fields.length === 4 && !Number.isFinite(treeRssMB)) continue;
    samples.push({
      t,
      heapMB,
      rssMB,
      ...fields.length === 4 ? { treeRssMB } : {},
      ...exited ? { exited: true } : {}
    });
  }
  return samples;
}
function memoryFigures(readings) {
  if (readings.length === 0)
    return { peakHeapMB: null, heapLimitMB: null, peakRssMB: null, peakTreeRssMB: null, nearHeapLimit: false };
  const top = readings.reduce((best, reading) => reading.peakHeap > best.peakHeap ? reading : best);
  const peakRss = Math.max(...readings.map((reading) => reading.peakRss));
  const trees = readings.flatMap((reading) => typeof reading.peakTreeRss === "number" ? [reading.peakTreeRss] : []);
  return {
    peakHeapMB: toMB(top.peakHeap),
    heapLimitMB: toMB(top.heapLimit),
    peakRssMB: toMB(peakRss),
    // The tree holds the test process: never below its own peak (the samples are apart in time).
    peakTreeRssMB: trees.length > 0 ? toMB(Math.max(peakRss, ...trees)) : null,
    nearHeapLimit: top.heapLimit > 0 && top.peakHeap >= top.heapLimit * 0.9
  };
}
function currentRssMB(readings) {
  if (readings.length === 0) return null;
  return toMB(readings.reduce((sum, reading) => sum + (reading.rss ?? reading.peakRss), 0));
}
function toMB(bytes) {
  return Math.round(bytes / MB2 * 10) / 10;
}

// src/run/launcher/item-process.ts
import { mkdirSync as mkdirSync2, writeFileSync as writeFileSync2 } from "node:fs";
import { join as join10, resolve as resolve2 } from "node:path";

// src/process/process-group.ts
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";

// src/process/console-filter.ts
import { StringDecoder } from "node:string_decoder";
import { stripVTControlCharacters } from "node:util";
var PARTIAL_ESCAPE = /\u001b(?:\[[0-?]*[ -/]*)?$/;
var ConsoleLineFilter = class {
  constructor(hiddenLine) {
    this.hiddenLine = hiddenLine;
  }
  decoder = new StringDecoder("utf8");
  pending = "";
  /** The part of `chunk` to show now. */
  push(chunk) {
    const text = this.pending + this.decoder.write(chunk);
    this.pending = "";
    let shown = "";
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      const line = text.slice(start, end + 1);
      if (!this.isHidden(line)) shown += line;
      start = end + 1;
    }
    const rest = text.slice(start);
    if (rest !== "" && this.couldBecomeHidden(rest)) this.pending = rest;
    else shown += rest;
    return shown;
  }
  /** What is still held when the stream ends (a last line without a newline). */
  end() {
    const rest = this.pending + this.decoder.end();
    this.pending = "";
    return this.isHidden(rest) ? "" : rest;
  }
  isHidden(line) {
    return stripVTControlCharacters(line).trim() === this.hiddenLine;
  }
  couldBecomeHidden(partial) {
    const visible = stripVTControlCharacters(partial.replace(PARTIAL_ESCAPE, "")).trimStart();
    return this.hiddenLine.startsWith(visible);
  }
};

// src/process/priority.ts
import { readdirSync as readdirSync3, readFileSync as readFileSync4 } from "node:fs";
import { getPriority, setPriority } from "node:os";
var HELD_NICE = 19;
var CAP_SYS_NICE = 23n;
var restorable;
function canRestorePriority() {
  if (restorable === void 0) {
    try {
      const status = readFileSync4("/proc/self/status", "utf8");
      const hex = /^CapEff:\s*([0-9a-f]+)$/m.exec(status)?.[1];
      restorable = hex !== void 0 && (BigInt(`0x${hex}`) >> CAP_SYS_NICE & 1n) === 1n;
    } catch {
      restorable = false;
    }
  }
  return restorable;
}
function spawnAtLowPriority(start, nice = HELD_NICE) {
  if (!canRestorePriority()) return start();
  let own;
  try {
    own = getPriority();
    setPriority(nice);
  } catch {
    return start();
  }
  try {
    return start();
  } finally {
    try {
      setPriority(own);
    } catch {
      restorable = false;
    }
  }
}
function restorePriority(pid) {
  let own;
  let tids;
  try {
    own = getPriority();
    tids = readdirSync3(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      setPriority(Number(tid), own);
    } catch {
    }
  }
}

// src/process/process-group.ts
var DEFAULT_GRACE_MS = 2e3;
var WATCH_OVERLAP = 256;
var PIPE_DRAIN_MS = 2e3;
function runInProcessGroup(options) {
  const group = startProcessGroup(options);
  group.release();
  return group.result;
}
function startProcessGroup(options) {
  const run2 = new GroupRun(options);
  return {
    get pid() {
      return run2.pid;
    },
    get exited() {
      return run2.state === "exited" /* Exited */ || run2.state === "settled" /* Settled */;
    },
    result: run2.result,
    release: () => run2.release(),
    discard: () => run2.discard()
  };
}
var GroupOutput = class {
  constructor(options) {
    this.options = options;
    this.watch = Object.entries(options.watch ?? {});
    this.log = options.logPath ? createWriteStream(options.logPath) : void 0;
    this.log?.on(
      "error",
      (error) => options.stderr.write(`quality-gates: cannot write the log ${options.logPath}: ${error.message}
`)
    );
    const hidden = options.hiddenConsoleLine;
    this.filters = hidden ? [options.stdout, options.stderr].map((target) => ({ target, filter: new ConsoleLineFilter(hidden) })) : [];
  }
  held = [];
  filters;
  watch;
  tail = "";
  live = false;
  seen = /* @__PURE__ */ new Set();
  log;
  /** Wires the child's stdout and stderr. */
  attach(child) {
    child.stdout.on("data", (chunk) => this.onData(this.options.stdout, this.filters[0]?.filter, chunk));
    child.stderr.on("data", (chunk) => this.onData(this.options.stderr, this.filters[1]?.filter, chunk));
  }
  /** Flushes what was held and streams live from now on. */
  goLive() {
    this.live = true;
    for (const { target, chunk } of this.held.splice(0)) target.write(chunk);
  }
  /** Flushes the filters' partial lines, then the log; `done` after the log is on disk. */
  end(done) {
    for (const { target, filter } of this.filters) this.show(target, filter.end());
    if (this.log) this.log.end(done);
    else done();
  }
  onData(target, filter, chunk) {
    this.show(target, filter ? filter.push(chunk) : chunk);
    this.log?.write(chunk);
    if (this.watch.length === 0) return;
    const text = this.tail + chunk.toString("utf8");
    for (const [name, pattern] of this.watch) if (pattern.test(text)) this.seen.add(name);
    this.tail = text.slice(-WATCH_OVERLAP);
  }
  show(target, chunk) {
    if (chunk.length === 0) return;
    if (this.live) target.write(chunk);
    else this.held.push({ target, chunk });
  }
};
var GroupRun = class {
  constructor(options) {
    this.options = options;
    this.result = new Promise((resolve4) => this.resolve = resolve4);
    this.grace = options.killGraceMs ?? DEFAULT_GRACE_MS;
    this.output = new GroupOutput(options);
    this.child = this.spawnChild();
    if (!this.child) return;
    this.guard = this.child.pid !== void 0 ? guardProcessGroup(this.child.pid, this.grace) : void 0;
    this.output.attach(this.child);
    this.child.on("exit", (code, signal) => this.onExit(code, signal));
    this.child.on("error", (error) => this.onError(error));
  }
  state = "held" /* Held */;
  result;
  resolve;
  output;
  grace;
  timers = [];
  child;
  guard;
  startedAt = Date.now();
  timedOut = false;
  stoppedBy;
  spawnError;
  unsubscribe;
  get pid() {
    return this.child?.pid;
  }
  /** held → running: output live, timeout clock, stop forwarding, normal priority. */
  release() {
    if (this.state !== "held" /* Held */) {
      if (this.state !== "running" /* Running */) this.output.goLive();
      return;
    }
    this.state = "running" /* Running */;
    if (this.options.lowPriority && this.pid !== void 0) restorePriority(this.pid);
    this.startedAt = Date.now();
    this.output.goLive();
    const timeoutMs = this.options.timeoutMs;
    if (timeoutMs !== void 0 && timeoutMs > 0) {
      this.timers.push(setTimeout(() => this.onTimeout(), timeoutMs));
    }
    this.unsubscribe = this.options.stopSignal?.subscribe((reason) => {
      this.stoppedBy = reason;
      this.terminate(reason.kind === "signal" ? reason.signal : "SIGTERM");
    });
  }
  /** Kills the group now, in whatever live state. */
  discard() {
    if (this.isAlive() && this.pid !== void 0) killGroup(this.pid, "SIGKILL");
  }
  isAlive() {
    return this.state === "held" /* Held */ || this.state === "running" /* Running */;
  }
  spawnChild() {
    const [program, ...args] = this.options.command;
    const { cwd, env } = this.options;
    const start = () => spawn(program, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    try {
      return this.options.lowPriority ? spawnAtLowPriority(start) : start();
    } catch (error) {
      this.spawnError = error;
      this.state = "exited" /* Exited */;
      this.settle(null, null);
      return void 0;
    }
  }
  onTimeout() {
    this.timedOut = true;
    this.terminate("SIGTERM");
  }
  terminate(signal) {
    const pid = this.pid;
    if (pid === void 0 || !this.isAlive()) return;
    killGroup(pid, signal);
    this.timers.push(setTimeout(() => this.isAlive() && killGroup(pid, "SIGKILL"), this.grace));
  }
  /** held|running → exited: stop the clocks, kill what is left of the group, drain the pipes. */
  onExit(code, signal) {
    if (!this.isAlive()) return;
    this.state = "exited" /* Exited */;
    this.cleanUp();
    if (this.pid !== void 0) killGroup(this.pid, "SIGKILL");
    const child = this.child;
    const finish = () => this.settle(code, signal);
    child.once("close", finish);
    setTimeout(() => {
      child.stdout?.destroy();
      child.stderr?.destroy();
      finish();
    }, PIPE_DRAIN_MS).unref();
  }
  onError(error) {
    this.spawnError = error;
    if (this.pid !== void 0 || !this.isAlive()) return;
    this.state = "exited" /* Exited */;
    this.cleanUp();
    this.settle(null, null);
  }
  cleanUp() {
    this.guard?.disarm();
    for (const timer of this.timers) clearTimeout(timer);
    this.unsubscribe?.();
  }
  /** exited → settled, once. */
  settle(exitCode, signal) {
    if (this.state !== "exited" /* Exited */) return;
    this.state = "settled" /* Settled */;
    const { timedOut, stoppedBy, spawnError } = this;
    const durationMs = Date.now() - this.startedAt;
    const seen = this.output.seen;
    this.output.end(
      () => this.resolve({ exitCode, signal, timedOut, stoppedBy, seen, durationMs, ...spawnError ? { spawnError } : {} })
    );
  }
};

// src/run/child-env.ts
function testProcessEnv(base, configEnv, channels) {
  const env = { ...base, ...configEnv };
  delete env.GITHUB_STEP_SUMMARY;
  env.NODE_OPTIONS = [
    env.NODE_OPTIONS?.trim(),
    "--expose-gc",
    `--require ${JSON.stringify(childFilePath("probe.cjs"))}`
  ].filter(Boolean).join(" ");
  env.QUALITY_GATES_RESULTS_FILE = channels.resultsFile;
  env.QUALITY_GATES_PROBE_DIR = channels.probeDir;
  if (channels.snapshots) addSnapshotChannel(env, channels.snapshots);
  return env;
}
function addSnapshotChannel(env, snapshots) {
  env.QUALITY_GATES_SNAPSHOT_DIR = snapshots.dir;
  env.QUALITY_GATES_MAX_SNAPSHOTS = String(snapshots.maxSnapshots);
  const given = env.NODE_OPTIONS ?? "";
  const added = [
    .../--heapsnapshot-near-heap-limit\b/.test(given) ? [] : ["--heapsnapshot-near-heap-limit=1"],
    .../--diagnostic-dir\b/.test(given) ? [] : [`--diagnostic-dir=${JSON.stringify(snapshots.dir)}`]
  ];
  env.NODE_OPTIONS = [given, ...added].filter(Boolean).join(" ");
}
function resetEnv(base, configEnv) {
  const env = { ...base, ...configEnv };
  delete env.GITHUB_STEP_SUMMARY;
  return env;
}

// src/run/launcher/item-process.ts
var OUT_OF_MEMORY = /JavaScript heap out of memory|Reached heap limit Allocation failed|ERR_WORKER_OUT_OF_MEMORY/;
function startItemProcess(tasks, context, options) {
  const files = {
    resultsFile: join10(context.workDir, "results.jsonl"),
    probeDir: join10(context.workDir, "probe"),
    gateFile: join10(context.workDir, "go")
  };
  mkdirSync2(files.probeDir, { recursive: true });
  if (context.snapshots) mkdirSync2(context.snapshots.dir, { recursive: true });
  const env = testProcessEnv(context.env, context.configEnv, {
    ...files,
    ...context.snapshots ? { snapshots: context.snapshots } : {}
  });
  const paths = tasks.flatMap((task) => task.paths);
  if (tasks.length > 1)
    env.QUALITY_GATES_MODULE_ORDER = JSON.stringify(paths.map((path) => resolve2(context.cwd, path)));
  const gateArgs = options.hold ? context.adapter.gateArgs?.(context.extraArgs) : void 0;
  if (gateArgs) env.QUALITY_GATES_GATE_FILE = files.gateFile;
  const targets = tasks.map(({ paths: taskPaths, kind }) => ({ paths: taskPaths, kind }));
  const runnerArgs = context.adapter.args({
    cwd: context.cwd,
    targets,
    extraArgs: [...gateArgs ?? [], ...context.extraArgs],
    env
  });
  const group = startProcessGroup({
    command: [process.execPath, ...runnerArgs],
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
    files,
    group,
    async run() {
      const releasedAt = Date.now();
      group.release();
      if (gateArgs) writeFileSync2(files.gateFile, "");
      return { ended: await group.result, releasedAt };
    }
  };
}

// src/run/attribution.ts
function moduleFinder(modules) {
  const folders = modules.flatMap((module) => module.paths.map((path) => ({ name: module.name, path, folder: `${trimSlashes(path)}/` }))).sort((a, b) => b.folder.length - a.folder.length);
  const known = /* @__PURE__ */ new Map();
  return (file) => {
    if (known.has(file)) return known.get(file);
    const found = folders.find(({ path, folder }) => file === path || file.startsWith(folder))?.name;
    known.set(file, found);
    return found;
  };
}
function trimSlashes(path) {
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end -= 1;
  return path.slice(0, end);
}
function peaksInWindow(timelines, from, to) {
  let heapMB = null;
  let rssMB = null;
  let treeRssMB = null;
  const take = (sample) => {
    heapMB = heapMB === null ? sample.heapMB : Math.max(heapMB, sample.heapMB);
    rssMB = rssMB === null ? sample.rssMB : Math.max(rssMB, sample.rssMB);
    if (sample.treeRssMB !== void 0)
      treeRssMB = treeRssMB === null ? sample.treeRssMB : Math.max(treeRssMB, sample.treeRssMB);
  };
  for (const timeline of timelines) {
    let before;
    for (const sample of timeline) {
      if (sample.t <= from) before = sample;
      else if (sample.t <= to) take(sample);
    }
    if (before && !before.exited) take(before);
  }
  return { heapMB, rssMB, treeRssMB };
}
function attributeProcess(modules, trace) {
  const { records } = trace;
  const find = moduleFinder(modules);
  const windows = groupBy(suiteWindows(find, trace), (window) => window.module);
  const ended = trace.endedAt;
  const running = records.runningSuite;
  const runningModule = running !== void 0 ? find(running) : void 0;
  const finished = new Set(records.suites.map((suite) => suite.file));
  const suitesOf = groupBy(records.suites, (suite) => find(suite.file));
  const starts = [...records.timings.values()].flatMap(
    (timing) => timing.startedAt !== void 0 ? [timing.startedAt] : []
  );
  const firstStart = starts.length > 0 ? Math.min(...starts) : void 0;
  const planned = records.plannedFiles;
  const plannedOf = planned ? groupBy(planned, find) : void 0;
  return modules.map((module) => {
    const own = windows.get(module.name) ?? [];
    const suites = suitesOf.get(module.name) ?? [];
    const plannedOwn = plannedOf ? plannedOf.get(module.name) ?? [] : void 0;
    const isRunning2 = runningModule === module.name;
    const complete = !isRunning2 && (plannedOwn ? plannedOwn.every((file) => finished.has(file)) : running === void 0);
    let peakHeapMB = null;
    let peakRssMB = null;
    let peakTreeRssMB = null;
    for (const window of own) {
      const peaks = peaksInWindow(trace.timelines, window.from, window.to);
      if (peaks.heapMB !== null) peakHeapMB = Math.max(peakHeapMB ?? 0, peaks.heapMB);
      if (peaks.rssMB !== null) peakRssMB = Math.max(peakRssMB ?? 0, peaks.rssMB);
      if (peaks.treeRssMB !== null) peakTreeRssMB = Math.max(peakTreeRssMB ?? 0, peaks.treeRssMB);
    }
    return {
      name: module.name,
      suites,
      ...isRunning2 ? { runningSuite: running } : {},
      complete,
      started: own.length > 0 || suites.length > 0 || isRunning2,
      durationMs: own.reduce((sum, window) => sum + Math.max(0, Math.min(window.to, ended) - window.gapFrom), 0),
      startedAt: own.length > 0 ? Math.min(...own.map((window) => window.gapFrom)) : null,
      lastStartedAt: own.length > 0 ? Math.max(...own.map((window) => window.from)) : null,
      startupMs: own.length > 0 && Math.min(...own.map((window) => window.from)) === firstStart ? Math.max(0, firstStart - trace.releasedAt) : null,
      peakHeapMB,
      peakRssMB,
      peakTreeRssMB: peakTreeRssMB !== null && peakRssMB !== null ? Math.max(peakTreeRssMB, peakRssMB) : peakTreeRssMB
    };
  });
}
function suiteWindows(find, trace) {
  const timed = [...trace.records.timings.entries()].filter((entry) => entry[1].startedAt !== void 0).sort((a, b) => a[1].startedAt - b[1].startedAt);
  const windows = [];
  let previousEnd = trace.releasedAt;
  for (const [file, timing] of timed) {
    const module = find(file);
    const to = timing.endedAt ?? trace.endedAt;
    if (module !== void 0)
      windows.push({ module, from: timing.startedAt, to, gapFrom: Math.min(previousEnd, timing.startedAt) });
    previousEnd = Math.max(previousEnd, to);
  }
  return windows;
}

// src/run/classify.ts
function reportedPeakHeapMB(verdict, memory) {
  if (!verdict.outOfMemory || memory.heapLimitMB === null) return memory.peakHeapMB;
  return Math.max(memory.peakHeapMB ?? 0, memory.heapLimitMB);
}
function classifyModule(input) {
  const { ending, memory, runningSuite } = input;
  const where = runningSuite ? ` in ${runningSuite}` : "";
  const crashed = (status, reason) => ({
    status,
    reason,
    suites: withCrashedSuite(input.suites, runningSuite, reason)
  });
  if (ending.timedOut) {
    const shares = input.timeoutShares ?? 1;
    const scope = shares > 1 ? ` (the pack's timeout: ${shares} modules \xD7 ${formatDuration((input.timeoutMs ?? 0) / shares)})` : "";
    return crashed(
      "timeout",
      `timed out after ${formatDuration(input.timeoutMs ?? 0)}${scope}${where}; the process group was killed`
    );
  }
  if (ending.lockLost) return crashed("crashed", `stopped: the lock was lost${where}; the process group was killed`);
  if (ending.interruptedBy) return crashed("crashed", `interrupted by ${ending.interruptedBy}${where}`);
  const abortSignal = ending.signal === "SIGABRT" || ending.exitCode === 134;
  if (ending.outOfMemoryInOutput || abortSignal && memory.nearHeapLimit) {
    const limit = memory.heapLimitMB !== null ? `heap limit ${Math.round(memory.heapLimitMB)} MB reached` : "heap limit reached";
    return { ...crashed("crashed", `out of memory: ${limit}${where}`), outOfMemory: true };
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
    return {
      status: "failed",
      reason: `the test process exited with code ${ending.exitCode} ${detail} (see the log)`,
      suites: input.suites
    };
  }
  return { status: "passed", suites: input.suites };
}
function withCrashedSuite(suites, runningSuite, reason) {
  if (!runningSuite) return suites;
  return [
    ...suites,
    {
      file: runningSuite,
      status: "crashed",
      durationMs: 0,
      tests: { passed: 0, failed: 0, skipped: 0, todo: 0 },
      failures: [],
      error: reason
    }
  ];
}

// src/run/launcher/pack-results.ts
function died(ended, runningSuite) {
  return ended.spawnError !== void 0 || ended.timedOut || ended.stoppedBy !== void 0 || ended.signal !== null || runningSuite !== void 0;
}
function realEnding(ended) {
  return {
    exitCode: ended.exitCode,
    signal: ended.signal,
    timedOut: ended.timedOut,
    interruptedBy: ended.stoppedBy?.kind === "signal" ? ended.stoppedBy.signal : void 0,
    lockLost: ended.stoppedBy?.kind === "lock-lost",
    outOfMemoryInOutput: ended.seen.has("outOfMemory"),
    noTestsInOutput: ended.seen.has("noTests")
  };
}
function ownEnding(suites, ended) {
  const failed = suites.some((suite) => suite.status === "failed");
  return {
    exitCode: failed ? ended.exitCode ?? 1 : 0,
    signal: null,
    timedOut: false,
    outOfMemoryInOutput: false,
    noTestsInOutput: false
  };
}
function blamedModule(shares) {
  const running = shares.find((share) => share.runningSuite !== void 0);
  if (running) return running.name;
  let last;
  for (const share of shares) {
    if (share.lastStartedAt !== null && (!last || share.lastStartedAt > last.lastStartedAt)) last = share;
  }
  return last?.name;
}
function packOutcome(input) {
  const { tasks, trace, ended } = input;
  const shares = attributeProcess(tasks, trace);
  const anySuites = trace.records.suites.length > 0;
  if (!died(ended, trace.records.runningSuite)) {
    const unexplained = !shares.some((share) => share.suites.some((suite) => suite.status === "failed"));
    const modules2 = shares.map((share, index) => {
      const whole = tasks.length === 1 || unexplained || share.suites.length === 0 && !anySuites;
      const ending = whole ? realEnding(ended) : ownEnding(share.suites, ended);
      return { name: share.name, result: moduleResult(input, tasks[index], share, ending) };
    });
    return { modules: modules2, notStarted: [], peakRssMB: input.memory.peakRssMB };
  }
  const blamed = blamedModule(shares) ?? (tasks.length === 1 ? tasks[0].name : void 0);
  const listed2 = trace.records.plannedFiles !== void 0;
  const modules = [];
  const notStarted = [];
  shares.forEach((share, index) => {
    if (share.name === blamed)
      modules.push({ name: share.name, result: moduleResult(input, tasks[index], share, realEnding(ended), true) });
    else if (listed2 && share.complete)
      modules.push({
        name: share.name,
        result: moduleResult(input, tasks[index], share, ownEnding(share.suites, ended))
      });
    else notStarted.push(share.name);
  });
  return {
    modules,
    notStarted,
    peakRssMB: input.memory.peakRssMB,
    ...blamed !== void 0 ? { diedIn: blamed } : {}
  };
}
function finishedSoFar(input, reported) {
  const planned = input.trace.records.plannedFiles;
  if (input.tasks.length < 2 || planned === void 0) return [];
  const running = { exitCode: 1, signal: null, timedOut: false, seen: /* @__PURE__ */ new Set(), durationMs: 0 };
  const shares = attributeProcess(input.tasks, input.trace);
  const full = { ...input, ended: running };
  return shares.flatMap(
    (share, index) => share.complete && share.suites.length > 0 && !reported.has(share.name) ? [{ name: share.name, result: moduleResult(full, input.tasks[index], share, ownEnding(share.suites, running)) }] : []
  );
}
function moduleResult(input, task, share, ending, diedHere = false) {
  const memory = {
    peakHeapMB: share.peakHeapMB,
    heapLimitMB: input.memory.heapLimitMB,
    peakRssMB: share.peakRssMB,
    peakTreeRssMB: share.peakTreeRssMB,
    nearHeapLimit: diedHere && input.memory.nearHeapLimit
  };
  const verdict = input.ended.spawnError ? {
    status: "crashed",
    reason: `could not start ${input.runner}: ${input.ended.spawnError.message}`,
    suites: []
  } : classifyModule({
    ending,
    suites: share.suites,
    runningSuite: share.runningSuite,
    memory,
    allowEmpty: input.allowEmpty,
    paths: task.paths,
    timeoutMs: input.timeoutMs,
    timeoutShares: input.tasks.length
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
  const crashedStatus = verdict.status !== "passed" && verdict.status !== "failed";
  return {
    name: task.name,
    status: verdict.status,
    paths: task.paths,
    tests: { total: counts.passed + counts.failed + counts.skipped + counts.todo, ...counts },
    suites: verdict.suites,
    durationMs: share.durationMs,
    startedAt: new Date(share.startedAt ?? input.trace.releasedAt).toISOString(),
    ...share.startupMs !== null ? { startupMs: share.startupMs } : {},
    peakHeapMB: reportedPeakHeapMB(verdict, memory),
    heapLimitMB: memory.heapLimitMB,
    peakRssMB: memory.peakRssMB,
    ...memory.peakTreeRssMB != null ? { peakTreeRssMB: memory.peakTreeRssMB } : {},
    exitCode: ending.exitCode,
    signal: ending.signal,
    process: input.process,
    slot: input.slot,
    ...verdict.reason ? { reason: verdict.reason } : {},
    ...share.runningSuite && crashedStatus ? { runningSuite: share.runningSuite } : {},
    ...input.logPath ? { logPath: input.logPath } : {}
  };
}

// src/run/snapshots/module-leaks.ts
import { rmdirSync } from "node:fs";

// src/run/snapshots/capture.ts
function attributeSnapshotEvents(modules, records, events) {
  const byModule = new Map(modules.map((module) => [module.name, []]));
  if (modules.length === 0) return byModule;
  const starts = [...records.timings.entries()].flatMap(([file, timing]) => timing.startedAt !== void 0 ? [{ file, at: timing.startedAt }] : []).sort((a, b) => a.at - b.at);
  const find = moduleFinder(modules);
  for (const event of events) {
    let owner = modules[0].name;
    if (modules.length > 1) {
      const started = starts.filter((start) => start.at <= event.t).at(-1);
      owner = (started && find(started.file)) ?? owner;
    }
    byModule.get(owner)?.push(event);
  }
  return byModule;
}
function capturedLeak(events) {
  const snapshots = events.flatMap((event) => event.kind !== "skipped" && event.path ? [event.path] : []);
  const climb = events.filter((event) => event.growthMB !== void 0).at(-1);
  const skipped = events.find((event) => event.kind === "skipped");
  const nearLimit = events.some((event) => event.kind === "near-heap-limit");
  const steps = climb?.steps;
  return {
    flagged: events.length > 0,
    ...climb?.series ? { across: climb.series } : nearLimit ? { across: "limit" } : {},
    growthMB: climb?.growthMB ?? null,
    ...steps !== void 0 ? { steps, perStepMB: steps > 0 ? round((climb?.growthMB ?? 0) / steps) : null } : {},
    snapshots,
    ...skipped?.reason ? { skipped: skipped.reason } : {},
    suspects: []
  };
}
function round(value) {
  return Math.round(value * 10) / 10;
}

// src/run/snapshots/events.ts
import { readdirSync as readdirSync4, readFileSync as readFileSync5, statSync as statSync3 } from "node:fs";
import { join as join11 } from "node:path";
var NEAR_LIMIT_FILE = /^Heap\.\d{8}\.\d{6}\.\d+\.\d+\.\d+\.heapsnapshot$/;
var RECORDS_FILE = /^records-\d+(?:-t\d+)?\.jsonl$/;
function readSnapshotEvents(dir) {
  let names;
  try {
    names = readdirSync4(dir);
  } catch {
    return [];
  }
  const events = [];
  for (const name of names) {
    if (RECORDS_FILE.test(name)) events.push(...parseRecords(readFileSync5(join11(dir, name), "utf8")));
    else if (NEAR_LIMIT_FILE.test(name)) {
      const stats = statSync3(join11(dir, name));
      if (stats.size > 0) events.push({ kind: "near-heap-limit", t: stats.mtimeMs, path: join11(dir, name) });
    }
  }
  return events.filter((event) => event.kind !== "snapshot" || nonEmpty(event.path)).sort((a, b) => a.t - b.t);
}
function parseRecords(text) {
  const events = [];
  for (const record of jsonLines(text)) {
    if (record.type !== "snapshot" && record.type !== "skipped" || typeof record.t !== "number") continue;
    events.push({
      kind: record.type,
      t: record.t,
      ...typeof record.path === "string" ? { path: record.path } : {},
      ...record.series === "files" || record.series === "tests" ? { series: record.series } : {},
      ...typeof record.file === "string" ? { file: record.file } : {},
      ...typeof record.growthMB === "number" ? { growthMB: record.growthMB } : {},
      ...typeof record.steps === "number" ? { steps: record.steps } : {},
      ...typeof record.reason === "string" ? { reason: record.reason } : {}
    });
  }
  return events;
}
function nonEmpty(path) {
  if (path === void 0) return false;
  try {
    return statSync3(path).size > 0;
  } catch {
    return false;
  }
}

// src/run/snapshots/module-leaks.ts
function withCapturedLeaks(outcome, modules, trace, snapshots) {
  if (!snapshots) return outcome;
  const events = readSnapshotEvents(snapshots.dir);
  if (events.length === 0) removeIfEmpty(snapshots.dir);
  const byModule = attributeSnapshotEvents(modules, trace.records, events);
  return {
    ...outcome,
    modules: outcome.modules.map(({ name, result }) => ({
      name,
      result: { ...result, leak: capturedLeak(byModule.get(name) ?? []) }
    }))
  };
}
function removeIfEmpty(dir) {
  try {
    rmdirSync(dir);
  } catch {
  }
}

// src/run/launcher/item-launcher.ts
function itemLauncher(options) {
  return {
    prepare(item, { slot, hold }) {
      const tasks = itemTasks(item, options.tasks);
      const context = itemContext(options, item, slot, hold, tasks.length);
      const { timeoutMs } = context;
      const started = startItemProcess(tasks, context, { hold });
      const { probeDir, resultsFile } = started.files;
      return {
        currentRssMB: () => currentRssMB(readProbeDir(probeDir)),
        async discard() {
          started.group.discard();
          await started.group.result;
        },
        async run(onModuleEnded) {
          const releasedAt = Date.now();
          const common = (endedAt) => ({
            tasks,
            trace: {
              records: readReporterFile(resultsFile, context.cwd),
              timelines: readTimelines(probeDir),
              releasedAt,
              endedAt
            },
            memory: memoryFigures(readProbeDir(probeDir)),
            runner: context.adapter.name,
            allowEmpty: context.allowEmpty,
            timeoutMs,
            process: item.id,
            slot,
            ...context.logPath ? { logPath: context.logPath } : {}
          });
          const stopWatching = watchPack(tasks, () => common(Date.now()), onModuleEnded, resultsFile);
          const { ended } = await started.run().finally(stopWatching);
          const input = common(releasedAt + ended.durationMs);
          const outcome = withCapturedLeaks(packOutcome({ ...input, ended }), tasks, input.trace, context.snapshots);
          return tasks.length === 1 ? wholeProcessFigures(outcome, ended.durationMs, input.memory) : outcome;
        }
      };
    }
  };
}
function itemContext(options, item, slot, hold, modules) {
  const base = options.contextFor(item, slot, hold);
  const timeoutMs = base.timeoutMs !== void 0 && base.timeoutMs > 0 ? base.timeoutMs * modules : base.timeoutMs;
  return {
    ...base,
    timeoutMs,
    env: { ...base.env, ...options.slotEnv?.(slot), QUALITY_GATES_SLOT: String(slot) }
  };
}
var LIVE_POLL_MS = 250;
function watchPack(tasks, read, onModuleEnded, resultsFile) {
  if (tasks.length < 2) return () => void 0;
  return watchFinishedModules(read, onModuleEnded, () => fileSize(resultsFile));
}
function watchFinishedModules(read, onModuleEnded, resultsSize) {
  const reported = /* @__PURE__ */ new Set();
  let seenSize = -1;
  const timer = setInterval(() => {
    try {
      const size = resultsSize();
      if (size === seenSize) return;
      seenSize = size;
      for (const { name, result } of finishedSoFar(read(), reported)) {
        reported.add(name);
        onModuleEnded(name, result);
      }
    } catch {
      clearInterval(timer);
    }
  }, LIVE_POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
function wholeProcessFigures(outcome, durationMs, memory) {
  const modules = outcome.modules.map(({ name, result }) => ({
    name,
    result: {
      ...result,
      durationMs,
      // The process's peak; an out-of-memory verdict already raised the module's to the limit.
      peakHeapMB: result.peakHeapMB !== null && memory.peakHeapMB !== null ? Math.max(result.peakHeapMB, memory.peakHeapMB) : memory.peakHeapMB ?? result.peakHeapMB,
      peakRssMB: memory.peakRssMB,
      ...memory.peakTreeRssMB != null ? { peakTreeRssMB: memory.peakTreeRssMB } : {},
      heapLimitMB: memory.heapLimitMB
    }
  }));
  return { ...outcome, modules };
}
function itemTasks(item, tasks) {
  return item.modules.map((name) => {
    const task = tasks.get(name);
    if (!task)
      throw new Error(
        `itemLauncher: work item ${item.id} names module ${JSON.stringify(name)}, which is not a planned task`
      );
    return task;
  });
}
function fileSize(path) {
  try {
    return statSync4(path).size;
  } catch {
    return -1;
  }
}

// src/run/launcher/server-launcher.ts
import { join as join13 } from "node:path";

// src/run/launcher/server-window.ts
function itemWindow(dir, from, to) {
  const timelines = readTimelines(dir).filter(
    (samples) => samples.length > 0 && samples[0].t <= to && samples[samples.length - 1].t >= from
  );
  const peaks = peaksInWindow(timelines, from, to);
  const limits = readProbeDir(dir).map((reading) => reading.heapLimit).filter((limit) => limit > 0);
  const heapLimitMB = limits.length > 0 ? toMB(Math.min(...limits)) : null;
  return {
    timelines,
    memory: {
      peakHeapMB: peaks.heapMB,
      heapLimitMB,
      peakRssMB: peaks.rssMB,
      peakTreeRssMB: peaks.treeRssMB !== null && peaks.rssMB !== null ? Math.max(peaks.treeRssMB, peaks.rssMB) : peaks.treeRssMB,
      nearHeapLimit: heapLimitMB !== null && peaks.heapMB !== null && peaks.heapMB >= heapLimitMB * 0.9
    }
  };
}
function serverRssMB(dir, pid) {
  if (pid === void 0) return null;
  const reading = readProbeDir(dir).find((candidate) => candidate.pid === pid);
  if (!reading) return null;
  return toMB(reading.treeRss ?? reading.rss ?? reading.peakRss);
}

// src/run/launcher/slot-server.ts
import { randomBytes } from "node:crypto";
import { createWriteStream as createWriteStream2, mkdirSync as mkdirSync3, renameSync, writeFileSync as writeFileSync3 } from "node:fs";
import { join as join12 } from "node:path";
import { Writable as Writable2 } from "node:stream";
import { StringDecoder as StringDecoder2 } from "node:string_decoder";
var MARKER_MAX = 256;
var WATCH_OVERLAP2 = 256;
var DEFAULT_GRACE_MS2 = 2e3;
var CLOSE_MS = 3e4;
var SlotServer = class {
  constructor(options) {
    this.options = options;
    this.commandDir = join12(options.dir, "commands");
    this.probeDir = join12(options.dir, "probe");
    mkdirSync3(this.commandDir, { recursive: true });
    mkdirSync3(this.probeDir, { recursive: true });
  }
  probeDir;
  commandDir;
  token = randomBytes(8).toString("hex");
  decoders = [new StringDecoder2("utf8"), new StringDecoder2("utf8")];
  pending = ["", ""];
  group;
  result;
  current;
  count = 0;
  /** Whether the next item can run here: not started yet, or started and still alive. */
  get usable() {
    return this.result === void 0 && !(this.group?.exited ?? false);
  }
  /** The server's process id once started. */
  get pid() {
    return this.group?.pid;
  }
  /** Runs one item (starting the server first if it is not up); resolves when the item ended. */
  run(item) {
    if (this.current) throw new Error(`SlotServer: item ${this.current.n} is still running`);
    if (!this.usable) return Promise.resolve(this.gone(item));
    return new Promise((resolve4) => {
      const n = ++this.count;
      const current = {
        n,
        item,
        ...item.logPath ? { log: this.openLog(item.logPath, item.stderr) } : {},
        startedAt: Date.now(),
        marked: 0,
        exitCode: 0,
        timedOut: false,
        timers: [],
        seen: /* @__PURE__ */ new Set(),
        tail: "",
        resolve: resolve4
      };
      this.current = current;
      if (item.timeoutMs !== void 0 && item.timeoutMs > 0)
        current.timers.push(setTimeout(() => this.onTimeout(current), item.timeoutMs));
      this.group ??= this.start();
      const path = join12(this.commandDir, `run-${n}.json`);
      writeFileSync3(`${path}.tmp`, JSON.stringify({ filters: item.filters, resultsFile: item.resultsFile }));
      renameSync(`${path}.tmp`, path);
    });
  }
  /** Closes vitest (its globalTeardown runs) and waits for the server to exit; kills it if it takes too long. */
  async close() {
    const group = this.group;
    if (!group || !this.usable) {
      if (group) await group.result;
      return;
    }
    writeFileSync3(join12(this.commandDir, "close.json"), "{}");
    const timer = setTimeout(() => group.discard(), CLOSE_MS);
    await group.result;
    clearTimeout(timer);
  }
  start() {
    const sink = (stream) => new Writable2({
      write: (chunk, _encoding, done) => {
        this.onData(stream, typeof chunk === "string" ? Buffer.from(chunk) : chunk);
        done();
      }
    });
    const group = startProcessGroup({
      command: this.options.command(this.token, this.commandDir),
      cwd: this.options.cwd,
      env: this.options.env,
      stdout: sink(0),
      stderr: sink(1),
      stopSignal: this.options.stopSignal,
      killGraceMs: this.options.killGraceMs
    });
    group.release();
    void group.result.then((result) => this.onExit(result));
    return group;
  }
  onData(stream, chunk) {
    let text = this.pending[stream] + this.decoders[stream].write(chunk);
    this.pending[stream] = "";
    for (; ; ) {
      const at = text.indexOf("");
      if (at < 0) {
        this.emit(stream, text);
        return;
      }
      this.emit(stream, text.slice(0, at));
      const rest = text.slice(at);
      const newline = rest.indexOf("\n");
      if (newline < 0) {
        if (rest.length > MARKER_MAX) this.emit(stream, rest);
        else this.pending[stream] = rest;
        return;
      }
      const line = rest.slice(1, newline);
      if (line.startsWith(`${this.token} `)) this.onMarker(stream, line.slice(this.token.length + 1));
      else this.emit(stream, rest.slice(0, newline + 1));
      text = rest.slice(newline + 1);
    }
  }
  /** Output of the item in flight goes to its streams, its log and its watch; between items to `idle`. */
  emit(stream, text) {
    if (text.length === 0) return;
    const current = this.current;
    if (!current) {
      (stream === 0 ? this.options.idle.stdout : this.options.idle.stderr).write(text);
      return;
    }
    (stream === 0 ? current.item.stdout : current.item.stderr).write(text);
    current.log?.write(text);
    const watched = current.tail + text;
    for (const [name, pattern] of Object.entries(current.item.watch)) if (pattern.test(watched)) current.seen.add(name);
    current.tail = watched.slice(-WATCH_OVERLAP2);
  }
  onMarker(stream, json) {
    const current = this.current;
    let marker;
    try {
      marker = JSON.parse(json);
    } catch {
      return;
    }
    if (!current || marker.n !== current.n) return;
    current.marked |= 1 << stream;
    if (typeof marker.exitCode === "number") current.exitCode = marker.exitCode;
    if (current.marked === 3)
      this.finish(current, {
        exitCode: current.exitCode,
        signal: null,
        timedOut: current.timedOut,
        seen: current.seen,
        durationMs: Date.now() - current.startedAt
      });
  }
  onTimeout(current) {
    const pid = this.group?.pid;
    if (this.current !== current || pid === void 0) return;
    current.timedOut = true;
    killGroup(pid, "SIGTERM");
    current.timers.push(setTimeout(() => this.group?.discard(), this.options.killGraceMs ?? DEFAULT_GRACE_MS2));
  }
  /** The server exited: the item in flight ends as its process would have (exit code, signal, stop, timeout). */
  onExit(result) {
    this.result = result;
    for (const stream of [0, 1]) {
      const rest = this.pending[stream] + this.decoders[stream].end();
      this.pending[stream] = "";
      this.emit(stream, rest);
    }
    const current = this.current;
    if (!current) return;
    this.finish(current, {
      exitCode: result.exitCode,
      signal: result.signal,
      timedOut: current.timedOut || result.timedOut,
      ...result.stoppedBy ? { stoppedBy: result.stoppedBy } : {},
      seen: current.seen,
      durationMs: Date.now() - current.startedAt,
      ...result.spawnError ? { spawnError: result.spawnError } : {}
    });
  }
  finish(current, ended) {
    if (this.current !== current) return;
    this.current = void 0;
    for (const timer of current.timers) clearTimeout(timer);
    if (current.log) current.log.end(() => current.resolve(ended));
    else current.resolve(ended);
  }
  /** What an item gets from a server that already exited (the caller starts a new one instead). */
  gone(item) {
    item.stderr.write("quality-gates: the vitest server of this slot has exited\n");
    return {
      exitCode: null,
      signal: null,
      timedOut: false,
      seen: /* @__PURE__ */ new Set(),
      durationMs: 0,
      spawnError: new Error("the vitest server of this slot had exited")
    };
  }
  openLog(path, stderr) {
    const log = createWriteStream2(path);
    log.on("error", (error) => stderr.write(`quality-gates: cannot write the log ${path}: ${error.message}
`));
    return log;
  }
};

// src/run/launcher/server-launcher.ts
function serverLauncher(options) {
  const servers = /* @__PURE__ */ new Map();
  let started = 0;
  const serverFor = (slot, context) => {
    const existing = servers.get(slot);
    if (existing?.usable) return existing;
    const dir = join13(options.dir, `slot${slot}-${++started}`);
    const server = new SlotServer({
      command: (token, commandDir) => [
        process.execPath,
        childFilePath("vitest-server.mjs"),
        options.vitestEntry,
        token,
        commandDir,
        ...vitestFlags(context.extraArgs)
      ],
      cwd: context.cwd,
      env: {
        ...testProcessEnv(context.env, context.configEnv, {
          resultsFile: join13(dir, "outside-items.jsonl"),
          probeDir: join13(dir, "probe")
        }),
        QUALITY_GATES_RESULTS_POINTER: join13(dir, "results-file")
      },
      dir,
      idle: options.idle,
      stopSignal: context.stopSignal
    });
    servers.set(slot, server);
    return server;
  };
  return {
    prepare(item, { slot }) {
      const tasks = itemTasks(item, options.tasks);
      const context = itemContext(options, item, slot, false, tasks.length);
      let server;
      return {
        currentRssMB: () => server ? serverRssMB(server.probeDir, server.pid) : null,
        discard: () => Promise.resolve(),
        run: (onModuleEnded) => {
          server = serverFor(slot, context);
          return runOnServer(server, tasks, context, { process: item.id, slot }, onModuleEnded);
        }
      };
    },
    async close() {
      await Promise.all([...servers.values()].map((server) => server.close()));
    },
    longLivedProcesses: () => started
  };
}
async function runOnServer(server, tasks, context, where, onModuleEnded) {
  const resultsFile = join13(context.workDir, "results.jsonl");
  const releasedAt = Date.now();
  const input = (endedAt) => {
    const window = itemWindow(server.probeDir, releasedAt, endedAt);
    return {
      tasks,
      trace: { records: readReporterFile(resultsFile, context.cwd), timelines: window.timelines, releasedAt, endedAt },
      memory: window.memory,
      runner: "vitest",
      allowEmpty: context.allowEmpty,
      ...context.timeoutMs !== void 0 ? { timeoutMs: context.timeoutMs } : {},
      ...where,
      ...context.logPath ? { logPath: context.logPath } : {}
    };
  };
  const stopWatching = watchPack(tasks, () => input(Date.now()), onModuleEnded, resultsFile);
  const ended = await server.run({
    filters: vitestFilters(
      context.cwd,
      tasks.map(({ paths, kind }) => ({ paths, kind }))
    ),
    resultsFile,
    stdout: context.stdout,
    stderr: context.stderr,
    ...context.logPath ? { logPath: context.logPath } : {},
    ...context.timeoutMs !== void 0 ? { timeoutMs: context.timeoutMs } : {},
    watch: { outOfMemory: OUT_OF_MEMORY, noTests: vitestAdapter.noTestsPattern }
  }).finally(stopWatching);
  const final = input(releasedAt + ended.durationMs);
  const outcome = packOutcome({ ...final, ended });
  return tasks.length === 1 ? wholeProcessFigures(outcome, ended.durationMs, final.memory) : outcome;
}

// src/run/schedule/order.ts
function orderItems(items) {
  const rates = items.filter((item) => item.predictedDurationMs !== null && item.suiteCount !== null && item.suiteCount > 0).map((item) => item.predictedDurationMs / item.suiteCount);
  const msPerSuite = median(rates);
  const key = (item) => {
    if (item.predictedDurationMs !== null) return item.predictedDurationMs;
    if (item.suiteCount !== null && msPerSuite !== void 0) return item.suiteCount * msPerSuite;
    return Number.POSITIVE_INFINITY;
  };
  return [...items].sort(
    (a, b) => key(b) - key(a) || (b.suiteCount ?? Number.POSITIVE_INFINITY) - (a.suiteCount ?? Number.POSITIVE_INFINITY) || compareNames(a.modules[0] ?? a.id, b.modules[0] ?? b.id) || compareNames(a.id, b.id)
  );
}

// src/run/schedule/slots.ts
function autoSlots(input) {
  const cores = Math.max(1, Math.floor(input.cores));
  const byMemory = input.largestItemRssMB > 0 ? Math.floor(input.memoryBudgetMB / input.largestItemRssMB) : Number.POSITIVE_INFINITY;
  const slots = Math.max(1, Math.min(cores, byMemory, Math.max(1, input.items)));
  const memory = Number.isFinite(byMemory) ? `${mb(input.memoryBudgetMB)} memory budget / ${mb(input.largestItemRssMB)} largest item = ${byMemory}` : "no item size known";
  return {
    slots,
    reason: `slots auto: ${slots} (${cores} ${cores === 1 ? "core" : "cores"}, ${memory}, ${input.items} ${input.items === 1 ? "item" : "items"})`
  };
}
function unknownItemRssMB(items, memoryBudget, slots) {
  const known = largestPredictedRssMB(items);
  return known ?? memoryBudget / Math.max(1, slots);
}
function largestPredictedRssMB(items) {
  const known = items.map((item) => item.predictedPeakRssMB).filter((rss) => rss !== null);
  return known.length > 0 ? Math.max(...known) : null;
}
function mb(value) {
  return value >= 1024 ? `${(value / 1024).toFixed(1)} GB` : `${Math.round(value)} MB`;
}

// src/run/schedule/states.ts
var ITEM_TRANSITIONS = {
  queued: ["held", "running", "not-run"],
  held: ["running", "discarding"],
  discarding: ["queued", "not-run"],
  running: ["done"],
  done: [],
  "not-run": []
};
var SLOT_TRANSITIONS = {
  free: ["running", "closed"],
  running: ["free", "waiting", "running"],
  waiting: ["running", "free", "closed"],
  closed: []
};
function transition(subject, to, allowed, what) {
  if (!allowed[subject.state].includes(to))
    throw new Error(`scheduler bug: ${what} cannot go from ${subject.state} to ${to}`);
  subject.state = to;
}

// src/run/schedule/scheduler.ts
var DEFAULT_HELD_BOOT_RSS_MB = 150;
var DEFAULT_POLL_MS = 100;
var Scheduler = class {
  options;
  entries = [];
  slots;
  results = /* @__PURE__ */ new Map();
  finished = [];
  heldBootRssMB;
  earlyStart;
  /**
   * What the run is known to need at its peak: the largest item's predicted peak (it runs at
   * some point), the highest sum of known predicted peaks of items running together, or the
   * highest peak RSS a finished process measured. A held
   * start never takes the run above it, so early start never raises the run's peak.
   */
  knownPeakMB = 0;
  holds = 0;
  stopReason;
  failure;
  pumping = false;
  pumpAgain = false;
  stopTicker;
  settle;
  constructor(options) {
    if (!Number.isInteger(options.slots) || options.slots < 1)
      throw new RangeError(`Scheduler: slots must be a whole number \u2265 1, got ${options.slots}`);
    this.options = options;
    this.heldBootRssMB = options.heldBootRssMB ?? DEFAULT_HELD_BOOT_RSS_MB;
    this.earlyStart = options.earlyStart;
    this.slots = Array.from({ length: options.slots }, (_, index) => ({
      number: index + 1,
      state: "free"
    }));
    this.knownPeakMB = largestPredictedRssMB(options.items) ?? 0;
    (options.order === "as-given" ? [...options.items] : orderItems(options.items)).forEach(
      (item, rank) => this.entries.push({ item, state: "queued", rank, origin: "plan", early: false, reported: /* @__PURE__ */ new Set() })
    );
  }
  /** Runs every item; resolves when every process has ended, or rejects after they ended if the launcher failed. */
  run() {
    if (this.settle) throw new Error("Scheduler.run() may be called once");
    const done = new Promise((resolve4, reject) => this.settle = { resolve: resolve4, reject });
    const ticker = this.options.ticker ?? intervalTicker;
    this.stopTicker = ticker.every(this.options.pollMs ?? DEFAULT_POLL_MS, () => this.pump());
    this.pump();
    return done;
  }
  /**
   * Stops launching: held processes are discarded, items not started are not run (with
   * `reason`), running items end as their processes end (the launcher kills them; the
   * modules they never reached are not run either).
   */
  stop(reason) {
    if (this.stopReason !== void 0) return;
    this.stopReason = reason;
    this.pump();
  }
  /** The state of each item (for progress and tests). */
  itemStates() {
    return this.entries.map((entry) => ({
      id: entry.item.id,
      state: entry.state,
      ...entry.slot !== void 0 ? { slot: entry.slot } : {}
    }));
  }
  /** The state of each slot. */
  slotStates() {
    return this.slots.map((slot) => ({
      slot: slot.number,
      state: slot.state,
      ...slot.running ? { running: slot.running.item.id } : {},
      ...slot.held ? { held: slot.held.item.id } : {}
    }));
  }
  /**
   * Whether a re-entrant pump() asked for another round. Read through a method: decide() sets
   * the flag behind TypeScript's back, which would keep it narrowed to the `false` just assigned.
   */
  pumpAsked() {
    return this.pumpAgain;
  }
  /** Takes every decision the current state allows; re-entrant calls run once more after. */
  pump() {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        try {
          this.decide();
        } catch (error) {
          this.fail(error);
        }
      } while (this.pumpAsked());
    } finally {
      this.pumping = false;
    }
    this.settleIfDone();
  }
  decide() {
    if (this.stopReason !== void 0) {
      this.drain();
      return;
    }
    this.startWaiting();
    this.startFree();
    if (this.earlyStart) {
      this.trimHolds();
      this.holdNext();
    }
  }
  /** A slot whose item ended starts its held item as soon as memory allows. */
  startWaiting() {
    for (const slot of this.slots) {
      const held = slot.held;
      if (slot.state !== "waiting" || !held) continue;
      if (this.running().length === 0 || this.committedMB() - this.heldCostMB(held) + this.predictedRssMB(held) <= this.options.memoryBudgetMB) {
        this.runEntry(held, slot);
      }
    }
  }
  /** Free slots, lowest first, take the first queued item that fits the memory budget. */
  startFree() {
    for (const slot of this.slots) {
      if (slot.state !== "free") continue;
      const idle = this.running().length === 0 && !this.slots.some((other) => other.state === "waiting");
      const next = idle ? this.queue()[0] : this.queue().find((entry) => this.committedMB() + this.predictedRssMB(entry) <= this.options.memoryBudgetMB);
      if (!next) return;
      next.handle = this.options.launcher.prepare(next.item, { slot: slot.number, hold: false });
      this.runEntry(next, slot);
    }
  }
  /**
   * Early start: a running slot with nothing held boots the first queued item that will
   * fit the budget once the slot's own item has ended, when what runs now (measured) plus
   * a held process stays within the budget and within what the run is known to need at
   * its peak (so the first item of a run without history never overlaps anything).
   */
  holdNext() {
    for (const slot of this.slots) {
      if (slot.state !== "running" || slot.held || !slot.running) continue;
      const afterSlot = this.committedMB() - this.runningCostMB(slot.running);
      const next = this.queue().find((entry) => afterSlot + this.predictedRssMB(entry) <= this.options.memoryBudgetMB);
      if (!next) continue;
      if (this.currentMB() + this.heldBootRssMB > this.holdCeilingMB()) return;
      try {
        next.handle = this.options.launcher.prepare(next.item, { slot: slot.number, hold: true });
      } catch {
        this.earlyStart = false;
        return;
      }
      transition(next, "held", ITEM_TRANSITIONS, `item ${next.item.id}`);
      next.slot = slot.number;
      next.heldSeq = ++this.holds;
      slot.held = next;
      this.options.events?.itemHeld?.({ item: next.item, slot: slot.number });
    }
  }
  /** Running items grew: discard held processes (newest first) until what runs fits again. */
  trimHolds() {
    const held = this.slots.filter((slot) => slot.state === "running" && slot.held).sort((a, b) => b.held.heldSeq - a.held.heldSeq);
    for (const slot of held) {
      if (this.currentMB() <= this.holdCeilingMB()) return;
      this.discard(slot, "the running items need the memory");
    }
  }
  holdCeilingMB() {
    return Math.min(this.options.memoryBudgetMB, this.knownPeakMB);
  }
  /** Kills a slot's held process; the item goes back to the queue (or is not run, after a stop). */
  discard(slot, why) {
    const entry = slot.held;
    transition(entry, "discarding", ITEM_TRANSITIONS, `item ${entry.item.id}`);
    slot.held = void 0;
    if (slot.state === "waiting") transition(slot, "free", SLOT_TRANSITIONS, `slot ${slot.number}`);
    this.options.events?.itemDiscarded?.({ item: entry.item, slot: slot.number, why });
    const gone = () => {
      entry.handle = void 0;
      entry.slot = void 0;
      if (this.stopReason !== void 0) this.notRun(entry, this.stopReason);
      else transition(entry, "queued", ITEM_TRANSITIONS, `item ${entry.item.id}`);
      this.pump();
    };
    promised(() => entry.handle.discard()).then(gone, (error) => {
      this.fail(error);
      gone();
    });
  }
  runEntry(entry, slot) {
    const early = entry.state === "held";
    if (early) {
      const boot = entry.handle.currentRssMB();
      if (boot !== null && boot > 0) this.heldBootRssMB = boot;
      slot.held = void 0;
    }
    transition(entry, "running", ITEM_TRANSITIONS, `item ${entry.item.id}`);
    transition(slot, "running", SLOT_TRANSITIONS, `slot ${slot.number}`);
    entry.slot = slot.number;
    entry.early = early;
    entry.startedAt = Date.now();
    slot.running = entry;
    this.knownPeakMB = Math.max(
      this.knownPeakMB,
      this.sumMB(this.running(), (running) => running.item.predictedPeakRssMB ?? 0)
    );
    promised(
      () => entry.handle.run((module, result) => {
        if (entry.state === "running") this.moduleEnded(entry, module, result);
      })
    ).then(
      (outcome) => this.itemEnded(entry, slot, outcome),
      (error) => this.itemFailed(entry, slot, error)
    ).catch((error) => this.fail(error));
    this.options.events?.itemStarted?.({ item: entry.item, slot: slot.number, early });
  }
  /** The launcher broke (a bug, not a dead process): stop, and say which modules have no result. */
  itemFailed(entry, slot, error) {
    this.fail(error);
    transition(entry, "done", ITEM_TRANSITIONS, `item ${entry.item.id}`);
    slot.running = void 0;
    transition(slot, slot.held ? "waiting" : "free", SLOT_TRANSITIONS, `slot ${slot.number}`);
    for (const module of entry.item.modules) {
      if (!this.results.has(module))
        this.results.set(module, { kind: "not-run", module, reason: this.stopReason, item: entry.item });
    }
    this.pump();
  }
  moduleEnded(entry, module, result) {
    if (!entry.item.modules.includes(module)) return;
    this.results.set(module, { kind: "ran", module, result, item: entry.item, slot: entry.slot });
    if (!entry.reported.has(module)) {
      entry.reported.add(module);
      this.options.events?.moduleEnded?.({ module, result, item: entry.item, slot: entry.slot });
    }
  }
  itemEnded(entry, slot, reported) {
    transition(entry, "done", ITEM_TRANSITIONS, `item ${entry.item.id}`);
    slot.running = void 0;
    transition(slot, slot.held ? "waiting" : "free", SLOT_TRANSITIONS, `slot ${slot.number}`);
    const outcome = completeOutcome(entry.item, reported);
    if (outcome.peakRssMB != null) this.knownPeakMB = Math.max(this.knownPeakMB, outcome.peakRssMB);
    for (const { name, result } of outcome.modules) this.moduleEnded(entry, name, result);
    this.finished.push({ item: entry.item, slot: slot.number, early: entry.early, outcome });
    this.afterCrash(entry, outcome);
    this.options.events?.itemEnded?.({ item: entry.item, slot: slot.number, outcome });
    this.replan(this.finished[this.finished.length - 1]);
    this.pump();
  }
  /** Offers the queued planned items to the re-plan; adopts what it returns (see SchedulerOptions.replan). */
  replan(ended) {
    if (!this.options.replan || this.stopReason !== void 0) return;
    const queued = this.queue().filter((entry) => entry.origin === "plan");
    if (queued.length === 0) return;
    const replaced = queued.map((entry) => entry.item);
    const running = this.running().map((entry) => ({
      item: entry.item,
      slot: entry.slot,
      startedAt: entry.startedAt ?? Date.now()
    }));
    const items = this.options.replan({ ended, finished: [...this.finished], queued: replaced, running });
    if (items === void 0) return;
    checkReplan(replaced, items, new Set(this.entries.map((entry) => entry.item.id)));
    for (const entry of queued) this.entries.splice(this.entries.indexOf(entry), 1);
    const after = Math.max(...this.entries.map((entry) => entry.rank), ...queued.map((entry) => entry.rank)) + 1;
    (this.options.order === "as-given" ? [...items] : orderItems(items)).forEach(
      (item, index) => this.entries.push({
        item,
        state: "queued",
        rank: after + index,
        origin: "plan",
        early: false,
        reported: /* @__PURE__ */ new Set()
      })
    );
    this.knownPeakMB = Math.max(this.knownPeakMB, largestPredictedRssMB(items) ?? 0);
    this.options.events?.replanned?.({ after: ended.item, replaced, items });
  }
  /** The modules an item's process never reached: each alone again, or not run after a stop. */
  afterCrash(entry, outcome) {
    if (outcome.notStarted.length === 0) return;
    if (this.stopReason !== void 0 || entry.item.modules.length === 1) {
      const reason = this.stopReason ?? `not run: its process (${entry.item.id}) ended before it started`;
      for (const module of outcome.notStarted)
        this.results.set(module, { kind: "not-run", module, reason, item: entry.item });
      return;
    }
    const rerun = this.options.rerunItem ?? defaultRerunItem;
    const items = orderItems(outcome.notStarted.map((module) => rerun(module, entry.item, outcome.diedIn)));
    const first = Math.min(0, ...this.entries.map((other) => other.rank)) - items.length - 1;
    items.forEach(
      (item, index) => this.entries.push({
        item,
        state: "queued",
        rank: first + index,
        origin: "rerun",
        early: false,
        reported: /* @__PURE__ */ new Set()
      })
    );
  }
  /** After a stop: nothing queued will run, held processes are discarded. */
  drain() {
    for (const entry of this.queue()) this.notRun(entry, this.stopReason);
    for (const slot of this.slots) if (slot.held) this.discard(slot, "the run is stopping");
  }
  notRun(entry, reason) {
    transition(entry, "not-run", ITEM_TRANSITIONS, `item ${entry.item.id}`);
    for (const module of entry.item.modules)
      this.results.set(module, { kind: "not-run", module, reason, item: entry.item });
  }
  fail(error) {
    this.failure ??= { error };
    this.stop(
      `not run: the scheduler stopped on an internal error (${error instanceof Error ? error.message : String(error)})`
    );
  }
  settleIfDone() {
    if (!this.settle || this.pumping) return;
    if (!this.entries.every((entry) => entry.state === "done" || entry.state === "not-run")) return;
    this.stopTicker?.();
    this.stopTicker = void 0;
    for (const slot of this.slots)
      if (slot.state !== "closed") transition(slot, "closed", SLOT_TRANSITIONS, `slot ${slot.number}`);
    const { resolve: resolve4, reject } = this.settle;
    if (this.failure) reject(this.failure.error);
    else
      resolve4({
        modules: this.results,
        items: this.finished,
        ...this.stopReason !== void 0 ? { stopReason: this.stopReason } : {}
      });
  }
  queue() {
    return this.entries.filter((entry) => entry.state === "queued").sort((a, b) => a.rank - b.rank);
  }
  running() {
    return this.entries.filter((entry) => entry.state === "running");
  }
  predictedRssMB(entry) {
    return entry.item.predictedPeakRssMB ?? this.options.unknownRssMB;
  }
  /** A running item counts at its predicted peak, or at what it measures when it grew past it. */
  runningCostMB(entry) {
    return Math.max(this.predictedRssMB(entry), entry.handle?.currentRssMB() ?? 0);
  }
  heldCostMB(entry) {
    return entry.handle?.currentRssMB() ?? this.heldBootRssMB;
  }
  /** Memory promised: running items at their predicted peaks, held processes as they are. */
  committedMB() {
    return this.sumMB(this.running(), (entry) => this.runningCostMB(entry)) + this.sumMB(this.heldEntries(), (entry) => this.heldCostMB(entry));
  }
  /** Memory in use now (measured where the probe has sampled), for early-start decisions. */
  currentMB() {
    const running = this.sumMB(this.running(), (entry) => entry.handle?.currentRssMB() ?? this.predictedRssMB(entry));
    return running + this.sumMB(this.heldEntries(), (entry) => this.heldCostMB(entry));
  }
  heldEntries() {
    return this.entries.filter((entry) => entry.state === "held" || entry.state === "discarding");
  }
  sumMB(entries, cost) {
    return entries.reduce((sum, entry) => sum + cost(entry), 0);
  }
};
function checkReplan(replaced, items, usedIds) {
  const before = replaced.flatMap((item) => item.modules).sort();
  const after = items.flatMap((item) => item.modules).sort();
  if (before.length !== after.length || before.some((module, index) => module !== after[index]))
    throw new Error(
      `a re-plan must hold exactly the queued modules (${String(before.length)}), got ${String(after.length)}: refused`
    );
  const ids = items.map((item) => item.id);
  const clash = ids.find((id, index) => usedIds.has(id) || ids.indexOf(id) !== index);
  if (clash !== void 0) throw new Error(`a re-plan reused the work item id ${clash}: refused`);
  if (items.some((item) => item.modules.length === 0)) throw new Error("a re-plan made an empty work item: refused");
}
function completeOutcome(item, outcome) {
  const modules = outcome.modules.filter((module) => item.modules.includes(module.name));
  const ran = new Set(modules.map((module) => module.name));
  const notStarted = item.modules.filter((module) => !ran.has(module));
  return {
    modules,
    notStarted,
    ...outcome.diedIn !== void 0 ? { diedIn: outcome.diedIn } : {},
    ...outcome.peakRssMB !== void 0 ? { peakRssMB: outcome.peakRssMB } : {}
  };
}
function defaultRerunItem(module, parent, diedIn) {
  return {
    id: `${parent.id}/${module}`,
    modules: [module],
    predictedPeakHeapMB: parent.predictedPeakHeapMB,
    predictedPeakRssMB: parent.predictedPeakRssMB,
    predictedDurationMs: null,
    suiteCount: null,
    reason: `re-run alone: the process of ${parent.id} died${diedIn !== void 0 ? ` in ${diedIn}` : ""} before it started`
  };
}
function promised(start) {
  return new Promise((resolve4) => {
    resolve4(start());
  });
}
var intervalTicker = {
  every(ms, tick) {
    const timer = setInterval(tick, ms);
    timer.unref();
    return () => clearInterval(timer);
  }
};

// src/run/item-output.ts
import { Writable as Writable3 } from "node:stream";
var OutputBlock = class extends Writable3 {
  chunks = [];
  _write(chunk, encoding, callback) {
    this.chunks.push(typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk);
    callback();
  }
  /** Everything written so far. */
  text() {
    return Buffer.concat(this.chunks).toString("utf8");
  }
};
function printBlock(say, block) {
  const output = block.output === "" || block.output.endsWith("\n") ? block.output : `${block.output}
`;
  const lines = [...block.group ? [`::group::${block.title}`] : [], ...block.head].map((line) => `${line}
`).join("");
  say(`${lines}${output}${block.group ? "::endgroup::\n" : ""}`);
}

// src/run/schedule-output.ts
var ScheduleOutput = class {
  options;
  blocks = /* @__PURE__ */ new Map();
  numbers = /* @__PURE__ */ new Map();
  constructor(options) {
    this.options = options;
  }
  /** The streams an item's process writes to: the run's own, or a fresh block per start. */
  streamsFor(item) {
    if (!this.options.parallel) return { stdout: this.options.stdout, stderr: this.options.stderr };
    const block = new OutputBlock();
    this.blocks.set(item.id, block);
    return { stdout: block, stderr: block };
  }
  /** The scheduler events this output listens to (itemEnded is called by the batch, see runSchedule). */
  events() {
    return {
      itemStarted: ({ item, slot }) => this.itemStarted(item, slot),
      itemDiscarded: ({ item }) => this.blocks.delete(item.id)
    };
  }
  itemStarted(item, slot) {
    for (const module of item.modules) if (!this.numbers.has(module)) this.numbers.set(module, this.numbers.size);
    const title = this.title(item);
    if (this.options.parallel) {
      this.say(`${title}: started on slot ${slot} (${this.command(item)})`);
      return;
    }
    if (this.options.group) this.say(`::group::${title}`);
    this.say(`${title}: ${this.command(item)}`);
  }
  itemEnded({ item, slot, outcome }) {
    const title = this.title(item);
    if (this.options.parallel) {
      const output = this.blocks.get(item.id)?.text() ?? "";
      this.blocks.delete(item.id);
      printBlock((text) => this.options.stdout.write(text), {
        title: `${title} (slot ${slot})`,
        head: [`${title}: ${this.command(item)}`],
        output,
        group: this.options.group
      });
    } else if (this.options.group) {
      this.say("::endgroup::");
    }
    for (const { name, result } of outcome.modules)
      this.say(moduleEndLine(this.numbers.get(name) ?? 0, this.options.total, result));
  }
  /** The queue was packed again with what the ended processes measured. */
  replanned({
    after,
    replaced,
    items
  }) {
    const modules = items.reduce((sum, item) => sum + item.modules.length, 0);
    const processes = (count) => `${String(count)} ${count === 1 ? "process" : "processes"}`;
    this.say(
      `Re-planned when ${after.id} ended: the ${String(modules)} queued modules go in ${processes(items.length)}, not ${String(replaced.length)} (${listed(
        items.map((item) => `${item.id}: ${String(item.modules.length)}`),
        ", ",
        "items"
      )})`
    );
  }
  /** `[3/12] billing`, or `[3/12] w2: billing, orders` for a pack. */
  title(item) {
    const first = item.modules[0];
    const prefix = progressPrefix(this.numbers.get(first) ?? 0, this.options.total, first);
    const title = item.modules.length === 1 ? prefix : `${prefix.replace(/ .*$/, "")} ${item.id} (${String(item.modules.length)} modules): ${listed(item.modules, ", ", "modules")}`;
    return title.replace(/[\r\n]+/g, " ");
  }
  command(item) {
    const paths = item.modules.flatMap((module) => this.options.paths?.(module) ?? [module]);
    return `${this.options.adapter.name} ${listed(paths, " ", "paths")}`.replace(/[\r\n]+/g, " ");
  }
  say(line) {
    this.options.stdout.write(`${line}
`);
  }
};
var LISTED = 10;
function listed(names, separator, what) {
  if (names.length <= LISTED) return names.join(separator);
  return `${names.slice(0, LISTED).join(separator)}${separator}\u2026 and ${String(names.length - LISTED)} more ${what}`;
}

// src/run/schedule/work-items.ts
var SAFE_HEAP_SHARE = 0.7;
function defaultHeapBudgetMB(estimates2, heapLimitMB, heapShare = SAFE_HEAP_SHARE) {
  const peaks = [...estimates2.values()].filter((estimate) => estimate.lastStatus === "passed" || estimate.lastStatus === "failed").map((estimate) => estimate.peakHeapMB).filter((peak) => peak !== null);
  if (peaks.length === 0) return null;
  const biggest = Math.max(...peaks);
  return heapLimitMB !== null && heapLimitMB > 0 ? Math.min(biggest, heapLimitMB * heapShare) : biggest;
}
function packOrder(members) {
  return [...members].sort(
    (a, b) => b.peakHeapMB - b.retainedHeapMB - (a.peakHeapMB - a.retainedHeapMB) || compareNames(a.name, b.name)
  );
}
function predictedPackPeak(ordered) {
  let inherited = 0;
  let peak = 0;
  for (const member of ordered) {
    peak = Math.max(peak, member.peak + inherited);
    inherited += member.retainedHeapMB;
  }
  return peak;
}
function planWorkItems(candidates, estimates2, options) {
  const heapLimitMB = options.heapLimitMB ?? smallestHeapLimit(estimates2);
  const safeMB = heapLimitMB !== null && heapLimitMB > 0 ? heapLimitMB * (options.heapShare ?? SAFE_HEAP_SHARE) : null;
  const heapBudgetMB = options.heapBudgetMB !== void 0 ? Math.min(options.heapBudgetMB, safeMB ?? Number.POSITIVE_INFINITY) : defaultHeapBudgetMB(estimates2, heapLimitMB, options.heapShare);
  const evenSplitMs = durationBound(candidates, estimates2, options.slots);
  const durationBoundMs = evenSplitMs === null ? null : evenSplitMs * (options.durationBoundScale ?? 1);
  const alone = [];
  const members = [];
  for (const candidate of [...candidates].sort((a, b) => compareNames(a.name, b.name))) {
    const estimate = estimates2.get(candidate.name);
    const why = aloneReason(candidate.name, estimate, options, heapBudgetMB);
    if (why !== void 0 || !estimate)
      alone.push(aloneItem(candidate.name, estimate, { reason: why ?? "alone", suiteCount: candidate.suiteCount }));
    else members.push(toMember(estimate));
  }
  const limits = {
    heapBudgetMB: heapBudgetMB ?? 0,
    durationBoundMs: durationBoundMs ?? Number.POSITIVE_INFINITY,
    rssLimitMB: options.packRssLimitMB ?? Number.POSITIVE_INFINITY,
    rssLimitWhy: options.packRssLimitWhy ?? "room for the next process booted early"
  };
  const packs = firstFit(members, limits);
  const packed = packs.map((pack) => packItem(pack, limits, durationBoundMs));
  const items = orderItems([...alone, ...packed]).map((item, index) => ({ ...item, id: `w${index + 1}` }));
  return { items, heapBudgetMB, durationBoundMs };
}
function durationBound(candidates, estimates2, slots) {
  if (slots <= 1) return null;
  const known = candidates.map((candidate) => estimates2.get(candidate.name)).filter((estimate) => estimate !== void 0);
  if (known.length === 0) return null;
  const startup = (estimate) => Math.min(estimate.startupMs ?? 0, estimate.durationMs);
  const work = known.reduce((sum, estimate) => sum + estimate.durationMs - startup(estimate), 0);
  const oneStartup = median(known.map(startup)) ?? 0;
  return Math.max(work / slots + oneStartup, Math.max(...known.map((estimate) => estimate.durationMs)));
}
function aloneReason(name, estimate, options, heapBudgetMB) {
  if (!options.pack) return "alone: packing is off (pack: false)";
  const glob = (options.isolate ?? []).find((pattern) => minimatch(name, pattern, { dot: true }));
  if (glob !== void 0) return `alone: matches isolate glob ${JSON.stringify(glob)}`;
  if (!estimate) return "alone: no history yet";
  if (estimate.lastStatus === "crashed" || estimate.lastStatus === "timeout")
    return `alone: it ${estimate.lastStatus === "crashed" ? "crashed" : "timed out"} last time`;
  if (estimate.lastStatus === "failed") return "alone: it failed last time";
  if (estimate.peakHeapMB === null) return "alone: its history has no heap figures";
  if (heapBudgetMB === null || estimate.peakHeapMB > heapBudgetMB)
    return "alone: its own peak heap fills the heap budget";
  return void 0;
}
function aloneItem(name, estimate, options) {
  return {
    id: options.id ?? name,
    modules: [name],
    predictedPeakHeapMB: estimate?.peakHeapMB ?? null,
    predictedPeakRssMB: estimate?.peakRssMB ?? null,
    predictedDurationMs: estimate ? estimate.durationMs : null,
    suiteCount: estimate ? estimate.suiteCount : options.suiteCount ?? null,
    reason: options.reason
  };
}
function toMember(estimate) {
  return {
    name: estimate.name,
    durationMs: estimate.durationMs,
    startupMs: estimate.startupMs ?? 0,
    peakHeapMB: estimate.peakHeapMB,
    retainedHeapMB: Math.min(estimate.retainedHeapMB ?? estimate.peakHeapMB, estimate.peakHeapMB),
    peakRssMB: estimate.peakRssMB,
    suiteCount: estimate.suiteCount
  };
}
function firstFit(members, limits) {
  const packs = [];
  const longestFirst = [...members].sort((a, b) => b.durationMs - a.durationMs || compareNames(a.name, b.name));
  for (const member of longestFirst) {
    const pack = packs.find((open) => {
      const ordered = packOrder([...open, member]);
      const rss = rssPeak(ordered);
      return heapPeak(ordered) <= limits.heapBudgetMB && packDuration(ordered) <= limits.durationBoundMs && (rss === null || rss <= limits.rssLimitMB);
    });
    if (pack) pack.push(member);
    else packs.push([member]);
  }
  return packs;
}
function packItem(pack, limits, durationBoundMs) {
  const { heapBudgetMB } = limits;
  const ordered = packOrder(pack);
  const peakHeap = heapPeak(ordered);
  const peakRss = rssPeak(ordered);
  const duration = packDuration(ordered);
  const bound = durationBoundMs === null ? "" : `, duration bound ${formatDuration(durationBoundMs)}`;
  const room = ordered.length > 1 && Number.isFinite(limits.rssLimitMB) ? `, peak RSS within ${round2(limits.rssLimitMB)} MB (${limits.rssLimitWhy})` : "";
  const reason = ordered.length === 1 ? `alone: no other module fits beside it within the ${round2(heapBudgetMB)} MB heap budget${bound}` : `packed ${ordered.length} modules: predicted peak heap ${round2(peakHeap)} MB within the ${round2(heapBudgetMB)} MB budget, ${formatDuration(duration)}${bound}${room}`;
  return {
    id: "",
    modules: ordered.map((member) => member.name),
    predictedPeakHeapMB: round2(peakHeap),
    predictedPeakRssMB: peakRss === null ? null : round2(peakRss),
    predictedDurationMs: Math.round(duration),
    suiteCount: ordered.reduce((sum, member) => sum + member.suiteCount, 0),
    reason
  };
}
function largestAloneRssMB(estimates2) {
  const known = [...estimates2.values()].map((estimate) => estimate.peakRssMB).filter((rss) => rss !== null);
  return known.length > 0 ? Math.max(...known) : null;
}
function rssPeak(ordered) {
  if (!ordered.every((member) => member.peakRssMB !== null)) return null;
  return predictedPackPeak(
    ordered.map((member) => ({ peak: member.peakRssMB, retainedHeapMB: member.retainedHeapMB }))
  );
}
function heapPeak(ordered) {
  return predictedPackPeak(
    ordered.map((member) => ({ peak: member.peakHeapMB, retainedHeapMB: member.retainedHeapMB }))
  );
}
function packDuration(ordered) {
  return ordered.reduce(
    (sum, member, index) => sum + member.durationMs - (index > 0 ? Math.min(member.startupMs, member.durationMs) : 0),
    0
  );
}
function smallestHeapLimit(estimates2) {
  const limits = [...estimates2.values()].map((estimate) => estimate.heapLimitMB).filter((limit) => limit !== null);
  return limits.length > 0 ? Math.min(...limits) : null;
}
function round2(value) {
  return Math.round(value * 10) / 10;
}

// src/run/memory-budget.ts
var UNITS = {
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  KI: 1024,
  MI: 1024 ** 2,
  GI: 1024 ** 3,
  TI: 1024 ** 4
};
var MB3 = 1024 * 1024;
function parseMemoryBudget(value, availableMemoryMB, what) {
  const match = /^(\d+(?:\.\d+)?)\s*(%|([KMGT]i?)B)$/i.exec(value.trim());
  if (!match) {
    throw new UsageError(
      `${what}: ${JSON.stringify(value)} is not a memory budget \u2014 give a size like 8GB or 512MiB, or a share of the available memory like 70%`
    );
  }
  const amount = Number(match[1]);
  if (match[2] === "%") {
    if (amount <= 0 || amount > 100)
      throw new UsageError(`${what}: ${JSON.stringify(value)} is not a share between 0 and 100 % \u2014 e.g. 70%`);
    return availableMemoryMB * amount / 100;
  }
  if (amount <= 0) throw new UsageError(`${what}: ${JSON.stringify(value)} is no memory at all \u2014 give a size like 8GB`);
  return amount * UNITS[match[3].toUpperCase()] / MB3;
}
function parseHeapBudget(value, what) {
  const match = /^(\d+(?:\.\d+)?)\s*([KMGT]i?)B$/i.exec(value.trim());
  const amount = match ? Number(match[1]) : 0;
  if (!match || amount <= 0) {
    throw new UsageError(
      `${what}: ${JSON.stringify(value)} is not a heap budget \u2014 give the heap a packed test process may need as a size, like 512MB or 1GiB`
    );
  }
  return amount * UNITS[match[2].toUpperCase()] / MB3;
}

// src/run/work-plan.ts
function planRunWork(input) {
  const read = input.historyPath !== void 0 ? readHistory(input.historyPath) : { history: emptyHistory(VERSION), mayOverwrite: false };
  const estimates2 = estimates(read.history, { runner: input.config.runner });
  const known = new Map(
    input.tasks.filter((task) => task.kind === "module" && estimates2.has(task.name)).map((task) => [task.name, estimates2.get(task.name)])
  );
  const memoryBudgetMB = parseMemoryBudget(
    input.memoryBudget,
    input.machine.availableMemoryMB,
    input.memoryBudgetSource
  );
  const requestedSlots = input.slots === "auto" ? input.machine.cores : input.slots;
  const heldBootRssMB = bootRssEstimate(known);
  const ceilingMB = largestAloneRssMB(known);
  const headroomMB = input.earlyStart ? heldBootRssMB + HOLD_MARGIN_SHARE * (ceilingMB ?? 0) : 0;
  const packingOptions = {
    pack: input.pack && input.launcherPacks,
    isolate: input.config.isolate,
    slots: requestedSlots,
    ...input.heapBudget !== void 0 ? { heapBudgetMB: parseHeapBudget(input.heapBudget, input.heapBudgetSource ?? "heapBudget") } : {}
  };
  const room = { headroomMB, ceilingMB, memoryBudgetMB };
  const plan = choosePacking(
    input.tasks.map((task) => ({ name: task.name })),
    known,
    packingOptions,
    room
  );
  if (input.pack && !input.launcherPacks)
    for (const item of plan.items) item.reason = "alone: this launcher runs one module per test process";
  const slots = input.slots === "auto" ? autoSlots({
    cores: input.machine.cores,
    memoryBudgetMB,
    largestItemRssMB: largestPredictedRssMB(plan.items) ?? 0,
    items: plan.items.length
  }) : { slots: input.slots, reason: `slots: ${input.slots} (${input.slotsSource})` };
  return {
    items: plan.items,
    scheduled: slots.slots === 1 ? oneSlotOrder(plan.items, headroomMB) : plan.items,
    earlyStart: input.earlyStart,
    heldBootRssMB,
    tasks: new Map(input.tasks.map((task) => [task.name, task])),
    slots,
    memoryBudgetMB,
    unknownRssMB: unknownItemRssMB(plan.items, memoryBudgetMB, slots.slots),
    history: read.history,
    historyWritable: input.historyPath !== void 0 && read.mayOverwrite,
    ...read.warning !== void 0 ? { historyWarning: read.warning } : {},
    estimates: known,
    runner: input.config.runner,
    ...packingOptions.pack && plan.heapBudgetMB !== null ? { packing: { options: { ...packingOptions, heapBudgetMB: plan.heapBudgetMB }, room } } : {}
  };
}
var HOLD_MARGIN_SHARE = 0.05;
var LOOSER_DURATION_BOUNDS = [1.1, 1.25, 1.5, 2];
function choosePacking(candidates, estimates2, options, room, busy = []) {
  const { headroomMB, ceilingMB, memoryBudgetMB } = room;
  const full = planWorkItems(candidates, estimates2, options);
  if (ceilingMB === null || !options.pack) return full;
  const plans = [full];
  if (headroomMB > 0)
    plans.push(planWorkItems(candidates, estimates2, { ...options, packRssLimitMB: ceilingMB - headroomMB }));
  const slots = Math.max(1, options.slots);
  if (slots > 1)
    for (const durationBoundScale of [...LOOSER_DURATION_BOUNDS, ...busyBoundScale(candidates, estimates2, busy)])
      plans.push(planWorkItems(candidates, estimates2, { ...options, durationBoundScale }));
  if (slots > 1 && memoryBudgetMB < slots * ceilingMB)
    plans.push(
      planWorkItems(candidates, estimates2, {
        ...options,
        packRssLimitMB: memoryBudgetMB / slots,
        packRssLimitWhy: `${String(slots)} side by side within the ${String(Math.round(memoryBudgetMB))} MB memory budget`
      })
    );
  const walls = plans.map(
    (plan) => slots > 1 ? simulatedWallMs(plan.items, slots, memoryBudgetMB, busy) : predictedWallMs(plan.items, estimates2, headroomMB, slots)
  );
  return plans[walls.indexOf(Math.min(...walls))];
}
function busyBoundScale(candidates, estimates2, busy) {
  const remaining = busy.reduce((total, slot) => total + slot.endsAt, 0);
  const queued = candidates.reduce((total, candidate) => total + (estimates2.get(candidate.name)?.durationMs ?? 0), 0);
  return remaining > 0 && queued > 0 ? [(queued + remaining) / queued] : [];
}
function simulatedWallMs(items, slots, memoryBudgetMB, busy = []) {
  const queue = orderItems(items);
  const running = busy.slice(0, slots).map((slot) => ({ ...slot }));
  let now = 0;
  while (queue.length > 0 || running.length > 0) {
    while (running.length < slots && queue.length > 0) {
      const usedMB = running.reduce((total, item2) => total + item2.rssMB, 0);
      const index = running.length === 0 ? 0 : queue.findIndex((item2) => usedMB + (item2.predictedPeakRssMB ?? 0) <= memoryBudgetMB);
      if (index < 0) break;
      const [item] = queue.splice(index, 1);
      running.push({ endsAt: now + (item.predictedDurationMs ?? 0), rssMB: item.predictedPeakRssMB ?? 0 });
    }
    running.sort((a, b) => a.endsAt - b.endsAt);
    const next = running.shift();
    if (next) now = next.endsAt;
  }
  return now;
}
function predictedWallMs(items, estimates2, headroomMB, slots) {
  const ordered = slots <= 1 ? oneSlotOrder(items, headroomMB) : orderItems(items);
  const peak = largestPredictedRssMB(ordered) ?? 0;
  let total = 0;
  ordered.forEach((item, index) => {
    total += item.predictedDurationMs ?? 0;
    if (index > 0 && hasRoomBeside(ordered[index - 1], headroomMB, peak))
      total -= estimates2.get(item.modules[0])?.startupMs ?? 0;
  });
  return total / Math.max(1, slots);
}
function bootRssEstimate(estimates2) {
  const boots = [...estimates2.values()].map((estimate) => estimate.bootRssMB).filter((rss) => rss !== null && rss > 0);
  return boots.length > 0 ? Math.max(...boots) : DEFAULT_HELD_BOOT_RSS_MB;
}
function oneSlotOrder(items, headroomMB) {
  const peak = largestPredictedRssMB(items) ?? 0;
  const crowded = (item) => headroomMB > 0 && item.predictedPeakRssMB !== null && !hasRoomBeside(item, headroomMB, peak);
  const byName = [...items].sort((a, b) => compareNames(a.modules[0] ?? a.id, b.modules[0] ?? b.id));
  return [...byName.filter((item) => !crowded(item)), ...byName.filter(crowded)];
}
function hasRoomBeside(item, headroomMB, peakMB) {
  return item.predictedPeakRssMB !== null && item.predictedPeakRssMB + headroomMB <= peakMB;
}

// src/run/replan.ts
function replanQueue(plan, ranSoFar, queued, context) {
  if (!plan.packing || queued.length < 2) return void 0;
  const history = historyWith(plan, ranSoFar, /* @__PURE__ */ new Set());
  if (history === void 0) return void 0;
  const modules = queued.flatMap((item) => item.modules);
  const all = estimates(history, { runner: plan.runner });
  const known = new Map(
    modules.flatMap((name) => {
      const estimate = all.get(name);
      return plan.tasks.get(name)?.kind === "module" && estimate ? [[name, estimate]] : [];
    })
  );
  const { options, room } = plan.packing;
  const repacked = choosePacking(
    modules.map((name) => ({ name })),
    known,
    options,
    room,
    context.busy
  );
  if (repacked.items.length >= queued.length) return void 0;
  let next = nextItemNumber(context.usedIds);
  const items = repacked.items.map((item) => ({
    ...item,
    id: `w${String(next++)}`,
    reason: `${item.reason} (re-planned when ${context.after} ended)`
  }));
  return plan.slots.slots === 1 ? oneSlotOrder(items, room.headroomMB) : items;
}
function nextItemNumber(ids) {
  let highest = 0;
  for (const id of ids) {
    const number = /^w(\d+)/.exec(id)?.[1];
    if (number !== void 0) highest = Math.max(highest, Number(number));
  }
  return highest + 1;
}

// src/run/snapshots/folder.ts
import { rmSync as rmSync4 } from "node:fs";
import { basename, join as join14 } from "node:path";
var SNAPSHOT_FOLDER = "heap-snapshots";
function removeOldSnapshots(logDir) {
  rmSync4(join14(logDir, SNAPSHOT_FOLDER), { recursive: true, force: true });
}
function processSnapshotDir(logDir, logPath, attempt) {
  return join14(logDir, SNAPSHOT_FOLDER, `${basename(logPath, ".log")}-${attempt}`);
}

// src/run/schedule-run.ts
var BATCH_LAUNCHER = {
  packs: true,
  create: itemLauncher
};
function earlyStartOn(runner, runnerArgs, prestart) {
  return prestart !== false && Boolean(runnerAdapter(runner).gateArgs?.([...runnerArgs]));
}
async function runSchedule(options) {
  const adapter = runnerAdapter(options.config.runner);
  const output = new ScheduleOutput({
    stdout: options.stdout,
    stderr: options.stderr,
    group: options.groupOutput,
    parallel: options.plan.slots.slots > 1,
    total: options.plan.tasks.size,
    adapter,
    paths: (module) => options.plan.tasks.get(module)?.paths ?? [module]
  });
  const coverageDirectories = /* @__PURE__ */ new Map();
  const stopped = /* @__PURE__ */ new Set();
  const starts = { early: /* @__PURE__ */ new Set(), discarded: 0 };
  const outputEvents = output.events();
  const itemIds = new Set(options.plan.items.map((item) => item.id));
  const items = new Map(options.plan.items.map((item) => [item.id, item]));
  const launcher = chooseLauncher(options, {
    tasks: options.plan.tasks,
    contextFor: contextFactory(options, adapter, output, coverageDirectories)
  });
  const scheduler = new Scheduler({
    items: options.plan.scheduled,
    launcher,
    slots: options.plan.slots.slots,
    memoryBudgetMB: options.plan.memoryBudgetMB,
    unknownRssMB: options.plan.unknownRssMB,
    earlyStart: options.plan.earlyStart,
    heldBootRssMB: options.plan.heldBootRssMB,
    order: options.plan.slots.slots === 1 ? "as-given" : "longest-first",
    replan: replanner(options.plan, itemIds),
    events: {
      ...outputEvents,
      itemDiscarded: (event) => {
        starts.discarded += 1;
        outputEvents.itemDiscarded?.(event);
      },
      itemStarted: (event) => {
        if (event.early) starts.early.add(event.item.id);
        outputEvents.itemStarted?.(event);
      },
      itemEnded: (event) => {
        if (options.stopSignal.reason) for (const module of event.item.modules) stopped.add(module);
        output.itemEnded(event);
      },
      replanned: (event) => {
        for (const item of event.replaced) items.delete(item.id);
        for (const item of event.items) items.set(item.id, item);
        output.replanned(event);
      }
    }
  });
  const stop = () => scheduler.stop(notRunAfterStop(options.stopSignal));
  const unsubscribe = options.stopSignal.subscribe(stop);
  if (options.stopSignal.reason) stop();
  let result;
  try {
    result = await scheduler.run();
  } finally {
    unsubscribe();
    await launcher.close?.();
  }
  const ranItems = new Set(result.items.map((run2) => run2.item.id));
  return {
    modules: moduleResults(options.plan, result),
    stopped,
    coverageDirectories: [...coverageDirectories].filter(([id]) => ranItems.has(id)).map(([, directory]) => directory),
    starts,
    items: [...items.values()],
    ...launcher.longLivedProcesses ? { vitestServers: launcher.longLivedProcesses() } : {}
  };
}
function chooseLauncher(options, launcherOptions) {
  if (options.config.runner !== "vitest" || BATCH_LAUNCHER.create !== itemLauncher)
    return BATCH_LAUNCHER.create(launcherOptions);
  const why = options.vitestServer === false ? "vitestServer is off" : options.coverageRoot !== void 0 ? "with coverage each process writes its own, merged afterwards" : options.snapshots !== void 0 ? "with --heap-snapshots each process writes its own snapshots" : void 0;
  const entry = why === void 0 ? vitestNodeEntry(options.cwd) : { unavailable: why };
  if ("unavailable" in entry) {
    options.stdout.write(`vitest: a test process per work item (${entry.unavailable})
`);
    return BATCH_LAUNCHER.create(launcherOptions);
  }
  const slots = options.plan.slots.slots;
  options.stdout.write(
    `vitest: one long-lived vitest per slot (${slots} ${slots === 1 ? "process" : "processes"}) runs the work items; vitest's start-up is paid once per slot (--no-vitest-server: a process per item)
`
  );
  return serverLauncher({
    ...launcherOptions,
    vitestEntry: entry.entry,
    dir: join15(options.session.workDir, "vitest-servers"),
    idle: { stdout: options.stdout, stderr: options.stderr }
  });
}
function replanner(plan, itemIds) {
  return ({ ended, finished, queued, running }) => {
    if (ended.item.modules.length < 2) return void 0;
    const now = Date.now();
    const busy = running.map(({ item, startedAt }) => ({
      endsAt: Math.max(0, (item.predictedDurationMs ?? 0) - (now - startedAt)),
      rssMB: item.predictedPeakRssMB ?? 0
    }));
    const ranSoFar = finished.flatMap(
      (run2) => run2.outcome.modules.map(({ result }) => ({ ...result, process: run2.item.id, slot: run2.slot }))
    );
    const replanned = replanQueue(plan, ranSoFar, queued, { after: ended.item.id, usedIds: itemIds, busy });
    for (const item of replanned ?? []) itemIds.add(item.id);
    return replanned;
  };
}
function contextFactory(options, adapter, output, coverage) {
  const planIndex = new Map([...options.plan.tasks.keys()].map((name, index) => [name, index]));
  let attempt = 0;
  return (item, slot) => {
    const workDir = join15(options.session.workDir, `${safeId(item.id)}-${++attempt}`);
    mkdirSync4(workDir);
    const first = item.modules[0];
    let extraArgs = options.runnerArgs;
    if (options.coverageRoot !== void 0) {
      const directory = join15(options.coverageRoot, `${safeId(item.id)}-${attempt}`);
      coverage.set(item.id, directory);
      extraArgs = processCoverageArgs(options.config.runner, extraArgs, directory);
    }
    const streams = output.streamsFor(item);
    const logPath = join15(options.logDir, logFileName(planIndex.get(first) ?? 0, first));
    return {
      cwd: options.cwd,
      env: options.env,
      // Slot variables go with the config's env, after it: the slot's copy wins over a configured DATABASE_URL.
      configEnv: {
        ...options.config.env,
        ...slotEnv(slot, options.config.isolation, options.session.slotUrls[slot - 1])
      },
      adapter,
      extraArgs,
      allowEmpty: options.config.allowEmpty,
      ...options.timeoutMs !== void 0 ? { timeoutMs: options.timeoutMs } : {},
      workDir,
      logPath,
      ...options.snapshots ? {
        snapshots: {
          dir: processSnapshotDir(options.logDir, logPath, attempt),
          maxSnapshots: options.snapshots.maxSnapshots
        }
      } : {},
      stdout: streams.stdout,
      stderr: streams.stderr,
      stopSignal: options.stopSignal
    };
  };
}
function moduleResults(plan, result) {
  return [...plan.tasks.values()].map((task) => {
    const outcome = result.modules.get(task.name);
    if (!outcome) return notRun(task, result.stopReason ?? "not run: the scheduler never reached it");
    if (outcome.kind === "not-run") return notRun(task, outcome.reason);
    return { ...outcome.result, process: outcome.item.id, slot: outcome.slot };
  });
}
function safeId(id) {
  return id.replace(/[^A-Za-z0-9._-]+/g, "_");
}

// src/run/session.ts
import { mkdirSync as mkdirSync5, mkdtempSync, rmSync as rmSync5 } from "node:fs";
import { tmpdir } from "node:os";
import { join as join16 } from "node:path";

// src/run/isolation/postgres.ts
import { randomBytes as randomBytes2 } from "node:crypto";

// src/run/isolation/names.ts
var IDENTIFIER_BYTES = 63;
var COPY_INFIX = "_qg_";
var COPY_NAME_PATTERN = "_qg_[0-9a-z]+_[0-9]+_[0-9]+$";
var COPY_MARKER = "quality-gates slot copy ";
function quoteIdentifier(name) {
  if (name.includes("\0")) throw new Error(`an identifier cannot contain a NUL character: ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}
function copyName(template, run2, pid, slot) {
  if (!/^[0-9a-z]+$/.test(run2)) throw new Error(`a run id is lowercase letters and digits, got ${JSON.stringify(run2)}`);
  const suffix = `${COPY_INFIX}${run2}_${pid}_${slot}`;
  let head = template;
  while (Buffer.byteLength(head + suffix) > IDENTIFIER_BYTES && head.length > 0)
    head = Array.from(head).slice(0, -1).join("");
  return head + suffix;
}
function formatMarker(marker) {
  return COPY_MARKER + JSON.stringify(marker);
}
function parseMarker(comment) {
  if (!comment?.startsWith(COPY_MARKER)) return void 0;
  try {
    const value = JSON.parse(comment.slice(COPY_MARKER.length));
    if (typeof value.host !== "string" || typeof value.pid !== "number" || typeof value.run !== "string")
      return void 0;
    return {
      host: value.host,
      pid: value.pid,
      run: value.run,
      template: typeof value.template === "string" ? value.template : "",
      created: typeof value.created === "string" ? value.created : "",
      ...typeof value.startTime === "string" ? { startTime: value.startTime } : {}
    };
  } catch {
    return void 0;
  }
}
function leftoverVerdict(marker, self, ownerStartTime) {
  if (marker.host !== self.host) return "keep-other-host";
  if (marker.pid === self.pid && (marker.startTime === void 0 || marker.startTime === self.startTime))
    return "keep-own";
  const started = ownerStartTime(marker.pid);
  if (started === void 0) return "drop";
  if (marker.startTime !== void 0 && started !== "" && started !== marker.startTime) return "drop";
  return "keep-alive";
}
function parseTemplateUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return {
      problem: "is not a URL (its value is not shown: it may hold a password) \u2014 write postgres://user:password@host:5432/database"
    };
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    return {
      problem: `is a ${parsed.protocol} URL, not postgres:// \u2014 write postgres://user:password@host:5432/database`
    };
  }
  const database = decoded(parsed.pathname.replace(/^\//, ""));
  const password = decoded(parsed.password);
  if (database === void 0 || password === void 0)
    return { problem: "has a malformed %-escape (its value is not shown: it may hold a password) \u2014 escape % as %25" };
  const shown = `${parsed.hostname || "localhost"}${parsed.port ? `:${parsed.port}` : ""}/${database}`;
  if (!database)
    return { problem: `names no database (${shown}) \u2014 add it to the path: postgres://\u2026@host:5432/database` };
  const secrets = [parsed.password, password].filter((secret) => secret.length > 0);
  return { database, shown, secrets };
}
function decoded(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return void 0;
  }
}
function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}
function scrub(text, secrets) {
  let clean = text;
  for (const secret of secrets) clean = clean.replaceAll(secret, "***");
  return clean;
}

// src/run/isolation/owner.ts
import { readFileSync as readFileSync6 } from "node:fs";
import { hostname } from "node:os";
function processStartTime(pid) {
  let stat;
  try {
    stat = readFileSync6(`/proc/${pid}/stat`, "utf8");
  } catch (error) {
    if (error.code === "ENOENT" && hasProc()) return void 0;
    return isRunning(pid) ? "" : void 0;
  }
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  if (fields[0] === "Z") return void 0;
  return fields[19] ?? "";
}
function currentOwner(pid = process.pid) {
  const startTime = processStartTime(pid);
  return { host: hostname(), pid, ...startTime ? { startTime } : {} };
}
function hasProc() {
  try {
    readFileSync6("/proc/self/stat");
    return true;
  } catch {
    return false;
  }
}
function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

// src/run/isolation/sql.ts
var CLONE_STRATEGIES = ["WAL_LOG", "FILE_COPY"];
var STRATEGY_SINCE = 15e4;
var FORCE_DROP_SINCE = 13e4;
function createCopySql(copy, template, strategy, serverVersion2) {
  if (!CLONE_STRATEGIES.includes(strategy)) throw new Error(`unknown clone strategy ${JSON.stringify(strategy)}`);
  const clause = serverVersion2 >= STRATEGY_SINCE ? ` STRATEGY ${strategy}` : "";
  return `CREATE DATABASE ${quoteIdentifier(copy)} TEMPLATE ${quoteIdentifier(template)}${clause}`;
}
function takesStrategy(serverVersion2) {
  return serverVersion2 >= STRATEGY_SINCE;
}
function dropCopySql(copy, serverVersion2) {
  const force = serverVersion2 >= FORCE_DROP_SINCE;
  return {
    sql: `DROP DATABASE IF EXISTS ${quoteIdentifier(copy)}${force ? " WITH (FORCE)" : ""}`,
    endSessionsFirst: !force
  };
}

// src/run/isolation/postgres.ts
var OBJECT_IN_USE = "55006";
var CLONE_ATTEMPTS = 8;
async function provisionSlotDatabases(options) {
  const strategy = options.strategy ?? "WAL_LOG";
  if (!CLONE_STRATEGIES.includes(strategy))
    throw new ConfigError(
      `isolation.postgres.strategy: ${JSON.stringify(strategy)} is not allowed \u2014 use WAL_LOG or FILE_COPY`
    );
  if (!Number.isInteger(options.slots) || options.slots < 1)
    throw new UsageError(
      `slots: ${JSON.stringify(options.slots)} is not a number of slots \u2014 use a whole number from 1`
    );
  const templates = resolveTemplates(options.urlEnv, options.env);
  const owner = options.owner ?? currentOwner();
  const run2 = options.runId ?? randomBytes2(4).toString("hex");
  const log = options.log ?? (() => {
  });
  const databases = createSlotDatabases(templates, options.slots, log);
  try {
    for (const template of templates) {
      const client = await connect(template, "to make the slot databases");
      try {
        await cloneTemplate(client, template, {
          slots: options.slots,
          strategy,
          run: run2,
          owner,
          log,
          signal: options.signal
        });
      } finally {
        await client.end().catch(() => {
        });
      }
    }
  } catch (error) {
    await databases.dispose();
    throw error;
  }
  return databases;
}
function resolveTemplates(urlEnv, env) {
  const templates = /* @__PURE__ */ new Map();
  for (const variable of typeof urlEnv === "string" ? [urlEnv] : urlEnv) {
    const url = env[variable];
    if (!url?.trim()) {
      throw new ConfigError(
        `isolation.postgres.urlEnv: the variable ${variable} is not set \u2014 set it to the URL of the test database (the reset runs on it; each slot gets a copy of it), or list the right variable in urlEnv`
      );
    }
    const parsed = parseTemplateUrl(url);
    if ("problem" in parsed)
      throw new ConfigError(`isolation.postgres.urlEnv: the value of ${variable} ${parsed.problem}`);
    const known = templates.get(parsed.shown);
    if (known) {
      known.variables.push({ name: variable, url });
      known.secrets.push(...parsed.secrets);
    } else {
      templates.set(parsed.shown, { ...parsed, url, variables: [{ name: variable, url }], copies: [] });
    }
  }
  return [...templates.values()];
}
async function cloneTemplate(client, template, context) {
  const started = performance.now();
  const version = await serverVersion(client, template);
  await dropLeftovers(client, template, context, version);
  const created = {
    ...context.owner,
    run: context.run,
    template: template.database,
    created: (/* @__PURE__ */ new Date()).toISOString()
  };
  for (let slot = 1; slot <= context.slots; slot++) {
    if (context.signal?.aborted)
      throw new QualityGatesError(
        "interrupted while making the slot databases; the copies made so far are dropped",
        ExitCode.Interrupted
      );
    const name = copyName(template.database, context.run, context.owner.pid, slot);
    await createWhenFree(client, template, createCopySql(name, template.database, context.strategy, version), name);
    template.copies.push(name);
    await run(
      client,
      template,
      `COMMENT ON DATABASE ${quoteIdentifier(name)} IS ${client.escapeLiteral(formatMarker(created))}`,
      `marking the copy ${name}`
    );
  }
  const how = takesStrategy(version) ? `STRATEGY ${context.strategy}` : `PostgreSQL ${Math.floor(version / 1e4)}: no STRATEGY before 15`;
  context.log(
    `slot databases: ${context.slots} ${context.slots === 1 ? "copy" : "copies"} of ${template.shown} (${variableNames(template)}) in ${Math.round(performance.now() - started)} ms, ${how}: ${template.copies.join(", ")}`
  );
}
async function createWhenFree(client, template, sql, name) {
  for (let attempt = 1; ; attempt++) {
    await endOtherSessions(client, template.database);
    try {
      await client.query(sql);
      return;
    } catch (error) {
      if (error.code !== OBJECT_IN_USE || attempt >= CLONE_ATTEMPTS) {
        const users = error.code === OBJECT_IN_USE ? ` (still connected: ${await sessionsOn(client, template.database)})` : "";
        throw queryError(template, `creating the slot database ${name}`, error, users);
      }
      await new Promise((resolve4) => setTimeout(resolve4, Math.min(1e3, 25 * 2 ** attempt)));
    }
  }
}
async function endOtherSessions(client, database) {
  await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [
    database
  ]).catch(() => {
  });
}
async function sessionsOn(client, database) {
  const result = await client.query(
    "SELECT pid, application_name FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
    [database]
  ).catch(() => ({ rows: [] }));
  const sessions = result.rows.map(
    (row) => `pid ${row.pid}${row.application_name ? ` ${JSON.stringify(row.application_name)}` : ""}`
  );
  return `${sessions.join(", ") || "sessions this role cannot see"} \u2014 stop them, or grant this role pg_signal_backend so quality-gates can end them`;
}
async function dropLeftovers(client, template, context, version) {
  const result = await run(
    client,
    template,
    `SELECT datname, shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname ~ '${COPY_NAME_PATTERN}' ORDER BY datname`,
    "listing the slot databases of earlier runs"
  );
  for (const row of result.rows) {
    const marker = parseMarker(row.comment);
    if (!marker || leftoverVerdict(marker, context.owner, processStartTime) !== "drop") continue;
    const origin = `left behind by run ${marker.run} (pid ${marker.pid} on ${marker.host}, no longer running, made ${marker.created})`;
    try {
      await dropCopy(client, template, row.datname, version);
      context.log(`slot databases: dropped ${row.datname}, ${origin}`);
    } catch (error) {
      context.log(`slot databases: could not drop ${row.datname}, ${origin}: ${error.message}`);
    }
  }
}
async function dropCopy(client, template, name, version) {
  const { sql, endSessionsFirst } = dropCopySql(name, version);
  if (endSessionsFirst) await endOtherSessions(client, name);
  await run(client, template, sql, `dropping the slot database ${name}`);
}
function createSlotDatabases(templates, slots, log) {
  let state = "ready";
  let disposing;
  return {
    get slotUrls() {
      return slotUrlsOf(templates, slots);
    },
    get copies() {
      return templates.flatMap((template) => template.copies);
    },
    get state() {
      return state;
    },
    dispose() {
      disposing ??= (async () => {
        state = "disposing";
        const result = { dropped: [], failed: [] };
        for (const template of templates) await dropAll(template, result, log);
        state = "disposed";
        return result;
      })();
      return disposing;
    }
  };
}
function slotUrlsOf(templates, slots) {
  return Array.from({ length: slots }, (_, index) => {
    const urls = {};
    for (const template of templates) {
      const copy = template.copies[index];
      if (copy) for (const variable of template.variables) urls[variable.name] = withDatabase(variable.url, copy);
    }
    return urls;
  });
}
async function dropAll(template, result, log) {
  if (template.copies.length === 0) return;
  let client;
  try {
    client = await connect(template, "to drop the slot databases");
  } catch (error) {
    for (const name of template.copies) result.failed.push({ name, reason: error.message });
    log(
      `slot databases: could not drop ${template.copies.join(", ")}: ${error.message} \u2014 the next run on this host drops them`
    );
    return;
  }
  try {
    const version = await serverVersion(client, template);
    for (const name of template.copies) {
      try {
        await dropCopy(client, template, name, version);
        result.dropped.push(name);
      } catch (error) {
        result.failed.push({ name, reason: error.message });
        log(
          `slot databases: could not drop ${name}: ${error.message} \u2014 drop it by hand (DROP DATABASE ${quoteIdentifier(name)}), or let the next run on this host do it`
        );
      }
    }
  } finally {
    await client.end().catch(() => {
    });
  }
}
async function connect(template, purpose) {
  const { default: postgres } = await import("./esm-2K54ILC7.js");
  const client = new postgres.Client({
    connectionString: template.url,
    connectionTimeoutMillis: 1e4,
    application_name: "quality-gates slot databases"
  });
  client.on("error", () => {
  });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {
    });
    throw new QualityGatesError(
      `cannot connect to ${template.shown} (from ${variableNames(template)}) ${purpose}: ${scrub(firstLine(error), template.secrets)} \u2014 check that the server runs and accepts connections from this host, and the URL in ${template.variables[0].name}`,
      ExitCode.Internal
    );
  }
  return client;
}
async function serverVersion(client, template) {
  const result = await run(client, template, "SHOW server_version_num", "reading the server version");
  return Number(result.rows[0].server_version_num);
}
async function run(client, template, sql, doing) {
  try {
    return await client.query(sql);
  } catch (error) {
    throw queryError(template, doing, error, "");
  }
}
function queryError(template, doing, error, detail) {
  const hint = error.code === "42501" ? " \u2014 the role needs CREATEDB (ALTER ROLE \u2026 CREATEDB) to make slot databases" : "";
  return new QualityGatesError(
    `${doing} on ${template.shown} failed: ${scrub(firstLine(error), template.secrets)}${detail}${hint}`,
    ExitCode.Internal
  );
}
function variableNames(template) {
  return template.variables.map((variable) => variable.name).join(", ");
}
function firstLine(error) {
  const message = error?.message ?? error;
  return String(message).split("\n")[0];
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
  if (ended.spawnError)
    failure = `the reset command ${shown} could not start (${ended.spawnError.message}) \u2014 check reset: in quality-gates.config.yml`;
  else if (ended.signal) failure = `the reset command ${shown} was killed by ${ended.signal}`;
  else if (ended.exitCode !== 0) failure = `the reset command ${shown} exited with code ${ended.exitCode}`;
  return { command, durationMs: ended.durationMs, exitCode: ended.exitCode, ...failure ? { failure } : {} };
}

// src/run/session.ts
var LockNotAcquired = class extends Error {
  constructor(reason, interrupted, exitCode, error) {
    super(reason);
    this.reason = reason;
    this.interrupted = interrupted;
    this.exitCode = exitCode;
    this.error = error;
  }
};
async function withSession(options, body) {
  const lock = options.lock ? await acquireLock(options.lock, options) : void 0;
  const workDir = mkdtempSync(join16(tmpdir(), "quality-gates-run-"));
  let databases;
  const drop = async () => databases ? dropCopies(databases, options) : [];
  try {
    mkdirSync5(options.logDir, { recursive: true });
    removeOldLogs(options.logDir);
    removeOldSnapshots(options.logDir);
    const session = {
      workDir,
      slotUrls: [],
      dropSlotDatabases: drop,
      lockFigures: () => lock ? { ...lock.figures, holdMs: Date.now() - lock.acquiredAt } : void 0
    };
    session.reset = await resetOnce(options);
    if (session.reset?.failure) {
      session.setupFailure = {
        reason: `reset failed: ${session.reset.failure} \u2014 no module ran`,
        notRunWhy: "not run: the reset command failed"
      };
    } else {
      const provisioned = await provision(options);
      if ("failure" in provisioned) session.setupFailure = provisioned.failure;
      else if (provisioned.databases) {
        databases = provisioned.databases;
        session.slotUrls = databases.slotUrls;
      }
    }
    if (session.setupFailure) options.stderr.write(`quality-gates run: ${session.setupFailure.reason}
`);
    return await body(session);
  } finally {
    await drop();
    rmSync5(workDir, { recursive: true, force: true });
    if (lock) await lock.handle.release();
  }
}
async function acquireLock(lockConfig, options) {
  const say = (line) => options.stdout.write(`${line}
`);
  const mutex = createMutex(lockConfig, {
    cwd: options.cwd,
    env: options.env,
    log: (line) => options.stderr.write(`${line}
`)
  });
  say(`lock: waiting for ${mutex.description}`);
  const abort = new AbortController();
  const unsubscribe = options.stopSignal.subscribe(() => abort.abort());
  try {
    const handle = await mutex.acquire({ timeoutMs: lockTimeoutMs(lockConfig), onWaiting: say, signal: abort.signal });
    handle.lost.catch(
      (error) => options.stopSignal.stop({ kind: "lock-lost", message: error instanceof Error ? error.message : String(error) })
    );
    say(`lock: acquired ${mutex.description} after ${Math.round(handle.waitMs)} ms`);
    return {
      handle,
      figures: { backend: mutex.backend, name: lockConfig.name, waitMs: handle.waitMs },
      acquiredAt: Date.now()
    };
  } catch (error) {
    const stop = options.stopSignal.reason;
    const interrupted = stop?.kind === "signal";
    const reason = interrupted ? `interrupted by ${stop.signal} while waiting for ${mutex.description}; nothing ran` : error instanceof Error ? error.message : String(error);
    throw new LockNotAcquired(reason, interrupted, interrupted ? ExitCode.Interrupted : exitCodeOf(error), error);
  } finally {
    unsubscribe();
  }
}
async function resetOnce(options) {
  const reset = options.config.reset;
  if (!options.forceReset || !reset || options.stopSignal.reason) return void 0;
  options.stdout.write(`reset: ${reset.join(" ")}
`);
  return runReset(reset, {
    cwd: options.cwd,
    env: options.env,
    configEnv: options.config.env,
    stdout: options.stdout,
    stderr: options.stderr,
    logPath: join16(options.logDir, RESET_LOG),
    stopSignal: options.stopSignal
  });
}
async function provision(options) {
  const postgres = options.config.isolation?.postgres;
  if (!postgres || options.slots <= 1 || options.stopSignal.reason) return {};
  const abort = new AbortController();
  const unsubscribe = options.stopSignal.subscribe(() => abort.abort());
  try {
    const databases = await provisionSlotDatabases({
      urlEnv: postgres.urlEnv,
      env: { ...options.env, ...options.config.env },
      slots: options.slots,
      strategy: postgres.strategy,
      log: (line) => options.stdout.write(`isolation: ${line}
`),
      signal: abort.signal
    });
    return { databases };
  } catch (error) {
    if (abort.signal.aborted) return {};
    const reason = `the slot databases could not be made: ${error instanceof Error ? error.message : String(error)} \u2014 no module ran`;
    return { failure: { reason, notRunWhy: "not run: the slot databases could not be made" } };
  } finally {
    unsubscribe();
  }
}
async function dropCopies(databases, options) {
  try {
    const result = await databases.dispose();
    return result.failed.map(
      ({ name, reason }) => `the slot database ${name} could not be dropped (${reason}); the next run on this host drops it, or DROP DATABASE it by hand`
    );
  } catch (error) {
    const warning = `the slot databases could not be dropped: ${error instanceof Error ? error.message : String(error)}`;
    options.stderr.write(`quality-gates run: ${warning}
`);
    return [warning];
  }
}

// src/run/snapshots/analyse.ts
async function analyseModuleLeaks(modules, options) {
  const analysed = [];
  for (const module of modules) {
    const leak = module.leak;
    if (!leak || leak.snapshots.length === 0) {
      analysed.push(module);
      continue;
    }
    analysed.push({ ...module, leak: await analyseOne(module.name, leak, options) });
  }
  return analysed;
}
async function analyseOne(name, leak, options) {
  const notAnalysed = () => ({ error: `not analysed: ${describeStop(options.stopSignal)}` });
  if (options.stopSignal.reason) return { ...leak, ...notAnalysed() };
  const count = leak.snapshots.length;
  options.say(`leaks: ${name}: analysing ${count} heap ${count === 1 ? "snapshot" : "snapshots"}\u2026`);
  let unsubscribe = () => {
  };
  const abort = new AbortController();
  const stopped = new Promise((resolve4) => {
    unsubscribe = options.stopSignal.subscribe(() => {
      abort.abort();
      resolve4(notAnalysed());
    });
  });
  let result;
  try {
    const analysis = options.analyse(leak.snapshots, {
      ...options.timeoutMs !== void 0 ? { timeoutMs: options.timeoutMs } : {},
      signal: abort.signal
    });
    result = await Promise.race([analysis, stopped]);
  } catch (error) {
    result = { error: error instanceof Error ? error.message : String(error) };
  } finally {
    unsubscribe();
  }
  if ("error" in result) {
    options.say(`leaks: ${name}: the analysis failed: ${result.error}`);
    return { ...leak, error: result.error };
  }
  const top = result.suspects.at(0);
  const grew = top ? `${stripControlChars(top.name)} +${top.countDelta} instances, +${top.sizeDeltaMB} MB` : "nothing grew in every snapshot";
  options.say(`leaks: ${name}: ${grew} (${Math.round(result.analysisMs)} ms)`);
  return {
    ...leak,
    comparison: result.comparison,
    suspects: result.suspects.map(suspectOf),
    analysisMs: result.analysisMs
  };
}
function suspectOf(suspect) {
  return {
    name: suspect.name,
    countDelta: suspect.countDelta,
    sizeDeltaMB: suspect.sizeDeltaMB,
    ...suspect.count !== void 0 ? { count: suspect.count } : {},
    ...suspect.sizeMB !== void 0 ? { sizeMB: suspect.sizeMB } : {},
    retainers: suspect.retainers,
    ...suspect.inside !== void 0 ? { inside: suspect.inside } : {},
    ...suspect.holds !== void 0 ? { holds: suspect.holds } : {}
  };
}

// src/leaks/run-analysis.ts
import { spawn as spawn2 } from "node:child_process";
import { existsSync as existsSync4, statSync as statSync5 } from "node:fs";
import { fileURLToPath as fileURLToPath2 } from "node:url";
var MB4 = 1024 * 1024;
var MAX_OUTPUT_BYTES = 4 * MB4;
async function runLeakAnalysis(paths, options = {}) {
  if (paths.length === 0) return { error: "no heap snapshots to analyse" };
  const cli = options.cliPath ?? findCli();
  if (!cli)
    return {
      error: `quality-gates CLI not found beside ${moduleDir()} (looked for cli.js) \u2014 pass cliPath or run 'npm run bundle'`
    };
  const sizes = paths.map((path) => fileSize2(path));
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  const heapMB = options.maxOldSpaceMB ?? Math.ceil(512 + Math.max(0, ...sizes) / MB4);
  const timeoutMs = options.timeoutMs ?? Math.ceil(12e4 + 12e4 * totalBytes / (1024 * MB4));
  const args = [`--max-old-space-size=${heapMB}`, cli, "leaks", "analyze", "--json", "--", ...paths];
  if (options.signal?.aborted) return { error: "heap snapshot analysis not started: the run was stopped" };
  const outcome = await runToEnd(args, timeoutMs, options.signal);
  if (outcome.aborted) return { error: "heap snapshot analysis stopped: the run was stopped, and it was killed" };
  if (outcome.timedOut)
    return {
      error: `heap snapshot analysis timed out after ${(timeoutMs / 1e3).toFixed(1)} s (${describe(paths, totalBytes)}) and was killed`
    };
  if (outcome.spawnError) return { error: `could not start the heap snapshot analysis: ${outcome.spawnError}` };
  if (outcome.code !== 0) return { error: failureMessage(outcome, heapMB, paths, totalBytes) };
  return parseAnalysis(outcome.stdout);
}
function runToEnd(args, timeoutMs, signal) {
  return new Promise((resolve4) => {
    const child = spawn2(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    let spawnError;
    child.stdout.on("data", (chunk) => {
      if (stdout.length < MAX_OUTPUT_BYTES) stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk) => {
      if (stderr.length < MAX_OUTPUT_BYTES) stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    let aborted = false;
    const abort = () => {
      aborted = true;
      child.kill("SIGKILL");
    };
    signal?.addEventListener("abort", abort, { once: true });
    child.on("error", (error) => spawnError = error.message);
    child.on("close", (code, exitSignal) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", abort);
      resolve4({ code, signal: exitSignal, stdout, stderr, timedOut, aborted, ...spawnError ? { spawnError } : {} });
    });
  });
}
function failureMessage(outcome, heapMB, paths, totalBytes) {
  const stderr = outcome.stderr.trim();
  if (/heap out of memory|Reached heap limit|Fatal javascript OOM/i.test(stderr))
    return `heap snapshot analysis ran out of memory (heap limit ${heapMB} MB, ${describe(paths, totalBytes)}) \u2014 raise maxOldSpaceMB`;
  const how = outcome.signal ? `was killed by ${outcome.signal}` : `exited with ${outcome.code}`;
  const lines = stderr.split("\n").map((line) => line.trim()).filter(Boolean);
  const reason = lines.find((line) => /^quality-gates\b|^\w*Error\b/.test(line)) ?? lines.at(-1);
  return `heap snapshot analysis ${how}${reason ? `: ${reason}` : ""}`;
}
function parseAnalysis(stdout) {
  let parsed;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return { error: `heap snapshot analysis printed no JSON: ${JSON.stringify(stdout.slice(0, 200))}` };
  }
  const analysis = parsed;
  const valid = (analysis?.comparison === "growth" || analysis?.comparison === "single") && Array.isArray(analysis.snapshots) && Array.isArray(analysis.suspects);
  return valid ? analysis : { error: `heap snapshot analysis printed unexpected JSON: ${stdout.slice(0, 200)}` };
}
function describe(paths, totalBytes) {
  return `${paths.length} ${paths.length === 1 ? "snapshot" : "snapshots"}, ${(totalBytes / MB4).toFixed(0)} MB`;
}
function fileSize2(path) {
  try {
    return statSync5(path).size;
  } catch {
    return 0;
  }
}
function moduleDir() {
  return fileURLToPath2(new URL(".", import.meta.url));
}
function findCli() {
  return ["./cli.js", "../cli.js", "../../dist/cli.js"].map((relative2) => fileURLToPath2(new URL(relative2, import.meta.url))).find((candidate) => existsSync4(candidate));
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
  const setup = prepareRun(given);
  const { options, basis } = setup;
  if (options.selection.mode === "skip") {
    const reason = options.selection.skipReason ?? "the plan has nothing to run";
    options.stdout.write(`skipped: ${reason}
`);
    const report = buildReport2(basis, [], "skipped", { reason });
    writeOutputs(report, options);
    return { report, exitCode: ExitCode.Ok };
  }
  const slots = options.slots ?? options.loaded.config.slots;
  checkSlotIsolation(slots, options.loaded.config.isolation, slotsSource(options));
  const plan = planWork(setup, slots);
  try {
    return await withSession(
      { ...options, config: options.loaded.config, logDir: setup.logDir, slots: plan.slots.slots },
      (session) => runInSession(setup, plan, session)
    );
  } catch (error) {
    if (!(error instanceof LockNotAcquired)) throw error;
    const modules = options.selection.tasks.map((task) => notRun(task, "not run: the lock was not acquired"));
    const report = buildReport2(basis, modules, error.interrupted ? "interrupted" : "failed", { reason: error.reason });
    writeOutputs(report, options);
    throw new RunNotStartedError(error.reason, error.exitCode, report, { cause: error.error });
  }
}
function prepareRun(given) {
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
  if (options.forceReset && !config.reset) {
    throw new UsageError(
      `--force-reset was given but no reset command is configured \u2014 add e.g. reset: ["bash", "testing/scripts/reset-db.sh"] to quality-gates.config.yml`
    );
  }
  const timeoutMs = config.timeout !== void 0 ? parseDuration(config.timeout, "timeout") : void 0;
  const logDir = options.logDir ?? join17(dirname4(options.reportPath), "quality-gates-logs");
  checkOutputPaths([
    { label: "report JSON", path: options.reportPath, kind: "file" },
    ...options.junitPath !== void 0 ? [{ label: "JUnit XML", path: options.junitPath, kind: "file" }] : [],
    ...options.selection.mode !== "skip" ? [{ label: "log folder", path: logDir, kind: "folder" }] : []
  ]);
  const historyPath = resolveHistoryPath(
    options.cwd,
    options.history === false ? "none" : options.history,
    config.history
  );
  return {
    options,
    basis: { selection: options.selection, runner: config.runner, env: options.env, startedAt: /* @__PURE__ */ new Date(), warnings },
    warnings,
    logDir,
    ...timeoutMs !== void 0 ? { timeoutMs } : {},
    runnerArgs: [...config.runnerArgs, ...options.runnerArgs],
    ...historyPath !== void 0 ? { historyPath } : {}
  };
}
function planWork(setup, slots) {
  const { options } = setup;
  const { config } = options.loaded;
  const heapBudget = options.heapBudget ?? config.heapBudget;
  const plan = planRunWork({
    tasks: options.selection.tasks,
    config,
    ...setup.historyPath !== void 0 ? { historyPath: setup.historyPath } : {},
    slots,
    slotsSource: slotsSource(options),
    pack: options.pack ?? config.pack,
    launcherPacks: BATCH_LAUNCHER.packs,
    memoryBudget: options.memoryBudget ?? config.memoryBudget,
    memoryBudgetSource: options.memoryBudget !== void 0 ? "--memory-budget" : "memoryBudget in quality-gates.config.yml",
    ...heapBudget !== void 0 ? {
      heapBudget,
      heapBudgetSource: options.heapBudget !== void 0 ? "--heap-budget" : "heapBudget in quality-gates.config.yml"
    } : {},
    machine: options.machine ?? readMachineFacts(),
    earlyStart: earlyStartOn(config.runner, setup.runnerArgs, options.prestart)
  });
  if (plan.historyWarning !== void 0) {
    setup.warnings.push(plan.historyWarning);
    options.stderr.write(`quality-gates run: ${plan.historyWarning}
`);
  }
  if (plan.slots.slots > 1 || slots === "auto") options.stdout.write(`${plan.slots.reason}
`);
  return plan;
}
function slotsSource(options) {
  if (options.slots !== void 0) return options.slotsSource ?? `--slots ${options.slots}`;
  return `slots: ${options.loaded.config.slots} in ${options.loaded.path ?? "quality-gates.config.yml"}`;
}
async function runInSession(setup, plan, session) {
  const { options } = setup;
  const { config } = options.loaded;
  let modules;
  let failure;
  let starts;
  let vitestServers;
  let items = plan.items;
  if (session.setupFailure) {
    modules = options.selection.tasks.map((task) => notRun(task, session.setupFailure.notRunWhy));
  } else {
    const coverage = mergesCoverage(config.runner, setup.runnerArgs, plan.items.length);
    const snapshots = options.heapSnapshots ?? config.leaks.snapshots;
    const ran = await runSchedule({
      ...options,
      config,
      runnerArgs: setup.runnerArgs,
      ...snapshots ? { snapshots: { maxSnapshots: config.leaks.maxSnapshots } } : {},
      ...setup.timeoutMs !== void 0 ? { timeoutMs: setup.timeoutMs } : {},
      logDir: setup.logDir,
      session,
      plan,
      ...coverage ? { coverageRoot: join17(session.workDir, "coverage") } : {},
      vitestServer: options.vitestServer ?? config.vitestServer
    });
    modules = snapshots ? await analyseModuleLeaks(ran.modules, {
      analyse: runLeakAnalysis,
      say: (line) => options.stdout.write(`${line}
`),
      stopSignal: options.stopSignal
    }) : ran.modules;
    starts = ran.starts;
    items = ran.items;
    vitestServers = ran.vitestServers;
    if (coverage && !options.stopSignal.reason) {
      const merged = await mergeRunCoverage({
        ...options,
        runner: config.runner,
        runnerArgs: setup.runnerArgs,
        processDirectories: ran.coverageDirectories
      });
      setup.warnings.push(...merged.warnings);
      failure = merged.failure;
    }
    setup.warnings.push(...recordHistory(plan, setup.historyPath, modules, ran.stopped));
  }
  setup.warnings.push(...await session.dropSlotDatabases());
  return finishRun(setup, plan, session, modules, { coverageFailure: failure, starts, items, vitestServers });
}
function finishRun(setup, plan, session, modules, ran) {
  const { coverageFailure, starts, items, vitestServers } = ran;
  const { options } = setup;
  const stop = options.stopSignal.reason;
  const interrupted = stop?.kind === "signal";
  const failed = session.setupFailure !== void 0 || stop?.kind === "lock-lost" || coverageFailure !== void 0 || badModules(modules).length > 0;
  const status = interrupted ? "interrupted" : failed ? "failed" : "passed";
  const reason = session.setupFailure?.reason ?? (stop ? describeStop(options.stopSignal) : coverageFailure);
  const lock = session.lockFigures();
  const compared = withBaselines(modules, plan.estimates, options.loaded.config.report.regressions);
  const report = buildReport2(setup.basis, compared, status, {
    ...session.reset ? {
      reset: {
        command: session.reset.command,
        durationMs: session.reset.durationMs,
        exitCode: session.reset.exitCode
      }
    } : {},
    ...lock ? { lock } : {},
    ...reason !== void 0 ? { reason } : {},
    schedule: {
      slots: plan.slots.slots,
      slotsReason: plan.slots.reason,
      packing: items.some((item) => item.modules.length > 1),
      ...setup.historyPath !== void 0 ? { historyPath: setup.historyPath } : {},
      items: items.map((item) => ({
        id: item.id,
        modules: item.modules,
        reason: item.reason,
        predictedDurationMs: item.predictedDurationMs,
        predictedPeakRssMB: item.predictedPeakRssMB,
        ...starts ? { early: starts.early.has(item.id) } : {}
      })),
      ...starts && plan.earlyStart ? { earlyStartsDiscarded: starts.discarded } : {},
      ...vitestServers !== void 0 ? { vitestServers } : {}
    }
  });
  writeOutputs(report, options);
  const say = (line) => options.stdout.write(`${line}
`);
  const failure = failureSentence(report);
  if (failure) say(`
${status === "interrupted" ? "Interrupted" : "Failed"}: ${failure}`);
  else say(`
All ${modules.length} ${modules.length === 1 ? "module" : "modules"} passed.`);
  say(`Report: ${options.reportPath}`);
  return {
    report,
    exitCode: interrupted ? ExitCode.Interrupted : status === "failed" ? ExitCode.Failed : ExitCode.Ok,
    ...failure ? { failure } : {}
  };
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
import { readFileSync as readFileSync7 } from "node:fs";
import { resolve as resolve3 } from "node:path";
function selectionConflict(request, planOptions, names) {
  const given = [];
  if (request.all) given.push(names.all);
  if (request.changed) given.push(names.changed);
  if (request.planFile !== void 0) given.push(names.plan);
  if (request.modules && request.modules.length > 0) given.push(names.modules);
  if (request.paths && request.paths.length > 0) given.push(names.paths);
  if (given.length > 1) return { kind: "alternatives", given };
  if (planOptions.length > 0 && !request.changed)
    return { kind: "planning-only", options: [...planOptions], given: given[0] ?? names.all };
  return void 0;
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
  if (request.planFile !== void 0) plan = readPlanFile(resolve3(cwd, request.planFile), request.planFile);
  else if (request.changed) {
    plan = await computePlan({
      cwd,
      env: context.env,
      loaded,
      base: request.base,
      head: request.head,
      files: request.files,
      full: request.full,
      log: context.log
    });
  }
  if (plan) {
    if (plan.mode === "skip") return { mode: "skip", plan, tasks: [], skipReason: plan.reason };
    checkNames(plan.modules, request.planFile !== void 0 ? `--plan ${request.planFile}` : "plan");
    const names = plan.mode === "full" ? existing : plan.modules;
    return { mode: plan.mode, plan, tasks: names.map(moduleTask) };
  }
  if (existing.length === 0) {
    throw new ConfigError(
      `no modules to run: ${loaded.moduleRoot} ${loaded.moduleRootSource === "missing" ? "does not exist" : `has no folder holding a test file (by ${layout.isTestFile.source}: ${layout.isTestFile.patterns.join(", ")})${layout.sharedFolders.length > 0 ? `; ${listSome(layout.sharedFolders)} hold none` : ""}`} \u2014 set modules.testMatch if your tests have other names, set modules.root in quality-gates.config.yml to the folder whose subfolders are your integration modules, or pass paths after --`
    );
  }
  return { mode: "full", tasks: existing.map(moduleTask) };
}
function readPlanFile(path, label) {
  let raw;
  try {
    raw = JSON.parse(readFileSync7(path, "utf8"));
  } catch (error) {
    const why = error.code === "ENOENT" ? "file not found" : error.message;
    throw new UsageError(
      `--plan ${label}: cannot read the plan (${why}) \u2014 write it with 'quality-gates plan > ${label}'`
    );
  }
  const result = PlanSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(
      `--plan ${label}: not a plan from 'quality-gates plan' (${issue.path.join(".") || "top level"}: ${issue.message})`
    );
  }
  return result.data;
}
function listSome(names, most = 8) {
  return names.length <= most ? names.join(", ") : `${names.slice(0, most).join(", ")} and ${names.length - most} more`;
}

export {
  checkOutputPaths,
  lossTolerant,
  RunNotStartedError,
  runBatch,
  resolveRunLock,
  selectionConflict,
  selectWork
};
