import { formatDuration } from '../util/duration.js';
import { renderBaselineChanges } from './baseline-summary.js';
import { renderLeakForensics } from './leak-summary.js';
import { escapeInline, escapePre, linkTarget, truncateText, utf8Bytes } from './escape.js';
import { badModules, crashCause, isBadStatus, moduleFailures, type FailureItem } from './failures.js';
import { detectHeapTrend, sparkline, type HeapTrend } from './heap-trend.js';
import type { ModuleResult, Report, Totals } from './schema.js';
import { reportTotals } from './totals.js';

/** GitHub refuses job summaries over 1 MiB per step; stay a little under it. */
export const DEFAULT_SUMMARY_MAX_BYTES = 1_000_000;

/** Options of {@link renderSummary}. */
export interface SummaryOptions {
  /** Where the full report JSON is, named in the "left out" note. */
  reportPath?: string;
  /** Budget in UTF-8 bytes (default 1,000,000). */
  maxBytes?: number;
  /** Heading level of the title (default 2). */
  headingLevel?: number;
  /**
   * Shorter form for a pull request comment: passed modules folded into one table row,
   * failure messages cut to a few lines, no per-suite heap figures.
   */
  compact?: boolean;
  /** Trusted Markdown naming where the full report is, instead of `reportPath` (e.g. a link to the run). */
  fullReportHint?: string;
}

export const MODULE_STATUS_ICON: Record<ModuleResult['status'], string> = {
  passed: '✅',
  failed: '❌',
  crashed: '💥',
  timeout: '⏱️',
  skipped: '⏭️',
};

const REPORT_STATUS_ICON: Record<Report['status'], string> = {
  passed: '✅',
  failed: '❌',
  skipped: '⏭️',
  interrupted: '⛔',
};

/** Failed, crashed and timed-out modules first; then passed, then skipped; run order inside. */
const STATUS_ORDER: Record<ModuleResult['status'], number> = {
  crashed: 0,
  timeout: 1,
  failed: 2,
  passed: 3,
  skipped: 4,
};

/** How much detail one rendering keeps; the levels below are tried in order until one fits. */
interface Detail {
  passingRows: boolean;
  maxLines: number;
  maxChars: number;
  /** Failure `<details>` blocks shown per module, and in total. */
  perModule: number;
  total: number;
  heapSeries: boolean;
  /** Folded passing rows and shortened messages are the chosen form, not a loss to report. */
  foldedByDesign?: boolean;
}

const LEVELS: Detail[] = [
  { passingRows: true, maxLines: 20, maxChars: 4000, perModule: 50, total: 1000, heapSeries: true },
  // 1. trim passing detail
  { passingRows: false, maxLines: 20, maxChars: 4000, perModule: 50, total: 1000, heapSeries: false },
  // 2. truncate messages
  { passingRows: false, maxLines: 8, maxChars: 800, perModule: 50, total: 1000, heapSeries: false },
  { passingRows: false, maxLines: 3, maxChars: 240, perModule: 20, total: 500, heapSeries: false },
  // 3. drop failure details
  { passingRows: false, maxLines: 3, maxChars: 240, perModule: 5, total: 100, heapSeries: false },
  { passingRows: false, maxLines: 1, maxChars: 120, perModule: 1, total: 20, heapSeries: false },
  { passingRows: false, maxLines: 1, maxChars: 120, perModule: 0, total: 0, heapSeries: false },
];

/**
 * Renders the job summary Markdown of a report: header, one row per module (failures
 * first), heap-trend hints, and a collapsed block per failure. Every string from tests
 * or file names is escaped. Stays within `maxBytes` UTF-8 bytes by trimming passing
 * detail, then truncating messages, then dropping failure details, and says what it
 * left out and where the full report is.
 */
export function renderSummary(report: Report, options: SummaryOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_SUMMARY_MAX_BYTES;
  const model = buildModel(report);
  // Compact starts at "truncated messages"; what it hides by design is not reported as left out.
  const levels = options.compact ? compactLevels(model) : LEVELS;
  let last = '';
  for (const detail of levels) {
    last = renderWith(model, detail, options);
    if (utf8Bytes(last) <= maxBytes) return last;
  }
  return cutToBudget(last, maxBytes, fullReportWhere(options));
}

/** A handful of passed modules is worth listing even in the compact form; dozens are not. */
const COMPACT_MAX_PASSING_ROWS = 10;

function compactLevels(model: Model): Detail[] {
  const folded = LEVELS.slice(2).map((level) => ({ ...level, foldedByDesign: true }));
  const quiet = model.modules.filter((module) => !isBadStatus(module.status) && !model.trends.has(module)).length;
  return quiet <= COMPACT_MAX_PASSING_ROWS ? [{ ...folded[0], passingRows: true }, ...folded] : folded;
}

interface Model {
  report: Report;
  modules: ModuleResult[];
  /** Keyed by the module object: names are unique in practice, but a merged or hand-made report may repeat one. */
  failures: Map<ModuleResult, FailureItem[]>;
  trends: Map<ModuleResult, HeapTrend>;
}

function buildModel(report: Report): Model {
  const modules = report.modules
    .map((module, index) => ({ module, index }))
    .sort((a, b) => STATUS_ORDER[a.module.status] - STATUS_ORDER[b.module.status] || a.index - b.index)
    .map((entry) => entry.module);
  const failures = new Map<ModuleResult, FailureItem[]>();
  const trends = new Map<ModuleResult, HeapTrend>();
  for (const module of modules) {
    failures.set(module, moduleFailures(module));
    const trend = detectHeapTrend(heapSeries(module), undefined, { afterGc: heapSeriesAfterGc(module) });
    if (trend) trends.set(module, trend);
  }
  return { report, modules, failures, trends };
}

/** Whether every heap figure of the module was read after a forced GC (reports before it said nothing: taken as yes). */
function heapSeriesAfterGc(module: ModuleResult): boolean {
  return module.suites.every((suite) => suite.heapAfterMB === undefined || suite.heapAfterGc !== false);
}

/** Heap after each suite that recorded it, in run order. */
export function heapSeries(module: ModuleResult): number[] {
  return module.suites.flatMap((suite) => (suite.heapAfterMB === undefined ? [] : [suite.heapAfterMB]));
}

function renderWith(model: Model, detail: Detail, options: SummaryOptions): string {
  const leftOut: string[] = [];
  const parts = [renderHeader(model.report, options.headingLevel ?? 2), renderTable(model, detail, leftOut)];
  const baseline = renderBaselineChanges(model.modules);
  if (baseline) parts.push(baseline);
  const trends = renderTrends(model, detail);
  if (trends) parts.push(trends);
  const leaks = renderLeakForensics(model.modules);
  if (leaks) parts.push(leaks);
  const failures = renderFailures(model, detail, leftOut);
  if (failures) parts.push(failures);
  if (leftOut.length > 0) parts.push(leftOutNote(leftOut, fullReportWhere(options)));
  return parts.join('\n\n') + '\n';
}

function renderHeader(report: Report, level: number): string {
  const counts = countModules(report.modules);
  const ran = report.modules.length - counts.skipped;
  const bad = badModules(report.modules).length;
  const title =
    report.status === 'passed'
      ? `${ran} of ${ran} modules passed`
      : report.status === 'failed'
        ? bad > 0
          ? `${bad} of ${ran} modules failed`
          : 'failed'
        : report.status === 'skipped'
          ? 'nothing to run'
          : `interrupted after ${ran} modules`;
  const lines = [
    `${'#'.repeat(Math.min(6, Math.max(1, level)))} ${REPORT_STATUS_ICON[report.status]} quality-gates: ${title}`,
    '',
  ];
  if (report.reason)
    lines.push(
      `> ${report.status === 'passed' || report.status === 'skipped' ? '' : '⚠️ '}${escapeInline(report.reason)}`,
      '',
    );
  const reason = report.plan?.reason ?? (report.mode === 'paths' ? 'Explicit test paths were given.' : undefined);
  lines.push(`**Mode:** \`${report.mode}\`${reason ? ` — ${escapeInline(reason)}` : ''}  `);
  const facts: string[] = [];
  if (report.plan) facts.push(`**Changed files:** ${report.plan.changedFiles}`);
  const breakdown = (['passed', 'failed', 'crashed', 'timeout', 'skipped'] as const)
    .filter((status) => counts[status] > 0 || status === 'passed')
    .map((status) => `${counts[status]} ${status}`)
    .join(', ');
  facts.push(`**Modules:** ${ran} run — ${breakdown}`);
  facts.push(`**Tests:** ${testsPhrase((report.totals ?? reportTotals(report.modules, report.durationMs)).tests)}`);
  facts.push(`**Time:** ${formatDuration(report.durationMs)}`);
  const limit = sharedHeapLimit(report.modules);
  if (limit !== undefined) facts.push(`**Heap limit:** ${Math.round(limit)} MB`);
  if (report.lock) {
    facts.push(
      `**Lock** <code>${escapeInline(report.lock.name)}</code> (${report.lock.backend}): waited ${formatDuration(report.lock.waitMs)}, held ${formatDuration(report.lock.holdMs)}`,
    );
  }
  lines.push(facts.join(' · '));
  if (report.reset) {
    const ok = report.reset.exitCode === 0;
    lines.push(
      '',
      `${ok ? '' : '⚠️ '}**Reset:** ${ok ? 'done' : `exit code ${report.reset.exitCode ?? 'none'}`} in ${formatDuration(report.reset.durationMs)}`,
    );
  }
  if (report.warnings.length > 0)
    lines.push('', '> [!WARNING]', ...report.warnings.map((warning) => `> ${escapeInline(warning)}  `));
  const runLink = report.context.runUrl ? linkTarget(report.context.runUrl) : undefined;
  if (runLink) lines.push('', `[Workflow run](${runLink})`);
  return lines.join('\n');
}

/** `120 passed, 2 failed, 3 skipped`: passed always, the other kinds when there are any. */
function testsPhrase(tests: Totals['tests']): string {
  return (['passed', 'failed', 'skipped', 'todo'] as const)
    .filter((kind) => kind === 'passed' || tests[kind] > 0)
    .map((kind) => `${tests[kind]} ${kind}`)
    .join(', ');
}

/**
 * The heap limit when every module that knows one has the same (the usual case: one Node,
 * one --max-old-space-size): said once in the header instead of in every row.
 */
export function sharedHeapLimit(modules: readonly ModuleResult[]): number | undefined {
  const limits = new Set(
    modules.flatMap((module) => (module.heapLimitMB === null ? [] : [Math.round(module.heapLimitMB)])),
  );
  return limits.size === 1 ? [...limits][0] : undefined;
}

/** Module counts per status. */
export function countModules(modules: readonly ModuleResult[]): Record<ModuleResult['status'], number> {
  const counts = { passed: 0, failed: 0, crashed: 0, timeout: 0, skipped: 0 };
  for (const module of modules) counts[module.status]++;
  return counts;
}

/** Above this many passed or skipped rows, they are folded into a `<details>` below the table. */
export const FOLD_PASSED_ROWS = 20;

function renderTable(model: Model, detail: Detail, leftOut: string[]): string {
  if (model.modules.length === 0) return '_No modules ran._';
  const limitOnce = sharedHeapLimit(model.modules) !== undefined;
  const header = [
    `| Status | Module | Passed | Failed | Skipped | Duration | ${limitOnce ? 'Heap peak' : 'Heap peak / limit'} | Peak RSS |`,
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const notable = model.modules.filter((module) => isBadStatus(module.status) || model.trends.has(module));
  const quiet = model.modules.filter((module) => !notable.includes(module));
  const row = (module: ModuleResult) => tableRow(module, model.trends.has(module), limitOnce);
  if (!detail.passingRows) {
    const rows = [...header, ...notable.map(row)];
    if (quiet.length > 0) {
      rows.push(
        `| | _${quiet.length} more passed or skipped ${quiet.length === 1 ? 'module' : 'modules'}_ | | | | | | |`,
      );
      if (!detail.foldedByDesign)
        leftOut.push(
          `the table rows of ${quiet.length} passed or skipped ${quiet.length === 1 ? 'module' : 'modules'}`,
        );
    }
    return rows.join('\n');
  }
  if (quiet.length <= FOLD_PASSED_ROWS) return [...header, ...model.modules.map(row)].join('\n');
  // Hundreds of green rows would bury the red ones: failures stay in view, the rest folds.
  const folded = [
    `<details><summary>${quiet.length} passed or skipped modules</summary>`,
    '',
    ...header,
    ...quiet.map(row),
    '',
    '</details>',
  ].join('\n');
  return notable.length > 0 ? `${[...header, ...notable.map(row)].join('\n')}\n\n${folded}` : folded;
}

function tableRow(module: ModuleResult, trending: boolean, limitOnce: boolean): string {
  const skipped = module.status === 'skipped';
  const name =
    skipped && module.reason
      ? `${escapeInline(module.name)} <sub>${escapeInline(module.reason)}</sub>`
      : escapeInline(module.name);
  const heap = limitOnce ? formatMB(module.peakHeapMB) : formatHeap(module);
  return `| ${MODULE_STATUS_ICON[module.status]} ${module.status} | ${name} | ${module.tests.passed} | ${module.tests.failed} | ${module.tests.skipped + module.tests.todo} | ${skipped && module.durationMs === 0 ? '–' : formatDuration(module.durationMs)} | ${heap}${trending ? ' 📈' : ''} | ${formatMB(module.peakRssMB)} |`;
}

/** `412 / 2048 MB`, `412 MB` without a known limit, `–` without a measurement. */
export function formatHeap(module: ModuleResult): string {
  if (module.peakHeapMB === null) return '–';
  if (module.heapLimitMB === null) return `${Math.round(module.peakHeapMB)} MB`;
  return `${Math.round(module.peakHeapMB)} / ${Math.round(module.heapLimitMB)} MB`;
}

function formatMB(value: number | null): string {
  return value === null ? '–' : `${Math.round(value)} MB`;
}

function renderTrends(model: Model, detail: Detail): string | undefined {
  if (model.trends.size === 0) return undefined;
  const lines = ['### 📈 Heap trend', ''];
  for (const module of model.modules) {
    const trend = model.trends.get(module);
    if (!trend) continue;
    const peak = module.peakHeapMB === null ? '' : ` Peak ${formatHeap(module)}.`;
    const series = detail.heapSeries ? ` (${trend.series.map((v) => Math.round(v)).join(', ')} MB)` : '';
    lines.push(`- **${escapeInline(module.name)}**: ${trend.message}. ${sparkline(trend.series)}${series}.${peak}`);
  }
  return lines.join('\n');
}

function renderFailures(model: Model, detail: Detail, leftOut: string[]): string | undefined {
  const bad = model.modules.filter(
    (module) => isBadStatus(module.status) || (model.failures.get(module)?.length ?? 0) > 0,
  );
  if (bad.length === 0) return undefined;
  const blocks: string[] = ['### Failures'];
  let shown = 0;
  let omitted = 0;
  let truncatedMessages = 0;
  for (const module of bad) {
    const failures = model.failures.get(module) ?? [];
    // A failed module without a reported failure (runner config error, non-zero exit) still needs its why.
    if (
      module.status === 'crashed' ||
      module.status === 'timeout' ||
      (module.status === 'failed' && failures.length === 0)
    )
      blocks.push(renderCrash(module));
    let shownHere = 0;
    for (const failure of failures) {
      if (shownHere >= detail.perModule || shown >= detail.total) {
        omitted++;
        continue;
      }
      const block = renderFailure(failure, detail);
      if (block.truncated) truncatedMessages++;
      blocks.push(block.text);
      shownHere++;
      shown++;
    }
  }
  if (truncatedMessages > 0 && !detail.foldedByDesign)
    leftOut.push(`the end of ${truncatedMessages} long failure ${truncatedMessages === 1 ? 'message' : 'messages'}`);
  if (omitted > 0) leftOut.push(`the details of ${omitted} ${omitted === 1 ? 'failure' : 'failures'}`);
  return blocks.join('\n\n');
}

function renderCrash(module: ModuleResult): string {
  const verb =
    module.status === 'timeout'
      ? 'timed out'
      : module.status === 'failed'
        ? 'failed without a failing test'
        : 'crashed';
  const running = module.runningSuite ? ` while running <code>${escapeInline(module.runningSuite)}</code>` : '';
  const facts = [`cause: ${crashCause(module)}`];
  if (module.exitCode !== null) facts.push(`exit code: ${module.exitCode}`);
  if (module.signal) facts.push(`signal: ${module.signal}`);
  if (module.peakHeapMB !== null) facts.push(`peak heap: ${formatHeap(module)}`);
  if (module.logPath) facts.push(`log: ${module.logPath}`);
  return [
    `<details><summary>${MODULE_STATUS_ICON[module.status]} <b>${escapeInline(module.name)}</b> ${verb}: ${escapeInline(crashCause(module))}${running}</summary>`,
    '',
    `<pre>${escapePre(facts.join('\n'))}</pre>`,
    '',
    '</details>',
  ].join('\n');
}

function renderFailure(failure: FailureItem, detail: Detail): { text: string; truncated: boolean } {
  const where = `${failure.file}${failure.line !== undefined ? `:${failure.line}` : ''}`;
  const message = truncateText(failure.message, detail.maxLines, detail.maxChars);
  const text = [
    `<details><summary>❌ <b>${escapeInline(failure.module)}</b> › ${escapeInline(failure.name)} — <code>${escapeInline(where)}</code></summary>`,
    '',
    `<pre>${escapePre(message.text)}</pre>`,
    '',
    '</details>',
  ].join('\n');
  return { text, truncated: message.truncated && failure.message.length > 0 };
}

/** `the full report is …`: the trusted hint, else the report path (escaped), else the report JSON. */
function fullReportWhere(options: SummaryOptions): string {
  if (options.fullReportHint) return options.fullReportHint;
  return options.reportPath
    ? `the full report is <code>${escapeInline(options.reportPath)}</code>`
    : 'the full report is the report JSON';
}

function leftOutNote(leftOut: string[], where: string): string {
  return `> [!NOTE]\n> To stay within the size limit, this summary leaves out ${leftOut.join('; ')} — ${where}.`;
}

/** Last resort when even the shortest rendering is too big (thousands of failing modules): cut at a line. */
function cutToBudget(text: string, maxBytes: number, where: string): string {
  const note = `\n\n${leftOutNote(['everything after this point'], where)}\n`;
  const budget = Math.max(0, maxBytes - utf8Bytes(note));
  const bytes = Buffer.from(text, 'utf8');
  let cut = bytes.subarray(0, budget).toString('utf8');
  // A partial multi-byte character decodes to U+FFFD; cutting at the last newline drops it and any half row.
  const newline = cut.lastIndexOf('\n');
  cut = newline > 0 ? cut.slice(0, newline) : '';
  // Never leave a <details> block open: the note would disappear inside it.
  const open = cut.lastIndexOf('<details>');
  if (open > cut.lastIndexOf('</details>')) cut = cut.slice(0, open).trimEnd();
  return cut + note;
}
