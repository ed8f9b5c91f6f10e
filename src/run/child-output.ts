import { readFileSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Failure, Suite, TestCase } from '../report/schema.js';
import { jsonLines } from '../util/json-lines.js';

const MB = 1024 * 1024;

/** What the child reporter wrote, as the parent reads it after the process ended. */
export interface ReporterRecords {
  /** Finished suites, in the order they finished; files relative to the project. */
  suites: Suite[];
  /** A suite that started and never finished (the process died in it), relative path. */
  runningSuite?: string;
  /** When each suite started and ended (ms since the epoch, from the reporter), by relative file. */
  timings: Map<string, SuiteTiming>;
  /** Every test file of the run, known before any ran (jest's pack sequencer, vitest's run start). */
  plannedFiles?: string[];
}

/** A suite's start and end as the child reporter stamped them; either may be missing (older records, a death). */
export interface SuiteTiming {
  startedAt?: number;
  endedAt?: number;
}

/** One probe sample of a timeline: ms since the epoch, heap and RSS in MB. */
export interface TimelineSample {
  t: number;
  heapMB: number;
  rssMB: number;
  /** The whole process tree's RSS, MB: only in the timeline of the run's top process (Linux). */
  treeRssMB?: number;
  /** The process's last sample, written at its exit: nothing of it is in memory after this. */
  exited?: true;
}

/** One process's memory peaks, as the probe left them. */
export interface ProbeReading {
  pid: number;
  heapLimit: number;
  peakHeap: number;
  peakRss: number;
  lastHeap: number;
  /** RSS at the last sample. */
  rss?: number;
  /** Peak summed RSS of the process tree (the run's top process only, Linux), bytes. */
  peakTreeRss?: number;
  /** Summed RSS of the process tree at the last tree sample (the run's top process only), bytes. */
  treeRss?: number;
}

/** The memory figures of one module's run. */
export interface MemoryFigures {
  peakHeapMB: number | null;
  heapLimitMB: number | null;
  peakRssMB: number | null;
  /** Peak summed RSS of every process of the run (the tree's), MB; null when unknown (no /proc). */
  peakTreeRssMB?: number | null;
  /** The process with the highest heap ended within 10% of its heap limit. */
  nearHeapLimit: boolean;
}

/** Path relative to the project, POSIX separators (as in the report). */
export function projectRelative(cwd: string, file: string): string {
  const rel = isAbsolute(file) ? relative(cwd, file) : file;
  return rel.split(sep).join('/');
}

/**
 * Parses the reporter's JSON lines. Tolerates a torn last line (the process may have died
 * mid-write) and unknown record types.
 */
export function parseReporterLines(text: string, cwd: string): ReporterRecords {
  const suites: Suite[] = [];
  const started: string[] = [];
  const timings = new Map<string, SuiteTiming>();
  let plannedFiles: string[] | undefined;
  const stamp = (file: string, key: keyof SuiteTiming, t: unknown) => {
    if (typeof t === 'number' && Number.isFinite(t)) timings.set(file, { ...timings.get(file), [key]: t });
  };
  for (const record of jsonLines(text)) {
    if (record.type === 'plan' && Array.isArray(record.files)) {
      plannedFiles = record.files
        .filter((file): file is string => typeof file === 'string')
        .map((file) => projectRelative(cwd, file));
    }
    if (typeof record.file !== 'string') continue;
    const file = projectRelative(cwd, record.file);
    if (record.type === 'start') {
      started.push(file);
      stamp(file, 'startedAt', record.t);
    }
    if (record.type === 'suite') {
      suites.push(toSuite(record, file, cwd));
      stamp(file, 'endedAt', record.t);
    }
  }
  const finished = new Set(suites.map((suite) => suite.file));
  const running = started.filter((file) => !finished.has(file));
  return { suites, runningSuite: running.at(-1), timings, ...(plannedFiles ? { plannedFiles } : {}) };
}

function toSuite(record: Record<string, unknown>, file: string, cwd: string): Suite {
  const tests = (record.tests ?? {}) as Record<string, unknown>;
  const count = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0);
  const failures = Array.isArray(record.failures)
    ? record.failures.map((failure) => toFailure(failure as Record<string, unknown>, cwd))
    : [];
  const status =
    record.status === 'failed' || record.status === 'skipped' || record.status === 'crashed' ? record.status : 'passed';
  return {
    file,
    status,
    durationMs: typeof record.durationMs === 'number' && record.durationMs >= 0 ? record.durationMs : 0,
    tests: {
      passed: count(tests.passed),
      failed: count(tests.failed),
      skipped: count(tests.skipped),
      todo: count(tests.todo),
    },
    failures,
    ...(Array.isArray(record.cases) ? { cases: record.cases.flatMap((entry) => toTestCase(entry)) } : {}),
    ...megabytes(record, 'heapAfterMB'),
    ...(typeof record.heapAfterMB === 'number' && typeof record.heapAfterGc === 'boolean'
      ? { heapAfterGc: record.heapAfterGc }
      : {}),
    ...megabytes(record, 'heapBeforeMB'),
    ...megabytes(record, 'rssBeforeMB'),
    ...(typeof record.error === 'string' && record.error !== '' ? { error: record.error } : {}),
  };
}

/** `{ [key]: value }` when the record holds a figure (a number ≥ 0) there, else nothing. */
function megabytes<K extends 'heapAfterMB' | 'heapBeforeMB' | 'rssBeforeMB'>(
  record: Record<string, unknown>,
  key: K,
): Partial<Record<K, number>> {
  const value = record[key];
  return typeof value === 'number' && value >= 0 ? ({ [key]: value } as Partial<Record<K, number>>) : {};
}

const CASE_STATUSES = new Set(['passed', 'failed', 'skipped', 'todo']);

/** One recorded test; anything malformed (a torn or foreign record) is left out. */
function toTestCase(entry: unknown): TestCase[] {
  if (typeof entry !== 'object' || entry === null) return [];
  const record = entry as Record<string, unknown>;
  if (typeof record.name !== 'string' || typeof record.status !== 'string' || !CASE_STATUSES.has(record.status))
    return [];
  const durationMs = typeof record.durationMs === 'number' && record.durationMs >= 0 ? record.durationMs : 0;
  return [{ name: record.name, status: record.status as TestCase['status'], durationMs }];
}

function toFailure(record: Record<string, unknown>, cwd: string): Failure {
  const positive = (value: unknown) =>
    typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
  const line = positive(record.line);
  const column = positive(record.column);
  return {
    name: typeof record.name === 'string' ? record.name : '(unnamed test)',
    message: typeof record.message === 'string' ? record.message : '',
    ...(typeof record.file === 'string' ? { file: projectRelative(cwd, record.file) } : {}),
    ...(line !== undefined ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
  };
}

/** Reads the reporter file (missing: the runner never got as far as a suite). */
export function readReporterFile(path: string, cwd: string): ReporterRecords {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { suites: [], timings: new Map() };
  }
  return parseReporterLines(text, cwd);
}

/** Reads every probe file of a module's run (one per Node process of the run). */
export function readProbeDir(dir: string): ProbeReading[] {
  const readings: ProbeReading[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return readings;
  }
  for (const name of names) {
    if (!/^probe-\d+(-t\d+)?\.json$/.test(name)) continue;
    try {
      const value = JSON.parse(readFileSync(join(dir, name), 'utf8')) as ProbeReading;
      if (typeof value.peakHeap === 'number' && typeof value.heapLimit === 'number') readings.push(value);
    } catch {
      // A probe killed between write and rename leaves only its .tmp: the file read is whole.
    }
  }
  return readings;
}

/**
 * Reads the probes' timelines (one per Node process or thread of the run). Lines that do
 * not parse (a torn last line of a process that died mid-write) are skipped.
 */
export function readTimelines(dir: string): TimelineSample[][] {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const timelines: TimelineSample[][] = [];
  for (const name of names.filter((entry) => /^timeline-\d+(-t\d+)?\.csv$/.test(entry)).sort()) {
    let text = '';
    try {
      text = readFileSync(join(dir, name), 'utf8');
    } catch {
      continue;
    }
    timelines.push(parseTimeline(text));
  }
  return timelines;
}

/**
 * Parses `t,heapMB,rssMB` lines, and `t,heapMB,rssMB,treeRssMB` (the run's top process); a
 * line that ends in `,x` is the process's last, written at its exit.
 */
export function parseTimeline(text: string): TimelineSample[] {
  const samples: TimelineSample[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(',');
    const exited = fields.length > 3 && fields[fields.length - 1] === 'x';
    if (exited) fields.pop();
    const [t, heapMB, rssMB, treeRssMB] = fields.map(Number);
    if (
      (fields.length !== 3 && fields.length !== 4) ||
      !Number.isFinite(t) ||
      !Number.isFinite(heapMB) ||
      !Number.isFinite(rssMB)
    )
      continue;
    if (fields.length === 4 && !Number.isFinite(treeRssMB)) continue;
    samples.push({
      t: t,
      heapMB: heapMB,
      rssMB: rssMB,
      ...(fields.length === 4 ? { treeRssMB: treeRssMB } : {}),
      ...(exited ? { exited: true } : {}),
    });
  }
  return samples;
}

/**
 * Memory figures of a run: the process with the highest heap peak is the one that ran the
 * tests (jest in band: the jest process; vitest: its pool worker). Its heap limit and RSS
 * peak are reported with it; the tree's peak RSS comes from the run's top process's probe.
 */
export function memoryFigures(readings: ProbeReading[]): MemoryFigures {
  if (readings.length === 0)
    return { peakHeapMB: null, heapLimitMB: null, peakRssMB: null, peakTreeRssMB: null, nearHeapLimit: false };
  const top = readings.reduce((best, reading) => (reading.peakHeap > best.peakHeap ? reading : best));
  const peakRss = Math.max(...readings.map((reading) => reading.peakRss));
  const trees = readings.flatMap((reading) => (typeof reading.peakTreeRss === 'number' ? [reading.peakTreeRss] : []));
  return {
    peakHeapMB: toMB(top.peakHeap),
    heapLimitMB: toMB(top.heapLimit),
    peakRssMB: toMB(peakRss),
    // The tree holds the test process: never below its own peak (the samples are apart in time).
    peakTreeRssMB: trees.length > 0 ? toMB(Math.max(peakRss, ...trees)) : null,
    nearHeapLimit: top.heapLimit > 0 && top.peakHeap >= top.heapLimit * 0.9,
  };
}

/** The RSS of a module's processes right now (their last samples added up), MB; null before any sample. */
export function currentRssMB(readings: ProbeReading[]): number | null {
  if (readings.length === 0) return null;
  return toMB(readings.reduce((sum, reading) => sum + (reading.rss ?? reading.peakRss), 0));
}

/** Bytes as MB with one decimal. */
export function toMB(bytes: number): number {
  return Math.round((bytes / MB) * 10) / 10;
}
