/** Sends a signal to a whole process group; a group that is already gone is fine. */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
  // kill(-0) would signal our own group and kill(-1) every process we may signal.
  if (!Number.isInteger(pid) || pid <= 1) throw new RangeError(`killGroup: not a process group id: ${pid}`);
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: nobody left in the group.
  }
}
