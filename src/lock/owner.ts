import { closeSync, constants, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { runUrl } from '../ci/environment.js';
import { formatDuration } from '../util/duration.js';
import type { LockOwner } from './types.js';

/**
 * Who this process is, from the CI environment: the run URL (ci/environment.ts runUrl),
 * workflow, job, runner name, host and pid.
 * `since` is now; backends overwrite it with the moment the lock was taken.
 */
export function ownerFromEnv(env: NodeJS.ProcessEnv, now: Date = new Date()): LockOwner {
  const owner: LockOwner = { host: hostname(), pid: process.pid, since: now.toISOString() };
  const url = runUrl(env);
  if (url) owner.runUrl = url;
  const workflow = nonEmpty(env.GITHUB_WORKFLOW);
  const job = nonEmpty(env.GITHUB_JOB);
  const runner = nonEmpty(env.RUNNER_NAME);
  if (workflow) owner.workflow = workflow;
  if (job) owner.job = job;
  if (runner) owner.runner = runner;
  return owner;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** One line naming a holder: `https://…/runs/42 (workflow CI, job test, runner r1, host h, pid 7)`. */
export function describeOwner(owner: LockOwner): string {
  const details = [
    owner.workflow && `workflow ${owner.workflow}`,
    owner.job && `job ${owner.job}`,
    owner.runner && `runner ${owner.runner}`,
    `host ${owner.host}`,
    `pid ${owner.pid}`,
  ].filter(Boolean);
  return owner.runUrl ? `${owner.runUrl} (${details.join(', ')})` : details.join(', ');
}

/** `held by X since T (for 3 min 05 s)`, from an owner record. */
export function describeHolder(owner: LockOwner, now: Date = new Date()): string {
  const since = Date.parse(owner.since);
  const held = Number.isFinite(since)
    ? ` since ${owner.since} (for ${formatDuration(Math.max(0, now.getTime() - since))})`
    : '';
  return `held by ${describeOwner(owner)}${held}`;
}

/** Path of the owner record beside a lock file. */
export function ownerRecordPath(lockFile: string): string {
  return `${lockFile}.owner.json`;
}

/**
 * Writes the owner record (informative only: the kernel lock is the truth). Written to a
 * temp file and renamed so readers never see half a record; when the rename is refused
 * (another runner user's record in a sticky directory) it overwrites in place. The lock
 * directory may be world-writable, so neither write follows a planted symbolic link.
 * Never throws: returns the problem, if any, for a warning.
 */
export function writeOwnerRecord(lockFile: string, owner: LockOwner): string | undefined {
  const path = ownerRecordPath(lockFile);
  const text = JSON.stringify(owner, null, 2) + '\n';
  const temp = `${path}.${process.pid}.tmp`;
  try {
    rmSync(temp, { force: true });
    writeFileSync(temp, text, { mode: 0o644, flag: 'wx' });
    renameSync(temp, path);
    return undefined;
  } catch {
    rmSync(temp, { force: true });
  }
  try {
    const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o644);
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    return undefined;
  } catch (error) {
    return `could not write the owner record ${path}: ${(error as Error).message}`;
  }
}

/** Reads the owner record; undefined when it is missing or unreadable (never trusted for the lock itself). */
export function readOwnerRecord(lockFile: string): LockOwner | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(ownerRecordPath(lockFile), 'utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Record<string, unknown>;
    if (typeof record.host !== 'string' || typeof record.pid !== 'number' || typeof record.since !== 'string')
      return undefined;
    const owner: LockOwner = { host: record.host, pid: record.pid, since: record.since };
    for (const key of ['runUrl', 'workflow', 'job', 'runner'] as const) {
      if (typeof record[key] === 'string') owner[key] = record[key];
    }
    return owner;
  } catch {
    return undefined;
  }
}

/** Removes the owner record if it is still ours (a later holder's record is left alone). */
export function removeOwnerRecord(lockFile: string, owner: LockOwner): void {
  const current = readOwnerRecord(lockFile);
  if (current && (current.pid !== owner.pid || current.host !== owner.host || current.since !== owner.since)) return;
  rmSync(ownerRecordPath(lockFile), { force: true });
}

/**
 * Whether an owner record is known to be stale: written on this host by a process that no
 * longer exists (the holder was killed before it could remove it).
 */
export function isStaleOnThisHost(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
