import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { baseEnv, moduleNamed, readReport, scratchDir, VITEST_PROJECT } from './helpers.js';

describe('quality-gates run with vitest', () => {
  test('runs each module with vitest, collects counts, failures with file:line, heap per file and crashes', async () => {
    const report = join(scratchDir(), 'report.json');
    // GITHUB_ACTIONS would make vitest add its own github-actions reporter: the tool's
    // command-line reporters must replace it (the action writes the only annotations).
    const result = await runCli(['run', '--report', report], {
      cwd: VITEST_PROJECT,
      env: baseEnv({ GITHUB_ACTIONS: 'true' }),
    });
    expect(result.code).toBe(1);
    const parsed = readReport(report);
    expect(parsed.runner).toBe('vitest');
    expect(parsed.modules.map((m) => [m.name, m.status])).toEqual([
      ['fail', 'failed'],
      ['pass', 'passed'],
      ['sigkill', 'crashed'],
    ]);
    const fail = moduleNamed(parsed, 'fail');
    expect(fail.tests).toEqual({ total: 2, passed: 1, failed: 1, skipped: 0, todo: 0 });
    expect(fail.suites[0].failures).toEqual([
      expect.objectContaining({
        name: 'fail f › is broken',
        file: 'modules/fail/f.test.js',
        line: 8,
        message: expect.stringContaining('expected 1 to be 2'),
      }),
    ]);
    const pass = moduleNamed(parsed, 'pass');
    expect(pass.tests).toEqual({ total: 4, passed: 2, failed: 0, skipped: 1, todo: 1 });
    expect(pass.suites.map((s) => s.file).sort()).toEqual(['modules/pass/a.test.js', 'modules/pass/b.test.js']);
    // A file's reading may be skipped when its GC would cost too much (heap-after-gc.test.ts); the last one never is.
    expect(pass.suites.every((s) => s.heapAfterMB === undefined || s.heapAfterMB > 0)).toBe(true);
    expect(pass.suites.some((s) => typeof s.heapAfterMB === 'number')).toBe(true);
    expect(pass.peakHeapMB).toBeGreaterThan(1);
    expect(moduleNamed(parsed, 'sigkill')).toMatchObject({ runningSuite: 'modules/sigkill/die.test.js' });
    // Under Actions each module's output is a collapsible group, and vitest wrote no annotations.
    expect(result.stdout).toContain('::group::[1/3] fail');
    expect(result.stdout).toContain('::endgroup::');
    expect(result.stdout).not.toMatch(/^::error/m);
  });

  test('records every test by name, and the JUnit lists them: passed, failed, skipped and todo', async () => {
    const dir = scratchDir();
    const report = join(dir, 'report.json');
    const junit = join(dir, 'junit.xml');
    const result = await runCli(['run', '--module', 'pass', '--module', 'fail', '--report', report, '--junit', junit], {
      cwd: VITEST_PROJECT,
      env: baseEnv(),
    });
    expect(result.code).toBe(1);
    const parsed = readReport(report);
    const cases = moduleNamed(parsed, 'pass').suites.flatMap((s) => (s.cases ?? []).map((c) => [c.name, c.status]));
    expect(cases.sort()).toEqual([
      ['pass a › adds', 'passed'],
      ['pass a › comes later', 'todo'],
      ['pass a › is skipped', 'skipped'],
      ['pass b', 'passed'],
    ]);
    expect(moduleNamed(parsed, 'fail').suites[0].cases).toEqual([
      expect.objectContaining({ status: 'passed' }),
      expect.objectContaining({ name: 'fail f › is broken', status: 'failed' }),
    ]);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuite name="pass" tests="4" failures="0" errors="0" skipped="2"/);
    expect(xml).toMatch(/<testcase classname="pass\/modules\/pass\/b\.test\.js" name="pass b" time="[\d.]+"\/>/);
    expect(xml).toMatch(/<testsuite name="fail" tests="2" failures="1" errors="0" skipped="0"/);
    expect(xml).toMatch(/name="fail f › is broken" time="[\d.]+">\n\s+<failure message=/);
  });
});
