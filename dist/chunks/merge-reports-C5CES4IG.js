import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  publishSettings,
  publishToActions
} from "./chunk-ERGHMDWH.js";
import {
  mergeReportFiles
} from "./chunk-6PXTR2JP.js";
import "./chunk-SUHRJXHI.js";
import {
  badModules
} from "./chunk-B6FG5BJQ.js";
import "./chunk-KPZR3NFN.js";
import "./chunk-2U5EFZKQ.js";
import "./chunk-SKC5PD7T.js";
import "./chunk-64T4F7XV.js";
import {
  loadConfig
} from "./chunk-LZFESEJ6.js";
import "./chunk-XS3YCCI7.js";
import {
  info,
  warning
} from "./chunk-5S2WLFU4.js";
import "./chunk-J7EPJJHD.js";
import "./chunk-6WDK2BYD.js";
import "./chunk-ACAW7SLU.js";
import "./chunk-ZC2IFY74.js";
import "./chunk-OXXGRHMT.js";
import "./chunk-USA5LE2H.js";
import {
  ExitCode,
  QualityGatesError,
  UsageError
} from "./chunk-LPOMALK6.js";
import "./chunk-OMX5YOFN.js";

// src/action/merge-reports.ts
import { resolve } from "node:path";
async function runMergeReportsAction(inputs, env) {
  const cwd = resolve(inputs.workingDirectory);
  if (inputs.reports.length === 0) {
    throw new UsageError(
      "input 'reports': give the report files or globs to merge, one per line (e.g. reports/**/*.json)"
    );
  }
  const { config } = loadConfig(cwd, inputs.config);
  const reportPath = inputs.reportPath ?? config.report.path;
  const junitPath = inputs.junitPath ?? config.report.junit;
  const { report, warnings, sources, history } = mergeReportFiles({
    patterns: inputs.reports,
    cwd,
    out: reportPath,
    ...junitPath ? { junit: junitPath } : {},
    ...config.report.summary ? { summary: config.report.summary } : {},
    ...inputs.history !== void 0 ? { history: inputs.history } : {},
    patternsLabel: "input 'reports'"
  });
  for (const warning2 of warnings) warning(warning2);
  if (history) {
    for (const warning2 of history.warnings) warning(warning2);
    if (history.recorded > 0)
      info(
        `History: ${history.recorded} ${history.recorded === 1 ? "module" : "modules"} recorded in ${inputs.history}.`
      );
  }
  info(`Merged ${sources.length} reports: ${report.modules.length} modules, status ${report.status}.`);
  await publishToActions(report, publishSettings(inputs, config.report, reportPath), env);
  if (report.status === "failed" || report.status === "interrupted") {
    const bad = badModules(report.modules).map((m) => m.name);
    const what = bad.length > 0 ? `${bad.length} of ${report.modules.length} modules failed: ${bad.join(", ")}` : report.reason ?? `the run ${report.status}`;
    throw new QualityGatesError(
      `quality-gates: ${what}`,
      report.status === "interrupted" ? ExitCode.Interrupted : ExitCode.Failed
    );
  }
}
export {
  runMergeReportsAction
};
