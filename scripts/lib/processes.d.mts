/**
 * Reads a `stat` file of /proc: the command name and the fields after it (field N of
 * proc(5) is `fields[N - 3]`). Throws when the file cannot be read.
 */
export function readStat(path: string): { comm: string; fields: string[] };

/** Whether a process is still running (a zombie waiting for its reaper counts as gone). */
export function isAlive(pid: number): boolean;

/** Pids of the live children of `pid` whose command name is `comm`. */
export function childrenOf(pid: number, comm: string): number[];
