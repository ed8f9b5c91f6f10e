import { runContext } from '../ci/environment.js';
import { buildReport as stampedReport, type ReportFields } from '../report/build.js';
import { renderJUnit } from '../report/junit.js';
import type { ModuleResult, Report } from '../report/schema.js';
import { reportTotals } from '../report/totals.js';
import { writeOutputFile } from '../util/output-file.js';
import type { ModuleTask } from './task.js';
import type { StopSignal } from '../process/stop-signal.js';
import type { Selection } from './selection.js';

/** What every report of a run shares, whatever became of the run. */
export interface ReportBasis {
  selection: Selection;
  runner: Report['runner'];
  env: NodeJS.ProcessEnv;
  startedAt: Date;
  /** Read when the report is built: warnings added during the run are in it. */
  warnings: readonly string[];
}

/**
 * The report of a run (pure but for the clock): the header (tool, mode, plan, runner,
 * times, context), the modules, their totals and the warnings, plus `extra` (reason,
 * lock, reset, slots…).
 */
export function buildReport(
  basis: ReportBasis,
  modules: ModuleResult[],
  status: Report['status'],
  extra: Partial<ReportFields> = {},
): Report {
  const finished = new Date();
  const durationMs = finished.getTime() - basis.startedAt.getTime();
  return stampedReport({
    status,
    mode: basis.selection.mode,
    ...(basis.selection.plan ? { plan: basis.selection.plan } : {}),
    runner: basis.runner,
    startedAt: basis.startedAt.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs,
    modules,
    totals: reportTotals(modules, durationMs),
    warnings: [...basis.warnings],
    context: runContext(basis.env),
    ...extra,
  });
}

/** A module that did not run, and why (the report lists every planned module). */
export function notRun(task: ModuleTask, why: string): ModuleResult {
  return {
    name: task.name,
    status: 'skipped',
    paths: task.paths,
    tests: { total: 0, passed: 0, failed: 0, skipped: 0, todo: 0 },
    suites: [],
    durationMs: 0,
    startedAt: new Date().toISOString(),
    peakHeapMB: null,
    heapLimitMB: null,
    peakRssMB: null,
    exitCode: null,
    signal: null,
    reason: why,
  };
}

/** `interrupted by SIGTERM`, or the lost lock's message; '' without a stop. */
export function describeStop(stop: StopSignal): string {
  const reason = stop.reason;
  if (!reason) return '';
  return reason.kind === 'signal' ? `interrupted by ${reason.signal}` : reason.message;
}

/** Why the modules a stop left behind did not run, for their report entries. */
export function notRunAfterStop(stop: StopSignal): string {
  return stop.reason?.kind === 'signal' ? `not run: ${describeStop(stop)}` : 'not run: the lock was lost';
}

/** Writes the report JSON, and the JUnit XML when asked for. */
export function writeOutputs(report: Report, paths: { reportPath: string; junitPath?: string }): void {
  writeOutputFile(paths.reportPath, `${JSON.stringify(report, null, 2)}\n`);
  if (paths.junitPath) writeOutputFile(paths.junitPath, renderJUnit(report));
}
