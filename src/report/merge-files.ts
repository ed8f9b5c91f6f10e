import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { foldReportsIntoHistoryFile, type FoldResult } from '../history/fold-file.js';
import { writeOutputFile } from '../util/output-file.js';
import { expandReportPatterns } from './glob.js';
import { renderJUnit } from './junit.js';
import { mergeReports } from './merge.js';
import { readReportFile } from './report-file.js';
import type { Report } from './schema.js';
import { renderSummary } from './summary.js';

/** One merge-reports job, from the CLI's arguments or the action's inputs; paths relative to `cwd`. */
export interface MergeFilesRequest {
  /** Report files or globs (`reports/**\/*.json`). */
  patterns: readonly string[];
  cwd: string;
  /** The merged report JSON, as given: also how the summary points at it. */
  out: string;
  junit?: string;
  /** The summary Markdown file. */
  summary?: string;
  /** A history file to fold every job's report into (`none`: no history). */
  history?: string;
  /** How messages name the patterns (`input 'reports'`); the CLI's are plain arguments. */
  patternsLabel?: string;
}

/** The merged report, the warnings about its parts, the files it was merged from (as labels), the history step. */
export interface MergedFiles {
  report: Report;
  warnings: string[];
  sources: string[];
  /** What folding into `request.history` did (never a failure: its problems are warnings). */
  history?: FoldResult;
}

/**
 * The merge-reports pipeline of the CLI and the action: expands the patterns, reads and
 * validates each report, merges them, and writes the merged report (and JUnit and summary
 * when asked). A glob that matches the output itself leaves it out, so re-running
 * `merge-reports '*.json'` never merges the previous result into the new one; the output
 * named as a plain path is merged (that is asked for). With a history file, every job's
 * report is folded into it before the outputs are written. Throws UsageError when no
 * report is left to merge.
 */
export function mergeReportFiles(request: MergeFilesRequest): MergedFiles {
  const { cwd } = request;
  const outPath = resolve(cwd, request.out);
  const named = request.patterns.some((pattern) => resolve(cwd, pattern) === outPath);
  const files = expandReportPatterns(request.patterns, cwd).filter((file) => file !== outPath || named);
  if (files.length === 0) {
    const label = request.patternsLabel ? `${request.patternsLabel}: ` : '';
    throw new UsageError(
      `${label}no report to merge besides the output ${request.out} (a glob never merges the output into itself)`,
    );
  }
  const inputs = files.map((file) => {
    const source = file.startsWith(cwd + '/') ? file.slice(cwd.length + 1) : file;
    return { source, report: readReportFile(file, source) };
  });
  const { report, warnings } = mergeReports(inputs);
  const history =
    request.history !== undefined && request.history !== 'none'
      ? foldReportsIntoHistoryFile(
          resolve(cwd, request.history),
          inputs.map((input) => input.report),
        )
      : undefined;
  writeOutputFile(outPath, JSON.stringify(report, null, 2) + '\n');
  if (request.junit) writeOutputFile(resolve(cwd, request.junit), renderJUnit(report));
  if (request.summary)
    writeOutputFile(resolve(cwd, request.summary), renderSummary(report, { reportPath: request.out }));
  return { report, warnings, sources: inputs.map((input) => input.source), ...(history ? { history } : {}) };
}
