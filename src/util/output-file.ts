import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ExitCode, QualityGatesError } from '../errors.js';

/** How a failure names the file and what to do: `the history file …`, `— … or pass --history none`. */
export interface OutputFileWording {
  /** What the file is, for the message. */
  what?: string;
  /** How to fix it (default: check the path and its permissions). */
  fix?: string;
}

/**
 * Writes an output file (report, JUnit, summary, workflow, history): creates its folder,
 * writes a temp file beside it and renames it into place, so a reader (an upload step, a
 * merge job, a cache action, a killed run) sees the old file or the new one, never half of
 * one. A failure (exit 1) names the path and what to check.
 */
export function writeOutputFile(path: string, text: string, wording: OutputFileWording = {}): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // The folder itself is the problem (a file in its place): there is no temp file.
    }
    const what = wording.what ? `the ${wording.what} ` : '';
    const fix = wording.fix ?? 'check the path and its permissions';
    throw new QualityGatesError(`cannot write ${what}${path}: ${(error as Error).message} — ${fix}`, ExitCode.Failed, {
      cause: error,
    });
  }
}
