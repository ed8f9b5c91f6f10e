import { foldReportsIntoHistory } from '../report/history-fold.js';
import type { Report } from '../report/schema.js';
import { VERSION } from '../version.js';
import { readHistory, writeHistory } from './file.js';

/** What folding reports into a history file did: warnings to print, modules recorded. */
export interface FoldResult {
  warnings: string[];
  /** Modules recorded (0 when nothing ran or the file was left alone). */
  recorded: number;
}

/**
 * merge-reports' history step: reads `path`, folds the jobs' reports into it and writes it
 * back atomically. Never throws: history only makes later runs better, so an unreadable,
 * foreign or unwritable file is a warning and the merge goes on.
 */
export function foldReportsIntoHistoryFile(path: string, reports: readonly Report[]): FoldResult {
  const read = readHistory(path);
  const warnings = read.warning ? [read.warning] : [];
  if (!read.mayOverwrite) return { warnings, recorded: 0 };
  const next = foldReportsIntoHistory(read.history, reports, VERSION);
  // A module was recorded when its newest run is a new record (the fold copies the old ones as they are).
  // A module new in this fold has no entry in the old history.
  const before: Partial<typeof read.history.modules> = read.history.modules;
  const recorded = Object.keys(next.modules).filter(
    (name) => next.modules[name].at(-1) !== before[name]?.at(-1),
  ).length;
  if (recorded === 0) return { warnings, recorded: 0 };
  try {
    writeHistory(path, next);
  } catch (error) {
    warnings.push(`${(error as Error).message}; the merged report is written all the same`);
    return { warnings, recorded: 0 };
  }
  return { warnings, recorded };
}
