import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeOutputFile } from '../util/output-file.js';
import { VERSION } from '../version.js';
import { emptyHistory, HISTORY_SCHEMA_VERSION, HistorySchema, type History } from './schema.js';

/** Where the history lives unless `--history FILE` or config `history:` says otherwise. */
export function defaultHistoryPath(repoRoot: string): string {
  return join(repoRoot, '.quality-gates', 'history.json');
}

/** A history read from disk, and why it was not used when it was not. */
export interface ReadHistoryResult {
  history: History;
  /** Set when the file existed but was not used: names the file, what is wrong, what happens. */
  warning?: string;
  /**
   * Whether writing the updated history over `path` is safe: false for another tool's file
   * or a newer quality-gates' file (overwriting would destroy what it holds).
   */
  mayOverwrite: boolean;
}

/**
 * Reads the history file. Never throws: a missing file is a first run (empty, no warning);
 * an unreadable, corrupt, foreign or newer-version file gives an empty history and a
 * warning, because history only makes a run faster and must never make it fail.
 */
export function readHistory(path: string): ReadHistoryResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { history: emptyHistory(VERSION), mayOverwrite: true };
    return ignored(path, `cannot be read (${(error as Error).message})`, true);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return ignored(path, `is not JSON (${(error as Error).message})`, true);
  }
  const problem = notOurs(value);
  if (problem) return ignored(path, problem.what, problem.mayOverwrite);
  const parsed = HistorySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
    return ignored(path, `does not match the history schema at ${where}: ${issue.message}`, true);
  }
  return { history: parsed.data, mayOverwrite: true };
}

/**
 * Why a parsed value is not a history this version reads, if it is not: another tool's
 * file or a newer schema must not be overwritten; an older or broken one of ours may be.
 */
function notOurs(value: unknown): { what: string; mayOverwrite: boolean } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { what: 'is not a quality-gates history (not a JSON object)', mayOverwrite: false };
  }
  const record = value as { schemaVersion?: unknown; tool?: { name?: unknown; version?: unknown } | null };
  const tool = typeof record.tool === 'object' && record.tool !== null ? record.tool : {};
  if (tool.name !== 'quality-gates') {
    return {
      what: `is not a quality-gates history (tool.name is ${JSON.stringify(tool.name ?? null)})`,
      mayOverwrite: false,
    };
  }
  if (typeof record.schemaVersion === 'number' && record.schemaVersion > HISTORY_SCHEMA_VERSION) {
    const versions = `history schema version ${record.schemaVersion}; this one reads version ${HISTORY_SCHEMA_VERSION}`;
    const what = `was written by a newer quality-gates (${String(tool.version)}, ${versions})`;
    return { what, mayOverwrite: false };
  }
  if (record.schemaVersion !== HISTORY_SCHEMA_VERSION) {
    return {
      what: `has schemaVersion ${JSON.stringify(record.schemaVersion ?? null)}, expected ${HISTORY_SCHEMA_VERSION}`,
      mayOverwrite: true,
    };
  }
  return undefined;
}

function ignored(path: string, what: string, mayOverwrite: boolean): ReadHistoryResult {
  const then = mayOverwrite
    ? 'it is replaced when this run writes its history'
    : 'it is left as it is; point --history at another file to keep one';
  return {
    history: emptyHistory(VERSION),
    warning: `history file ${path} ${what} — ignoring it: this run plans without history (every module alone); ${then}`,
    mayOverwrite,
  };
}

/**
 * Writes the history atomically: to a temporary file in the same folder, then renamed over
 * the target, so a reader (or a cache action saving it) never sees half a file, and a run
 * killed mid-write leaves the old history intact. Creates the folder. Throws a
 * QualityGatesError naming the path when it cannot write.
 */
export function writeHistory(path: string, history: History): void {
  writeOutputFile(path, `${JSON.stringify(history, null, 2)}\n`, {
    what: 'history file',
    fix: 'check the path and its permissions, or pass --history none',
  });
}
