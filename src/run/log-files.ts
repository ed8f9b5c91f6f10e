import { createHash } from 'node:crypto';
import { readdirSync, rmSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

/** Longest part of a module's name kept in its log file name (most file systems allow 255 bytes). */
const NAME_CHARS = 80;

/** The log of the reset command, in the same folder. */
export const RESET_LOG = 'reset.log';

/**
 * What {@link logFileName} writes, and nothing else: `NN-name.log` or `NN-name-hash8.log`
 * with the name in the safe alphabet and at most NAME_CHARS long, or the reset log.
 */
const TOOL_LOG = new RegExp(
  `^(?:\\d{2,}-[A-Za-z0-9._@+-]{1,${NAME_CHARS}}(?:-[0-9a-f]{8})?\\.log|${RESET_LOG.replace('.', '\\.')})$`,
);

/**
 * `03-billing.log`: ordered like the run and safe as a file name whatever the module is
 * called. A name that had to be changed (characters outside the safe set, or longer than
 * NAME_CHARS) gets a short hash of the real name, so two such names never share a log
 * and the file name stays far below the 255-byte limit.
 */
export function logFileName(index: number, name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._@+-]+/g, '_');
  const kept = safe.slice(0, NAME_CHARS);
  const prefix = String(index + 1).padStart(2, '0');
  if (kept === name && kept !== '') return `${prefix}-${kept}.log`;
  const hash = createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 8);
  return `${prefix}-${kept || '_'}-${hash}.log`;
}

/**
 * Removes the logs an earlier run left in `dir` (only names {@link logFileName} and the
 * reset log use; anything else in the folder stays), so the folder shows this run's logs
 * only. A missing folder is fine.
 */
export function removeOldLogs(dir: string): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.isFile() && TOOL_LOG.test(entry.name)) rmSync(join(dir, entry.name), { force: true });
  }
}
