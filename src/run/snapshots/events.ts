import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { jsonLines } from '../../util/json-lines.js';

/** A snapshot the watch in a test process wrote or skipped, or one V8 wrote near the heap limit. */
export interface SnapshotEvent {
  kind: 'snapshot' | 'skipped' | 'near-heap-limit';
  /** When it was decided (the watch) or written (V8's near-limit file: its mtime), ms since the epoch. */
  t: number;
  /** The snapshot file (absolute); absent for a skip. */
  path?: string;
  /** The climb that asked for it: across files or inside one file; absent for V8's own. */
  series?: 'files' | 'tests';
  /** The test file that had run (absolute or relative), when the watch knew it. */
  file?: string;
  growthMB?: number;
  steps?: number;
  /** Why it was skipped. */
  reason?: string;
}

/** V8's name for a --heapsnapshot-near-heap-limit file: Heap.<date>.<time>.<pid>.<thread>.<seq>.heapsnapshot. */
const NEAR_LIMIT_FILE = /^Heap\.\d{8}\.\d{6}\.\d+\.\d+\.\d+\.heapsnapshot$/;
const RECORDS_FILE = /^records-\d+(?:-t\d+)?\.jsonl$/;

/**
 * Everything a process left in its snapshot folder, oldest first: the watch's records (one
 * JSON line per snapshot or skip; a torn last line is dropped) and V8's near-limit files.
 * A snapshot file the records name but that is gone (or empty) is left out. A missing folder is no events.
 */
export function readSnapshotEvents(dir: string): SnapshotEvent[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const events: SnapshotEvent[] = [];
  for (const name of names) {
    if (RECORDS_FILE.test(name)) events.push(...parseRecords(readFileSync(join(dir, name), 'utf8')));
    else if (NEAR_LIMIT_FILE.test(name)) {
      const stats = statSync(join(dir, name));
      if (stats.size > 0) events.push({ kind: 'near-heap-limit', t: stats.mtimeMs, path: join(dir, name) });
    }
  }
  return events.filter((event) => event.kind !== 'snapshot' || nonEmpty(event.path)).sort((a, b) => a.t - b.t);
}

/** The watch's JSON lines as events; unknown or torn lines are skipped. */
export function parseRecords(text: string): SnapshotEvent[] {
  const events: SnapshotEvent[] = [];
  for (const record of jsonLines(text)) {
    if ((record.type !== 'snapshot' && record.type !== 'skipped') || typeof record.t !== 'number') continue;
    events.push({
      kind: record.type,
      t: record.t,
      ...(typeof record.path === 'string' ? { path: record.path } : {}),
      ...(record.series === 'files' || record.series === 'tests' ? { series: record.series } : {}),
      ...(typeof record.file === 'string' ? { file: record.file } : {}),
      ...(typeof record.growthMB === 'number' ? { growthMB: record.growthMB } : {}),
      ...(typeof record.steps === 'number' ? { steps: record.steps } : {}),
      ...(typeof record.reason === 'string' ? { reason: record.reason } : {}),
    });
  }
  return events;
}

function nonEmpty(path: string | undefined): boolean {
  if (path === undefined) return false;
  try {
    return statSync(path).size > 0;
  } catch {
    return false;
  }
}
