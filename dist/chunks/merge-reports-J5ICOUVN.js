import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  expandReportPatterns,
  foldReportsIntoHistoryFile,
  mergeReports
} from "./chunk-ZNGILHIM.js";
import {
  readReportFile,
  writeTextFile
} from "./chunk-N6ABPQDQ.js";
import "./chunk-SCKLWYTT.js";
import {
  publishToActions
} from "./chunk-KSK5NB45.js";
import {
  isBadStatus,
  renderJUnit,
  renderSummary
} from "./chunk-YO6IW2WZ.js";
import "./chunk-KPZR3NFN.js";
import "./chunk-E6YWZ43M.js";
import "./chunk-7M3TZQD3.js";
import {
  loadConfig
} from "./chunk-LLZON2OF.js";
import "./chunk-WOEZ3BXA.js";
import {
  info,
  warning
} from "./chunk-5S2WLFU4.js";
import "./chunk-USA5LE2H.js";
import "./chunk-64T4F7XV.js";
import {
  ExitCode,
  QualityGatesError,
  UsageError
} from "./chunk-LPOMALK6.js";
import "./chunk-OXXGRHMT.js";
import "./chunk-J7EPJJHD.js";
import "./chunk-OMX5YOFN.js";

// src/action/merge-reports.ts
import { resolve } from "node:path";
async function runMergeReportsAction(inputs, env) {
  const cwd = resolve(inputs.workingDirectory);
  if (inputs.reports.length === 0) {
    throw new UsageError("input 'reports': give the report files or globs to merge, one per line (e.g. reports/**/*.json)");
  }
  const { config } = loadConfig(cwd, inputs.config);
  const reportPath = inputs.reportPath ?? config.report.path;
  const outPath = resolve(cwd, reportPath);
  const files = expandReportPatterns(inputs.reports, cwd).filter((file) => file !== outPath);
  if (files.length === 0) throw new UsageError(`input 'reports': no report to merge besides the output ${reportPath}`);
  const inputsToMerge = files.map((file) => {
    const label = file.startsWith(cwd + "/") ? file.slice(cwd.length + 1) : file;
    return { source: label, report: readReportFile(file, label) };
  });
  const { report, warnings } = mergeReports(inputsToMerge);
  for (const warning2 of warnings) warning(warning2);
  if (inputs.history !== void 0 && inputs.history !== "none") {
    const folded = foldReportsIntoHistoryFile(resolve(cwd, inputs.history), inputsToMerge.map((input) => input.report));
    for (const warning2 of folded.warnings) warning(warning2);
    if (folded.recorded > 0) info(`History: ${folded.recorded} ${folded.recorded === 1 ? "module" : "modules"} recorded in ${inputs.history}.`);
  }
  info(`Merged ${files.length} reports: ${report.modules.length} modules, status ${report.status}.`);
  writeTextFile(outPath, JSON.stringify(report, null, 2) + "\n");
  const junitPath = inputs.junitPath ?? config.report.junit;
  if (junitPath) writeTextFile(resolve(cwd, junitPath), renderJUnit(report));
  if (config.report.summary) writeTextFile(resolve(cwd, config.report.summary), renderSummary(report, { reportPath }));
  await publishToActions(report, inputs, env, { reportPath, statusContext: config.report.statusContext, prComment: config.report.prComment });
  if (report.status === "failed" || report.status === "interrupted") {
    const bad = report.modules.filter((m) => isBadStatus(m.status)).map((m) => m.name);
    const what = bad.length > 0 ? `${bad.length} of ${report.modules.length} modules failed: ${bad.join(", ")}` : report.reason ?? `the run ${report.status}`;
    throw new QualityGatesError(`quality-gates: ${what}`, report.status === "interrupted" ? ExitCode.Interrupted : ExitCode.Failed);
  }
}
export {
  runMergeReportsAction
};
