/** Whether a process is still running (a zombie waiting for its reaper counts as gone). */
export function isAlive(pid: number): boolean;

/** Pids of the live children of `pid` whose command name is `comm`. */
export function childrenOf(pid: number, comm: string): number[];
