import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import {
  baseEnv,
  childrenOf,
  configWithBusyLock,
  eventually,
  isAlive,
  JEST_PROJECT,
  moduleNamed,
  readReport,
  scratchDir,
} from './helpers.js';

describe('run under the lock', () => {
  test('holds the flock lock for the batch and records it in the report', async () => {
    const report = join(scratchDir(), 'report.json');
    const name = `qg-run-test-${process.pid}-held`;
    const result = await runCli(
      ['run', '--config', 'configs/basic.yml', '--module', 'pass', '--lock', name, '--report', report],
      { cwd: JEST_PROJECT, env: baseEnv() },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`lock: acquired flock /tmp/quality-gates/${name}.lock`);
    expect(readReport(report).lock).toMatchObject({ backend: 'flock', name });
    // Released at the end: nothing of ours still holds it.
    expect(childrenOf(process.pid, 'flock')).toEqual([]);
  });

  test('a lost lock stops the running module, skips the rest and fails the run', async () => {
    const dir = scratchDir();
    const pidFile = join(dir, 'sleeper.pid');
    const report = join(dir, 'report.json');
    const name = `qg-run-test-${process.pid}-lost`;
    const running = runCli(['run', '--config', 'configs/hang-no-timeout.yml', '--lock', name, '--report', report], {
      cwd: JEST_PROJECT,
      env: baseEnv({ HANG_PID_FILE: pidFile }),
    });
    expect(await eventually(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '', 60_000)).toBe(true);
    const holders = childrenOf(process.pid, 'flock');
    expect(holders).toHaveLength(1);
    process.kill(holders[0], 'SIGKILL');
    const result = await running;
    expect(result.code).toBe(1);
    const parsed = readReport(report);
    expect(parsed.status).toBe('failed');
    expect(parsed.reason).toMatch(/^lock lost: the flock holder process \(pid \d+\) was killed by SIGKILL/);
    expect(result.stderr + result.stdout).toContain('lock lost: the flock holder process');
    expect(moduleNamed(parsed, 'hang')).toMatchObject({
      status: 'crashed',
      reason: 'stopped: the lock was lost in suites/hang/hang/hang.test.js; the process group was killed',
    });
    expect(moduleNamed(parsed, 'later')).toMatchObject({ status: 'skipped', reason: 'not run: the lock was lost' });
    const sleeper = Number(readFileSync(pidFile, 'utf8'));
    expect(await eventually(() => !isAlive(sleeper))).toBe(true);
  });

  test('a lock that cannot be taken in time: exit 75, nothing runs, and the report says why', async () => {
    const dir = scratchDir();
    const { config, release } = await configWithBusyLock(dir);
    try {
      const report = join(dir, 'report.json');
      const result = await runCli(['run', '--config', config, '--report', report], {
        cwd: JEST_PROJECT,
        env: baseEnv(),
      });
      expect(result.code, result.stderr).toBe(75);
      const parsed = readReport(report);
      expect(parsed.status).toBe('failed');
      expect(parsed.reason).toMatch(/busy/);
      expect(parsed.modules.length).toBeGreaterThan(0);
      for (const module of parsed.modules)
        expect(module).toMatchObject({ status: 'skipped', reason: 'not run: the lock was not acquired' });
    } finally {
      release();
    }
  });
});
