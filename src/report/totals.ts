import type { ModuleResult, Totals } from './schema.js';

/** The run-wide totals of a report's modules. Pure. */
export function reportTotals(modules: readonly ModuleResult[], durationMs: number): Totals {
  const totals: Totals = {
    modules: { total: modules.length, passed: 0, failed: 0, crashed: 0, timeout: 0, skipped: 0 },
    tests: { total: 0, passed: 0, failed: 0, skipped: 0, todo: 0 },
    durationMs,
  };
  for (const module of modules) {
    totals.modules[module.status]++;
    for (const kind of ['total', 'passed', 'failed', 'skipped', 'todo'] as const)
      totals.tests[kind] += module.tests[kind];
  }
  return totals;
}
