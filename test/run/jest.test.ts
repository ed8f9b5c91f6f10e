import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { baseEnv, eventually, isAlive, JEST_PROJECT, moduleNamed, readReport, scratchDir } from './helpers.js';

const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runCli(['run', ...args], { cwd: JEST_PROJECT, env: baseEnv(env) });

describe('quality-gates run with jest', () => {
  test('runs every module in its own process, no fail-fast, and reports each', async () => {
    const dir = scratchDir();
    const report = join(dir, 'report.json');
    const junit = join(dir, 'junit.xml');
    const summary = join(dir, 'summary.md');
    const result = await run([
      '--config',
      'configs/basic.yml',
      '--report',
      report,
      '--junit',
      junit,
      '--summary',
      summary,
    ]);
    expect(result.code).toBe(1);
    const parsed = readReport(report);
    expect(parsed).toMatchObject({ status: 'failed', mode: 'full', runner: 'jest' });
    expect(parsed.modules.map((m) => [m.name, m.status])).toEqual([
      ['empty', 'failed'],
      ['fail', 'failed'],
      ['pass', 'passed'],
      ['pass-more', 'passed'],
    ]);
    expect(moduleNamed(parsed, 'empty').reason).toMatch(/^no tests found in suites\/basic\/empty/);
    // Run-wide totals, so no consumer has to add up modules[].
    expect(parsed.totals).toEqual({
      modules: { total: 4, passed: 2, failed: 2, crashed: 0, timeout: 0, skipped: 0 },
      tests: { total: 7, passed: 5, failed: 1, skipped: 0, todo: 1 },
      durationMs: parsed.durationMs,
    });
    expect(parsed.warnings).toEqual([]);

    const fail = moduleNamed(parsed, 'fail');
    expect(fail.tests).toEqual({ total: 2, passed: 1, failed: 1, skipped: 0, todo: 0 });
    expect(fail.suites[0].failures).toEqual([
      expect.objectContaining({
        name: 'fail f › is broken',
        file: 'suites/basic/fail/f.test.js',
        line: 6,
        column: 15,
        message: expect.stringContaining('Expected: 2'),
      }),
    ]);
    expect(fail.suites[0].failures[0].message).not.toMatch(/\u001b\[/);
    expect(fail.exitCode).toBe(1);

    const pass = moduleNamed(parsed, 'pass');
    expect(pass.tests).toEqual({ total: 4, passed: 3, failed: 0, skipped: 0, todo: 1 });
    // Module "pass" is the folder pass/, not every path starting with "pass".
    expect(pass.suites.map((s) => s.file).sort()).toEqual([
      'suites/basic/pass/a.test.js',
      'suites/basic/pass/b.test.js',
    ]);
    expect(pass.peakHeapMB).toBeGreaterThan(1);
    expect(pass.heapLimitMB).toBeGreaterThan(pass.peakHeapMB!);
    expect(pass.peakRssMB).toBeGreaterThan(pass.peakHeapMB!);
    // A file's reading may be skipped when its GC would cost too much (heap-after-gc.test.ts); the last one never is.
    expect(pass.suites.every((s) => s.heapAfterMB === undefined || s.heapAfterMB > 0)).toBe(true);
    expect(pass.suites.some((s) => typeof s.heapAfterMB === 'number')).toBe(true);
    expect(readFileSync(pass.logPath!, 'utf8')).toContain('PASS suites/basic/pass/a.test.js');

    // 3 passed + 1 todo: a todo (or skipped) test is never counted as a passed one.
    expect(result.stdout).toMatch(/\[3\/4\] pass … passed: 3 passed, 1 todo in [\d.]+ m?s, peak heap \d+ MB/);
    expect(result.stdout).toContain('2 of 4 modules failed: empty (no tests found');
    expect(readFileSync(junit, 'utf8')).toContain('<testsuite');
    expect(readFileSync(summary, 'utf8')).toContain('fail');
  });

  test("jest's advice after the --forceExit the tool added stays in the log, off the console", async () => {
    const dir = scratchDir();
    const report = join(dir, 'report.json');
    const result = await run(['--config', 'configs/basic.yml', '--module', 'pass', '--report', report]);
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain('Force exiting Jest');
    expect(result.stderr).toContain('PASS suites/basic/pass/a.test.js');
    expect(readFileSync(moduleNamed(readReport(report), 'pass').logPath!, 'utf8')).toContain(
      'Force exiting Jest: Have you considered using `--detectOpenHandles`',
    );
    // Asked for by the user, it is the user's: shown.
    const asked = await run([
      '--config',
      'configs/basic.yml',
      '--module',
      'pass',
      '--report',
      report,
      '--runner-arg=--forceExit',
    ]);
    expect(asked.stderr).toContain('Force exiting Jest: Have you considered using `--detectOpenHandles`');
  });

  test('records every test by name, and the JUnit lists them: passed, failed and todo', async () => {
    const dir = scratchDir();
    const report = join(dir, 'report.json');
    const junit = join(dir, 'junit.xml');
    const result = await run([
      '--config',
      'configs/basic.yml',
      '--module',
      'pass',
      '--module',
      'fail',
      '--report',
      report,
      '--junit',
      junit,
    ]);
    expect(result.code).toBe(1);
    const parsed = readReport(report);
    const cases = moduleNamed(parsed, 'pass').suites.flatMap((s) => (s.cases ?? []).map((c) => [c.name, c.status]));
    expect(cases.sort()).toEqual([
      ['pass a › adds', 'passed'],
      ['pass a › concatenates', 'passed'],
      ['pass b later', 'todo'],
      ['pass b', 'passed'],
    ]);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuite name="pass" tests="4" failures="0" errors="0" skipped="1"/);
    expect(xml).toMatch(
      /<testcase classname="pass\/suites\/basic\/pass\/a\.test\.js" name="pass a › adds" time="[\d.]+"\/>/,
    );
    expect(xml).toMatch(/<testsuite name="fail" tests="2" failures="1" errors="0" skipped="0"/);
    expect(xml).toMatch(/name="fail f › is broken" time="[\d.]+">\n\s+<failure message=/);
  });

  test('an empty module passes with allowEmpty', async () => {
    const report = join(scratchDir(), 'report.json');
    const result = await run(['--config', 'configs/allow-empty.yml', '--module', 'empty', '--report', report]);
    expect(result.code).toBe(0);
    expect(readReport(report).modules).toEqual([
      expect.objectContaining({ name: 'empty', status: 'passed', tests: expect.objectContaining({ total: 0 }) }),
    ]);
  });

  test('pass-through paths run exactly those paths in one process', async () => {
    const report = join(scratchDir(), 'report.json');
    const result = await run([
      '--config',
      'configs/basic.yml',
      '--report',
      report,
      '--',
      'suites/basic/pass/b.test.js',
    ]);
    expect(result.code).toBe(0);
    const parsed = readReport(report);
    expect(parsed.mode).toBe('paths');
    expect(parsed.modules).toHaveLength(1);
    expect(parsed.modules[0].suites.map((s) => s.file)).toEqual(['suites/basic/pass/b.test.js']);
  });

  test('the reset runs exactly once before the batch', async () => {
    const dir = scratchDir();
    const resetLog = join(dir, 'reset.log');
    const report = join(dir, 'report.json');
    const result = await run(
      [
        '--config',
        'configs/basic.yml',
        '--module',
        'pass',
        '--module',
        'pass-more',
        '--force-reset',
        '--report',
        report,
      ],
      { RESET_LOG: resetLog },
    );
    expect(result.code).toBe(0);
    expect(readFileSync(resetLog, 'utf8')).toBe('reset\n');
    const parsed = readReport(report);
    expect(parsed.reset).toMatchObject({ command: ['node', 'reset.cjs'], exitCode: 0 });
    expect(parsed.modules.map((m) => m.status)).toEqual(['passed', 'passed']);
  });

  test('a failing reset runs nothing and says so', async () => {
    const dir = scratchDir();
    const report = join(dir, 'report.json');
    const result = await run(
      ['--config', 'configs/basic.yml', '--module', 'pass', '--force-reset', '--report', report],
      { RESET_FAIL: '1', RESET_LOG: join(dir, 'reset.log') },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'reset failed: the reset command node reset.cjs exited with code 3 — no module ran',
    );
    const parsed = readReport(report);
    expect(parsed).toMatchObject({ status: 'failed', reset: { exitCode: 3 } });
    expect(parsed.modules).toEqual([
      expect.objectContaining({ name: 'pass', status: 'skipped', reason: 'not run: the reset command failed' }),
    ]);
    expect(parsed.modules[0].suites).toEqual([]);
  });

  test('a plan file with mode skip runs nothing and exits 0', async () => {
    const dir = scratchDir();
    const planFile = join(dir, 'plan.json');
    const plan = {
      mode: 'skip',
      reason: 'Only documentation changed.',
      modules: [],
      allModules: ['pass'],
      changedFiles: 1,
      triggers: [],
      moduleRoot: 'suites/basic',
      warnings: [],
    };
    writeFileSync(planFile, JSON.stringify(plan));
    const report = join(dir, 'report.json');
    const result = await run(['--config', 'configs/basic.yml', '--plan', planFile, '--report', report]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('skipped: Only documentation changed.');
    expect(readReport(report)).toMatchObject({
      status: 'skipped',
      mode: 'skip',
      modules: [],
      reason: 'Only documentation changed.',
    });
  });

  test('a plan file with affected modules runs only those', async () => {
    const dir = scratchDir();
    const planFile = join(dir, 'plan.json');
    const plan = {
      mode: 'passthrough',
      reason: 'pass changed.',
      modules: ['pass-more'],
      allModules: ['pass', 'pass-more'],
      changedFiles: 1,
      triggers: [],
      moduleRoot: 'suites/basic',
      warnings: [],
    };
    writeFileSync(planFile, JSON.stringify(plan));
    const report = join(dir, 'report.json');
    const result = await run(['--config', 'configs/basic.yml', '--plan', planFile, '--report', report]);
    expect(result.code).toBe(0);
    const parsed = readReport(report);
    expect(parsed.mode).toBe('passthrough');
    expect(parsed.plan?.reason).toBe('pass changed.');
    expect(parsed.modules.map((m) => m.name)).toEqual(['pass-more']);
  });

  test('--changed plans from the changed files and runs the affected module only', async () => {
    const report = join(scratchDir(), 'report.json');
    const result = await runCli(
      ['run', '--config', 'configs/basic.yml', '--changed', '--files', '-', '--report', report],
      {
        cwd: JEST_PROJECT,
        env: baseEnv(),
        stdin: 'suites/basic/pass/a.test.js\n',
      },
    );
    expect(result.code).toBe(0);
    const parsed = readReport(report);
    expect(parsed).toMatchObject({ mode: 'passthrough', plan: { mode: 'passthrough', modules: ['pass'] } });
    expect(parsed.modules.map((m) => m.name)).toEqual(['pass']);
  });

  test('--files alone implies --changed; a documentation-only change runs nothing', async () => {
    const report = join(scratchDir(), 'report.json');
    const result = await runCli(['run', '--config', 'configs/basic.yml', '--files', '-', '--report', report], {
      cwd: JEST_PROJECT,
      env: baseEnv(),
      stdin: 'docs/guide.md\n',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^skipped: /m);
    expect(readReport(report)).toMatchObject({ status: 'skipped', mode: 'skip', modules: [] });
  });

  test.each([
    [['--all', '--module', 'pass'], '--all and --module are alternatives'],
    [['--module', 'pass', '--', 'suites/basic/pass'], '--module and -- PATH… are alternatives'],
    [['--changed', '--plan', 'p.json'], '--changed and --plan are alternatives'],
    [['--all', '--base', 'HEAD~1'], '--base only apply to --changed'],
    [['--module', 'nope'], 'unknown module "nope" — the modules under suites/basic are: empty, fail, pass, pass-more'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('usage errors exit 2: %j', async (args, message) => {
    const result = await run(['--config', 'configs/basic.yml', '--report', join(scratchDir(), 'r.json'), ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  test('crashes: OOM and SIGKILL are reported with the running suite, and later modules still run', async () => {
    const report = join(scratchDir(), 'report.json');
    const result = await run(['--config', 'configs/crash.yml', '--report', report], {
      NODE_OPTIONS: '--max-old-space-size=96',
    });
    expect(result.code).toBe(1);
    const parsed = readReport(report);
    const oom = moduleNamed(parsed, 'oom');
    expect(oom).toMatchObject({ status: 'crashed', signal: 'SIGABRT', runningSuite: 'suites/crash/oom/grow.test.js' });
    expect(oom.reason).toMatch(/^out of memory: heap limit \d+ MB reached in suites\/crash\/oom\/grow\.test\.js$/);
    expect(oom.heapLimitMB).toBeLessThan(200);
    expect(oom.suites).toEqual([expect.objectContaining({ file: 'suites/crash/oom/grow.test.js', status: 'crashed' })]);
    const killed = moduleNamed(parsed, 'sigkill');
    expect(killed).toMatchObject({
      status: 'crashed',
      signal: 'SIGKILL',
      reason: 'killed by SIGKILL in suites/crash/sigkill/die.test.js',
    });
    expect(moduleNamed(parsed, 'survivor').status).toBe('passed');
  });

  test('a hanging module times out, its whole process group is killed, the next module runs', async () => {
    const dir = scratchDir();
    const pidFile = join(dir, 'sleeper.pid');
    const report = join(dir, 'report.json');
    const result = await run(['--config', 'configs/hang.yml', '--report', report], { HANG_PID_FILE: pidFile });
    expect(result.code).toBe(1);
    const parsed = readReport(report);
    expect(moduleNamed(parsed, 'hang')).toMatchObject({
      status: 'timeout',
      runningSuite: 'suites/hang/hang/hang.test.js',
    });
    expect(moduleNamed(parsed, 'hang').reason).toMatch(/^timed out after 6\.0 s in suites\/hang\/hang\/hang\.test\.js/);
    expect(moduleNamed(parsed, 'later').status).toBe('passed');
    expect(existsSync(pidFile)).toBe(true);
    const sleeper = Number(readFileSync(pidFile, 'utf8'));
    expect(await eventually(() => !isAlive(sleeper))).toBe(true);
  });
});
