import { isAbsolute, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';

/** What a lock name may contain: it becomes a file name and part of a PostgreSQL application_name. */
export const LOCK_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Checks a lock name. Names become file names (`<dir>/<name>.lock`), so anything that could
 * climb out of the lock directory (`..`, `/`), hide (leading dot), or be read differently by
 * different tools (spaces, NUL, unicode look-alikes) is rejected rather than encoded: two jobs
 * must agree on the lock by reading the same plain name in their configs.
 */
export function validateLockName(name: string): string {
  if (LOCK_NAME_PATTERN.test(name)) return name;
  throw new UsageError(
    `lock name ${JSON.stringify(name)} is not allowed — use 1 to 100 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. "test-containers")`,
  );
}

/**
 * The lock file of a flock lock: the explicit `path` (resolved against `cwd`), or
 * `<dir>/<name>.lock`. The name is validated either way, since it also labels the lock.
 */
export function lockFilePath(options: { name: string; dir: string; path?: string; cwd: string }): string {
  validateLockName(options.name);
  if (options.path !== undefined) {
    if (options.path.includes('\0'))
      throw new UsageError(`lock path ${JSON.stringify(options.path)} contains a NUL byte — give a plain file path`);
    return isAbsolute(options.path) ? options.path : resolve(options.cwd, options.path);
  }
  if (options.dir.includes('\0'))
    throw new UsageError(`lock dir ${JSON.stringify(options.dir)} contains a NUL byte — give a plain directory path`);
  return join(resolve(options.cwd, options.dir), `${options.name}.lock`);
}
