import { z } from 'zod';

/**
 * The history file: what each module cost in its recent runs, so the next run can pack
 * small modules into one process, order work longest first and keep parallel slots within
 * the memory budget. Written by `quality-gates run` after the batch, read before it.
 *
 * The default path is `.quality-gates/history.json` under the repository root
 * ({@link defaultHistoryPath}); the run exposes `--history FILE`, `--history none` and the
 * config key `history:`. In CI the cache action carries it from the default branch to pull
 * requests. A missing file is a first run; a corrupt or foreign one is a warning.
 */

export const HISTORY_SCHEMA_VERSION = 1;

/** How many recent runs are kept per module unless the caller says otherwise. */
export const DEFAULT_HISTORY_WINDOW = 10;

/** Statuses worth remembering: a skipped module did not run, so it taught nothing. */
export const RecordedStatusSchema = z.enum(['passed', 'failed', 'crashed', 'timeout']);
export type RecordedStatus = z.infer<typeof RecordedStatusSchema>;

/**
 * The process a module ran in, as the run saw it. Needed to turn figures measured in a
 * pack, or in a machine shared by parallel slots, back into what the module costs alone.
 */
export const ProcessContextSchema = z.object({
  /** How many modules that test process ran (1: alone). */
  modules: z.number().int().positive(),
  /** This module's place in that process, 0-based: 0 paid the process's start-up. */
  position: z.number().int().nonnegative(),
  /** How many slots the run had in parallel (1: no other test process competed for the machine). */
  slots: z.number().int().positive(),
  /**
   * CPU cores the machine offered that run, when the recorder knew them: with more slots
   * than cores the processes shared the CPUs and measured slower than alone
   * (see src/history/contention.ts). Absent in records written before it was recorded.
   */
  cores: z.number().int().positive().optional(),
  /**
   * Heap the earlier modules of the same process still held when this one started, MB
   * (their retained heap added up); 0 for the first. Null when an earlier module's
   * retained heap is unknown: this run's heap figures then say nothing about the module alone.
   */
  inheritedHeapMB: z.number().nonnegative().nullable(),
  /**
   * RSS of the process when it was ready to run its first file, MB (jest in band reports it):
   * what a process started early and held at its gate costs. Only on the first module of a
   * process; absent when unknown.
   */
  bootRssMB: z.number().nonnegative().optional(),
  /**
   * What this module's first file kept beyond what each later file of it kept, MB: the part
   * of its retained heap any file would have loaded once per process (the runner's caches, a
   * shared library). Only on the first module of a process with a base and two or more files
   * read; absent when unknown.
   */
  loadedOnceMB: z.number().nonnegative().optional(),
});
export type ProcessContext = z.infer<typeof ProcessContextSchema>;

/** One run of one module. Figures are as measured; estimates() normalises them. */
export const RunRecordSchema = z.object({
  /** When the run that measured it was recorded (ISO 8601). */
  recordedAt: z.string(),
  runner: z.enum(['jest', 'vitest']),
  status: RecordedStatusSchema,
  /** The module's wall time in its process (the first of a pack includes the start-up). */
  durationMs: z.number().nonnegative(),
  /**
   * The process's start-up cost: the first module's wall time minus its suites' durations
   * (what packing a module behind another saves). Null when no suite finished.
   */
  startupMs: z.number().nonnegative().nullable(),
  /** Suites that finished (or died running). */
  suiteCount: z.number().int().nonnegative(),
  /** Peak V8 used heap while the module ran, MB, as measured (includes inherited heap). */
  peakHeapMB: z.number().nonnegative().nullable(),
  /**
   * Heap the module left behind: heap after its last suite minus the heap it started from
   * (the process's heap before its first file, or the previous module's last suite in a
   * pack); without either, the growth from its first to its last suite scaled to all its
   * suites. Null with too few figures.
   */
  retainedHeapMB: z.number().nonnegative().nullable(),
  /** Peak RSS while the module ran, MB, as measured (includes inherited heap). */
  peakRssMB: z.number().nonnegative().nullable(),
  /** V8 heap limit of the process, MB. */
  heapLimitMB: z.number().nonnegative().nullable(),
  process: ProcessContextSchema,
});
export type RunRecord = z.infer<typeof RunRecordSchema>;

/** The whole file. `modules` maps a module name to its recent runs, oldest first. */
export const HistorySchema = z.object({
  schemaVersion: z.literal(HISTORY_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('quality-gates'), version: z.string() }),
  /** When the file was last updated (ISO 8601). */
  updatedAt: z.string(),
  modules: z.record(z.string(), z.array(RunRecordSchema)),
});
export type History = z.infer<typeof HistorySchema>;

/** A history with nothing in it: the first run. */
export function emptyHistory(toolVersion: string, now: Date = new Date(0)): History {
  return {
    schemaVersion: HISTORY_SCHEMA_VERSION,
    tool: { name: 'quality-gates', version: toolVersion },
    updatedAt: now.toISOString(),
    modules: {},
  };
}
