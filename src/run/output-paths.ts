import { closeSync, openSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';

/** One file or folder the run will write, and what to call it in an error (`--report`). */
export interface OutputPath {
  /** What it is, for the message: `report JSON`, `log folder`. */
  label: string;
  path: string;
  kind: 'file' | 'folder';
}

/**
 * Kernel file systems: nothing a run writes belongs there, and Node's recursive mkdir loops
 * forever (at 100 % CPU, deaf to SIGTERM) on a path under /proc. Refused before any mkdir.
 */
const KERNEL_FILE_SYSTEMS = ['/proc', '/sys'];

/**
 * Checks, before the lock is taken and anything runs, that every output can be written:
 * its nearest existing ancestor is a folder (not a file) outside /proc and /sys, in which a
 * file can be created, and the path itself is not the wrong kind (a folder given as the
 * report). Throws a UsageError naming the path, so a bad path costs nothing instead of the
 * report at the end of a long run. Creates nothing but a probe file it removes at once.
 */
export function checkOutputPaths(outputs: readonly OutputPath[]): void {
  for (const output of outputs) checkOutputPath(output);
}

function checkOutputPath(output: OutputPath): void {
  const path = resolve(output.path);
  const fail = (why: string): never => {
    throw new UsageError(
      `cannot write the ${output.label} at ${path}: ${why} — give a path in a folder this user can write to`,
    );
  };
  const existing = statOrUndefined(path, fail);
  if (existing) {
    if (output.kind === 'file' && existing.isDirectory()) fail('is a folder, not a file');
    if (output.kind === 'folder' && !existing.isDirectory()) fail('is a file, not a folder');
  }
  const { folder, real } = nearestExistingFolder(output.kind === 'folder' && existing ? path : dirname(path), fail);
  const kernel = KERNEL_FILE_SYSTEMS.find((root) => real === root || real.startsWith(`${root}${sep}`));
  if (kernel) fail(`is on ${kernel}, a kernel file system, not a place for reports`);
  probeWritable(folder, fail);
  if (existing?.isFile()) {
    try {
      closeSync(openSync(path, 'r+'));
    } catch (error) {
      fail(`cannot be overwritten (${codeOf(error)})`);
    }
  }
}

/** The closest folder on the way up from `start` that exists, and its real path. */
function nearestExistingFolder(start: string, fail: (why: string) => never): { folder: string; real: string } {
  for (let folder = start; ; folder = dirname(folder)) {
    const stats = statOrUndefined(folder, fail);
    if (stats) {
      if (!stats.isDirectory()) fail(`${folder} is a file, so no folder can be made under it`);
      return { folder, real: realpathSync(folder) };
    }
    if (dirname(folder) === folder) fail('no part of it exists');
  }
}

function statOrUndefined(path: string, fail: (why: string) => never): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = codeOf(error);
    // ENOTDIR: a file on the way; the walk up finds it and names it.
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return fail(`cannot be checked (${code})`);
  }
}

/** Creates and removes a file in `folder`: the one honest test (root ignores modes, mounts may be read-only). */
function probeWritable(folder: string, fail: (why: string) => never): void {
  const probe = join(folder, `.quality-gates-probe-${process.pid}-${Date.now()}`);
  try {
    writeFileSync(probe, '', { flag: 'wx' });
  } catch (error) {
    fail(`nothing can be written in ${folder} (${codeOf(error)})`);
  }
  rmSync(probe, { force: true });
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
