import { resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { defaultHistoryPath } from './file.js';

/** The default history file, relative to the repository root ({@link defaultHistoryPath}). */
export const DEFAULT_HISTORY_FILE = '.quality-gates/history.json';

/**
 * The history file a command reads (and `run`/`merge-reports` update): `--history FILE`
 * (`none`: no history), else the config's `history:` (`false`: none), else
 * `.quality-gates/history.json` under the repository root. Relative paths are relative to
 * the repository root (`cwd`). Undefined means "no history".
 */
export function resolveHistoryPath(cwd: string, flag: string | undefined, configured: string | false | undefined): string | undefined {
  if (flag !== undefined) return flag === 'none' ? undefined : resolve(cwd, flag);
  if (configured === false) return undefined;
  return configured === undefined ? defaultHistoryPath(cwd) : resolve(cwd, configured);
}

/** The config's `history:` value (a path, or false for none), undefined when the config has no such key. */
export function configuredHistory(config: Config): string | false | undefined {
  const value = (config as { history?: unknown }).history;
  return typeof value === 'string' || value === false ? value : undefined;
}
