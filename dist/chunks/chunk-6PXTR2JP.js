import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  ReportSchema
} from "./chunk-SUHRJXHI.js";
import {
  buildReport,
  isBadStatus,
  renderJUnit,
  renderSummary,
  reportTotals,
  updateHistory
} from "./chunk-B6FG5BJQ.js";
import {
  readHistory,
  writeHistory,
  writeOutputFile
} from "./chunk-SKC5PD7T.js";
import {
  VERSION
} from "./chunk-64T4F7XV.js";
import {
  compareNames
} from "./chunk-ACAW7SLU.js";
import {
  Minimatch
} from "./chunk-OXXGRHMT.js";
import {
  UsageError
} from "./chunk-LPOMALK6.js";

// src/report/merge-files.ts
import { resolve as resolve2 } from "node:path";

// src/report/history-fold.ts
function foldReportsIntoHistory(history, reports, toolVersion, now = /* @__PURE__ */ new Date()) {
  const owner = /* @__PURE__ */ new Map();
  reports.forEach((report, index) => {
    for (const module of report.modules) if (module.status !== "skipped") owner.set(module.name, index);
  });
  const order = reports.map((report, index) => ({ report, index })).sort((a, b) => timeOf(a.report, now) - timeOf(b.report, now) || a.index - b.index);
  let next = history;
  for (const { report, index } of order) {
    const modules = report.modules.filter((module) => owner.get(module.name) === index && recordable(module, report));
    if (modules.length === 0) continue;
    next = updateHistory(next, modules.map(historyInput), {
      now: new Date(timeOf(report, now)),
      runner: report.runner,
      toolVersion,
      slots: slotsOf(report)
    });
  }
  return next;
}
function recordable(module, report) {
  if (module.status === "skipped") return false;
  return !(report.status === "interrupted" && module.status === "crashed");
}
function timeOf(report, now) {
  const finished = Date.parse(report.finishedAt);
  return Number.isFinite(finished) ? finished : now.getTime();
}
function historyInput(module) {
  const extra = module;
  return {
    ...module,
    ...extra.process !== void 0 ? { process: extra.process } : {},
    ...extra.baseHeapMB !== void 0 ? { baseHeapMB: extra.baseHeapMB } : {}
  };
}
function slotsOf(report) {
  const slots = report.modules.map((module) => module.slot).filter((slot) => typeof slot === "number" && slot >= 1);
  return slots.length > 0 ? Math.max(...slots) : 1;
}

// src/history/fold-file.ts
function foldReportsIntoHistoryFile(path, reports) {
  const read = readHistory(path);
  const warnings = read.warning ? [read.warning] : [];
  if (!read.mayOverwrite) return { warnings, recorded: 0 };
  const next = foldReportsIntoHistory(read.history, reports, VERSION);
  const before = read.history.modules;
  const recorded = Object.keys(next.modules).filter(
    (name) => next.modules[name].at(-1) !== before[name]?.at(-1)
  ).length;
  if (recorded === 0) return { warnings, recorded: 0 };
  try {
    writeHistory(path, next);
  } catch (error) {
    warnings.push(`${error.message}; the merged report is written all the same`);
    return { warnings, recorded: 0 };
  }
  return { warnings, recorded };
}

// src/report/glob.ts
import { existsSync, readdirSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
var SKIPPED_DIRS = /* @__PURE__ */ new Set(["node_modules", ".git"]);
function expandReportPatterns(patterns, cwd) {
  const found = /* @__PURE__ */ new Set();
  for (const pattern of patterns) {
    const matcher = new Minimatch(pattern.replace(/\\/g, "/"), { dot: false, nocomment: true, nonegate: true });
    if (!matcher.hasMagic()) {
      const path = resolve(cwd, pattern);
      if (!existsSync(path) || !statSync(path).isFile())
        throw new UsageError(`report ${JSON.stringify(pattern)}: no such file \u2014 check the path (relative to ${cwd})`);
      found.add(path);
      continue;
    }
    const matches = globFiles(pattern.replace(/\\/g, "/"), cwd);
    if (matches.length === 0)
      throw new UsageError(
        `report glob ${JSON.stringify(pattern)}: matches no file under ${cwd} \u2014 did the matrix jobs upload their reports?`
      );
    for (const path of matches) found.add(path);
  }
  return [...found].sort();
}
function globFiles(pattern, cwd) {
  const segments = pattern.split("/");
  const literal = [];
  for (const segment of segments.slice(0, -1)) {
    if (new Minimatch(segment).hasMagic()) break;
    literal.push(segment);
  }
  const absolutePattern = isAbsolute(pattern);
  const base = absolutePattern ? literal.join("/") || "/" : resolve(cwd, ...literal);
  const matcher = new Minimatch(absolutePattern ? pattern : pattern.replace(/^\.\//, ""), { dot: false });
  const results = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile()) {
        const candidate = absolutePattern ? path.split(sep).join("/") : relative(cwd, path).split(sep).join("/");
        if (matcher.match(candidate)) results.push(path);
      }
    }
  };
  walk(base);
  return results;
}

// src/report/merge.ts
function mergeReports(inputs) {
  if (inputs.length === 0) throw new Error("mergeReports: no reports");
  const warnings = [];
  const modules = /* @__PURE__ */ new Map();
  for (const { source, report: report2 } of inputs) {
    for (const module of report2.modules) {
      const previous = modules.get(module.name);
      if (previous && module.status === "skipped" && previous.module.status !== "skipped") {
        warnings.push(
          `module ${JSON.stringify(module.name)} appears in ${previous.source} and ${source}; keeping the one from ${previous.source} (it did not run in ${source})`
        );
        continue;
      }
      if (previous)
        warnings.push(
          `module ${JSON.stringify(module.name)} appears in ${previous.source} and ${source}; keeping the one from ${source}`
        );
      modules.set(module.name, { module, source, report: report2 });
    }
  }
  const shas = [...new Set(inputs.flatMap(({ report: report2 }) => report2.context.sha ? [report2.context.sha] : []))];
  if (shas.length > 1)
    warnings.push(
      `the reports come from different commits (${shas.map((sha) => sha.slice(0, 12)).join(", ")}): are old artifacts mixed in?`
    );
  const merged = [...modules.values()].map((entry) => entry.module).sort((a, b) => compareNames(a.name, b.name));
  const reports = inputs.map((input) => input.report);
  const first = reports[0];
  const startedAt = earliest(reports.map((r) => r.startedAt)) ?? first.startedAt;
  const finishedAt = latest(reports.map((r) => r.finishedAt)) ?? first.finishedAt;
  const span = Date.parse(finishedAt) - Date.parse(startedAt);
  const durationMs = Number.isFinite(span) && span >= 0 ? span : Math.max(...reports.map((r) => r.durationMs));
  const locks = reports.flatMap((r) => r.lock ? [r.lock] : []);
  const resets = reports.flatMap((r) => r.reset ? [r.reset] : []);
  const plan = reports.find((r) => r.plan)?.plan;
  const status = mergedStatus(reports, [...modules.values()]);
  const reasons = status === "passed" ? [] : [
    ...new Set(
      reports.filter((r) => r.status === "failed" || r.status === "interrupted").flatMap((r) => r.reason ? [r.reason] : [])
    )
  ];
  const reason = reasons.length > 0 ? reasons.join(" ") : status === "skipped" ? reports.find((r) => r.reason)?.reason : void 0;
  const report = buildReport({
    status,
    ...reason ? { reason } : {},
    mode: mergedMode(reports),
    ...plan ? { plan } : {},
    runner: first.runner,
    startedAt,
    finishedAt,
    durationMs,
    ...locks.length > 0 ? {
      lock: {
        backend: locks[0].backend,
        name: locks[0].name,
        waitMs: sum(locks.map((l) => l.waitMs)),
        holdMs: sum(locks.map((l) => l.holdMs))
      }
    } : {},
    ...resets.length > 0 ? { reset: resets.find((r) => r.exitCode !== 0) ?? resets[0] } : {},
    modules: merged,
    totals: reportTotals(merged, durationMs),
    // Each job's own warnings (once each), then what merging found.
    warnings: [.../* @__PURE__ */ new Set([...reports.flatMap((r) => r.warnings), ...warnings])],
    context: first.context
  });
  return { report, warnings };
}
function mergedStatus(reports, kept) {
  const modules = kept.map((entry) => entry.module);
  if (kept.some((entry) => isBadStatus(entry.module.status) && entry.report.status !== "interrupted")) return "failed";
  if (reports.some((r) => r.status === "failed" && !r.modules.some((m) => isBadStatus(m.status)))) return "failed";
  if (reports.some((r) => r.status === "interrupted")) return "interrupted";
  if (modules.some((m) => isBadStatus(m.status))) return "failed";
  if (modules.some((m) => m.status !== "skipped")) return "passed";
  return "skipped";
}
function mergedMode(reports) {
  const modes = new Set(reports.map((r) => r.mode));
  if (modes.size === 1) return reports[0].mode;
  if (modes.has("full")) return "full";
  return reports.find((r) => r.mode !== "skip")?.mode ?? reports[0].mode;
}
function earliest(times) {
  return times.filter((t) => Number.isFinite(Date.parse(t))).sort((a, b) => Date.parse(a) - Date.parse(b))[0];
}
function latest(times) {
  return times.filter((t) => Number.isFinite(Date.parse(t))).sort((a, b) => Date.parse(b) - Date.parse(a))[0];
}
function sum(values) {
  return values.reduce((a, b) => a + b, 0);
}

// src/report/report-file.ts
import { readFileSync } from "node:fs";
function readReportFile(path, label = path) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(
      `${label}: cannot read the report (${error.code ?? String(error)})`
    );
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${label}: not JSON (${error instanceof Error ? error.message : String(error)}) \u2014 give the report files quality-gates run wrote`
    );
  }
  const parsed = ReportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `${label}: ${formatPath(issue)}: ${issue.message} \u2014 is it a quality-gates report (schemaVersion 1)?`
    );
  }
  return parsed.data;
}
function formatPath(issue) {
  let out = "";
  for (const key of issue.path)
    out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
  return out || "(root)";
}

// src/report/merge-files.ts
function mergeReportFiles(request) {
  const { cwd } = request;
  const outPath = resolve2(cwd, request.out);
  const named = request.patterns.some((pattern) => resolve2(cwd, pattern) === outPath);
  const files = expandReportPatterns(request.patterns, cwd).filter((file) => file !== outPath || named);
  if (files.length === 0) {
    const label = request.patternsLabel ? `${request.patternsLabel}: ` : "";
    throw new UsageError(
      `${label}no report to merge besides the output ${request.out} (a glob never merges the output into itself)`
    );
  }
  const inputs = files.map((file) => {
    const source = file.startsWith(cwd + "/") ? file.slice(cwd.length + 1) : file;
    return { source, report: readReportFile(file, source) };
  });
  const { report, warnings } = mergeReports(inputs);
  const history = request.history !== void 0 && request.history !== "none" ? foldReportsIntoHistoryFile(
    resolve2(cwd, request.history),
    inputs.map((input) => input.report)
  ) : void 0;
  writeOutputFile(outPath, JSON.stringify(report, null, 2) + "\n");
  if (request.junit) writeOutputFile(resolve2(cwd, request.junit), renderJUnit(report));
  if (request.summary)
    writeOutputFile(resolve2(cwd, request.summary), renderSummary(report, { reportPath: request.out }));
  return { report, warnings, sources: inputs.map((input) => input.source), ...history ? { history } : {} };
}

export {
  mergeReportFiles
};
