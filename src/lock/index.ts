import type { LockConfig } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { parseDuration } from '../util/duration.js';
import { FlockMutex } from './flock.js';
import { lockFilePath, validateLockName } from './name.js';
import { ownerFromEnv } from './owner.js';
import { PostgresMutex } from './postgres.js';
import type { Mutex } from './types.js';

export type { AcquireOptions, LockHandle, LockOwner, Mutex } from './types.js';
export { ownerFromEnv, describeOwner } from './owner.js';
export { validateLockName, lockFilePath } from './name.js';

/** What createMutex needs besides the config. */
export interface CreateMutexOptions {
  /** Relative lock paths resolve against it. */
  cwd: string;
  /** Source of the owner record (GITHUB_*, RUNNER_NAME) and of the postgres URL (lock.urlEnv). */
  env: NodeJS.ProcessEnv;
  /** Warnings (network filesystem, owner record problems); stderr or core.warning. */
  log?: (line: string) => void;
}

/**
 * Builds the mutex a config describes: `flock` on `lock.path` or `<lock.dir>/<lock.name>.lock`,
 * or a postgres advisory lock keyed by `lock.name` on `lock.url` / `$<lock.urlEnv>`.
 * Throws UsageError/ConfigError (exit 2) for a bad name, duration or missing URL; nothing
 * is locked or connected until `acquire`.
 */
export function createMutex(config: LockConfig, options: CreateMutexOptions): Mutex {
  const name = validateLockName(config.name);
  const log = options.log ?? (() => {});
  const owner = () => ownerFromEnv(options.env);
  if (config.backend === 'postgres') {
    const url = config.url ?? options.env[config.urlEnv];
    if (!url) {
      throw new UsageError(
        `the postgres lock backend needs a connection URL: set lock.url in the config, pass --url, or set the environment variable ${config.urlEnv} (lock.urlEnv) — e.g. postgres://user:password@db-host:5432/postgres`,
      );
    }
    return new PostgresMutex({
      name,
      url,
      pollIntervalMs: parseDuration(config.pollInterval, 'lock.pollInterval'),
      owner,
    });
  }
  return new FlockMutex({
    file: lockFilePath({ name, dir: config.dir, path: config.path, cwd: options.cwd }),
    owner,
    log,
  });
}

/** `lock.timeout` in ms (UsageError naming the key when unreadable). */
export function lockTimeoutMs(config: LockConfig): number {
  return parseDuration(config.timeout, 'lock.timeout');
}
