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
      report([
        module('a-passed'),
        module('b-skipped', { status: 'skipped', suites: [] }),
        module('c-timeout', { status: 'timeout' }),
        module('d-crashed', { status: 'crashed' }),
        module('e-failed', { status: 'failed' }),
      ]),
    );
    const order = ['d-crashed', 'c-timeout', 'e-failed', 'a-passed', 'b-skipped'].map((name) =>
      markdown.indexOf(`| ${name} |`),
    );
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
    const pre = /<pre>([\s\S]*?)<\/pre>/.exec(markdown)![1];
    expect(pre).toContain('\n| a | b |\n```\nfenced\n```\n&amp;amp; red ::error::injected\n%0A');
  });

  it('flags a climbing heap with the series, sparkline and the peak against the limit, even for a passing module', () => {
    const suites = Array.from({ length: 9 }, (_, i) => suite(`s${i}.test.ts`, { heapAfterMB: 300 + 58 * i }));
    const markdown = renderSummary(report([module('reporting', { suites, peakHeapMB: 1000, heapLimitMB: 2048 })]));
    expect(markdown).toContain('### 📈 Heap trend');
    expect(markdown).toContain(
      '**reporting**: heap grows ~58 MB per suite across 9 suites — likely retained between suites. ▁▂▃▄▅▅▆▇█ (300, 358, 416, 474, 532, 590, 648, 706, 764 MB). Peak 1000 / 2048 MB.',
    );
    expect(markdown).toContain('| 1000 MB 📈 |');
  });

  it('says when a flagged series was not read after a forced GC', () => {
    const suites = Array.from({ length: 5 }, (_, i) =>
      suite(`s${i}.test.ts`, { heapAfterMB: 100 + 30 * i, heapAfterGc: i !== 2 }),
    );
    const markdown = renderSummary(report([module('reporting', { suites })]));
    expect(markdown).toContain(
      '**reporting**: heap grows ~30 MB per suite across 5 suites — likely retained between suites (read without a forced GC: garbage can look like growth).',
    );
  });

  it('stays under 1 MiB with huge failure messages and says what it left out and where the full report is', () => {
    const huge = 'x'.repeat(20_000) + '\n' + 'é'.repeat(50_000);
    const modules = Array.from({ length: 300 }, (_, m) =>
      module(`m${m}`, {
        suites: [
          suite(`m${m}/a.test.ts`, {
            failures: Array.from({ length: 20 }, (_, t) =>
              failure(`m${m} › test ${t} ${'long name '.repeat(20)}`, huge, `m${m}/a.test.ts`, t + 1),
            ),
          }),
        ],
      }),
    );
    const big = report([...modules, ...Array.from({ length: 500 }, (_, i) => module(`passing-${i}`))]);
    const markdown = renderSummary(big, { reportPath: 'out/quality-gates-report.json' });
    expect(utf8Bytes(markdown)).toBeLessThanOrEqual(1_000_000);
    expect(markdown).toContain(
      'To stay within the size limit, this summary leaves out the table rows of 500 passed or skipped modules',
    );
    expect(markdown).toContain('the full report is <code>out/quality-gates-report.json</code>');
    expect(markdown).toMatch(/the details of \d+ failures/);
    expectBlocksBalanced(markdown);
    expectTableIntact(markdown);
    // every failing module still has its row
    for (let m = 0; m < 300; m++) expect(markdown).toContain(`| m${m} |`);
  });

  it('trims passing rows first and keeps full messages when that is enough', () => {
    const base = report([
      module('bad', { suites: [suite('bad.test.ts', { failures: [failure('bad › one', 'line 1\nline 2')] })] }),
      ...Array.from({ length: 400 }, (_, i) => module(`ok-${i}`)),
    ]);
    const full = renderSummary(base);
    const budget = utf8Bytes(full) - 1000;
    const trimmed = renderSummary(base, { maxBytes: budget });
    expect(utf8Bytes(trimmed)).toBeLessThanOrEqual(budget);
    expect(trimmed).toContain('<pre>line 1\nline 2</pre>');
    expect(trimmed).toContain('_400 more passed or skipped modules_');
    expect(trimmed).not.toContain('| ok-0 |');
  });

  it('cuts at a line and closes nothing half-way when even the shortest form is too big', () => {
    const many = report(
      Array.from({ length: 2000 }, (_, i) =>
        module(`crashing-module-with-a-long-name-${i}`, { status: 'crashed', reason: 'out of memory '.repeat(10) }),
      ),
    );
    const markdown = renderSummary(many, { maxBytes: 50_000, reportPath: 'r.json' });
    expect(utf8Bytes(markdown)).toBeLessThanOrEqual(50_000);
    expect(markdown).toContain('leaves out everything after this point — the full report is <code>r.json</code>');
    expectBlocksBalanced(markdown);
  });

  it('measures the budget in UTF-8 bytes, not characters', () => {
    const wide = report([
      module('emoji', { suites: [suite('e.test.ts', { failures: [failure('💥 test', '🔥'.repeat(3000))] })] }),
    ]);
    const markdown = renderSummary(wide, { maxBytes: 8_000 });
    expect(utf8Bytes(markdown)).toBeLessThanOrEqual(8_000);
    expect(markdown).not.toContain('\uFFFD');
  });

  it('says why a module failed without a failing test', () => {
    const markdown = renderSummary(
      report([module('config', { status: 'failed', exitCode: 1, suites: [], logPath: 'logs/config.log' })]),
    );
    expect(markdown).toContain(
      '<details><summary>❌ <b>config</b> failed without a failing test: the test runner exited with code 1; see its log</summary>',
    );
    expect(markdown).toContain('log: logs/config.log');
  });

  it('shows the run reason when a run failed without a failing module', () => {
    const markdown = renderSummary(
      report([], { status: 'failed', reason: 'The reset command failed (exit code 3): no module ran.' }),
    );
    expect(markdown).toContain('quality-gates: failed');
    expect(markdown).toContain('> ⚠️ The reset command failed (exit code 3): no module ran.');
  });
});

describe('escaping in the summary', () => {
  it('leaves a lone underscore or star as it is (readable in --summary -), escapes pairs that would format', () => {
    const markdown = renderSummary(
      report([module('_lib'), module('user_id_map'), module('a*b'), module('_em_'), module('**bold**')]),
    );
    expect(markdown).toContain('| _lib |');
    expect(markdown).toContain('| user_id_map |');
    expect(markdown).toContain('| a*b |');
    expect(markdown).toContain('| &#95;em&#95; |');
    expect(markdown).toContain('| &#42;&#42;bold&#42;&#42; |');
    expect(markdown).not.toContain('&#95;lib');
  });
});

describe('summary header and table', () => {
  it('says the total test counts, the heap limit once when every module shares it, and the warnings', () => {
    const built = report(
      [
        module('billing', { suites: [suite('a.test.ts', { tests: { passed: 13, failed: 0, skipped: 1, todo: 0 } })] }),
        module('orders', { suites: [suite('b.test.ts', { failures: [failure('b › x', 'no')] })] }),
      ],
      { warnings: ['modules.map key "biling" names no module'] },
    );
    const markdown = renderSummary(built);
    expect(markdown).toContain('**Tests:** 18 passed, 1 failed, 1 skipped');
    expect(markdown).toContain('**Heap limit:** 2048 MB');
    expect(markdown).toContain('| Heap peak | Peak RSS |');
    expect(markdown).toContain('| 412 MB | 530 MB |');
    expect(markdown).not.toContain('/ 2048 MB |');
    expect(markdown).toContain('> [!WARNING]\n> modules.map key "biling" names no module');
  });

  it('keeps the limit in each row when modules differ', () => {
    const markdown = renderSummary(report([module('a'), module('b', { heapLimitMB: 4096 })]));
    expect(markdown).not.toContain('**Heap limit:**');
    expect(markdown).toContain('| 412 / 2048 MB |');
    expect(markdown).toContain('| 412 / 4096 MB |');
  });

  it('folds hundreds of passed rows into a <details>, failures always listed above it', () => {
    const modules = [
      module('broken', { suites: [suite('x.test.ts', { failures: [failure('x › y', 'no')] })] }),
      ...Array.from({ length: 300 }, (_, i) => module(`ok-${String(i).padStart(3, '0')}`)),
    ];
    const markdown = renderSummary(report(modules));
    const fold = markdown.indexOf('<details><summary>300 passed or skipped modules</summary>');
    expect(fold).toBeGreaterThan(0);
    expect(markdown.indexOf('| broken |')).toBeLessThan(fold);
    expect(markdown.indexOf('| ok-000 |')).toBeGreaterThan(fold);
    expect(markdown).toContain('| ok-299 |');
    expect(markdown).not.toContain('leaves out');
    expectTableIntact(markdown);
    expectBlocksBalanced(markdown);
    // A handful of passed modules stays in the one table.
    expect(renderSummary(report(modules.slice(0, 5)))).not.toContain('passed or skipped modules</summary>');
  });
});
