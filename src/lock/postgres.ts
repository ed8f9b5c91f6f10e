import { createHash } from 'node:crypto';
import type pg from 'pg';
import { ConfigError, LockLostError, LockTimeoutError, LockUnavailableError, QualityGatesError } from '../errors.js';
import { formatDuration } from '../util/duration.js';
import { createLostSignal } from './lost.js';
import {
  DEFAULT_WAITING_INTERVAL_MS,
  type AcquireOptions,
  type LockHandle,
  type LockOwner,
  type Mutex,
} from './types.js';
import { interruptedError } from './interrupted.js';

/** First pause between lock attempts; doubled up to the poll interval. */
const FIRST_POLL_MS = 25;
/** Channel on which a releasing holder wakes the waiters (payload: the key), so they need not wait out a poll. */
const RELEASE_CHANNEL = 'quality_gates_lock_released';
/** PostgreSQL truncates application_name to NAMEDATALEN - 1 bytes. */
const APPLICATION_NAME_BYTES = 63;

/** Options of the postgres backend. */
export interface PostgresMutexOptions {
  name: string;
  url: string;
  /** Longest pause between two pg_try_advisory_lock attempts. */
  pollIntervalMs: number;
  owner: () => LockOwner;
  /** How often the held connection is checked with `SELECT 1` (default 5 s). */
  heartbeatIntervalMs?: number;
  /** A heartbeat unanswered this long means the lock is lost (default 15 s; see SERVER_KEEPALIVES). */
  heartbeatTimeoutMs?: number;
}

/**
 * Server-side TCP keepalives of the lock session: the server drops a vanished client (host
 * down, network cut) after about 10 + 5 × 3 = 25 s, which releases its lock, instead of the
 * OS default of two hours. The client's heartbeat gives up after 15 s, so a partitioned
 * holder stops its work before the server can hand the lock to another job.
 */
const SERVER_KEEPALIVES = 'SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3';

/** The holder of an advisory lock, as pg_locks and pg_stat_activity show it. */
export interface AdvisoryLockHolder {
  pid: number;
  applicationName: string | null;
  clientAddr: string | null;
  backendStart: Date | null;
}

/**
 * The advisory lock key of a lock name: the first 8 bytes of SHA-256(name) as a signed
 * 64-bit integer (a decimal string, because it does not fit a JavaScript number). Stable
 * across versions and hosts: changing it would let old and new jobs run at once.
 */
export function advisoryLockKey(name: string): string {
  const digest = createHash('sha256').update(name, 'utf8').digest();
  return BigInt.asIntN(64, digest.readBigUInt64BE(0)).toString();
}

/** How pg_locks shows a bigint advisory key: classid = high 32 bits, objid = low 32 bits, objsubid = 1. */
export function advisoryLockOids(key: string): { classid: string; objid: string } {
  const unsigned = BigInt.asUintN(64, BigInt(key));
  return { classid: (unsigned >> 32n).toString(), objid: (unsigned & 0xffffffffn).toString() };
}

/**
 * The application_name of the lock connection, so pg_stat_activity and pg_locks name the
 * holder: `quality-gates lock <name> <run URL or host:pid>`. When that exceeds 63 bytes the
 * prefix goes first and then the start of the run URL, because its end (the run id) is what
 * identifies the job.
 */
export function applicationName(name: string, owner: LockOwner): string {
  const who = owner.runUrl ?? `${owner.host}:${owner.pid}`;
  for (const candidate of [`quality-gates lock ${name} ${who}`, `qg ${name} ${who}`, who]) {
    if (Buffer.byteLength(candidate) <= APPLICATION_NAME_BYTES) return candidate;
  }
  let tail = who;
  while (Buffer.byteLength(`…${tail}`) > APPLICATION_NAME_BYTES) tail = tail.slice(1);
  return `…${tail}`;
}

/** `host:port/database` of a URL, without user or password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'the configured database';
  }
}

/**
 * A lock URL pg could make sense of: `postgres://` or `postgresql://` and parseable. pg
 * itself reads other text as a socket or host name ("not a url" becomes host "base"), which
 * would fail later with a misleading message. The URL is never quoted: it holds a password.
 */
export function checkLockUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(
      'the postgres lock URL (lock.url, --url or the variable named by lock.urlEnv) is not a valid URL — use postgres://user:password@host:5432/database',
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ConfigError(
      `the postgres lock URL (lock.url, --url or the variable named by lock.urlEnv) starts with ${JSON.stringify(parsed.protocol)}, not postgres: — use postgres://user:password@host:5432/database`,
    );
  }
}

/**
 * What went wrong with the connection, on one line and without the password: pg's
 * "timeout expired" says nothing, and a driver message may quote the URL it was given.
 */
function connectionProblem(error: unknown, url: string, timeoutMs: number): string {
  const message = error instanceof Error ? error.message : String(error);
  const text = /timeout expired|connection timeout/i.test(message)
    ? `no answer within ${formatDuration(timeoutMs)} (the host did not complete the connection, or does not speak PostgreSQL)`
    : message;
  return withoutSecrets(text, url)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim();
}

/** `text` with the URL's password (raw and decoded) replaced by `***`. */
function withoutSecrets(text: string, url: string): string {
  let password = '';
  try {
    password = new URL(url).password;
  } catch {
    return text;
  }
  if (password === '') return text;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // A stray % in the password: only the raw form can appear.
  }
  return text.split(password).join('***').split(decoded).join('***');
}

const HOLDER_QUERY = `
SELECT a.pid, a.application_name, host(a.client_addr) AS client_addr, a.backend_start
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
  AND l.classid = $1::oid AND l.objid = $2::oid
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
LIMIT 1`;

/**
 * A session-level PostgreSQL advisory lock on its own connection: for runners on several
 * hosts that share one database server. The lock is the session's: if the connection drops
 * (server restart, network, pg_terminate_backend) the server releases it, and `lost` rejects.
 */
export class PostgresMutex implements Mutex {
  readonly backend = 'postgres' as const;
  readonly description: string;
  readonly key: string;

  constructor(private readonly options: PostgresMutexOptions) {
    this.key = advisoryLockKey(options.name);
    this.description = `postgres advisory lock ${JSON.stringify(options.name)} (key ${this.key}) on ${redactUrl(options.url)}`;
  }

  async acquire(acquireOptions: AcquireOptions): Promise<LockHandle> {
    const started = performance.now();
    const owner = this.options.owner();
    checkLockUrl(this.options.url);
    // pg is loaded only when a postgres lock is used (~70 ms of start-up otherwise).
    const { default: postgres } = await import('pg');
    const timeoutMs = Math.max(1000, Math.min(30_000, acquireOptions.timeoutMs));
    const client = new postgres.Client({
      connectionString: this.options.url,
      application_name: applicationName(this.options.name, owner),
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: timeoutMs,
    });
    // Errors before the lock is held surface through the failing query; after, through `lost`.
    const earlyErrors = (): void => {};
    client.on('error', earlyErrors);
    try {
      await client.connect();
    } catch (error) {
      throw new LockUnavailableError(
        `cannot connect to ${redactUrl(this.options.url)} for the ${this.description}: ${connectionProblem(error, this.options.url, timeoutMs)} — check lock.url (or the variable named by lock.urlEnv) and that the server accepts connections from this host`,
        { cause: error },
      );
    }
    try {
      // Ignored on Unix sockets; refused by some poolers, which is not worth failing for.
      await client.query(SERVER_KEEPALIVES).catch(() => {});
      await this.poll(client, acquireOptions, started);
    } catch (error) {
      await endClient(client);
      if (error instanceof QualityGatesError) throw error;
      throw new LockUnavailableError(
        `the connection to ${redactUrl(this.options.url)} failed while waiting for the ${this.description}: ${connectionProblem(error, this.options.url, timeoutMs)} — check the server, then retry`,
        { cause: error },
      );
    }
    client.off('error', earlyErrors);
    return this.hold(client, performance.now() - started);
  }

  private async poll(client: pg.Client, options: AcquireOptions, started: number): Promise<void> {
    const interval = options.waitingIntervalMs ?? DEFAULT_WAITING_INTERVAL_MS;
    let nextReport = started + Math.min(1000, interval);
    let pause = FIRST_POLL_MS;
    // Polling alone would add up to a poll interval to every hand-off; a release notification
    // wakes the waiter at once. Polling stays, for holders that die without notifying.
    let wake: (() => void) | undefined;
    // A release can be announced while an attempt is in flight: remember it, so the next
    // attempt follows at once instead of after a full pause.
    let released = false;
    const onNotification = (message: pg.Notification) => {
      if (message.channel !== RELEASE_CHANNEL || message.payload !== this.key) return;
      released = true;
      wake?.();
    };
    client.on('notification', onNotification);
    await client.query(`LISTEN ${RELEASE_CHANNEL}`);
    try {
      for (;;) {
        if (options.signal?.aborted)
          throw interruptedError(options.signal.reason, `waiting for the ${this.description}`);
        released = false;
        const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [
          this.key,
        ]);
        if (result.rows[0]?.locked) return;
        const now = performance.now();
        const remaining = started + options.timeoutMs - now;
        if (remaining <= 0) {
          throw new LockTimeoutError(
            `timed out after ${formatDuration(options.timeoutMs)} waiting for the ${this.description}: ${await this.holderText(client)} — raise lock.timeout (--timeout), or stop the job that holds it`,
          );
        }
        if (options.onWaiting && now >= nextReport) {
          options.onWaiting(
            `waiting for the ${this.description} (${formatDuration(now - started)} so far): ${await this.holderText(client)}`,
          );
          nextReport = now + interval;
        }
        // The NOTIFY listener sets `released` while we await above: TypeScript cannot see that.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
        if (!released) await sleep(Math.min(pause, remaining), options.signal, (wakeUp) => (wake = wakeUp));
        wake = undefined;
        pause = Math.min(pause * 2, Math.max(FIRST_POLL_MS, this.options.pollIntervalMs));
      }
    } finally {
      client.off('notification', onNotification);
      await client.query(`UNLISTEN ${RELEASE_CHANNEL}`).catch(() => {});
    }
  }

  /** Who holds the lock now, from pg_locks joined with pg_stat_activity. */
  async holder(client: pg.Client): Promise<AdvisoryLockHolder | undefined> {
    const { classid, objid } = advisoryLockOids(this.key);
    const result = await client.query<{
      pid: number;
      application_name: string | null;
      client_addr: string | null;
      backend_start: Date | null;
    }>(HOLDER_QUERY, [classid, objid]);
    const row = result.rows.at(0);
    return (
      row && {
        pid: row.pid,
        applicationName: row.application_name,
        clientAddr: row.client_addr,
        backendStart: row.backend_start,
      }
    );
  }

  private async holderText(client: pg.Client): Promise<string> {
    try {
      const holder = await this.holder(client);
      if (!holder) return 'held by a session that just let go';
      const name = holder.applicationName
        ? JSON.stringify(holder.applicationName)
        : 'a session whose application_name this role cannot see (grant pg_read_all_stats)';
      const from = holder.clientAddr ? ` from ${holder.clientAddr}` : '';
      const since = holder.backendStart
        ? `, connected since ${holder.backendStart.toISOString()} (${formatDuration(Date.now() - holder.backendStart.getTime())})`
        : '';
      return `held by ${name} (server pid ${holder.pid}${from}${since})`;
    } catch (error) {
      return `held by another session (pg_locks could not be read: ${(error as Error).message})`;
    }
  }

  private hold(client: pg.Client, waitMs: number): LockHandle {
    const acquiredAt = performance.now();
    const lost = createLostSignal();
    let released: Promise<number> | undefined;
    const onLost = (reason: string) => {
      clearInterval(heartbeat);
      if (released) return;
      lost.fire(
        new LockLostError(
          `lock lost: the connection holding the ${this.description} ${reason}, so the server released the lock and another job may take it — the protected work must not go on`,
        ),
      );
    };
    client.on('error', (error) => onLost(`failed (${error.message})`));
    client.on('end', () => onLost('closed'));
    // A dead network shows no error until TCP gives up (minutes): ask the server regularly.
    const heartbeatTimeoutMs = this.options.heartbeatTimeoutMs ?? 15_000;
    let beating = false;
    const heartbeat = setInterval(() => {
      if (beating || released) return;
      beating = true;
      const deadline = setTimeout(() => {
        onLost(`did not answer for ${formatDuration(heartbeatTimeoutMs)}`);
        client.connection.stream.destroy();
      }, heartbeatTimeoutMs);
      client.query('SELECT 1').then(
        () => {
          clearTimeout(deadline);
          beating = false;
        },
        () => clearTimeout(deadline),
      );
    }, this.options.heartbeatIntervalMs ?? 5_000);
    return {
      waitMs,
      lost: lost.promise,
      release: () => {
        released ??= (async () => {
          const heldMs = performance.now() - acquiredAt;
          clearInterval(heartbeat);
          if (!lost.fired) {
            // Ending the session releases the lock anyway; unlocking first makes it immediate
            // even if the disconnect is slow to reach the server, and the notification
            // (delivered when this statement commits, after the unlock) wakes the waiters.
            await client
              .query(`SELECT pg_advisory_unlock($1::bigint), pg_notify('${RELEASE_CHANNEL}', $1::bigint::text)`, [
                this.key,
              ])
              .catch(() => {});
          }
          await endClient(client);
          return heldMs;
        })();
        return released;
      },
    };
  }
}

/** Ends the session politely, or drops the socket when the server does not answer (it may be gone). */
async function endClient(client: pg.Client): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      client.connection.stream.destroy();
      resolve();
    }, 2000);
  });
  await Promise.race([client.end().catch(() => {}), gaveUp]);
  clearTimeout(timer);
}

/** Waits `ms`, or less when the signal aborts or the `onWake` function it registers is called. */
function sleep(ms: number, signal?: AbortSignal, onWake?: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    onWake?.(done);
  });
}
