import { availableParallelism } from 'node:os';
import { writeHistory } from '../history/file.js';
import type { History } from '../history/schema.js';
import { updateHistory, type HistoryModuleInput } from '../history/update.js';
import type { ModuleResult } from '../report/schema.js';
import { VERSION } from '../version.js';
import type { RunWorkPlan } from './work-plan.js';

/**
 * Adds this run's module results to the history and writes it (atomically). Left out:
 * modules that did not run, pass-through runs of paths (no module to learn about) and
 * modules a stop ended (their figures describe the stop). Returns the warning of a write
 * that failed. Never throws: history only makes
 * later runs faster, it must not fail this one.
 */
export function recordHistory(
  plan: RunWorkPlan,
  historyPath: string | undefined,
  modules: readonly ModuleResult[],
  stopped: ReadonlySet<string>,
): string[] {
  if (historyPath === undefined) return [];
  // Another tool's file or a newer version's: readHistory's warning already says it is left alone.
  if (!plan.historyWritable) return [];
  try {
    const next = historyWith(plan, modules, stopped);
    if (next === undefined) return [];
    writeHistory(historyPath, next);
    return [];
  } catch (error) {
    return [`history not written: ${error instanceof Error ? error.message : String(error)}`];
  }
}

/**
 * The history read before the run with these module results added (not written), or
 * undefined when none of them is recorded (see recordHistory for which are). Also what a
 * re-plan during the run learns from.
 */
export function historyWith(
  plan: RunWorkPlan,
  modules: readonly HistoryModuleInput[],
  stopped: ReadonlySet<string>,
): History | undefined {
  const recorded = modules.filter(
    (module) =>
      plan.tasks.get(module.name)?.kind === 'module' && module.status !== 'skipped' && !stopped.has(module.name),
  );
  if (recorded.length === 0) return undefined;
  return updateHistory(plan.history, recorded, {
    now: new Date(),
    runner: plan.runner,
    toolVersion: VERSION,
    slots: plan.slots.slots,
    cores: availableParallelism(),
  });
}
