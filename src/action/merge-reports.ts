import * as core from '@actions/core';
import { resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { ExitCode, QualityGatesError, UsageError } from '../errors.js';
import { foldReportsIntoHistoryFile } from '../history/fold-file.js';
import { isBadStatus } from '../report/failures.js';
import { expandReportPatterns } from '../report/glob.js';
import { readReportFile, writeTextFile } from '../report/report-file.js';
import { renderJUnit } from '../report/junit.js';
import { mergeReports } from '../report/merge.js';
import { renderSummary } from '../report/summary.js';
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
    throw new UsageError("input 'reports': give the report files or globs to merge, one per line (e.g. reports/**/*.json)");
  }
  const { config } = loadConfig(cwd, inputs.config);
  const reportPath = inputs.reportPath ?? config.report.path;
  const outPath = resolve(cwd, reportPath);
  const files = expandReportPatterns(inputs.reports, cwd).filter((file) => file !== outPath);
  if (files.length === 0) throw new UsageError(`input 'reports': no report to merge besides the output ${reportPath}`);
  const inputsToMerge = files.map((file) => {
    const label = file.startsWith(cwd + '/') ? file.slice(cwd.length + 1) : file;
    return { source: label, report: readReportFile(file, label) };
  });
  const { report, warnings } = mergeReports(inputsToMerge);
  for (const warning of warnings) core.warning(warning);
  if (inputs.history !== undefined && inputs.history !== 'none') {
    const folded = foldReportsIntoHistoryFile(resolve(cwd, inputs.history), inputsToMerge.map((input) => input.report));
    for (const warning of folded.warnings) core.warning(warning);
    if (folded.recorded > 0) core.info(`History: ${folded.recorded} ${folded.recorded === 1 ? 'module' : 'modules'} recorded in ${inputs.history}.`);
  }
  core.info(`Merged ${files.length} reports: ${report.modules.length} modules, status ${report.status}.`);

  writeTextFile(outPath, JSON.stringify(report, null, 2) + '\n');
  const junitPath = inputs.junitPath ?? config.report.junit;
  if (junitPath) writeTextFile(resolve(cwd, junitPath), renderJUnit(report));
  if (config.report.summary) writeTextFile(resolve(cwd, config.report.summary), renderSummary(report, { reportPath }));

  await publishToActions(report, publishSettings(inputs, config.report, reportPath), env);

  if (report.status === 'failed' || report.status === 'interrupted') {
    const bad = report.modules.filter((m) => isBadStatus(m.status)).map((m) => m.name);
    const what = bad.length > 0 ? `${bad.length} of ${report.modules.length} modules failed: ${bad.join(', ')}` : (report.reason ?? `the run ${report.status}`);
    throw new QualityGatesError(`quality-gates: ${what}`, report.status === 'interrupted' ? ExitCode.Interrupted : ExitCode.Failed);
  }
}
