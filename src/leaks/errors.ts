import { UsageError } from '../errors.js';

/**
 * A file that cannot be analysed as a V8 heap snapshot: missing, not JSON, JSON of another
 * shape, or cut short. The message names the file and what is wrong. Exit code 2.
 */
export class HeapSnapshotError extends UsageError {
  readonly path: string;
  constructor(path: string, problem: string, options?: { cause?: unknown }) {
    super(`${path}: ${problem}`, options);
    this.path = path;
  }
}
