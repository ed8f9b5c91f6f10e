import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { baseEnv, eventually, isAlive, JEST_PROJECT, moduleNamed, readReport, scratchDir } from './helpers.js';

/** Pids of the direct children of `parent` whose command name is `name` (from /proc). */
function childrenNamed(parent: number, name: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent && comm === name) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

describe('run under the lock', () => {
  test('holds the flock lock for the batch and records it in the report', async () => {
    const report = join(scratchDir(), 'report.json');
    const name = `qg-run-test-${process.pid}-held`;
    const result = await runCli(['run', '--config', 'configs/basic.yml', '--module', 'pass', '--lock', name, '--report', report], { cwd: JEST_PROJECT, env: baseEnv() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`lock: acquired flock /tmp/quality-gates/${name}.lock`);
    expect(readReport(report).lock).toMatchObject({ backend: 'flock', name });
    // Released at the end: nothing of ours still holds it.
    expect(childrenNamed(process.pid, 'flock')).toEqual([]);
  });

  test('a lost lock stops the running module, skips the rest and fails the run', async () => {
    const dir = scratchDir();
    const pidFile = join(dir, 'sleeper.pid');
    const report = join(dir, 'report.json');
    const name = `qg-run-test-${process.pid}-lost`;
    const running = runCli(['run', '--config', 'configs/hang-no-timeout.yml', '--lock', name, '--report', report], { cwd: JEST_PROJECT, env: baseEnv({ HANG_PID_FILE: pidFile }) });
    expect(await eventually(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '', 60_000)).toBe(true);
    const holders = childrenNamed(process.pid, 'flock');
    expect(holders).toHaveLength(1);
    process.kill(holders[0]!, 'SIGKILL');
    const result = await running;
    expect(result.code).toBe(1);
    const parsed = readReport(report);
    expect(parsed.status).toBe('failed');
    expect(parsed.reason).toMatch(/^lock lost: the flock holder process \(pid \d+\) was killed by SIGKILL/);
    expect(result.stderr + result.stdout).toContain('lock lost: the flock holder process');
    expect(moduleNamed(parsed, 'hang')).toMatchObject({ status: 'crashed', reason: 'stopped: the lock was lost in suites/hang/hang/hang.test.js; the process group was killed' });
    expect(moduleNamed(parsed, 'later')).toMatchObject({ status: 'skipped', reason: 'not run: the lock was lost' });
    const sleeper = Number(readFileSync(pidFile, 'utf8'));
    expect(await eventually(() => !isAlive(sleeper))).toBe(true);
  });

  test('a lock that cannot be taken in time: exit 75, nothing runs, and the report says why', async () => {
    const dir = scratchDir();
    const lockDir = join(dir, 'locks');
    mkdirSync(lockDir);
    const config = join(dir, 'lock-timeout.yml');
    writeFileSync(config, `modules:\n  root: suites/basic\nlock:\n  name: busy\n  dir: ${JSON.stringify(lockDir)}\n  timeout: 1\n`);
    // Somebody else holds it: a plain util-linux flock on the same file.
    const other = spawn('/usr/bin/flock', ['--exclusive', join(lockDir, 'busy.lock'), 'sleep', '30'], { stdio: 'ignore' });
    try {
      // flock runs sleep only once it holds the lock.
      expect(await eventually(() => childrenNamed(other.pid!, 'sleep').length > 0, 10_000)).toBe(true);
      const report = join(dir, 'report.json');
      const result = await runCli(['run', '--config', config, '--report', report], { cwd: JEST_PROJECT, env: baseEnv() });
      expect(result.code, result.stderr).toBe(75);
      const parsed = readReport(report);
      expect(parsed.status).toBe('failed');
      expect(parsed.reason).toMatch(/busy/);
      expect(parsed.modules.length).toBeGreaterThan(0);
      for (const module of parsed.modules) expect(module).toMatchObject({ status: 'skipped', reason: 'not run: the lock was not acquired' });
    } finally {
      other.kill('SIGKILL');
    }
  });
});
