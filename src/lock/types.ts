/** Who holds a lock: written beside a flock lock file, and as application_name for postgres. */
export interface LockOwner {
  runUrl?: string;
  workflow?: string;
  job?: string;
  runner?: string;
  host: string;
  pid: number;
  /** ISO time the lock was taken. */
  since: string;
}

/** How often a waiting job prints who holds the lock, unless AcquireOptions.waitingIntervalMs says otherwise. */
export const DEFAULT_WAITING_INTERVAL_MS = 30_000;

/** Options to acquire a named lock. */
export interface AcquireOptions {
  /** Maximum wait in ms; LockTimeoutError (exit 75) after it. */
  timeoutMs: number;
  /** Called with a progress line while waiting (every 30 s by default). */
  onWaiting?: (line: string) => void;
  /** Abort waiting (e.g. on SIGINT). */
  signal?: AbortSignal;
  /** How often onWaiting is called, ms (default 30 000; the first call comes after at most 1 s). */
  waitingIntervalMs?: number;
}

/** A held lock. */
export interface LockHandle {
  /** How long acquiring took, ms. */
  readonly waitMs: number;
  /**
   * Rejects (never resolves) with LockLostError if the lock is lost while held
   * (flock holder died, postgres connection dropped). Callers race their work against it.
   */
  readonly lost: Promise<never>;
  /** Releases the lock; returns how long it was held, ms. Idempotent. */
  release(): Promise<number>;
}

/** One lock backend (flock on one host, a postgres advisory lock across hosts). */
export interface Mutex {
  readonly backend: 'flock' | 'postgres';
  /** Human description: "flock /tmp/quality-gates/test-containers.lock". */
  readonly description: string;
  acquire(options: AcquireOptions): Promise<LockHandle>;
}
