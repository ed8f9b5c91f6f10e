import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { CopyOwner } from './names.js';

/**
 * The start time of process `pid` (field 22 of /proc/<pid>/stat, clock ticks since boot),
 * '' when it runs but this system has no /proc, or undefined when no such process runs
 * (a zombie counts as gone: it will never drop its copies).
 */
export function processStartTime(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && hasProc()) return undefined;
    return isRunning(pid) ? '' : undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: fields follow the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z') return undefined;
  return fields[19] ?? '';
}

/** This process as the owner of the copies it makes. */
export function currentOwner(pid: number = process.pid): CopyOwner {
  const startTime = processStartTime(pid);
  return { host: hostname(), pid, ...(startTime ? { startTime } : {}) };
}

function hasProc(): boolean {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
