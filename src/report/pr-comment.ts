import { escapeInline } from './escape.js';
import type { Report } from './schema.js';
import { renderSummary } from './summary.js';

/** GitHub caps comment bodies at 65,536 characters; Gitea's limit is larger. Keep well under. */
export const MAX_COMMENT_BYTES = 60_000;

/** The hidden marker that identifies the sticky comment of one status context. */
export function commentMarker(context: string): string {
  return `<!-- quality-gates:report:${context.replace(/--/g, '-‐').replace(/>/g, '&gt;')} -->`;
}

/** The sticky pull request comment: the marker, then the summary shortened to fit a comment. */
export function renderPrComment(report: Report, options: { context: string; reportPath?: string; runUrl?: string }): string {
  const marker = commentMarker(options.context);
  const footer = options.runUrl ? `\n<sub>Updated by quality-gates for <code>${escapeInline(options.context)}</code> · [run](${options.runUrl})</sub>\n` : '';
  const budget = MAX_COMMENT_BYTES - Buffer.byteLength(marker + footer, 'utf8') - 2;
  return `${marker}\n${renderSummary(report, { reportPath: options.reportPath, maxBytes: budget, headingLevel: 3 })}${footer}`;
}
