import type { LeakAnalysis, LeakComparison, LeakSuspect } from './types.js';

/**
 * One line for a person: `LeakyStore +6000 instances, +8.74 MB ← BuiltinModule.exports.__parked → Array → LeakyStore`.
 * With a single snapshot the figures are totals: `LeakyStore 9000 instances, 13.11 MB ← …`.
 * A suspect ranked behind another says why: `(holds LeakyStore)` or `(inside LeakyStore)`.
 */
export function formatSuspectLine(suspect: LeakSuspect, comparison: LeakComparison): string {
  const sign = comparison === 'growth' ? '+' : '';
  const instances = suspect.countDelta === 1 && comparison === 'single' ? 'instance' : 'instances';
  const figures = `${sign}${suspect.countDelta} ${instances}, ${sign}${suspect.sizeDeltaMB.toFixed(2)} MB`;
  const relation = suspect.holds ? ` (holds ${suspect.holds})` : suspect.inside ? ` (inside ${suspect.inside})` : '';
  const path = suspect.retainers ? ` ← ${suspect.retainers}` : '';
  return `${suspect.name} ${figures}${relation}${path}`;
}

/** The text `quality-gates leaks analyze` prints without --json. */
export function formatAnalysis(analysis: LeakAnalysis): string {
  const heaps = analysis.snapshots.map((snapshot) => `${snapshot.heapMB.toFixed(1)} MB`).join(' → ');
  const lines = [
    analysis.comparison === 'growth'
      ? `${analysis.snapshots.length} heap snapshots compared (heap ${heaps})`
      : `1 heap snapshot, nothing to compare it with (heap ${heaps}): the largest constructors`,
  ];
  if (analysis.suspects.length === 0) {
    lines.push(
      analysis.comparison === 'growth'
        ? 'no suspects: no constructor grew in count and size in every snapshot by more than the noise threshold'
        : 'no constructor retains more than the noise threshold',
    );
  } else {
    if (analysis.comparison === 'growth') lines.push('suspects (grew in every snapshot; most telling first):');
    for (const suspect of analysis.suspects) lines.push(`  ${formatSuspectLine(suspect, analysis.comparison)}`);
  }
  lines.push(`analysed in ${(analysis.analysisMs / 1000).toFixed(1)} s, peak RSS ${analysis.peakRssMB} MB`);
  return lines.join('\n') + '\n';
}
