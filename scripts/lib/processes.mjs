// Process look-ups from /proc (Linux), for the tests and the benchmarks.
import { readFileSync, readdirSync } from 'node:fs';

/**
 * Reads a `stat` file of /proc (`/proc/<pid>/stat`, `/proc/<pid>/task/<tid>/stat`): the
 * command name (field 2) and the fields after it, so that field N (as in proc(5)) is
 * `fields[N - 3]`: state is fields[0], ppid fields[1], nice fields[16], rss (pages)
 * fields[21]. The name may contain spaces and parentheses: the split is after the last ')'.
 * Throws when the file cannot be read (the process is gone).
 */
export function readStat(path) {
  const stat = readFileSync(path, 'utf8');
  const close = stat.lastIndexOf(')');
  return { comm: stat.slice(stat.indexOf('(') + 1, close), fields: stat.slice(close + 2).split(' ') };
}

/** Whether a process is still running (a zombie waiting for its reaper counts as gone). */
export function isAlive(pid) {
  try {
    return readStat(`/proc/${pid}/stat`).fields[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Pids of the live children of `pid` whose command name is `comm`. */
export function childrenOf(pid, comm) {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readStat(`/proc/${entry}/stat`);
      if (Number(stat.fields[1]) === pid && stat.comm === comm) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}
