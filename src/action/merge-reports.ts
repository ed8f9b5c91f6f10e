import * as core from '@actions/core';
import { resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { ExitCode, QualityGatesError, UsageError } from '../errors.js';
import { badModules } from '../report/failures.js';
import { mergeReportFiles } from '../report/merge-files.js';
import type { ActionInputs } from './inputs.js';
import { publishSettings, publishToActions } from './publish.js';

/**
 * `command: merge-reports`: merges the matrix jobs' reports named by the `reports`
 * input (files or globs), writes the merged report (and JUnit/summary files when
 * configured), publishes it like a run (summary, annotations, outputs, status, comment),
 * and throws when the merged run failed so the entry fails the step.
 */
export async function runMergeReportsAction(inputs: ActionInputs, env: NodeJS.ProcessEnv): Promise<void> {
  const cwd = resolve(inputs.workingDirectory);
  if (inputs.reports.length === 0) {
    throw new UsageError(
      "input 'reports': give the report files or globs to merge, one per line (e.g. reports/**/*.json)",
    );
  }
  const { config } = loadConfig(cwd, inputs.config);
  const reportPath = inputs.reportPath ?? config.report.path;
  const junitPath = inputs.junitPath ?? config.report.junit;
  const { report, warnings, sources, history } = mergeReportFiles({
    patterns: inputs.reports,
    cwd,
    out: reportPath,
    ...(junitPath ? { junit: junitPath } : {}),
    ...(config.report.summary ? { summary: config.report.summary } : {}),
    ...(inputs.history !== undefined ? { history: inputs.history } : {}),
    patternsLabel: "input 'reports'",
  });
  for (const warning of warnings) core.warning(warning);
  if (history) {
    for (const warning of history.warnings) core.warning(warning);
    if (history.recorded > 0)
      core.info(
        `History: ${history.recorded} ${history.recorded === 1 ? 'module' : 'modules'} recorded in ${inputs.history}.`,
      );
  }
  core.info(`Merged ${sources.length} reports: ${report.modules.length} modules, status ${report.status}.`);

  await publishToActions(report, publishSettings(inputs, config.report, reportPath), env);

  if (report.status === 'failed' || report.status === 'interrupted') {
    const bad = badModules(report.modules).map((m) => m.name);
    const what =
      bad.length > 0
        ? `${bad.length} of ${report.modules.length} modules failed: ${bad.join(', ')}`
        : (report.reason ?? `the run ${report.status}`);
    throw new QualityGatesError(
      `quality-gates: ${what}`,
      report.status === 'interrupted' ? ExitCode.Interrupted : ExitCode.Failed,
    );
  }
}
