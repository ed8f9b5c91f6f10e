import { describe, expect, it } from 'vitest';
import { utf8Bytes } from '../../src/report/escape.js';
import { renderSummary } from '../../src/report/summary.js';
import { failure, fixtures, module, report, SNAPSHOT_CASES, suite } from '../fixtures/report/builder.js';

/** Every table row has exactly the 8 columns' 9 pipes: nothing from a test name split a cell. */
function expectTableIntact(markdown: string): void {
  // Message lines inside <pre> are raw HTML text, not table rows.
  const outsidePre = markdown.replace(/<pre>[\s\S]*?<\/pre>/g, '<pre></pre>');
  const rows = outsidePre.split('\n').filter((line) => line.startsWith('| '));
  expect(rows.length).toBeGreaterThan(2);
  for (const row of rows) expect(row.split('|').length - 1, row).toBe(9);
}

/** `<details>` and `<pre>` blocks are balanced, so nothing from a message escapes them. */
function expectBlocksBalanced(markdown: string): void {
  for (const tag of ['details', 'pre', 'summary']) {
    expect(markdown.split(`<${tag}>`).length, tag).toBe(markdown.split(`</${tag}>`).length);
  }
}

describe('renderSummary', () => {
  it.each(SNAPSHOT_CASES)('renders %s', async (name, build) => {
    const markdown = renderSummary(build(), { reportPath: 'quality-gates-report.json' });
    expectTableIntact(markdown);
    expectBlocksBalanced(markdown);
    await expect(markdown).toMatchFileSnapshot(`__snapshots__/summary-${name}.md`);
  });

  it('puts failed, crashed and timed-out modules before passed and skipped ones', () => {
    const markdown = renderSummary(
      report([module('a-passed'), module('b-skipped', { status: 'skipped', suites: [] }), module('c-timeout', { status: 'timeout' }), module('d-crashed', { status: 'crashed' }), module('e-failed', { status: 'failed' })]),
    );
    const order = ['d-crashed', 'c-timeout', 'e-failed', 'a-passed', 'b-skipped'].map((name) => markdown.indexOf(`| ${name} |`));
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('renders hostile test names and messages as text', () => {
    const markdown = renderSummary(fixtures.hostile());
    expect(markdown).not.toMatch(/<img|<script|<b>\.test|\]\(javascript|@everyone|\u0000|\u001b/);
    expect(markdown).toContain('&#60;b&#62;.test.ts:3</code>');
    expect(markdown).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(markdown).toContain('&lt;/pre&gt;&lt;script&gt;');
    // the message's own </details> and fences stay inside the <pre>
    expect(markdown).not.toMatch(/^<\/details>\n\| a \| b \|/m);
    const pre = /<pre>([\s\S]*?)<\/pre>/.exec(markdown)![1]!;
    expect(pre).toContain('\n| a | b |\n```\nfenced\n```\n&amp;amp; red ::error::injected\n%0A');
  });

  it('flags a climbing heap with the series, sparkline and the peak against the limit, even for a passing module', () => {
    const suites = Array.from({ length: 9 }, (_, i) => suite(`s${i}.test.ts`, { heapAfterMB: 300 + 58 * i }));
    const markdown = renderSummary(report([module('reporting', { suites, peakHeapMB: 1000, heapLimitMB: 2048 })]));
    expect(markdown).toContain('### 📈 Heap trend');
    expect(markdown).toContain('**reporting**: heap grows ~58 MB per suite across 9 suites — likely retained between suites. ▁▂▃▄▅▅▆▇█ (300, 358, 416, 474, 532, 590, 648, 706, 764 MB). Peak 1000 / 2048 MB.');
    expect(markdown).toContain('| 1000 / 2048 MB 📈 |');
  });

  it('stays under 1 MiB with huge failure messages and says what it left out and where the full report is', () => {
    const huge = 'x'.repeat(20_000) + '\n' + 'é'.repeat(50_000);
    const modules = Array.from({ length: 300 }, (_, m) =>
      module(`m${m}`, {
        suites: [suite(`m${m}/a.test.ts`, { failures: Array.from({ length: 20 }, (_, t) => failure(`m${m} › test ${t} ${'long name '.repeat(20)}`, huge, `m${m}/a.test.ts`, t + 1)) })],
      }),
    );
    const big = report([...modules, ...Array.from({ length: 500 }, (_, i) => module(`passing-${i}`))]);
    const markdown = renderSummary(big, { reportPath: 'out/quality-gates-report.json' });
    expect(utf8Bytes(markdown)).toBeLessThanOrEqual(1_000_000);
    expect(markdown).toContain('To stay within the size limit, this summary leaves out the table rows of 500 passed or skipped modules');
    expect(markdown).toContain('the full report is <code>out/quality-gates-report.json</code>');
    expect(markdown).toMatch(/the details of \d+ failures/);
    expectBlocksBalanced(markdown);
    expectTableIntact(markdown);
    // every failing module still has its row
    for (let m = 0; m < 300; m++) expect(markdown).toContain(`| m${m} |`);
  });

  it('trims passing rows first and keeps full messages when that is enough', () => {
    const base = report([module('bad', { suites: [suite('bad.test.ts', { failures: [failure('bad › one', 'line 1\nline 2')] })] }), ...Array.from({ length: 400 }, (_, i) => module(`ok-${i}`))]);
    const full = renderSummary(base);
    const budget = utf8Bytes(full) - 1000;
    const trimmed = renderSummary(base, { maxBytes: budget });
    expect(utf8Bytes(trimmed)).toBeLessThanOrEqual(budget);
    expect(trimmed).toContain('<pre>line 1\nline 2</pre>');
    expect(trimmed).toContain('_400 more passed or skipped modules_');
    expect(trimmed).not.toContain('| ok-0 |');
  });

  it('cuts at a line and closes nothing half-way when even the shortest form is too big', () => {
    const many = report(Array.from({ length: 2000 }, (_, i) => module(`crashing-module-with-a-long-name-${i}`, { status: 'crashed', reason: 'out of memory '.repeat(10) })));
    const markdown = renderSummary(many, { maxBytes: 50_000, reportPath: 'r.json' });
    expect(utf8Bytes(markdown)).toBeLessThanOrEqual(50_000);
    expect(markdown).toContain('leaves out everything after this point — the full report is <code>r.json</code>');
    expectBlocksBalanced(markdown);
  });

  it('measures the budget in UTF-8 bytes, not characters', () => {
    const wide = report([module('emoji', { suites: [suite('e.test.ts', { failures: [failure('💥 test', '🔥'.repeat(3000))] })] })]);
    const markdown = renderSummary(wide, { maxBytes: 8_000 });
    expect(utf8Bytes(markdown)).toBeLessThanOrEqual(8_000);
    expect(markdown).not.toContain('\uFFFD');
  });

  it('says why a module failed without a failing test', () => {
    const markdown = renderSummary(report([module('config', { status: 'failed', exitCode: 1, suites: [], logPath: 'logs/config.log' })]));
    expect(markdown).toContain('<details><summary>❌ <b>config</b> failed without a failing test: the test runner exited with code 1; see its log</summary>');
    expect(markdown).toContain('log: logs/config.log');
  });

  it('shows the run reason when a run failed without a failing module', () => {
    const markdown = renderSummary(report([], { status: 'failed', reason: 'The reset command failed (exit code 3): no module ran.' }));
    expect(markdown).toContain('quality-gates: failed');
    expect(markdown).toContain('> ⚠️ The reset command failed (exit code 3): no module ran.');
  });
});
