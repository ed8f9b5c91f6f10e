import type { History } from '../history/schema.js';
import { updateHistory, type HistoryModuleInput } from '../history/update.js';
import type { ModuleResult, Report } from './schema.js';

/**
 * Folds the reports of a matrix's jobs into the history, as if each job's run had updated
 * it: every job's modules are recorded with that job's runner, time and slots, one job at
 * a time, so that process contexts (packs, slots) never mix across jobs (each job numbers
 * its own processes). A module in several reports is recorded once, from the copy the
 * merge keeps (the later one that ran). Skipped modules taught nothing, and the crashed
 * modules of an interrupted job died of the stop, not of themselves: both are left out.
 * Pure: returns the new history.
 */
export function foldReportsIntoHistory(
  history: History,
  reports: readonly Report[],
  toolVersion: string,
  now: Date = new Date(),
): History {
  const owner = new Map<string, number>();
  reports.forEach((report, index) => {
    for (const module of report.modules) if (module.status !== 'skipped') owner.set(module.name, index);
  });
  const order = reports
    .map((report, index) => ({ report, index }))
    .sort((a, b) => timeOf(a.report, now) - timeOf(b.report, now) || a.index - b.index);
  let next = history;
  for (const { report, index } of order) {
    const modules = report.modules.filter((module) => owner.get(module.name) === index && recordable(module, report));
    if (modules.length === 0) continue;
    next = updateHistory(next, modules.map(historyInput), {
      now: new Date(timeOf(report, now)),
      runner: report.runner,
      toolVersion,
      slots: slotsOf(report),
    });
  }
  return next;
}

function recordable(module: ModuleResult, report: Report): boolean {
  if (module.status === 'skipped') return false;
  return !(report.status === 'interrupted' && module.status === 'crashed');
}

/** When the job finished; a report without a valid time counts as now. */
function timeOf(report: Report, now: Date): number {
  const finished = Date.parse(report.finishedAt);
  return Number.isFinite(finished) ? finished : now.getTime();
}

/**
 * What the history reads of a module result. The scheduler's fields (`process`, `slot`,
 * `baseHeapMB`) are read when the report has them, so packs are recorded as packs.
 */
function historyInput(module: ModuleResult): HistoryModuleInput {
  const extra = module as ModuleResult & { process?: string | number; baseHeapMB?: number };
  return {
    ...module,
    ...(extra.process !== undefined ? { process: extra.process } : {}),
    ...(extra.baseHeapMB !== undefined ? { baseHeapMB: extra.baseHeapMB } : {}),
  };
}

/** Slots the job ran with: the highest slot number its modules name (1 when they name none). */
function slotsOf(report: Report): number {
  const slots = report.modules
    .map((module) => (module as ModuleResult & { slot?: number }).slot)
    .filter((slot): slot is number => typeof slot === 'number' && slot >= 1);
  return slots.length > 0 ? Math.max(...slots) : 1;
}
