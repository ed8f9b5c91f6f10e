import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  DEFAULT_HISTORY_WINDOW,
  HISTORY_SCHEMA_VERSION
} from "./chunk-SKC5PD7T.js";
import {
  VERSION
} from "./chunk-64T4F7XV.js";
import {
  escapeInline,
  escapePre,
  escapeXml,
  escapeXmlText,
  linkTarget,
  truncateText,
  utf8Bytes
} from "./chunk-XS3YCCI7.js";
import {
  formatDuration
} from "./chunk-ZC2IFY74.js";

// src/report/failures.ts
function moduleFailures(module) {
  const items = [];
  for (const suite of module.suites) {
    if (suite.error !== void 0 && suite.error.trim() !== "") {
      items.push({
        module: module.name,
        suite: suite.file,
        name: "(suite failed to run)",
        message: suite.error,
        file: suite.file,
        kind: "suite-error"
      });
    }
    for (const failure of suite.failures) {
      items.push({
        module: module.name,
        suite: suite.file,
        name: failure.name,
        message: failure.message,
        file: failure.file ?? suite.file,
        line: failure.line,
        kind: "test"
      });
    }
  }
  return items;
}
var FAILING_STATUSES = ["failed", "crashed", "timeout"];
function isBadStatus(status) {
  return FAILING_STATUSES.includes(status);
}
function badModules(modules) {
  return modules.filter((module) => isBadStatus(module.status));
}
function crashCause(module) {
  if (module.reason && module.reason.trim() !== "") return module.reason.trim();
  if (module.status === "timeout") return "timed out";
  if (module.status === "failed" && module.exitCode !== null)
    return `the test runner exited with code ${module.exitCode}; see its log`;
  if (module.signal) return `killed by ${module.signal}`;
  if (module.exitCode !== null) return `exit code ${module.exitCode}`;
  return "the test process died";
}

// src/util/group-by.ts
function groupBy(items, key) {
  const groups = /* @__PURE__ */ new Map();
  items.forEach((item, index) => {
    const k = key(item, index);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  });
  return groups;
}

// src/history/update.ts
var DAY_MS = 24 * 60 * 60 * 1e3;
function updateHistory(history, modules, options) {
  const window = Math.max(1, Math.floor(options.window ?? DEFAULT_HISTORY_WINDOW));
  const recordedAt = options.now.toISOString();
  const next = {};
  for (const [name, runs] of Object.entries(history.modules)) next[name] = [...runs];
  for (const [name, record] of recordRuns(
    modules,
    { slots: options.slots ?? 1, cores: options.cores },
    recordedAt,
    options.runner
  )) {
    next[name] = [...next[name] ?? [], record].slice(-window);
  }
  const forgetBefore = options.now.getTime() - (options.forgetAfterDays ?? 90) * DAY_MS;
  const kept = Object.keys(next).filter((name) => next[name].some((run) => Date.parse(run.recordedAt) >= forgetBefore)).sort();
  return {
    schemaVersion: HISTORY_SCHEMA_VERSION,
    tool: { name: "quality-gates", version: options.toolVersion },
    updatedAt: recordedAt,
    modules: Object.fromEntries(kept.map((name) => [name, next[name]]))
  };
}
function recordRuns(modules, machine, recordedAt, runner) {
  const { slots, cores } = machine;
  const records = [];
  for (const group of processGroups(modules.filter((module) => module.status !== "skipped"))) {
    const first = group[0];
    const startupMs = first.startupMs ?? (first.suites.length > 0 ? Math.max(0, first.durationMs - sum(first.suites.map((suite) => suite.durationMs))) : null);
    let inheritedHeapMB = 0;
    let previousLastHeap;
    const filled = filledHeaps(group);
    group.forEach((module, position) => {
      const heaps = filled[position].filter((heap) => heap !== void 0);
      const base = module.suites[0]?.heapBeforeMB ?? module.baseHeapMB ?? previousLastHeap;
      const retainedHeapMB = retainedHeap(heaps, module.suites.length, base);
      records.push([
        module.name,
        {
          recordedAt,
          runner,
          status: module.status,
          durationMs: module.durationMs,
          startupMs,
          suiteCount: module.suites.length,
          peakHeapMB: module.peakHeapMB,
          retainedHeapMB,
          peakRssMB: module.peakRssMB,
          heapLimitMB: module.heapLimitMB ?? null,
          process: {
            modules: group.length,
            position,
            slots,
            ...cores !== void 0 ? { cores: Math.max(1, Math.floor(cores)) } : {},
            inheritedHeapMB,
            ...position === 0 && bootRss(module) !== void 0 ? { bootRssMB: bootRss(module) } : {},
            ...position === 0 ? firstFileExtra(module) : {}
          }
        }
      ]);
      inheritedHeapMB = inheritedHeapMB === null || retainedHeapMB === null ? null : inheritedHeapMB + retainedHeapMB;
      previousLastHeap = heaps.at(-1);
    });
  }
  return records;
}
function filledHeaps(group) {
  const suites = group.flatMap((module) => module.suites);
  const base = group[0]?.suites[0]?.heapBeforeMB ?? group[0]?.baseHeapMB;
  const known = base !== void 0 ? [[-1, base]] : [];
  suites.forEach((suite, index) => {
    if (suite.heapAfterMB !== void 0) known.push([index, suite.heapAfterMB]);
  });
  const values = suites.map((suite, index) => {
    if (suite.heapAfterMB !== void 0) return suite.heapAfterMB;
    const next = known.findIndex(([at]) => at > index);
    if (next <= 0) return void 0;
    const [fromAt, fromHeap] = known[next - 1];
    const [toAt, toHeap] = known[next];
    return round1(fromHeap + (toHeap - fromHeap) * (index - fromAt) / (toAt - fromAt));
  });
  let offset = 0;
  return group.map((module) => {
    const slice = values.slice(offset, offset + module.suites.length);
    offset += module.suites.length;
    return slice;
  });
}
function retainedHeap(heapsAfterSuites, suiteCount, baseHeapMB) {
  const last = heapsAfterSuites.at(-1);
  if (last === void 0) return null;
  if (baseHeapMB !== void 0) return round1(Math.max(0, last - baseHeapMB));
  if (heapsAfterSuites.length < 2) return null;
  const perSuite = (last - heapsAfterSuites[0]) / (heapsAfterSuites.length - 1);
  return round1(Math.max(0, perSuite * Math.max(suiteCount, heapsAfterSuites.length)));
}
function processGroups(modules) {
  const groups = groupBy(
    modules,
    (module, index) => module.process === void 0 ? `alone:${String(index)}` : `process:${String(module.process)}`
  );
  const started = (module) => module.startedAt ? Date.parse(module.startedAt) : Number.NaN;
  return [...groups.values()].map(
    (group) => group.every((module) => Number.isFinite(started(module))) ? [...group].sort((a, b) => started(a) - started(b)) : group
  );
}
function sum(values) {
  return values.reduce((total, value) => total + value, 0);
}
function round1(value) {
  return Math.round(value * 10) / 10;
}
function bootRss(module) {
  return module.suites.find((suite) => suite.rssBeforeMB !== void 0)?.rssBeforeMB;
}
function firstFileExtra(module) {
  const base = module.suites[0]?.heapBeforeMB;
  const first = module.suites[0]?.heapAfterMB;
  const lastIndex = module.suites.findLastIndex((suite, index) => index > 0 && suite.heapAfterMB !== void 0);
  if (base === void 0 || first === void 0 || lastIndex < 1) return {};
  const perLaterFile = Math.max(0, (module.suites[lastIndex].heapAfterMB - first) / lastIndex);
  return { loadedOnceMB: round1(Math.max(0, first - base - perLaterFile)) };
}

// src/report/baseline.ts
var DEFAULT_REGRESSION_THRESHOLDS = {
  heapPercent: 25,
  heapMB: 50,
  durationPercent: 50,
  durationMs: 3e4
};
var COMPARABLE = /* @__PURE__ */ new Set(["passed", "failed"]);
var METRICS = [
  { metric: "durationMs", kind: "duration" },
  { metric: "peakHeapMB", kind: "heap" },
  { metric: "retainedHeapMB", kind: "heap" },
  { metric: "peakRssMB", kind: "heap" }
];
function baselineOf(estimate) {
  return {
    durationMs: estimate.durationMs,
    peakHeapMB: estimate.peakHeapMB,
    retainedHeapMB: estimate.retainedHeapMB,
    peakRssMB: estimate.peakRssMB,
    runs: estimate.runs
  };
}
function withBaselines(modules, estimates, thresholds = DEFAULT_REGRESSION_THRESHOLDS) {
  return modules.map((module) => {
    const estimate = estimates.get(module.name);
    if (!estimate || estimate.runs === 0) return module;
    const baseline = baselineOf(estimate);
    return { ...module, baseline: { ...baseline, changes: changesAgainst(module, baseline, thresholds) } };
  });
}
function changesAgainst(module, baseline, thresholds) {
  if (!COMPARABLE.has(module.status)) return [];
  const current = currentFigures(module);
  const changes = [];
  for (const { metric, kind } of METRICS) {
    const value = current[metric];
    const base = baseline[metric];
    if (value === null || base === null) continue;
    const change = value - base;
    const percent = base > 0 ? change / base * 100 : change > 0 ? Number.POSITIVE_INFINITY : 0;
    const [minPercent, minAbsolute] = kind === "heap" ? [thresholds.heapPercent, thresholds.heapMB] : [thresholds.durationPercent, thresholds.durationMs];
    if (Math.abs(change) <= minAbsolute || Math.abs(percent) <= minPercent) continue;
    changes.push({
      metric,
      kind: change > 0 ? "regression" : "improvement",
      value: round12(value),
      baseline: round12(base),
      change: round12(change),
      percent: Number.isFinite(percent) ? round12(percent) : null
    });
  }
  return changes;
}
function currentFigures(module) {
  const heaps = module.suites.flatMap((suite) => suite.heapAfterMB === void 0 ? [] : [suite.heapAfterMB]);
  return {
    durationMs: module.durationMs,
    peakHeapMB: module.peakHeapMB,
    retainedHeapMB: retainedHeap(heaps, module.suites.length, module.suites[0]?.heapBeforeMB),
    peakRssMB: module.peakRssMB
  };
}
function moduleChanges(modules, kind) {
  return modules.flatMap(
    (module) => (module.baseline?.changes ?? []).filter((change) => kind === void 0 || change.kind === kind).map((change) => ({ module: module.name, runs: module.baseline.runs, ...change }))
  );
}
var LABELS = {
  durationMs: "duration",
  peakHeapMB: "peak heap",
  retainedHeapMB: "retained heap",
  peakRssMB: "peak RSS"
};
function describeChange(change, runs) {
  const figure = (value) => change.metric === "durationMs" ? formatDuration(Math.abs(value)) : `${Math.round(Math.abs(value))} MB`;
  const sign = change.change > 0 ? "+" : "\u2212";
  const percent = change.percent === null ? "" : ` (${sign}${Math.round(Math.abs(change.percent))} %)`;
  return `${LABELS[change.metric]} ${figure(change.value)}, ${sign}${figure(change.change)}${percent} vs baseline (${runs} ${runs === 1 ? "run" : "runs"})`;
}
function round12(value) {
  return Math.round(value * 10) / 10;
}

// src/report/baseline-summary.ts
var MAX_LINES = 30;
function renderBaselineChanges(modules) {
  const changes = [...moduleChanges(modules, "regression"), ...moduleChanges(modules, "improvement")];
  if (changes.length === 0) return void 0;
  const lines = ["### Against the baseline", ""];
  for (const change of changes.slice(0, MAX_LINES)) {
    const icon = change.kind === "regression" ? "\u26A0\uFE0F" : "\u{1F4C9}";
    lines.push(`- ${icon} **${escapeInline(change.module)}**: ${describeChange(change, change.runs)}`);
  }
  if (changes.length > MAX_LINES) lines.push(`- \u2026 and ${changes.length - MAX_LINES} more (see the report JSON)`);
  const regressions = changes.filter((change) => change.kind === "regression").length;
  lines.push(
    "",
    `<sub>Baseline: the medians of each module's recent runs in the history. ${regressions} ${regressions === 1 ? "regression" : "regressions"}, ${changes.length - regressions} ${changes.length - regressions === 1 ? "improvement" : "improvements"} beyond the thresholds of report.regressions.</sub>`
  );
  return lines.join("\n");
}

// src/report/leak-summary.ts
var MAX_SUSPECTS = 5;
function renderLeakForensics(modules) {
  const flagged = modules.filter((module) => module.leak?.flagged);
  if (flagged.length === 0) return void 0;
  const lines = ["### \u{1F9EA} Leak forensics", ""];
  for (const module of flagged) {
    const leak = module.leak;
    const name = escapeInline(module.name);
    lines.push(`- \u{1F9EA} **${name}**: ${climbPhrase(leak)}; ${outcomePhrase(leak)}`);
    for (const suspect of leak.suspects.slice(0, MAX_SUSPECTS)) lines.push(`- \u{1F9EA} ${name}: ${suspectLine(suspect)}`);
  }
  lines.push(
    "",
    "<sub>Heap snapshots are written when the post-GC heap keeps climbing, then compared in a separate process: the classes that grew in every snapshot, with one retainer path. Open the snapshots (artifact <code>heap-snapshots</code>) in Chrome DevTools \u203A Memory.</sub>"
  );
  return lines.join("\n");
}
function suspectLine(suspect) {
  const count = `${signed(suspect.countDelta)} ${Math.abs(suspect.countDelta) === 1 ? "instance" : "instances"}`;
  const size = `${signed(roundMB(suspect.sizeDeltaMB))} MB`;
  const where = suspect.retainers !== "" ? ` \u2014 ${escapeInline(suspect.retainers)}` : "";
  const related = suspect.inside ? ` (inside ${escapeInline(suspect.inside)})` : suspect.holds ? ` (holds ${escapeInline(suspect.holds)})` : "";
  return `${escapeInline(suspect.name)} ${count}, ${size}${where}${related}`;
}
function climbPhrase(leak) {
  if (leak.across === "limit" && leak.growthMB === null) return "the heap reached its limit";
  const over = leak.steps !== void 0 ? leak.across === "tests" ? ` over ${leak.steps} samples within one test file` : ` over ${leak.steps} test files` : "";
  return leak.growthMB !== null ? `post-GC heap rose ${roundMB(leak.growthMB)} MB${over}` : "post-GC heap climbed";
}
function outcomePhrase(leak) {
  const count = leak.snapshots.length;
  const written = count === 0 ? "no heap snapshot" : `${count} heap ${count === 1 ? "snapshot" : "snapshots"}`;
  const skipped = leak.skipped ? ` (${escapeInline(leak.skipped)})` : "";
  if (leak.error !== void 0) return `${written}${skipped}; no analysis: ${escapeInline(leak.error)}`;
  if (count === 0) return `${written}${skipped}`;
  if (leak.suspects.length === 0) return `${written}${skipped}; nothing grew in every snapshot`;
  return `${written}${skipped}, what grew:`;
}
function signed(value) {
  return `${value >= 0 ? "+" : "\u2212"}${Math.abs(value).toLocaleString("en-US")}`;
}
function roundMB(value) {
  return Math.abs(value) >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
}

// src/report/heap-trend.ts
var DEFAULT_HEAP_TREND_RULE = {
  minSuites: 4,
  minSlopeMB: 5,
  minRisingShare: 0.75,
  minGrowthMB: 20
};
function leastSquaresSlope(values) {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let numerator = 0;
  let denominator = 0;
  values.forEach((y, x) => {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  });
  return numerator / denominator;
}
function detectHeapTrend(series, rule = DEFAULT_HEAP_TREND_RULE, origin = { afterGc: true }) {
  const values = series.filter((v) => Number.isFinite(v));
  if (values.length < rule.minSuites) return void 0;
  const slopeMB = leastSquaresSlope(values);
  let risingSteps = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[i - 1]) risingSteps++;
  const growth = values[values.length - 1] - values[0];
  if (slopeMB < rule.minSlopeMB) return void 0;
  if (risingSteps / (values.length - 1) < rule.minRisingShare) return void 0;
  if (growth < rule.minGrowthMB) return void 0;
  return {
    slopeMB,
    suites: values.length,
    series: [...values],
    risingSteps,
    message: `heap grows ~${Math.round(slopeMB)} MB per suite across ${values.length} suites \u2014 likely retained between suites` + (origin.afterGc ? "" : " (read without a forced GC: garbage can look like growth)")
  };
}
var BARS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
function sparkline(values) {
  if (values.length === 0) return "";
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  return values.map(
    (v) => BARS[span === 0 ? 0 : Math.min(BARS.length - 1, Math.floor((v - min) / span * (BARS.length - 1) + 0.5))]
  ).join("");
}

// src/report/totals.ts
function reportTotals(modules, durationMs) {
  const totals = {
    modules: { total: modules.length, passed: 0, failed: 0, crashed: 0, timeout: 0, skipped: 0 },
    tests: { total: 0, passed: 0, failed: 0, skipped: 0, todo: 0 },
    durationMs
  };
  for (const module of modules) {
    totals.modules[module.status]++;
    for (const kind of ["total", "passed", "failed", "skipped", "todo"])
      totals.tests[kind] += module.tests[kind];
  }
  return totals;
}

// src/report/summary.ts
var DEFAULT_SUMMARY_MAX_BYTES = 1e6;
var MODULE_STATUS_ICON = {
  passed: "\u2705",
  failed: "\u274C",
  crashed: "\u{1F4A5}",
  timeout: "\u23F1\uFE0F",
  skipped: "\u23ED\uFE0F"
};
var REPORT_STATUS_ICON = {
  passed: "\u2705",
  failed: "\u274C",
  skipped: "\u23ED\uFE0F",
  interrupted: "\u26D4"
};
var STATUS_ORDER = {
  crashed: 0,
  timeout: 1,
  failed: 2,
  passed: 3,
  skipped: 4
};
var LEVELS = [
  { passingRows: true, maxLines: 20, maxChars: 4e3, perModule: 50, total: 1e3, heapSeries: true },
  // 1. trim passing detail
  { passingRows: false, maxLines: 20, maxChars: 4e3, perModule: 50, total: 1e3, heapSeries: false },
  // 2. truncate messages
  { passingRows: false, maxLines: 8, maxChars: 800, perModule: 50, total: 1e3, heapSeries: false },
  { passingRows: false, maxLines: 3, maxChars: 240, perModule: 20, total: 500, heapSeries: false },
  // 3. drop failure details
  { passingRows: false, maxLines: 3, maxChars: 240, perModule: 5, total: 100, heapSeries: false },
  { passingRows: false, maxLines: 1, maxChars: 120, perModule: 1, total: 20, heapSeries: false },
  { passingRows: false, maxLines: 1, maxChars: 120, perModule: 0, total: 0, heapSeries: false }
];
function renderSummary(report, options = {}) {
  const maxBytes = options.maxBytes ?? DEFAULT_SUMMARY_MAX_BYTES;
  const model = buildModel(report);
  const levels = options.compact ? compactLevels(model) : LEVELS;
  let last = "";
  for (const detail of levels) {
    last = renderWith(model, detail, options);
    if (utf8Bytes(last) <= maxBytes) return last;
  }
  return cutToBudget(last, maxBytes, fullReportWhere(options));
}
var COMPACT_MAX_PASSING_ROWS = 10;
function compactLevels(model) {
  const folded = LEVELS.slice(2).map((level) => ({ ...level, foldedByDesign: true }));
  const quiet = model.modules.filter((module) => !isBadStatus(module.status) && !model.trends.has(module)).length;
  return quiet <= COMPACT_MAX_PASSING_ROWS ? [{ ...folded[0], passingRows: true }, ...folded] : folded;
}
function buildModel(report) {
  const modules = report.modules.map((module, index) => ({ module, index })).sort((a, b) => STATUS_ORDER[a.module.status] - STATUS_ORDER[b.module.status] || a.index - b.index).map((entry) => entry.module);
  const failures = /* @__PURE__ */ new Map();
  const trends = /* @__PURE__ */ new Map();
  for (const module of modules) {
    failures.set(module, moduleFailures(module));
    const trend = detectHeapTrend(heapSeries(module), void 0, { afterGc: heapSeriesAfterGc(module) });
    if (trend) trends.set(module, trend);
  }
  return { report, modules, failures, trends };
}
function heapSeriesAfterGc(module) {
  return module.suites.every((suite) => suite.heapAfterMB === void 0 || suite.heapAfterGc !== false);
}
function heapSeries(module) {
  return module.suites.flatMap((suite) => suite.heapAfterMB === void 0 ? [] : [suite.heapAfterMB]);
}
function renderWith(model, detail, options) {
  const leftOut = [];
  const parts = [renderHeader(model.report, options.headingLevel ?? 2), renderTable(model, detail, leftOut)];
  const baseline = renderBaselineChanges(model.modules);
  if (baseline) parts.push(baseline);
  const trends = renderTrends(model, detail);
  if (trends) parts.push(trends);
  const leaks = renderLeakForensics(model.modules);
  if (leaks) parts.push(leaks);
  const failures = renderFailures(model, detail, leftOut);
  if (failures) parts.push(failures);
  if (leftOut.length > 0) parts.push(leftOutNote(leftOut, fullReportWhere(options)));
  return parts.join("\n\n") + "\n";
}
function renderHeader(report, level) {
  const counts = countModules(report.modules);
  const ran = report.modules.length - counts.skipped;
  const bad = badModules(report.modules).length;
  const title = report.status === "passed" ? `${ran} of ${ran} modules passed` : report.status === "failed" ? bad > 0 ? `${bad} of ${ran} modules failed` : "failed" : report.status === "skipped" ? "nothing to run" : `interrupted after ${ran} modules`;
  const lines = [
    `${"#".repeat(Math.min(6, Math.max(1, level)))} ${REPORT_STATUS_ICON[report.status]} quality-gates: ${title}`,
    ""
  ];
  if (report.reason)
    lines.push(
      `> ${report.status === "passed" || report.status === "skipped" ? "" : "\u26A0\uFE0F "}${escapeInline(report.reason)}`,
      ""
    );
  const reason = report.plan?.reason ?? (report.mode === "paths" ? "Explicit test paths were given." : void 0);
  lines.push(`**Mode:** \`${report.mode}\`${reason ? ` \u2014 ${escapeInline(reason)}` : ""}  `);
  const facts = [];
  if (report.plan) facts.push(`**Changed files:** ${report.plan.changedFiles}`);
  const breakdown = ["passed", "failed", "crashed", "timeout", "skipped"].filter((status) => counts[status] > 0 || status === "passed").map((status) => `${counts[status]} ${status}`).join(", ");
  facts.push(`**Modules:** ${ran} run \u2014 ${breakdown}`);
  facts.push(`**Tests:** ${testsPhrase((report.totals ?? reportTotals(report.modules, report.durationMs)).tests)}`);
  facts.push(`**Time:** ${formatDuration(report.durationMs)}`);
  const limit = sharedHeapLimit(report.modules);
  if (limit !== void 0) facts.push(`**Heap limit:** ${Math.round(limit)} MB`);
  if (report.lock) {
    facts.push(
      `**Lock** <code>${escapeInline(report.lock.name)}</code> (${report.lock.backend}): waited ${formatDuration(report.lock.waitMs)}, held ${formatDuration(report.lock.holdMs)}`
    );
  }
  lines.push(facts.join(" \xB7 "));
  if (report.reset) {
    const ok = report.reset.exitCode === 0;
    lines.push(
      "",
      `${ok ? "" : "\u26A0\uFE0F "}**Reset:** ${ok ? "done" : `exit code ${report.reset.exitCode ?? "none"}`} in ${formatDuration(report.reset.durationMs)}`
    );
  }
  if (report.warnings.length > 0)
    lines.push("", "> [!WARNING]", ...report.warnings.map((warning) => `> ${escapeInline(warning)}  `));
  const runLink = report.context.runUrl ? linkTarget(report.context.runUrl) : void 0;
  if (runLink) lines.push("", `[Workflow run](${runLink})`);
  return lines.join("\n");
}
function testsPhrase(tests) {
  return ["passed", "failed", "skipped", "todo"].filter((kind) => kind === "passed" || tests[kind] > 0).map((kind) => `${tests[kind]} ${kind}`).join(", ");
}
function sharedHeapLimit(modules) {
  const limits = new Set(
    modules.flatMap((module) => module.heapLimitMB === null ? [] : [Math.round(module.heapLimitMB)])
  );
  return limits.size === 1 ? [...limits][0] : void 0;
}
function countModules(modules) {
  const counts = { passed: 0, failed: 0, crashed: 0, timeout: 0, skipped: 0 };
  for (const module of modules) counts[module.status]++;
  return counts;
}
var FOLD_PASSED_ROWS = 20;
function renderTable(model, detail, leftOut) {
  if (model.modules.length === 0) return "_No modules ran._";
  const limitOnce = sharedHeapLimit(model.modules) !== void 0;
  const header = [
    `| Status | Module | Passed | Failed | Skipped | Duration | ${limitOnce ? "Heap peak" : "Heap peak / limit"} | Peak RSS |`,
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  ];
  const notable = model.modules.filter((module) => isBadStatus(module.status) || model.trends.has(module));
  const quiet = model.modules.filter((module) => !notable.includes(module));
  const row = (module) => tableRow(module, model.trends.has(module), limitOnce);
  if (!detail.passingRows) {
    const rows = [...header, ...notable.map(row)];
    if (quiet.length > 0) {
      rows.push(
        `| | _${quiet.length} more passed or skipped ${quiet.length === 1 ? "module" : "modules"}_ | | | | | | |`
      );
      if (!detail.foldedByDesign)
        leftOut.push(
          `the table rows of ${quiet.length} passed or skipped ${quiet.length === 1 ? "module" : "modules"}`
        );
    }
    return rows.join("\n");
  }
  if (quiet.length <= FOLD_PASSED_ROWS) return [...header, ...model.modules.map(row)].join("\n");
  const folded = [
    `<details><summary>${quiet.length} passed or skipped modules</summary>`,
    "",
    ...header,
    ...quiet.map(row),
    "",
    "</details>"
  ].join("\n");
  return notable.length > 0 ? `${[...header, ...notable.map(row)].join("\n")}

${folded}` : folded;
}
function tableRow(module, trending, limitOnce) {
  const skipped = module.status === "skipped";
  const name = skipped && module.reason ? `${escapeInline(module.name)} <sub>${escapeInline(module.reason)}</sub>` : escapeInline(module.name);
  const heap = limitOnce ? formatMB(module.peakHeapMB) : formatHeap(module);
  return `| ${MODULE_STATUS_ICON[module.status]} ${module.status} | ${name} | ${module.tests.passed} | ${module.tests.failed} | ${module.tests.skipped + module.tests.todo} | ${skipped && module.durationMs === 0 ? "\u2013" : formatDuration(module.durationMs)} | ${heap}${trending ? " \u{1F4C8}" : ""} | ${formatMB(module.peakRssMB)} |`;
}
function formatHeap(module) {
  if (module.peakHeapMB === null) return "\u2013";
  if (module.heapLimitMB === null) return `${Math.round(module.peakHeapMB)} MB`;
  return `${Math.round(module.peakHeapMB)} / ${Math.round(module.heapLimitMB)} MB`;
}
function formatMB(value) {
  return value === null ? "\u2013" : `${Math.round(value)} MB`;
}
function renderTrends(model, detail) {
  if (model.trends.size === 0) return void 0;
  const lines = ["### \u{1F4C8} Heap trend", ""];
  for (const module of model.modules) {
    const trend = model.trends.get(module);
    if (!trend) continue;
    const peak = module.peakHeapMB === null ? "" : ` Peak ${formatHeap(module)}.`;
    const series = detail.heapSeries ? ` (${trend.series.map((v) => Math.round(v)).join(", ")} MB)` : "";
    lines.push(`- **${escapeInline(module.name)}**: ${trend.message}. ${sparkline(trend.series)}${series}.${peak}`);
  }
  return lines.join("\n");
}
function renderFailures(model, detail, leftOut) {
  const bad = model.modules.filter(
    (module) => isBadStatus(module.status) || (model.failures.get(module)?.length ?? 0) > 0
  );
  if (bad.length === 0) return void 0;
  const blocks = ["### Failures"];
  let shown = 0;
  let omitted = 0;
  let truncatedMessages = 0;
  for (const module of bad) {
    const failures = model.failures.get(module) ?? [];
    if (module.status === "crashed" || module.status === "timeout" || module.status === "failed" && failures.length === 0)
      blocks.push(renderCrash(module));
    let shownHere = 0;
    for (const failure of failures) {
      if (shownHere >= detail.perModule || shown >= detail.total) {
        omitted++;
        continue;
      }
      const block = renderFailure(failure, detail);
      if (block.truncated) truncatedMessages++;
      blocks.push(block.text);
      shownHere++;
      shown++;
    }
  }
  if (truncatedMessages > 0 && !detail.foldedByDesign)
    leftOut.push(`the end of ${truncatedMessages} long failure ${truncatedMessages === 1 ? "message" : "messages"}`);
  if (omitted > 0) leftOut.push(`the details of ${omitted} ${omitted === 1 ? "failure" : "failures"}`);
  return blocks.join("\n\n");
}
function renderCrash(module) {
  const verb = module.status === "timeout" ? "timed out" : module.status === "failed" ? "failed without a failing test" : "crashed";
  const running = module.runningSuite ? ` while running <code>${escapeInline(module.runningSuite)}</code>` : "";
  const facts = [`cause: ${crashCause(module)}`];
  if (module.exitCode !== null) facts.push(`exit code: ${module.exitCode}`);
  if (module.signal) facts.push(`signal: ${module.signal}`);
  if (module.peakHeapMB !== null) facts.push(`peak heap: ${formatHeap(module)}`);
  if (module.logPath) facts.push(`log: ${module.logPath}`);
  return [
    `<details><summary>${MODULE_STATUS_ICON[module.status]} <b>${escapeInline(module.name)}</b> ${verb}: ${escapeInline(crashCause(module))}${running}</summary>`,
    "",
    `<pre>${escapePre(facts.join("\n"))}</pre>`,
    "",
    "</details>"
  ].join("\n");
}
function renderFailure(failure, detail) {
  const where = `${failure.file}${failure.line !== void 0 ? `:${failure.line}` : ""}`;
  const message = truncateText(failure.message, detail.maxLines, detail.maxChars);
  const text = [
    `<details><summary>\u274C <b>${escapeInline(failure.module)}</b> \u203A ${escapeInline(failure.name)} \u2014 <code>${escapeInline(where)}</code></summary>`,
    "",
    `<pre>${escapePre(message.text)}</pre>`,
    "",
    "</details>"
  ].join("\n");
  return { text, truncated: message.truncated && failure.message.length > 0 };
}
function fullReportWhere(options) {
  if (options.fullReportHint) return options.fullReportHint;
  return options.reportPath ? `the full report is <code>${escapeInline(options.reportPath)}</code>` : "the full report is the report JSON";
}
function leftOutNote(leftOut, where) {
  return `> [!NOTE]
> To stay within the size limit, this summary leaves out ${leftOut.join("; ")} \u2014 ${where}.`;
}
function cutToBudget(text, maxBytes, where) {
  const note = `

${leftOutNote(["everything after this point"], where)}
`;
  const budget = Math.max(0, maxBytes - utf8Bytes(note));
  const bytes = Buffer.from(text, "utf8");
  let cut = bytes.subarray(0, budget).toString("utf8");
  const newline = cut.lastIndexOf("\n");
  cut = newline > 0 ? cut.slice(0, newline) : "";
  const open = cut.lastIndexOf("<details>");
  if (open > cut.lastIndexOf("</details>")) cut = cut.slice(0, open).trimEnd();
  return cut + note;
}

// src/report/junit.ts
function renderJUnit(report) {
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites = report.modules.map((module) => {
    const rendered = renderModule(module);
    for (const key of ["tests", "failures", "errors", "skipped"]) totals[key] += rendered.counts[key];
    return rendered.xml;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="quality-gates" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds(report.durationMs)}" timestamp="${escapeXml(report.startedAt)}">`,
    ...suites,
    "</testsuites>",
    ""
  ].join("\n");
}
function renderModule(module) {
  const cases = [];
  const counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const suite of module.suites) renderSuite(module, suite, cases, counts);
  const crash = moduleError(module);
  if (crash) {
    cases.push(crash);
    counts.tests++;
    counts.errors++;
  }
  if (module.status === "skipped") {
    cases.push(
      testcase(module.name, "(module skipped)", 0, `<skipped message="${attr(module.reason ?? "skipped")}"/>`)
    );
    counts.tests++;
    counts.skipped++;
  }
  const open = `  <testsuite name="${attr(module.name)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="${seconds(module.durationMs)}" timestamp="${attr(module.startedAt)}">`;
  if (cases.length === 0) return { xml: open.replace(/>$/, "/>"), counts };
  return { xml: [open, ...cases, "  </testsuite>"].join("\n"), counts };
}
function renderSuite(module, suite, cases, counts) {
  const classname = `${module.name}/${suite.file}`;
  if (suite.error !== void 0 && suite.error.trim() !== "") {
    cases.push(
      testcase(
        classname,
        "(suite failed to run)",
        0,
        `<error message="${attr(firstLine(suite.error))}" type="SuiteError">${escapeXmlText(`${suite.error}

at ${suite.file}`)}</error>`
      )
    );
    counts.tests++;
    counts.errors++;
  }
  const unmatched = [...suite.failures];
  const takeFailures = (name, last) => {
    const mine = unmatched.filter((failure) => failure.name === name);
    const taken = last ? mine : mine.slice(0, 1);
    for (const failure of taken) unmatched.splice(unmatched.indexOf(failure), 1);
    return taken;
  };
  const recorded = suite.cases ?? [];
  for (const [index, test] of recorded.entries()) {
    counts.tests++;
    if (test.status === "passed") {
      cases.push(testcase(classname, test.name, test.durationMs));
    } else if (test.status === "failed") {
      counts.failures++;
      const last = !recorded.slice(index + 1).some((later) => later.status === "failed" && later.name === test.name);
      cases.push(testcase(classname, test.name, test.durationMs, failureElement(suite, takeFailures(test.name, last))));
    } else {
      counts.skipped++;
      cases.push(
        testcase(
          classname,
          test.name,
          test.durationMs,
          test.status === "todo" ? '<skipped message="todo"/>' : "<skipped/>"
        )
      );
    }
  }
  if (suite.cases === void 0) {
    counts.tests += suite.tests.passed + suite.tests.skipped + suite.tests.todo;
    counts.skipped += suite.tests.skipped + suite.tests.todo;
  }
  for (const failure of unmatched) {
    counts.tests++;
    counts.failures++;
    cases.push(testcase(classname, failure.name, 0, failureElement(suite, [failure])));
  }
}
function failureElement(suite, failures) {
  const first = failures.at(0);
  if (!first) return '<failure message="failed" type="AssertionError"/>';
  const body = failures.map((failure) => {
    const file = failure.file ?? suite.file;
    return `${failure.message}

at ${failure.line !== void 0 ? `${file}:${failure.line}` : file}`;
  }).join("\n\n");
  return `<failure message="${attr(firstLine(first.message))}" type="AssertionError">${escapeXmlText(body)}</failure>`;
}
function moduleError(module) {
  const explained = module.suites.some(
    (suite) => suite.failures.length > 0 || suite.error !== void 0 && suite.error.trim() !== ""
  );
  const unexplained = module.status === "failed" && !explained;
  if (module.status !== "crashed" && module.status !== "timeout" && !unexplained) return void 0;
  const cause = crashCause(module);
  const type = module.status === "timeout" ? "Timeout" : unexplained ? "ModuleFailed" : "Crash";
  const body = [
    `${module.status === "timeout" ? "Timed out" : unexplained ? "Failed" : "Crashed"}: ${cause}`,
    module.runningSuite ? `running suite: ${module.runningSuite}` : void 0,
    module.exitCode !== null ? `exit code: ${module.exitCode}` : void 0,
    module.signal ? `signal: ${module.signal}` : void 0,
    module.logPath ? `log: ${module.logPath}` : void 0
  ].filter((line) => line !== void 0).join("\n");
  const classname = module.runningSuite ? `${module.name}/${module.runningSuite}` : module.name;
  return testcase(
    classname,
    `(module ${module.status})`,
    module.durationMs,
    `<error message="${attr(cause)}" type="${type}">${escapeXmlText(body)}</error>`
  );
}
function testcase(classname, name, durationMs, child) {
  const open = `    <testcase classname="${attr(classname)}" name="${attr(name)}" time="${seconds(durationMs)}"`;
  return child === void 0 ? `${open}/>` : `${open}>
      ${child}
    </testcase>`;
}
function attr(value) {
  return escapeXml(value);
}
function firstLine(text) {
  const line = text.trim().split(/\r?\n/, 1)[0] ?? "";
  return line.length > 500 ? `${line.slice(0, 500)}\u2026` : line;
}
function seconds(ms) {
  return (ms / 1e3).toFixed(3);
}

// src/report/build.ts
function buildReport(fields) {
  return { schemaVersion: 1, tool: { name: "quality-gates", version: VERSION }, ...fields };
}

export {
  groupBy,
  updateHistory,
  withBaselines,
  moduleChanges,
  moduleFailures,
  isBadStatus,
  badModules,
  crashCause,
  reportTotals,
  renderSummary,
  countModules,
  buildReport,
  renderJUnit
};
