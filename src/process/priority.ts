import { readdirSync, readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The nice value a pre-started process boots at, while the running module has the CPU. */
export const HELD_NICE = 19;

/** CAP_SYS_NICE: lets a process lower nice values again (raise priority). */
const CAP_SYS_NICE = 23n;

let restorable: boolean | undefined;

/**
 * Whether this process may give a process its priority back after lowering it: lowering
 * a nice value needs CAP_SYS_NICE (root outside containers; not in Docker's default set).
 * Anyone may lower a priority, but a held process that could not be restored would run its
 * module at the lowest priority, so without the capability nothing is lowered at all.
 * Linux only (read from /proc); false elsewhere.
 */
export function canRestorePriority(): boolean {
  if (restorable === undefined) {
    try {
      const status = readFileSync('/proc/self/status', 'utf8');
      const hex = /^CapEff:\s*([0-9a-f]+)$/m.exec(status)?.[1];
      restorable = hex !== undefined && ((BigInt(`0x${hex}`) >> CAP_SYS_NICE) & 1n) === 1n;
    } catch {
      restorable = false;
    }
  }
  return restorable;
}

/**
 * Runs `start` (a synchronous spawn) with this thread's nice value raised to `nice`, so the
 * child and every thread it ever creates begin at that priority (Linux nice values are per
 * thread and inherited at fork), then puts this thread's priority back. Without the
 * capability to put it back, `start` just runs.
 */
export function spawnAtLowPriority<T>(start: () => T, nice = HELD_NICE): T {
  if (!canRestorePriority()) return start();
  let own: number;
  try {
    own = getPriority();
    setPriority(nice);
  } catch {
    return start();
  }
  try {
    return start();
  } finally {
    try {
      setPriority(own);
    } catch {
      // Cannot happen with CAP_SYS_NICE; if it does, later spawns inherit it: stop lowering.
      restorable = false;
    }
  }
}

/**
 * Gives every thread of `pid` this process's own priority back (the held process's turn has
 * come). Best effort: a process or thread that exits meanwhile is skipped.
 */
export function restorePriority(pid: number): void {
  let own: number;
  let tids: string[];
  try {
    own = getPriority();
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      setPriority(Number(tid), own);
    } catch {
      // The thread exited between readdir and setpriority.
    }
  }
}
