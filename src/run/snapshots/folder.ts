import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';

/** The folder under the log folder that holds a run's heap snapshots (the tool's own: emptied at each run's start). */
export const SNAPSHOT_FOLDER = 'heap-snapshots';

/**
 * Removes the snapshots an earlier run left (they can be large, and a workflow that uploads
 * the folder must upload this run's only). A missing folder is fine.
 */
export function removeOldSnapshots(logDir: string): void {
  rmSync(join(logDir, SNAPSHOT_FOLDER), { recursive: true, force: true });
}

/**
 * One test process's snapshot folder: named like its log (`03-billing`, the first module of
 * the process) and the process start's number, so a module run again alone after a pack
 * died never shares one: `heap-snapshots/03-billing-4/`.
 */
export function processSnapshotDir(logDir: string, logPath: string, attempt: number): string {
  return join(logDir, SNAPSHOT_FOLDER, `${basename(logPath, '.log')}-${attempt}`);
}
