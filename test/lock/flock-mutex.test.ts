import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LockSchema } from '../../src/config/schema.js';
import { ConfigError, ExitCode, LockLostError, LockTimeoutError, UsageError } from '../../src/errors.js';
import { FlockMutex } from '../../src/lock/flock.js';
import { createMutex } from '../../src/lock/index.js';
import { ownerFromEnv } from '../../src/lock/owner.js';
import { childrenOf, waitFor } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'qg-flock-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function mutex(name: string, env: NodeJS.ProcessEnv = {}, log: (line: string) => void = () => {}) {
  return createMutex(LockSchema.parse({ name, dir: join(work, 'locks') }), { cwd: work, env, log });
}

describe('flock mutex', () => {
  it('creates the directory (1777) and lock file (0644), writes the owner record while held and removes it on release', async () => {
    const lock = mutex('record', { GITHUB_JOB: 'tests' });
    const handle = await lock.acquire({ timeoutMs: 5000 });
    const file = join(work, 'locks', 'record.lock');
    expect(lock.description).toBe(`flock ${file}`);
    expect(statSync(join(work, 'locks')).mode & 0o7777).toBe(0o1777);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    const record = JSON.parse(readFileSync(`${file}.owner.json`, 'utf8')) as { since: string };
    expect(record).toMatchObject({ job: 'tests', host: hostname(), pid: process.pid });
    expect(Date.parse(record.since)).toBeGreaterThan(0);
    const heldMs = await handle.release();
    expect(heldMs).toBeGreaterThanOrEqual(0);
    expect(await handle.release()).toBe(heldMs);
    expect(existsSync(`${file}.owner.json`)).toBe(false);
    expect(existsSync(file)).toBe(true);
  });

  it('excludes a second holder until the first releases, reporting the holder while it waits', async () => {
    const first = await mutex('exclusive').acquire({ timeoutMs: 5000 });
    const lines: string[] = [];
    const error = await mutex('exclusive')
      .acquire({ timeoutMs: 700, waitingIntervalMs: 150, onWaiting: (line) => lines.push(line) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as LockTimeoutError).exitCode).toBe(ExitCode.LockTimeout);
    expect((error as Error).message).toContain(`held by host ${hostname()}, pid ${process.pid} since`);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatch(/^waiting for the lock .*exclusive\.lock .*held by host/);
    await first.release();
    const second = await mutex('exclusive').acquire({ timeoutMs: 0 });
    await second.release();
  });

  it('is not blocked by a stale owner record of a dead process, and says the record is stale', async () => {
    const dead = spawnSync('true').pid;
    const file = join(work, 'locks', 'stale.lock');
    await (await mutex('stale').acquire({ timeoutMs: 0 })).release();
    writeFileSync(
      `${file}.owner.json`,
      JSON.stringify({ host: hostname(), pid: dead, since: '2020-01-01T00:00:00.000Z' }),
    );
    const handle = await mutex('stale').acquire({ timeoutMs: 0 });
    expect(JSON.parse(readFileSync(`${file}.owner.json`, 'utf8')).pid).toBe(process.pid);
    await handle.release();

    // A holder that has not written its record yet leaves the stale one visible: flagged as such.
    const holder = await new FlockMutex({ file, owner: () => ownerFromEnv({}), log: () => {} }).acquire({
      timeoutMs: 0,
    });
    writeFileSync(
      `${file}.owner.json`,
      JSON.stringify({ host: hostname(), pid: dead, since: '2020-01-01T00:00:00.000Z' }),
    );
    const error = await mutex('stale')
      .acquire({ timeoutMs: 100 })
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain(`pid ${dead}`);
    expect((error as Error).message).toContain('record is stale');
    await holder.release();
  });

  it('stops waiting when the signal aborts, without taking the lock', async () => {
    const holder = await mutex('abort').acquire({ timeoutMs: 0 });
    const controller = new AbortController();
    const waiting = mutex('abort').acquire({ timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const error = await waiting.catch((e: unknown) => e);
    expect((error as { exitCode: number }).exitCode).toBe(ExitCode.Interrupted);
    await holder.release();
    await (await mutex('abort').acquire({ timeoutMs: 0 })).release();
  });

  it('rejects `lost` with LockLostError when the flock holder dies, and still releases cleanly', async () => {
    const handle = await mutex('lost').acquire({ timeoutMs: 0 });
    const [flockPid] = await waitFor(() => {
      const pids = childrenOf(process.pid, 'flock');
      return pids.length === 1 && pids;
    }, 'the flock holder');
    process.kill(flockPid, 'SIGKILL');
    const error = await handle.lost.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockLostError);
    expect((error as Error).message).toMatch(
      new RegExp(`^lock lost: the flock holder process \\(pid ${flockPid}\\) was killed by SIGKILL`),
    );
    await handle.release();
    await (await mutex('lost').acquire({ timeoutMs: 0 })).release();
  });

  it('fails clearly without util-linux flock (missing, or BusyBox) instead of falling back', async () => {
    const file = join(work, 'nolock', 'x.lock');
    const missing = new FlockMutex({
      file,
      owner: () => ownerFromEnv({}),
      log: () => {},
      flockCommand: join(work, 'no-such-flock'),
    });
    await expect(missing.acquire({ timeoutMs: 0 })).rejects.toThrow(ConfigError);
    await expect(missing.acquire({ timeoutMs: 0 })).rejects.toThrow(
      /install util-linux .* or use lock.backend: postgres/,
    );
    const busybox = join(work, 'busybox-flock');
    writeFileSync(busybox, '#!/bin/sh\necho "BusyBox v1.36.1 (2024-01-01) multi-call binary." >&2\nexit 1\n');
    chmodSync(busybox, 0o755);
    await expect(
      new FlockMutex({ file, owner: () => ownerFromEnv({}), log: () => {}, flockCommand: busybox }).acquire({
        timeoutMs: 0,
      }),
    ).rejects.toThrow(/is not util-linux flock \(BusyBox flock lacks --wait and --close\)/);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a lock path that is a FIFO or a directory instead of hanging on it', async () => {
    const fifo = join(work, 'fifo.lock');
    spawnSync('mkfifo', [fifo]);
    await expect(
      createMutex(LockSchema.parse({ path: fifo }), { cwd: work, env: {} }).acquire({ timeoutMs: 0 }),
    ).rejects.toThrow(/exists and is not a regular file/);
    await expect(
      createMutex(LockSchema.parse({ path: work }), { cwd: work, env: {} }).acquire({ timeoutMs: 0 }),
    ).rejects.toThrow(/is a directory|not a regular file/);
  });

  it('refuses a lock path that is a symbolic link', async () => {
    const { symlinkSync } = await import('node:fs');
    const link = join(work, 'link.lock');
    symlinkSync(join(work, 'target'), link);
    const lock = createMutex(LockSchema.parse({ path: link }), { cwd: work, env: {} });
    await expect(lock.acquire({ timeoutMs: 0 })).rejects.toThrow(/is a symbolic link, which is refused/);
    expect(existsSync(join(work, 'target'))).toBe(false);
  });

  it('never writes the owner record through a planted symbolic link', async () => {
    const { lstatSync, symlinkSync } = await import('node:fs');
    const file = join(work, 'locks', 'planted.lock');
    const target = join(work, 'planted-target');
    await (await mutex('planted').acquire({ timeoutMs: 0 })).release();
    symlinkSync(target, `${file}.owner.json`);
    symlinkSync(target, `${file}.owner.json.${process.pid}.tmp`);
    const handle = await mutex('planted').acquire({ timeoutMs: 0 });
    expect(lstatSync(`${file}.owner.json`).isFile()).toBe(true);
    expect(existsSync(target)).toBe(false);
    await handle.release();
  });

  it('asks for a URL when the postgres backend has none', () => {
    expect(() =>
      createMutex(LockSchema.parse({ backend: 'postgres', urlEnv: 'MY_LOCK_DB' }), { cwd: work, env: {} }),
    ).toThrow(UsageError);
    expect(() =>
      createMutex(LockSchema.parse({ backend: 'postgres', urlEnv: 'MY_LOCK_DB' }), { cwd: work, env: {} }),
    ).toThrow(/set lock.url .* or set the environment variable MY_LOCK_DB/);
    const lock = createMutex(LockSchema.parse({ backend: 'postgres', urlEnv: 'MY_LOCK_DB' }), {
      cwd: work,
      env: { MY_LOCK_DB: 'postgres://u:pw@db:5432/ci' },
    });
    expect(lock.description).toMatch(/^postgres advisory lock "test-containers" \(key -?\d+\) on db:5432\/ci$/);
  });
});
