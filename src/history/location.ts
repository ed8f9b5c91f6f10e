import { resolve } from 'node:path';
import { defaultHistoryPath } from './file.js';

/** The default history file, relative to the repository root ({@link defaultHistoryPath}). */
export const DEFAULT_HISTORY_FILE = '.quality-gates/history.json';

/**
 * The history file a command reads (and `run`/`merge-reports` update): `--history FILE`
 * (`none`: no history), else the config's `history:` (`false`: none), else
 * `.quality-gates/history.json` under the repository root. Relative paths are relative to
 * the repository root (`cwd`). Undefined means "no history".
 */
export function resolveHistoryPath(
  cwd: string,
  flag: string | undefined,
  configured: string | false | undefined,
): string | undefined {
  if (flag !== undefined) return flag === 'none' ? undefined : resolve(cwd, flag);
  if (configured === false) return undefined;
  return configured === undefined ? defaultHistoryPath(cwd) : resolve(cwd, configured);
}
