import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, constants, fchmodSync, fstatSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, ExitCode, LockLostError, LockTimeoutError, QualityGatesError } from '../errors.js';
import { formatDuration } from '../util/duration.js';
import { checkLockDir } from './filesystem.js';
import { createLostSignal } from './lost.js';
import { describeHolder, isStaleOnThisHost, readOwnerRecord, removeOwnerRecord, writeOwnerRecord } from './owner.js';
import {
  DEFAULT_WAITING_INTERVAL_MS,
  type AcquireOptions,
  type LockHandle,
  type LockOwner,
  type Mutex,
} from './types.js';
import { interruptedError } from './interrupted.js';

/** flock exits with this when --wait runs out (we ask for it with --conflict-exit-code). */
const CONFLICT_EXIT = 75;
/** The holder program: echoes the marker we write once it runs (i.e. once the lock is ours), exits on EOF. */
const HOLDER_PROGRAM = 'cat';
const ACQUIRED_MARKER = 'acquired\n';

/** Options of the flock backend. */
export interface FlockMutexOptions {
  /** The lock file (created if missing, never deleted). */
  file: string;
  /** The owner record written beside the lock file while held. */
  owner: () => LockOwner;
  /** Warnings and progress (filesystem warnings, owner-record problems). */
  log: (line: string) => void;
  /** The util-linux flock binary (default: `flock` from PATH). */
  flockCommand?: string;
}

/**
 * A kernel flock(2) on a lock file, held by a util-linux `flock --close FILE cat` child with
 * pipes for stdio. The tool itself never opens the lock with flock, so the lock descriptor
 * cannot leak into test processes; when the tool dies in any way its end of the stdin pipe
 * closes, `cat` exits, `flock` exits, and the kernel releases the lock. `--close` keeps the
 * descriptor in the `flock` process only, so the lock lives exactly as long as that process.
 */
export class FlockMutex implements Mutex {
  readonly backend = 'flock' as const;
  readonly description: string;
  private readonly flockCommand: string;
  private checkedEnvironment = false;

  constructor(private readonly options: FlockMutexOptions) {
    this.description = `flock ${options.file}`;
    this.flockCommand = options.flockCommand ?? 'flock';
  }

  async acquire(acquireOptions: AcquireOptions): Promise<LockHandle> {
    this.prepare();
    const started = performance.now();
    const child = spawn(
      this.flockCommand,
      [
        '--exclusive',
        '--close',
        '--wait',
        String(Math.max(0, acquireOptions.timeoutMs) / 1000),
        '--conflict-exit-code',
        String(CONFLICT_EXIT),
        this.options.file,
        HOLDER_PROGRAM,
      ],
      // Its own session: a Ctrl-C or a runner's signal to the tool's process group must not
      // kill the holder (that would drop the lock under the running tests). It still dies
      // with the tool, through the stdin pipe.
      { stdio: ['pipe', 'pipe', 'pipe'], detached: true },
    );
    // A holder that died before reading its stdin makes this write fail with EPIPE: the
    // exit handler below reports why it died.
    child.stdin.on('error', () => {});
    child.stdin.write(ACQUIRED_MARKER);
    await this.waitForAcquired(child, acquireOptions, started);
    const waitMs = performance.now() - started;
    return this.hold(child, waitMs);
  }

  /** Checks flock, creates the lock directory and file, and (once) warns about where they live. */
  private prepare(): void {
    checkFlockBinary(this.flockCommand);
    prepareLockFile(this.options.file);
    if (this.checkedEnvironment) return;
    this.checkedEnvironment = true;
    for (const warning of checkLockDir(dirname(this.options.file))) this.options.log(`warning: ${warning}`);
  }

  private waitForAcquired(child: ChildProcess, options: AcquireOptions, started: number): Promise<void> {
    const file = this.options.file;
    return new Promise<void>((resolve, reject) => {
      let stderr = '';
      let settled = false;
      const interval = options.waitingIntervalMs ?? DEFAULT_WAITING_INTERVAL_MS;
      // The first progress line comes soon (a job that waits wants to know for whom), then every interval.
      let waitingTimer = setTimeout(
        function report() {
          options.onWaiting?.(
            `waiting for the lock ${file} (${formatDuration(performance.now() - started)} so far): ${holderText(file)}`,
          );
          waitingTimer = setTimeout(report, interval);
        },
        Math.min(1000, interval),
      );
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(waitingTimer);
        options.signal?.removeEventListener('abort', onAbort);
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
        child.stderr!.off('data', onStderr);
        if (error) reject(error);
        else resolve();
      };
      const onData = () => finish();
      const onStderr = (chunk: Buffer) => {
        stderr += chunk.toString();
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        if (code === CONFLICT_EXIT) {
          finish(
            new LockTimeoutError(
              `timed out after ${formatDuration(options.timeoutMs)} waiting for the lock ${file}: ${holderText(file)} — raise lock.timeout (--timeout), or stop the job that holds it`,
            ),
          );
          return;
        }
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        finish(
          new QualityGatesError(
            `could not lock ${file}: flock ${how}${stderr.trim() ? `: ${stderr.trim()}` : ''}${permissionHint(stderr, file)}`,
            ExitCode.Internal,
          ),
        );
      };
      const onAbort = () => {
        child.kill('SIGKILL');
        finish(interruptedError(options.signal?.reason, `waiting for the lock ${file}`));
      };
      child.stdout!.once('data', onData);
      child.stderr!.on('data', onStderr);
      child.once('exit', onExit);
      child.once('error', (error) =>
        finish(
          new ConfigError(
            `cannot run ${this.flockCommand}: ${error.message} — install util-linux (it provides flock) or use lock.backend: postgres`,
          ),
        ),
      );
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private hold(child: ChildProcess, waitMs: number): LockHandle {
    const file = this.options.file;
    const owner: LockOwner = { ...this.options.owner(), since: new Date().toISOString() };
    const problem = writeOwnerRecord(file, owner);
    if (problem) this.options.log(`warning: ${problem}`);
    const acquiredAt = performance.now();
    const lost = createLostSignal();
    let released: Promise<number> | undefined;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.once('exit', (code, signal) => {
      if (released) return;
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      lost.fire(
        new LockLostError(
          `lock lost: the flock holder process (pid ${child.pid}) ${how}, so ${file} is no longer locked and another job may take it — the protected work must not go on`,
        ),
      );
    });
    // Nothing is ever read from the holder again; keep its pipe from holding the event loop.
    child.stdout!.resume();
    return {
      waitMs,
      lost: lost.promise,
      release: () => {
        released ??= (async () => {
          const heldMs = performance.now() - acquiredAt;
          // Remove the record while still holding the lock, so the next holder's record is never deleted.
          removeOwnerRecord(file, owner);
          if (child.exitCode === null && child.signalCode === null) {
            child.stdin!.end();
            const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
            await exited;
            clearTimeout(killTimer);
          }
          return heldMs;
        })();
        return released;
      },
    };
  }
}

/** "held by <owner record>", or what is known when there is no (fresh) record. */
function holderText(file: string): string {
  const owner = readOwnerRecord(file);
  if (!owner) return `held by a process that left no owner record (see: fuser -v ${file})`;
  const stale = isStaleOnThisHost(owner)
    ? ' [record is stale: that pid is gone; the lock is held by another process]'
    : '';
  return `${describeHolder(owner)}${stale}`;
}

function permissionHint(stderr: string, file: string): string {
  if (!/permission denied/i.test(stderr)) return '';
  return ` — every runner user needs read access to ${file}; when several users share a sticky directory (mode 1777) with fs.protected_regular on, create the lock file once as the directory's owner, or use a setgid group directory (mode 2775)`;
}

const checkedBinaries = new Map<string, true>();

/**
 * Fails clearly unless `command` is util-linux flock: BusyBox flock has no --wait/--close,
 * and macOS has no flock at all. There is no silent fallback: a wrong lock is worse than none.
 */
export function checkFlockBinary(command: string): void {
  if (checkedBinaries.has(command)) return;
  const result = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const fix =
    'install util-linux (Debian/Ubuntu: apt-get install util-linux; Alpine: apk add util-linux; macOS: no flock — use lock.backend: postgres) or use lock.backend: postgres';
  if (result.error) {
    throw new ConfigError(
      `the flock lock backend needs the util-linux 'flock' program, and ${JSON.stringify(command)} could not be run (${(result.error as NodeJS.ErrnoException).code ?? result.error.message}) — ${fix}`,
    );
  }
  const text = `${result.stdout}${result.stderr}`;
  if (!/util-linux/.test(text)) {
    throw new ConfigError(
      `${JSON.stringify(command)} is not util-linux flock (BusyBox flock lacks --wait and --close): ${JSON.stringify(text.trim().split('\n')[0] ?? '')} — ${fix}`,
    );
  }
  checkedBinaries.set(command, true);
}

/**
 * Creates the lock directory (mode 1777, like /tmp: runner users on one host share it and
 * none can delete another's lock file) and the lock file (mode 0644: locking needs only
 * read access, and nobody else needs to write it). Modes are set explicitly so the umask
 * does not make them private. An existing lock file keeps its owner's mode; one that is a
 * symbolic link, FIFO, device or directory is refused (it could redirect or hang the lock).
 */
export function prepareLockFile(file: string): void {
  const dir = dirname(file);
  const flags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NOCTTY | constants.O_NONBLOCK;
  let fd: number | undefined;
  try {
    if (!isDirectory(dir)) {
      mkdirSync(dir, { recursive: true });
      chmodSync(dir, 0o1777);
    }
    let created = false;
    try {
      fd = openSync(file, flags | constants.O_CREAT | constants.O_EXCL, 0o644);
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      fd = openSync(file, flags);
    }
    if (!fstatSync(fd).isFile()) {
      throw new ConfigError(
        `lock file ${file} exists and is not a regular file — point lock.path or lock.dir at a file location you control`,
      );
    }
    if (created) fchmodSync(fd, 0o644);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') {
      throw new ConfigError(
        `lock file ${file} is a symbolic link, which is refused (another user could redirect it) — use a real file path`,
      );
    }
    if (code === 'EISDIR') {
      throw new ConfigError(
        `lock file ${file} is a directory — point lock.path at a file, or lock.dir at the directory`,
      );
    }
    throw new ConfigError(
      `cannot create the lock file ${file}: ${(error as Error).message} — pick a writable lock.dir (or lock.path)`,
    );
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
