import { describeChange, moduleChanges } from './baseline.js';
import { escapeInline } from './escape.js';
import type { ModuleResult } from './schema.js';

/** Lines shown at most; the rest are counted (the report JSON has them all). */
const MAX_LINES = 30;

/**
 * The summary's "against the baseline" section: one line per figure beyond the regression
 * thresholds, regressions first, e.g. `⚠️ **billing**: peak heap 412 MB, +180 MB (+78 %) vs
 * baseline (5 runs)`; improvements of the same size say so with 📉. Nothing for a report
 * without changes (no history, or only noise). Module names are escaped.
 */
export function renderBaselineChanges(modules: readonly ModuleResult[]): string | undefined {
  const changes = [...moduleChanges(modules, 'regression'), ...moduleChanges(modules, 'improvement')];
  if (changes.length === 0) return undefined;
  const lines = ['### Against the baseline', ''];
  for (const change of changes.slice(0, MAX_LINES)) {
    const icon = change.kind === 'regression' ? '⚠️' : '📉';
    lines.push(`- ${icon} **${escapeInline(change.module)}**: ${describeChange(change, change.runs)}`);
  }
  if (changes.length > MAX_LINES) lines.push(`- … and ${changes.length - MAX_LINES} more (see the report JSON)`);
  const regressions = changes.filter((change) => change.kind === 'regression').length;
  lines.push(
    '',
    `<sub>Baseline: the medians of each module's recent runs in the history. ${regressions} ${regressions === 1 ? 'regression' : 'regressions'}, ${changes.length - regressions} ${changes.length - regressions === 1 ? 'improvement' : 'improvements'} beyond the thresholds of report.regressions.</sub>`,
  );
  return lines.join('\n');
}
