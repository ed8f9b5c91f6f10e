import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { baseEnv, eventually, isAlive, JEST_PROJECT, moduleNamed, readReport, scratchDir } from './helpers.js';

// Signals need the real CLI process: bundle it once, as users run it.
let cli = '';
beforeAll(() => {
  const out = join(scratchDir(), 'dist');
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/bundle.mjs'), '--outdir', out], { cwd: REPO_ROOT });
  cli = join(out, 'cli.js');
});

describe('cancellation', () => {
  test.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    '%s mid-module: forwarded to the process group, partial report, exit 130',
    async (signal) => {
      const dir = scratchDir();
      const pidFile = join(dir, 'sleeper.pid');
      const report = join(dir, 'report.json');
      const child = spawn(
        process.execPath,
        [cli, 'run', '--config', 'configs/hang-no-timeout.yml', '--report', report],
        {
          cwd: JEST_PROJECT,
          env: baseEnv({ HANG_PID_FILE: pidFile }),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // The hanging suite writes its grandchild's pid once it runs: the module is mid-flight.
      expect(await eventually(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '', 60_000)).toBe(true);
      child.kill(signal);
      expect(await exited).toBe(130);
      const parsed = readReport(report);
      expect(parsed.status).toBe('interrupted');
      expect(parsed.reason).toBe(`interrupted by ${signal}`);
      // Sorted: "hang" runs before "later", which never starts.
      expect(moduleNamed(parsed, 'hang')).toMatchObject({
        status: 'crashed',
        reason: `interrupted by ${signal} in suites/hang/hang/hang.test.js`,
      });
      expect(moduleNamed(parsed, 'later')).toMatchObject({
        status: 'skipped',
        reason: `not run: interrupted by ${signal}`,
      });
      expect(output).toContain('Interrupted:');
      const sleeper = Number(readFileSync(pidFile, 'utf8'));
      expect(await eventually(() => !isAlive(sleeper))).toBe(true);
    },
  );
});

/** Pids whose command line contains `text` (from /proc). */
function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text) && isAlive(Number(entry)))
        found.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

describe('the tool killed outright', () => {
  test('SIGKILL of quality-gates: the watchdog stops the running module, nothing goes on unprotected', async () => {
    const dir = scratchDir();
    const pidFile = join(dir, 'sleeper.pid');
    const child = spawn(
      process.execPath,
      [cli, 'run', '--config', 'configs/hang-no-timeout.yml', '--report', join(dir, 'report.json')],
      {
        cwd: JEST_PROJECT,
        env: baseEnv({ HANG_PID_FILE: pidFile }),
        stdio: 'ignore',
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    expect(await eventually(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '', 60_000)).toBe(true);
    const sleeper = Number(readFileSync(pidFile, 'utf8'));
    expect(isAlive(sleeper)).toBe(true);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(await eventually(() => !isAlive(sleeper), 20_000)).toBe(true);
  });
});

describe('cancellation with a module started early', () => {
  test('SIGINT while the next module is held at its gate: both are stopped, nothing lingers', async () => {
    const project = fileURLToPath(new URL('../fixtures/run/prestart-project', import.meta.url));
    const dir = scratchDir();
    const orderLog = join(dir, 'order.jsonl');
    const report = join(dir, 'report.json');
    const child = spawn(process.execPath, [cli, 'run', '--report', report], {
      cwd: project,
      env: baseEnv({ ORDER_LOG: orderLog }),
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // b-mid is running and c-small's jest has been started early (its folder is in its argv).
    expect(
      await eventually(
        () => existsSync(orderLog) && readFileSync(orderLog, 'utf8').includes('"start","module":"b-mid"'),
        60_000,
      ),
    ).toBe(true);
    expect(await eventually(() => processesMentioning('modules/c-small/').length > 0, 10_000)).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const parsed = readReport(report);
    expect(parsed.modules.map((m) => [m.name, m.status])).toEqual([
      ['a-big', 'passed'],
      ['b-mid', 'crashed'],
      ['c-small', 'skipped'],
    ]);
    expect(readFileSync(orderLog, 'utf8')).not.toContain('c-small');
    expect(await eventually(() => processesMentioning('modules/c-small/').length === 0)).toBe(true);
  });
});
