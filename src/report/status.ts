import { badModules } from './failures.js';
import type { CommitState } from './forge.js';
import { countModules } from './summary.js';
import type { Report } from './schema.js';

/** The commit status for a report: state and a description like `11/12 modules passed`. */
export function commitStatusFor(report: Report): { state: CommitState; description: string } {
  const counts = countModules(report.modules);
  const ran = report.modules.length - counts.skipped;
  const bad = badModules(report.modules).length;
  const extras = (['crashed', 'timeout'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s === 'timeout' ? 'timed out' : s}`);
  switch (report.status) {
    case 'passed':
      return { state: 'success', description: `${counts.passed}/${ran} modules passed` };
    case 'skipped':
      return { state: 'success', description: report.reason ?? 'No integration module affected by this change' };
    case 'interrupted':
      return {
        state: 'failure',
        description: `Interrupted: ${counts.passed}/${ran} modules passed before the run was cancelled`,
      };
    case 'failed':
      if (bad === 0 && report.reason) return { state: 'failure', description: report.reason };
      return {
        state: 'failure',
        description:
          `${counts.passed}/${ran} modules passed` +
          (bad > 0 ? `, ${bad} failed` : '') +
          (extras.length > 0 ? ` (${extras.join(', ')})` : ''),
      };
  }
}
