import { compareNames } from '../util/compare-names.js';
import { buildReport } from './build.js';
import { isBadStatus } from './failures.js';
import type { ModuleResult, Report } from './schema.js';
import { reportTotals } from './totals.js';

/** One report to merge and where it came from (for warnings). */
export interface MergeInput {
  source: string;
  report: Report;
}

/**
 * Merges reports of matrix jobs (one or more modules each) into one report. Pure.
 * Modules are concatenated and sorted by name; a module present in two reports keeps the
 * later one (a re-run) with a warning, unless the later copy did not run (skipped). Status, time span, lock figures (summed over the
 * jobs) and reasons are recomputed from the parts. `inputs` must not be empty.
 */
export function mergeReports(inputs: readonly MergeInput[]): { report: Report; warnings: string[] } {
  if (inputs.length === 0) throw new Error('mergeReports: no reports');
  const warnings: string[] = [];
  const modules = new Map<string, { module: ModuleResult; source: string; report: Report }>();
  for (const { source, report } of inputs) {
    for (const module of report.modules) {
      const previous = modules.get(module.name);
      // A copy that never ran (skipped: cancelled, or not selected) does not hide a result.
      if (previous && module.status === 'skipped' && previous.module.status !== 'skipped') {
        warnings.push(
          `module ${JSON.stringify(module.name)} appears in ${previous.source} and ${source}; keeping the one from ${previous.source} (it did not run in ${source})`,
        );
        continue;
      }
      if (previous)
        warnings.push(
          `module ${JSON.stringify(module.name)} appears in ${previous.source} and ${source}; keeping the one from ${source}`,
        );
      modules.set(module.name, { module, source, report });
    }
  }
  const shas = [...new Set(inputs.flatMap(({ report }) => (report.context.sha ? [report.context.sha] : [])))];
  if (shas.length > 1)
    warnings.push(
      `the reports come from different commits (${shas.map((sha) => sha.slice(0, 12)).join(', ')}): are old artifacts mixed in?`,
    );
  const merged = [...modules.values()].map((entry) => entry.module).sort((a, b) => compareNames(a.name, b.name));
  const reports = inputs.map((input) => input.report);
  const first = reports[0];

  const startedAt = earliest(reports.map((r) => r.startedAt)) ?? first.startedAt;
  const finishedAt = latest(reports.map((r) => r.finishedAt)) ?? first.finishedAt;
  const span = Date.parse(finishedAt) - Date.parse(startedAt);
  const durationMs = Number.isFinite(span) && span >= 0 ? span : Math.max(...reports.map((r) => r.durationMs));

  const locks = reports.flatMap((r) => (r.lock ? [r.lock] : []));
  const resets = reports.flatMap((r) => (r.reset ? [r.reset] : []));
  const plan = reports.find((r) => r.plan)?.plan;
  const status = mergedStatus(reports, [...modules.values()]);
  const reasons =
    status === 'passed'
      ? []
      : [
          ...new Set(
            reports
              .filter((r) => r.status === 'failed' || r.status === 'interrupted')
              .flatMap((r) => (r.reason ? [r.reason] : [])),
          ),
        ];
  const reason =
    reasons.length > 0 ? reasons.join(' ') : status === 'skipped' ? reports.find((r) => r.reason)?.reason : undefined;

  const report = buildReport({
    status,
    ...(reason ? { reason } : {}),
    mode: mergedMode(reports),
    ...(plan ? { plan } : {}),
    runner: first.runner,
    startedAt,
    finishedAt,
    durationMs,
    ...(locks.length > 0
      ? {
          lock: {
            backend: locks[0].backend,
            name: locks[0].name,
            waitMs: sum(locks.map((l) => l.waitMs)),
            holdMs: sum(locks.map((l) => l.holdMs)),
          },
        }
      : {}),
    ...(resets.length > 0 ? { reset: resets.find((r) => r.exitCode !== 0) ?? resets[0] } : {}),
    modules: merged,
    totals: reportTotals(merged, durationMs),
    // Each job's own warnings (once each), then what merging found.
    warnings: [...new Set([...reports.flatMap((r) => r.warnings), ...warnings])],
    context: first.context,
  });
  return { report, warnings };
}

function mergedStatus(
  reports: readonly Report[],
  kept: ReadonlyArray<{ module: ModuleResult; report: Report }>,
): Report['status'] {
  const modules = kept.map((entry) => entry.module);
  // A module that "crashed" because its job was cancelled is part of the interruption, not a test failure.
  if (kept.some((entry) => isBadStatus(entry.module.status) && entry.report.status !== 'interrupted')) return 'failed';
  // A job can fail with no failing module (reset failed, lock lost): keep that failure.
  // A failure explained by its modules is not kept: a later re-run of them may have passed.
  if (reports.some((r) => r.status === 'failed' && !r.modules.some((m) => isBadStatus(m.status)))) return 'failed';
  if (reports.some((r) => r.status === 'interrupted')) return 'interrupted';
  if (modules.some((m) => isBadStatus(m.status))) return 'failed';
  if (modules.some((m) => m.status !== 'skipped')) return 'passed';
  return 'skipped';
}

function mergedMode(reports: readonly Report[]): Report['mode'] {
  const modes = new Set(reports.map((r) => r.mode));
  if (modes.size === 1) return reports[0].mode;
  if (modes.has('full')) return 'full';
  return reports.find((r) => r.mode !== 'skip')?.mode ?? reports[0].mode;
}

function earliest(times: readonly string[]): string | undefined {
  return times.filter((t) => Number.isFinite(Date.parse(t))).sort((a, b) => Date.parse(a) - Date.parse(b))[0];
}

function latest(times: readonly string[]): string | undefined {
  return times.filter((t) => Number.isFinite(Date.parse(t))).sort((a, b) => Date.parse(b) - Date.parse(a))[0];
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
