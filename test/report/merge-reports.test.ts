import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expandReportPatterns } from '../../src/report/glob.js';
import { mergeReportFiles } from '../../src/report/merge-files.js';
import { mergeReports } from '../../src/report/merge.js';
import { ReportSchema, type Report } from '../../src/report/schema.js';
import { runCli } from '../helpers/cli.js';
import { module, report } from '../fixtures/report/builder.js';
import { checkWellFormedXml } from './xml.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qg-merge-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, data: unknown): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), typeof data === 'string' ? data : JSON.stringify(data));
}

const job = (name: string, overrides: Parameters<typeof module>[1] = {}, reportOverrides: Partial<Report> = {}) =>
  report([module(name, overrides)], reportOverrides);

describe('mergeReports', () => {
  it('concatenates modules sorted by name, recomputes status, time span and lock figures', () => {
    const { report: merged, warnings } = mergeReports([
      {
        source: 'b.json',
        report: job(
          'orders',
          {},
          {
            startedAt: '2026-01-01T10:00:10.000Z',
            finishedAt: '2026-01-01T10:02:00.000Z',
            lock: { backend: 'flock', name: 'l', waitMs: 1000, holdMs: 60_000 },
          },
        ),
      },
      {
        source: 'a.json',
        report: job(
          'billing',
          { status: 'crashed', reason: 'out of memory' },
          {
            startedAt: '2026-01-01T10:00:00.000Z',
            finishedAt: '2026-01-01T10:01:00.000Z',
            lock: { backend: 'flock', name: 'l', waitMs: 500, holdMs: 30_000 },
          },
        ),
      },
    ]);
    expect(warnings).toEqual([]);
    expect(merged.modules.map((m) => m.name)).toEqual(['billing', 'orders']);
    expect(merged.status).toBe('failed');
    expect(merged.startedAt).toBe('2026-01-01T10:00:00.000Z');
    expect(merged.finishedAt).toBe('2026-01-01T10:02:00.000Z');
    expect(merged.durationMs).toBe(120_000);
    expect(merged.lock).toEqual({ backend: 'flock', name: 'l', waitMs: 1500, holdMs: 90_000 });
    expect(ReportSchema.parse(merged)).toEqual(merged);
  });

  it("recomputes the run-wide totals and carries every job's warnings", () => {
    const { report: merged } = mergeReports([
      { source: 'a.json', report: job('billing', {}, { warnings: ['plan: shared folder fixtures/ changed'] }) },
      {
        source: 'b.json',
        report: job(
          'orders',
          { status: 'crashed', reason: 'killed' },
          { warnings: ['plan: shared folder fixtures/ changed', 'stdout failed'] },
        ),
      },
    ]);
    expect(merged.totals).toEqual({
      modules: { total: 2, passed: 1, failed: 0, crashed: 1, timeout: 0, skipped: 0 },
      tests: { total: 10, passed: 10, failed: 0, skipped: 0, todo: 0 },
      durationMs: merged.durationMs,
    });
    expect(merged.warnings).toEqual(['plan: shared folder fixtures/ changed', 'stdout failed']);
  });

  it('keeps the later copy of a module that appears twice, with a warning', () => {
    const { report: merged, warnings } = mergeReports([
      { source: 'first.json', report: job('orders', { status: 'failed' }) },
      { source: 'rerun.json', report: job('orders') },
    ]);
    expect(merged.modules).toHaveLength(1);
    expect(merged.modules[0].status).toBe('passed');
    expect(merged.status).toBe('passed');
    expect(warnings).toEqual(['module "orders" appears in first.json and rerun.json; keeping the one from rerun.json']);
  });

  it('never lets a copy that did not run hide a result', () => {
    const { report: merged, warnings } = mergeReports([
      { source: 'ran.json', report: job('orders') },
      { source: 'cancelled.json', report: job('orders', { status: 'skipped', suites: [] }) },
    ]);
    expect(merged.modules[0].status).toBe('passed');
    expect(warnings).toEqual([
      'module "orders" appears in ran.json and cancelled.json; keeping the one from ran.json (it did not run in cancelled.json)',
    ]);
  });

  it('counts a module killed by a cancellation as part of the interruption', () => {
    const cancelled = report([module('orders', { status: 'crashed', signal: 'SIGINT' })], {
      status: 'interrupted',
      reason: 'interrupted by SIGINT',
    });
    expect(
      mergeReports([
        { source: 'a', report: job('billing') },
        { source: 'b', report: cancelled },
      ]).report,
    ).toMatchObject({ status: 'interrupted', reason: 'interrupted by SIGINT' });
    const realFailure = job('customers', { status: 'failed' });
    expect(
      mergeReports([
        { source: 'a', report: realFailure },
        { source: 'b', report: cancelled },
      ]).report.status,
    ).toBe('failed');
  });

  it('warns when the reports come from different commits', () => {
    const { warnings } = mergeReports([
      { source: 'a', report: job('a', {}, { context: { sha: '1'.repeat(40) } }) },
      { source: 'b', report: job('b', {}, { context: { sha: '2'.repeat(40) } }) },
    ]);
    expect(warnings).toEqual([
      'the reports come from different commits (111111111111, 222222222222): are old artifacts mixed in?',
    ]);
  });

  it('keeps a job failure without a failing module (lock lost) and an interruption', () => {
    expect(
      mergeReports([
        { source: 'a', report: job('a') },
        { source: 'b', report: report([], { status: 'failed', reason: 'The lock was lost.' }) },
      ]).report,
    ).toMatchObject({ status: 'failed', reason: 'The lock was lost.' });
    expect(
      mergeReports([
        { source: 'a', report: job('a') },
        { source: 'b', report: report([], { status: 'interrupted' }) },
      ]).report.status,
    ).toBe('interrupted');
    expect(
      mergeReports([{ source: 'a', report: report([], { status: 'skipped', mode: 'skip' }) }]).report,
    ).toMatchObject({ status: 'skipped', mode: 'skip' });
  });
});

describe('expandReportPatterns', () => {
  it('expands globs without a shell, skipping node_modules, and rejects what matches nothing', () => {
    write('reports/job-1/quality-gates-report.json', '{}');
    write('reports/job-2/quality-gates-report.json', '{}');
    write('reports/$(touch pwned)/quality-gates-report.json', '{}');
    write('node_modules/x/reports/quality-gates-report.json', '{}');
    const files = expandReportPatterns(['reports/**/*.json', 'reports/job-1/quality-gates-report.json'], dir);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([
      'reports/$(touch pwned)/quality-gates-report.json',
      'reports/job-1/quality-gates-report.json',
      'reports/job-2/quality-gates-report.json',
    ]);
    expect(expandReportPatterns([join(dir, 'reports', '*', '*.json')], '/')).toHaveLength(3);
    expect(() => expandReportPatterns(['nothing/**/*.json'], dir)).toThrow(
      /report glob "nothing\/\*\*\/\*\.json": matches no file/,
    );
    expect(() => expandReportPatterns(['missing.json'], dir)).toThrow(/report "missing.json": no such file/);
  });
});

describe('mergeReportFiles (the pipeline of the CLI and the action)', () => {
  it('leaves the output out of a glob, merges it when named as a plain path, and refuses when nothing else is left', () => {
    write('a.json', job('billing'));
    write('merged.json', job('previous'));
    expect(mergeReportFiles({ patterns: ['*.json'], cwd: dir, out: 'merged.json' }).sources).toEqual(['a.json']);
    write('merged.json', job('previous'));
    expect(
      mergeReportFiles({ patterns: ['./merged.json', 'a.json'], cwd: dir, out: 'merged.json' }).report.modules.map(
        (m) => m.name,
      ),
    ).toEqual(['billing', 'previous']);
    rmSync(join(dir, 'a.json'));
    expect(() =>
      mergeReportFiles({ patterns: ['*.json'], cwd: dir, out: 'merged.json', patternsLabel: "input 'reports'" }),
    ).toThrow(
      "input 'reports': no report to merge besides the output merged.json (a glob never merges the output into itself)",
    );
  });
});

describe('quality-gates merge-reports', () => {
  it('writes the merged report, JUnit and summary, and exits 1 when a module failed', async () => {
    write('reports/a/r.json', job('billing'));
    write('reports/b/r.json', job('orders', { status: 'timeout', reason: 'timed out after 10 min' }));
    const result = await runCli(
      ['merge-reports', '--out', 'merged.json', '--junit', 'out/junit.xml', '--summary', '-', 'reports/**/*.json'],
      { cwd: dir },
    );
    expect(result.stderr).toContain('merged 2 reports: 2 modules, 1 failed → merged.json (failed)');
    expect(result.code).toBe(1);
    const merged = ReportSchema.parse(JSON.parse(readFileSync(join(dir, 'merged.json'), 'utf8')));
    expect(merged.modules.map((m) => [m.name, m.status])).toEqual([
      ['billing', 'passed'],
      ['orders', 'timeout'],
    ]);
    expect(
      checkWellFormedXml(readFileSync(join(dir, 'out/junit.xml'), 'utf8')).elements.filter((e) => e === 'testsuite'),
    ).toHaveLength(2);
    expect(result.stdout).toContain('## ❌ quality-gates: 1 of 2 modules failed');
    expect(result.stdout).toContain('| ⏱️ timeout | orders |');
  });

  it('exits 0 for passing reports and never merges its own previous output', async () => {
    write('a.json', job('billing'));
    write('b.json', job('orders'));
    write('quality-gates-report.json', job('stale', { status: 'failed' }));
    const result = await runCli(['merge-reports', '*.json'], { cwd: dir });
    expect(result.code).toBe(0);
    const merged = JSON.parse(readFileSync(join(dir, 'quality-gates-report.json'), 'utf8')) as Report;
    expect(merged.modules.map((m) => m.name)).toEqual(['billing', 'orders']);
  });

  it('warns about a module present twice', async () => {
    write('1.json', job('orders', { status: 'failed' }));
    write('2.json', job('orders'));
    const result = await runCli(['merge-reports', '--out', 'm.json', '1.json', '2.json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'warning: module "orders" appears in 1.json and 2.json; keeping the one from 2.json',
    );
  });

  it('exits 2 naming the file and the bad field of an invalid report', async () => {
    const bad = JSON.parse(JSON.stringify(job('orders'))) as { modules: Array<{ status: string }> };
    bad.modules[0].status = 'exploded';
    write('good.json', job('billing'));
    write('bad.json', bad);
    const result = await runCli(['merge-reports', 'good.json', 'bad.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^quality-gates merge-reports: bad\.json: modules\[0\]\.status: Invalid option: .* — is it a quality-gates report \(schemaVersion 1\)\?/,
    );
  });

  it('exits 2 for a file that is not JSON, for no arguments and for an unknown flag', async () => {
    write('broken.json', '{ nope');
    expect((await runCli(['merge-reports', 'broken.json'], { cwd: dir })).stderr).toMatch(/broken\.json: not JSON/);
    expect((await runCli(['merge-reports'], { cwd: dir })).code).toBe(2);
    expect((await runCli(['merge-reports', '--bogus', 'x.json'], { cwd: dir })).code).toBe(2);
  });
});
