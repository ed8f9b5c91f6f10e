import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  test.each(['SIGINT', 'SIGTERM'] as const)('%s mid-module: forwarded to the process group, partial report, exit 130', async (signal) => {
    const dir = scratchDir();
    const pidFile = join(dir, 'sleeper.pid');
    const report = join(dir, 'report.json');
    const child = spawn(process.execPath, [cli, 'run', '--config', 'configs/hang-no-timeout.yml', '--report', report], {
      cwd: JEST_PROJECT,
      env: baseEnv({ HANG_PID_FILE: pidFile }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // The hanging suite writes its grandchild's pid once it runs: the module is mid-flight.
    expect(await eventually(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '', 60_000)).toBe(true);
    child.kill(signal);
    expect(await exited).toBe(130);
    const parsed = readReport(report);
    expect(parsed.status).toBe('interrupted');
    expect(parsed.reason).toBe(`interrupted by ${signal}`);
    // Sorted: "hang" runs before "later", which never starts.
    expect(moduleNamed(parsed, 'hang')).toMatchObject({ status: 'crashed', reason: `interrupted by ${signal} in suites/hang/hang/hang.test.js` });
    expect(moduleNamed(parsed, 'later')).toMatchObject({ status: 'skipped', reason: `not run: interrupted by ${signal}` });
    expect(output).toContain('Interrupted:');
    const sleeper = Number(readFileSync(pidFile, 'utf8'));
    expect(await eventually(() => !isAlive(sleeper))).toBe(true);
  });
});
