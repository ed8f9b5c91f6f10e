import { spawn } from 'node:child_process';

/** Stops a process group if this process dies before disarming it. */
export interface GroupGuard {
  /** The guard's own pid (tests, diagnostics). */
  readonly pid: number | undefined;
  /** The protected work ended normally: the guard exits without touching the group. */
  disarm(): void;
}

// Waits for a line on stdin. "disarm" → exit quietly. EOF without it means the tool died
// (SIGKILL, OOM killer, crash): SIGTERM the group, wait up to the grace in 0.1 s steps
// while it still exists, then SIGKILL whatever is left. $0 = process group id, $1 = grace
// in tenths of a second; both are numbers we pass, never user text.
const GUARD_SCRIPT = [
  'IFS= read -r line',
  '[ "$line" = disarm ] && exit 0',
  'kill -TERM -"$0" 2>/dev/null || exit 0',
  'i=0',
  'while [ "$i" -lt "$1" ] && kill -0 -"$0" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done',
  'kill -0 -"$0" 2>/dev/null && kill -KILL -"$0" 2>/dev/null',
  'exit 0',
].join('\n');

/**
 * Ties a process group's life to this process: a small `sh` watchdog in its own session
 * holds the read end of a pipe from us. If we die without disarming it, however we die,
 * the pipe closes and the watchdog stops the group: work started under a lock must not go
 * on once the lock is gone, and a holder killed with SIGKILL releases its lock at once.
 */
export function guardProcessGroup(pgid: number, graceMs = 10_000): GroupGuard {
  if (!Number.isInteger(pgid) || pgid <= 1) throw new RangeError(`guardProcessGroup: not a process group id: ${pgid}`);
  const tenths = String(Math.max(1, Math.ceil(graceMs / 100)));
  const child = spawn('/bin/sh', ['-c', GUARD_SCRIPT, String(pgid), tenths], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  // A watchdog that could not start (or already exited) must not crash the tool on write.
  child.stdin.on('error', () => {});
  child.on('error', () => {});
  let disarmed = false;
  return {
    pid: child.pid,
    disarm() {
      if (disarmed) return;
      disarmed = true;
      child.stdin.end('disarm\n');
    },
  };
}
