import { escapeInline, linkTarget } from './escape.js';
import type { Report } from './schema.js';
import { renderSummary } from './summary.js';

/** GitHub caps comment bodies at 65,536 characters; Gitea's limit is larger. Keep well under. */
export const MAX_COMMENT_BYTES = 60_000;

/** The hidden marker that identifies the sticky comment of one status context. */
export function commentMarker(context: string): string {
  return `<!-- quality-gates:report:${context.replace(/--/g, '-‐').replace(/>/g, '&gt;')} -->`;
}

/** The sticky pull request comment: the marker, then the compact summary (passed modules folded, messages cut short). */
export function renderPrComment(
  report: Report,
  options: { context: string; reportPath?: string; runUrl?: string },
): string {
  const marker = commentMarker(options.context);
  const runUrl = options.runUrl ? linkTarget(options.runUrl) : undefined;
  const footer = runUrl
    ? `\n<sub>Updated by quality-gates for <code>${escapeInline(options.context)}</code> · [run](${runUrl})</sub>\n`
    : '';
  const budget = MAX_COMMENT_BYTES - Buffer.byteLength(marker + footer, 'utf8') - 2;
  const summary = renderSummary(report, {
    maxBytes: budget,
    headingLevel: 3,
    compact: true,
    ...(options.reportPath ? { reportPath: options.reportPath } : {}),
    // The report file lives on the runner; reviewers reach it through the run.
    ...(runUrl
      ? { fullReportHint: `the full report is in the job summary and the report file of [the run](${runUrl})` }
      : {}),
  });
  return `${marker}\n${summary}${footer}`;
}
