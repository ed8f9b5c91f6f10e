import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type libCoverage from 'istanbul-lib-coverage';
import type libReport from 'istanbul-lib-report';
import type reports from 'istanbul-reports';
import { ExitCode, QualityGatesError } from '../../errors.js';
import { COVERAGE_FINAL } from './args.js';
import type { CoverageThresholds, ReporterSpec } from './settings.js';

/** Options of {@link mergeCoverage}. */
export interface MergeCoverageOptions {
  /** The project directory: its own istanbul libraries (jest's and vitest's coverage use them) are preferred. */
  projectDir: string;
  /** The directories the test processes wrote their istanbul JSON to, one per process. */
  processDirectories: readonly string[];
  /** The project's coverage directory, where the merged reports go. */
  directory: string;
  reporters: readonly ReporterSpec[];
  thresholds?: CoverageThresholds;
}

/** Percentages of the merged coverage. */
export type CoverageTotals = Record<'lines' | 'functions' | 'branches' | 'statements', { covered: number; total: number; pct: number }>;

/** What the merge found and wrote. */
export interface MergeCoverageResult {
  /** How many processes' coverage went in. */
  merged: number;
  /** Process directories without a readable coverage-final.json (a crashed process, a runner without coverage), with why. */
  skipped: { directory: string; reason: string }[];
  /** Source files in the merged coverage. */
  files: number;
  totals: CoverageTotals;
  /** One sentence per threshold the merged coverage misses. */
  thresholdFailures: string[];
  /** What the console reporters (text, text-summary) print: for the caller to show. */
  consoleText: string;
}

/**
 * Merges the istanbul coverage of several test processes (each one's coverage-final.json)
 * with istanbul-lib-coverage — counts of a file covered by several processes add up — and
 * writes the reporters' output into the project's coverage directory with
 * istanbul-lib-report and istanbul-reports, as one jest run would have.
 */
export function mergeCoverage(options: MergeCoverageOptions): MergeCoverageResult {
  const istanbul = loadIstanbul(options.projectDir);
  const map = istanbul.libCoverage.createCoverageMap({});
  const skipped: MergeCoverageResult['skipped'] = [];
  let merged = 0;
  for (const directory of options.processDirectories) {
    const file = join(directory, COVERAGE_FINAL);
    if (!existsSync(file)) {
      skipped.push({ directory, reason: `no ${COVERAGE_FINAL} (the process ended before writing coverage)` });
      continue;
    }
    try {
      map.merge(JSON.parse(readFileSync(file, 'utf8')) as libCoverage.CoverageMapData);
      merged++;
    } catch (error) {
      skipped.push({ directory, reason: `${file} is not istanbul JSON: ${(error as Error).message.split('\n')[0]}` });
    }
  }
  // Nothing to merge (every process died early): keep the coverage directory as it was rather than write empty reports.
  const consoleText = merged > 0 ? writeReports(istanbul, map, options) : '';
  const totals = totalsOf(map.getCoverageSummary());
  return { merged, skipped, files: map.files().length, totals, thresholdFailures: thresholdFailures(totals, options.thresholds ?? {}), consoleText };
}

/** Reporters that print to the console unless given a file. */
const CONSOLE_REPORTERS = new Set(['text', 'text-summary', 'text-lcov', 'teamcity']);

/**
 * Runs each reporter into the coverage directory. What a console reporter (text, …) would
 * print is written to a temp file and returned instead, so the caller decides where it goes.
 */
function writeReports(istanbul: Istanbul, map: libCoverage.CoverageMap, options: MergeCoverageOptions): string {
  mkdirSync(options.directory, { recursive: true });
  const context = istanbul.libReport.createContext({ dir: options.directory, coverageMap: map, defaultSummarizer: 'nested' });
  let consoleText = '';
  for (const [index, reporter] of options.reporters.entries()) {
    const [name, given] = typeof reporter === 'string' ? [reporter, {} as Record<string, unknown>] : reporter;
    const toConsole = CONSOLE_REPORTERS.has(name) && given.file === undefined;
    const captured = `.quality-gates-${process.pid}-${index}.txt`;
    // Paths in lcov and cobertura are relative to projectRoot (default: the working directory, which is the tool's, not the project's).
    const reporterOptions = { projectRoot: options.projectDir, ...given, ...(toConsole ? { file: captured } : {}) };
    // The names are istanbul-reports' own (json, lcov, text, html, clover, cobertura, …).
    istanbul.reports.create(name as keyof reports.ReportOptions, reporterOptions).execute(context);
    if (toConsole) {
      const path = join(options.directory, captured);
      consoleText += existsSync(path) ? readFileSync(path, 'utf8') : '';
      rmSync(path, { force: true });
    }
  }
  return consoleText;
}

/** The istanbul libraries. */
interface Istanbul {
  libCoverage: typeof libCoverage;
  libReport: typeof libReport;
  reports: typeof reports;
}

/**
 * Loads the istanbul libraries at run time, the project's first (the versions its runner
 * writes), else the tool's own. Not bundled: istanbul-reports finds its reporters and the
 * HTML assets by path, next to its own files, which a bundle would not keep.
 */
function loadIstanbul(projectDir: string): Istanbul {
  const load = (require: NodeJS.Require): Istanbul => ({
    libCoverage: require('istanbul-lib-coverage') as typeof libCoverage,
    libReport: require('istanbul-lib-report') as typeof libReport,
    reports: require('istanbul-reports') as typeof reports,
  });
  try {
    return load(createRequire(join(projectDir, 'package.json')));
  } catch {
    try {
      return load(createRequire(import.meta.url));
    } catch (error) {
      throw new QualityGatesError(
        `cannot merge coverage: istanbul-lib-coverage, istanbul-lib-report and istanbul-reports are found neither in ${projectDir} nor beside quality-gates (${(error as Error).message.split('\n')[0]}) — install them in the project (npm install --save-dev istanbul-lib-coverage istanbul-lib-report istanbul-reports)`,
        ExitCode.Usage,
      );
    }
  }
}

function totalsOf(summary: libCoverage.CoverageSummary): CoverageTotals {
  const pick = (metric: libCoverage.Totals) => ({ covered: metric.covered, total: metric.total, pct: metric.total === 0 ? 100 : metric.pct });
  return { lines: pick(summary.lines), functions: pick(summary.functions), branches: pick(summary.branches), statements: pick(summary.statements) };
}

/**
 * The thresholds the merged coverage misses, in jest's terms (pure): a positive number is
 * a minimum percentage, a negative one the most uncovered items allowed.
 */
export function thresholdFailures(totals: CoverageTotals, thresholds: CoverageThresholds): string[] {
  const failures: string[] = [];
  for (const metric of ['lines', 'functions', 'branches', 'statements'] as const) {
    const threshold = thresholds[metric];
    if (threshold === undefined) continue;
    const { covered, total, pct } = totals[metric];
    if (threshold >= 0 && pct < threshold) failures.push(`coverage for ${metric} (${pct}%) does not meet the global threshold (${threshold}%)`);
    if (threshold < 0 && total - covered > -threshold) failures.push(`uncovered ${metric} (${total - covered}) exceed the global threshold (${-threshold})`);
  }
  return failures;
}
