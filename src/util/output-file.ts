import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ExitCode, QualityGatesError } from '../errors.js';

/**
 * Writes an output file (report, JUnit, summary, workflow): creates its folder, writes a
 * temp file beside it and renames it into place, so a reader (an upload step, a merge job,
 * a killed run) sees the old file or the new one, never half of one. A failure names the
 * path and what to check.
 */
export function writeOutputFile(path: string, text: string): void {
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
    throw new QualityGatesError(`cannot write ${path}: ${(error as Error).message} — check the path and its permissions`, ExitCode.Failed, { cause: error });
  }
}
