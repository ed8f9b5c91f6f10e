import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { Config, LockConfig } from '../config/schema.js';
import { ExitCode, exitCodeOf } from '../errors.js';
import { createMutex, lockTimeoutMs, type LockHandle } from '../lock/index.js';
import type { LockFigures } from '../report/schema.js';
import { provisionSlotDatabases, type SlotDatabases } from './isolation/postgres.js';
import { removeOldLogs, RESET_LOG } from './log-files.js';
import type { StopSignal } from '../process/stop-signal.js';
import { runReset, type ResetRecord } from './reset.js';
import { removeOldSnapshots } from './snapshots/folder.js';

/** What a session needs: where the run works, what it holds, what it sets up once. */
export interface SessionOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  config: Config;
  /** The lock held from before the reset until the session ends; none when undefined. */
  lock?: LockConfig;
  /** Run config.reset once, on the original database, before the slot copies are made. */
  forceReset: boolean;
  logDir: string;
  /** Slots of the run: with more than one and isolation.postgres, one database copy each. */
  slots: number;
  stdout: Writable;
  stderr: Writable;
  stopSignal: StopSignal;
}

/** What the session set up, for the schedule inside it. */
export interface Session {
  /** A fresh temporary folder, removed when the session ends. */
  workDir: string;
  reset?: ResetRecord;
  /** Per slot (index = slot − 1): variable → URL of that slot's database copy; empty without copies. */
  slotUrls: readonly Readonly<Record<string, string>>[];
  /** Set when the set-up failed (reset, database copies): nothing may run, and this says why. */
  setupFailure?: { reason: string; notRunWhy: string };
  /** The lock's figures so far (hold time up to now). */
  lockFigures(): LockFigures | undefined;
  /**
   * Drops the slot database copies now (before the report is written, so it can say what
   * could not be dropped); returns those warnings. The session drops them in any case.
   */
  dropSlotDatabases(): Promise<string[]>;
}

/** The lock was not acquired (timeout, error, or a stop while waiting): nothing ran. */
export class LockNotAcquired extends Error {
  constructor(
    readonly reason: string,
    readonly interrupted: boolean,
    readonly exitCode: ExitCode,
    readonly error: unknown,
  ) {
    super(reason);
  }
}

interface HeldLock {
  handle: LockHandle;
  figures: Omit<LockFigures, 'holdMs'>;
  acquiredAt: number;
}

/**
 * Runs `body` inside a session: the lock (once, for the whole batch), the log folder
 * cleaned of older runs' logs, a temporary folder, the reset (once, on the original
 * database), then one database copy per slot (isolation.postgres, slots > 1). Whatever
 * happens in `body` — failure, a stop, an exception — the copies are dropped, the
 * temporary folder removed and the lock released, in that order. Throws LockNotAcquired
 * before anything else happened when the lock could not be taken.
 */
export async function withSession<T>(options: SessionOptions, body: (session: Session) => Promise<T>): Promise<T> {
  const lock = options.lock ? await acquireLock(options.lock, options) : undefined;
  const workDir = mkdtempSync(join(tmpdir(), 'quality-gates-run-'));
  let databases: SlotDatabases | undefined;
  const drop = async () => (databases ? dropCopies(databases, options) : []);
  try {
    mkdirSync(options.logDir, { recursive: true });
    // Holding the lock now: no other run writes here, and logs of older runs would mislead.
    removeOldLogs(options.logDir);
    removeOldSnapshots(options.logDir);
    const session: Session = {
      workDir,
      slotUrls: [],
      dropSlotDatabases: drop,
      lockFigures: () => (lock ? { ...lock.figures, holdMs: Date.now() - lock.acquiredAt } : undefined),
    };
    session.reset = await resetOnce(options);
    if (session.reset?.failure) {
      session.setupFailure = {
        reason: `reset failed: ${session.reset.failure} — no module ran`,
        notRunWhy: 'not run: the reset command failed',
      };
    } else {
      const provisioned = await provision(options);
      if ('failure' in provisioned) session.setupFailure = provisioned.failure;
      else if (provisioned.databases) {
        databases = provisioned.databases;
        session.slotUrls = databases.slotUrls;
      }
    }
    if (session.setupFailure) options.stderr.write(`quality-gates run: ${session.setupFailure.reason}\n`);
    return await body(session);
  } finally {
    // After a failure or a stop too; once dropped, dispose() does nothing more.
    await drop();
    rmSync(workDir, { recursive: true, force: true });
    if (lock) await lock.handle.release();
  }
}

async function acquireLock(lockConfig: LockConfig, options: SessionOptions): Promise<HeldLock> {
  const say = (line: string) => options.stdout.write(`${line}\n`);
  const mutex = createMutex(lockConfig, {
    cwd: options.cwd,
    env: options.env,
    log: (line) => options.stderr.write(`${line}\n`),
  });
  say(`lock: waiting for ${mutex.description}`);
  const abort = new AbortController();
  const unsubscribe = options.stopSignal.subscribe(() => abort.abort());
  try {
    const handle = await mutex.acquire({ timeoutMs: lockTimeoutMs(lockConfig), onWaiting: say, signal: abort.signal });
    handle.lost.catch((error: unknown) =>
      options.stopSignal.stop({ kind: 'lock-lost', message: error instanceof Error ? error.message : String(error) }),
    );
    say(`lock: acquired ${mutex.description} after ${Math.round(handle.waitMs)} ms`);
    return {
      handle,
      figures: { backend: mutex.backend, name: lockConfig.name, waitMs: handle.waitMs },
      acquiredAt: Date.now(),
    };
  } catch (error) {
    const stop = options.stopSignal.reason;
    const interrupted = stop?.kind === 'signal';
    const reason = interrupted
      ? `interrupted by ${stop.signal} while waiting for ${mutex.description}; nothing ran`
      : error instanceof Error
        ? error.message
        : String(error);
    throw new LockNotAcquired(reason, interrupted, interrupted ? ExitCode.Interrupted : exitCodeOf(error), error);
  } finally {
    unsubscribe();
  }
}

async function resetOnce(options: SessionOptions): Promise<ResetRecord | undefined> {
  const reset = options.config.reset;
  if (!options.forceReset || !reset || options.stopSignal.reason) return undefined;
  options.stdout.write(`reset: ${reset.join(' ')}\n`);
  return runReset(reset, {
    cwd: options.cwd,
    env: options.env,
    configEnv: options.config.env,
    stdout: options.stdout,
    stderr: options.stderr,
    logPath: join(options.logDir, RESET_LOG),
    stopSignal: options.stopSignal,
  });
}

/** One copy of each isolation.postgres database per slot, after the reset; none with one slot. */
async function provision(
  options: SessionOptions,
): Promise<{ databases?: SlotDatabases } | { failure: { reason: string; notRunWhy: string } }> {
  const postgres = options.config.isolation?.postgres;
  if (!postgres || options.slots <= 1 || options.stopSignal.reason) return {};
  const abort = new AbortController();
  const unsubscribe = options.stopSignal.subscribe(() => abort.abort());
  try {
    const databases = await provisionSlotDatabases({
      urlEnv: postgres.urlEnv,
      env: { ...options.env, ...options.config.env },
      slots: options.slots,
      strategy: postgres.strategy,
      log: (line) => options.stdout.write(`isolation: ${line}\n`),
      signal: abort.signal,
    });
    return { databases };
  } catch (error) {
    // Aborted only by the stop signal: a stop during provisioning is not a provisioning failure.
    if (abort.signal.aborted) return {};
    const reason = `the slot databases could not be made: ${error instanceof Error ? error.message : String(error)} — no module ran`;
    return { failure: { reason, notRunWhy: 'not run: the slot databases could not be made' } };
  } finally {
    unsubscribe();
  }
}

/** Drops the slot copies; what could not be dropped becomes a warning (a later run drops leftovers). */
async function dropCopies(databases: SlotDatabases, options: SessionOptions): Promise<string[]> {
  try {
    const result = await databases.dispose();
    return result.failed.map(
      ({ name, reason }) =>
        `the slot database ${name} could not be dropped (${reason}); the next run on this host drops it, or DROP DATABASE it by hand`,
    );
  } catch (error) {
    const warning = `the slot databases could not be dropped: ${error instanceof Error ? error.message : String(error)}`;
    options.stderr.write(`quality-gates run: ${warning}\n`);
    return [warning];
  }
}
