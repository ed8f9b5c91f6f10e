import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, childrenOf, isAlive, killQuietly, readIfExists, readPid, startLock, waitFor } from './helpers.js';

// The real thing: the bundled CLI, util-linux flock, sh child commands.
let cli: string;
// Unset when beforeAll failed early: afterAll must not add a TypeError to that failure.
let cleanupBundle: (() => void) | undefined;
let work: string;
let lockDir: string;

beforeAll(() => {
  ({ cli, cleanup: cleanupBundle } = bundleCli());
  work = mkdtempSync(join(tmpdir(), 'qg-lock-cli-'));
  lockDir = join(work, 'locks');
});

afterAll(() => {
  cleanupBundle?.();
  rmSync(work, { recursive: true, force: true });
});

const CI_ENV = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/backend',
  GITHUB_RUN_ID: '4242',
  GITHUB_WORKFLOW: 'integration',
  GITHUB_JOB: 'tests',
  RUNNER_NAME: 'runner-7',
};

/** A command that records its pid, then sleeps until killed (or `release` appears). */
function holdCommand(pidFile: string, releaseFile: string): string[] {
  return ['sh', '-c', `echo $$ > "$0"; while [ ! -e "$1" ]; do sleep 0.02; done`, pidFile, releaseFile];
}

describe('quality-gates lock (flock backend)', () => {
  it('lets 20 contenders through one at a time: start/end marks never overlap', async () => {
    const marks = join(work, 'marks-20.txt');
    const dir = join(work, 'locks-20');
    const critical = [
      'sh',
      '-c',
      'echo "S $1 $(date +%s%N)" >> "$0"; sleep 0.01; echo "E $1 $(date +%s%N)" >> "$0"',
      marks,
    ];
    const contenders = Array.from({ length: 20 }, (_, i) =>
      startLock(cli, ['--dir', dir, '--name', 'shared', '--', ...critical, String(i)], { cwd: work }),
    );
    const exits = await Promise.all(contenders.map((c) => c.exit));
    expect(exits.map((e) => e.code)).toEqual(Array(20).fill(0));

    const lines = readFileSync(marks, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' '));
    expect(lines).toHaveLength(40);
    // In file order the marks alternate start/end of the same contender…
    for (let i = 0; i < lines.length; i += 2) {
      expect(lines[i][0]).toBe('S');
      expect(lines[i + 1][0]).toBe('E');
      expect(lines[i + 1][1]).toBe(lines[i][1]);
    }
    // …and by the clock, each critical section ends before the next one starts.
    const sections: { start: bigint; end: bigint }[] = [];
    for (let i = 0; i < lines.length; i += 2)
      sections.push({ start: BigInt(lines[i][2]), end: BigInt(lines[i + 1][2]) });
    sections.sort((a, b) => (a.start < b.start ? -1 : 1));
    const overlaps = sections.filter((s, i) => i > 0 && s.start < sections[i - 1].end);
    expect(overlaps).toEqual([]);
    expect(new Set(lines.map((l) => l[1])).size).toBe(20);
  });

  it('exits with the command status, and never leaks the lock descriptor into the command', async () => {
    const fdList = join(work, 'fds.txt');
    const run = startLock(cli, ['--dir', lockDir, '--', 'sh', '-c', 'ls -l /proc/$$/fd > "$0"; exit 3', fdList], {
      cwd: work,
    });
    expect((await run.exit).code).toBe(3);
    const fds = readFileSync(fdList, 'utf8');
    expect(fds).toContain('fds.txt');
    expect(fds).not.toContain('.lock');
    expect(run.stderr()).toContain(`holding flock ${join(lockDir, 'test-containers.lock')}`);
  });

  it('passes a command killed by a signal on as 128+n', async () => {
    const run = startLock(cli, ['--dir', lockDir, '--', 'sh', '-c', 'kill -TERM $$'], { cwd: work });
    expect((await run.exit).code).toBe(143);
  });

  it('hands the lock to the next waiter within 1 s when the holding tool is SIGKILLed, and stops its command', async () => {
    const pidFile = join(work, 'killed-holder.pid');
    const reached = join(work, 'waiter-reached');
    const holder = startLock(
      cli,
      ['--dir', lockDir, '--name', 'sigkill', '--', ...holdCommand(pidFile, join(work, 'never'))],
      { cwd: work },
    );
    const commandPid = await waitFor(() => readPid(pidFile), 'the holder command');
    const waiter = startLock(
      cli,
      ['--dir', lockDir, '--name', 'sigkill', '--', 'sh', '-c', 'date +%s%N > "$0"', reached],
      { cwd: work },
    );
    try {
      await waitFor(() => /waiting for/.test(waiter.stderr()) || undefined, 'the waiter to report it is waiting');
      const killedAt = process.hrtime.bigint();
      holder.child.kill('SIGKILL');
      await waitFor(() => readIfExists(reached), 'the waiter to run its command', 5_000);
      const handOffMs = Number(process.hrtime.bigint() - killedAt) / 1e6;
      expect(handOffMs).toBeLessThan(1000);
      expect((await waiter.exit).code).toBe(0);
      // The killed tool's command does not run on unprotected: its guard stopped it.
      await waitFor(() => !isAlive(commandPid), 'the killed holder command to be stopped by its guard', 5_000);
    } finally {
      killQuietly(-commandPid);
    }
  });

  it('times out with exit 75 and names the holder from its owner record', async () => {
    const pidFile = join(work, 'timeout-holder.pid');
    const releaseFile = join(work, 'timeout-release');
    const holder = startLock(cli, ['--dir', lockDir, '--name', 'timeout', '--', ...holdCommand(pidFile, releaseFile)], {
      cwd: work,
      env: CI_ENV,
    });
    await waitFor(() => readIfExists(pidFile), 'the holder command');
    const owner = JSON.parse(readFileSync(join(lockDir, 'timeout.lock.owner.json'), 'utf8'));
    expect(owner).toMatchObject({
      runUrl: 'https://github.com/acme/backend/actions/runs/4242',
      workflow: 'integration',
      job: 'tests',
      runner: 'runner-7',
      pid: holder.child.pid,
    });

    const ran = join(work, 'timeout-ran');
    const waiter = startLock(cli, ['--dir', lockDir, '--name', 'timeout', '--timeout', '1s', '--', 'touch', ran], {
      cwd: work,
    });
    const result = await waiter.exit;
    expect(result.code).toBe(75);
    expect(waiter.stderr()).toContain('timed out after 1.0 s');
    expect(waiter.stderr()).toContain(
      'held by https://github.com/acme/backend/actions/runs/4242 (workflow integration, job tests, runner runner-7',
    );
    expect(waiter.stderr()).toContain(`pid ${holder.child.pid}`);
    expect(readIfExists(ran)).toBeUndefined();

    writeFileSync(releaseFile, '');
    expect((await holder.exit).code).toBe(0);
    // Released: the owner record is gone with the lock.
    expect(readdirSync(lockDir)).not.toContain('timeout.lock.owner.json');
  });

  it('stops the command and fails with "lock lost" when the flock holder dies', async () => {
    const pidFile = join(work, 'lost.pid');
    const termMark = join(work, 'lost-term');
    const command = [
      'sh',
      '-c',
      'trap \'echo term > "$1"; exit 143\' TERM; echo $$ > "$0"; while :; do sleep 0.02; done',
      pidFile,
      termMark,
    ];
    const holder = startLock(cli, ['--dir', lockDir, '--name', 'lost', '--', ...command], { cwd: work });
    const commandPid = await waitFor(() => readPid(pidFile), 'the holder command');
    const [flockPid] = await waitFor(() => {
      const pids = childrenOf(holder.child.pid!, 'flock');
      return pids.length > 0 && pids;
    }, 'the flock holder child');
    process.kill(flockPid, 'SIGKILL');
    const result = await holder.exit;
    expect(result.code).toBe(1);
    expect(holder.stderr()).toMatch(
      /quality-gates lock: lock lost: the flock holder process \(pid \d+\) was killed by SIGKILL.*; stopped "sh" \(process group \d+\)/,
    );
    expect(readIfExists(termMark)?.trim()).toBe('term');
    expect(isAlive(commandPid)).toBe(false);
  });

  it('forwards SIGTERM to the command, then releases the lock', async () => {
    const pidFile = join(work, 'forward.pid');
    const termMark = join(work, 'forward-term');
    const command = [
      'sh',
      '-c',
      'trap \'echo term > "$1"; exit 7\' TERM; echo $$ > "$0"; while :; do sleep 0.02; done',
      pidFile,
      termMark,
    ];
    const holder = startLock(cli, ['--dir', lockDir, '--name', 'forward', '--', ...command], { cwd: work });
    await waitFor(() => readIfExists(pidFile), 'the holder command');
    holder.child.kill('SIGTERM');
    expect((await holder.exit).code).toBe(7);
    expect(readIfExists(termMark)?.trim()).toBe('term');
    const next = startLock(cli, ['--dir', lockDir, '--name', 'forward', '--timeout', '0', '--', 'true'], { cwd: work });
    expect((await next.exit).code).toBe(0);
  });

  it('survives a Ctrl-C to its whole process group: the holder keeps the lock, the command decides', async () => {
    const pidFile = join(work, 'ctrlc.pid');
    const intMark = join(work, 'ctrlc-int');
    const command = [
      'sh',
      '-c',
      'trap \'echo int > "$1"; exit 5\' INT; echo $$ > "$0"; while :; do sleep 0.02; done',
      pidFile,
      intMark,
    ];
    const holder = startLock(cli, ['--dir', lockDir, '--name', 'ctrlc', '--', ...command], {
      cwd: work,
      detached: true,
    });
    await waitFor(() => readIfExists(pidFile), 'the holder command');
    process.kill(-holder.child.pid!, 'SIGINT');
    expect((await holder.exit).code).toBe(5);
    expect(holder.stderr()).not.toContain('lock lost');
    expect(readIfExists(intMark)?.trim()).toBe('int');
  });

  it('stops waiting on SIGINT without running the command (exit 130)', async () => {
    const pidFile = join(work, 'int-holder.pid');
    const releaseFile = join(work, 'int-release');
    const holder = startLock(cli, ['--dir', lockDir, '--name', 'int', '--', ...holdCommand(pidFile, releaseFile)], {
      cwd: work,
    });
    await waitFor(() => readIfExists(pidFile), 'the holder command');
    const ran = join(work, 'int-ran');
    const waiter = startLock(cli, ['--dir', lockDir, '--name', 'int', '--', 'touch', ran], { cwd: work });
    await waitFor(() => /waiting for/.test(waiter.stderr()) || undefined, 'the waiter to wait');
    waiter.child.kill('SIGINT');
    expect((await waiter.exit).code).toBe(130);
    expect(readIfExists(ran)).toBeUndefined();
    writeFileSync(releaseFile, '');
    expect((await holder.exit).code).toBe(0);
  });

  it('rejects hostile lock names, a bad timeout and a missing command with exit 2, creating nothing', async () => {
    for (const name of ['../../etc/passwd', 'a/b', 'with space', 'ünïcode', '.hidden', '']) {
      const run = startLock(cli, ['--dir', lockDir, '--name', name, '--', 'true'], { cwd: work });
      expect((await run.exit).code).toBe(2);
      expect(run.stderr()).toContain('is not allowed — use 1 to 100 ASCII letters');
    }
    const badTimeout = startLock(cli, ['--dir', lockDir, '--timeout', 'soon', '--', 'true'], { cwd: work });
    expect((await badTimeout.exit).code).toBe(2);
    expect(badTimeout.stderr()).toContain('--timeout: cannot read duration "soon"');
    const urlWithFlock = startLock(cli, ['--url', 'postgres://db/x', '--', 'true'], { cwd: work });
    expect((await urlWithFlock.exit).code).toBe(2);
    expect(urlWithFlock.stderr()).toContain('--url applies to the postgres backend');
    const noCommand = startLock(cli, ['--dir', lockDir], { cwd: work });
    expect((await noCommand.exit).code).toBe(2);
    expect(noCommand.stderr()).toContain("give the command to run after '--'");
    expect(readdirSync(work).some((f) => f.includes('passwd'))).toBe(false);
  });

  it('reads defaults from the lock: section of the config, and reports a missing program as 127', async () => {
    const project = mkdtempSync(join(work, 'project-'));
    writeFileSync(
      join(project, 'quality-gates.config.yml'),
      `lock:\n  dir: ${JSON.stringify(join(project, 'cfg-locks'))}\n  name: from-config\n`,
    );
    const run = startLock(cli, ['--', 'sh', '-c', 'true'], { cwd: project });
    expect((await run.exit).code).toBe(0);
    expect(run.stderr()).toContain(`holding flock ${join(project, 'cfg-locks', 'from-config.lock')}`);
    const missing = startLock(cli, ['--', 'no-such-program-qg'], { cwd: project });
    expect((await missing.exit).code).toBe(127);
    expect(missing.stderr()).toContain('cannot run "no-such-program-qg"');
  });
});
