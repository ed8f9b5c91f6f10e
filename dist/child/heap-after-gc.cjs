'use strict';
// The heap after a test file, read right after a full garbage collection (as jest's own
// --logHeapUsage does with --expose-gc): without one, garbage the file left for the next
// collection looks like growth, and the heap trend cries wolf. Test processes get
// --expose-gc through NODE_OPTIONS (src/run/child-env.ts); without it (a user's own runner
// that strips NODE_OPTIONS) the reading is taken as it is and says so (`afterGc: false`).
// Loaded by the jest reporter (in band it lives in the process that ran the file) and by
// the probe, which installs the vitest hook in vitest's pool workers.
const fs = require('node:fs');
const { rises } = require('./leak-rule.cjs');

// A full GC costs time in proportion to the live heap (36 ms a file on date-fns's 240 MB,
// 46 % of its whole run when forced after every file). So a file's reading is forced only
// while the collections so far, plus one more like the last, stay within GC_SHARE of the
// time this process (or worker thread) has lived, or within GC_FLOOR_MS in all: the
// start-up's time is credit, so short runs still read every file, and a long run reads
// every few files. The other files get no
// heap figure rather than a raw one (garbage would look like growth); the parent
// interpolates between the readings (src/history/update.ts). The base before the first file
// and the process's last file are always read (`force`), and so is every file while the
// post-GC heap climbs (the last reading rose by more than the noise over the one before):
// that is when the per-file figures say something (a leak, the heap trend), and it stops
// as soon as a reading does not rise.
// QUALITY_GATES_GC_SHARE (0 < share ≤ 1; 1 reads every file) overrides the share.
const DEFAULT_GC_SHARE = 0.05;
const GC_FLOOR_MS = 100;
const gcShare = (() => {
  const given = Number(process.env.QUALITY_GATES_GC_SHARE);
  return Number.isFinite(given) && given > 0 ? Math.min(given, 1) : DEFAULT_GC_SHARE;
})();
const spent = { totalMs: 0, lastMs: 0 };
/** The last post-GC reading (bytes), and whether it rose over the one before by more than the noise (leak-rule.cjs). */
const readings = { last: undefined, climbing: false };
// The real one: the vitest hook below replaces process.memoryUsage, and calls this.
const memoryUsageOf = process.memoryUsage;
const usedHeap = () => memoryUsageOf.call(process).heapUsed;

/**
 * `{ heapUsed, afterGc, skipped? }`: V8's used heap in bytes, after a full GC when one can be
 * forced. `skipped`: the GC was not forced to keep within the share (heapUsed is then raw).
 */
function heapAfterGc(options) {
  const collect = typeof globalThis.gc === 'function' ? globalThis.gc : undefined;
  if (!collect) return { heapUsed: usedHeap(), afterGc: false };
  const now = performance.now();
  const force = (options && options.force) || gcShare >= 1 || readings.climbing;
  if (!force && spent.totalMs + spent.lastMs > Math.max(GC_FLOOR_MS, gcShare * now)) {
    return { heapUsed: usedHeap(), afterGc: false, skipped: true };
  }
  collect();
  const ms = performance.now() - now;
  spent.totalMs += ms;
  spent.lastMs = ms;
  const heapUsed = usedHeap();
  const previous = readings.last;
  readings.climbing = previous !== undefined && rises(previous, heapUsed);
  readings.last = heapUsed;
  return { heapUsed, afterGc: true };
}

/**
 * vitest reads a file's heap inside its pool worker, in the runner's onAfterRunSuite, with
 * `process.memoryUsage().heapUsed` (--logHeapUsage), and offers no hook there a reporter
 * could use. At that moment — and only in hooks of the file itself — the worker's current
 * task is the file (`__vitest_worker__.current`, a suite with a `filepath`): this wrapper
 * collects garbage first then (within the share; always after the worker's last file) and
 * marks the file (`meta.qualityGatesHeapAfterGc`), so the reporter in vitest's main process
 * knows the figure is post-GC, or `meta.qualityGatesHeapSkipped` when it is not one. Per-test readings (the
 * current task is a test) and every other process pass straight through. `observer` (the
 * --heap-snapshots watch, heap-snapshots.cjs; undefined when off) hears of each file's
 * post-GC heap and of each test's end.
 */
function installVitestHook(observer) {
  if (typeof globalThis.gc !== 'function' || process.memoryUsage.qualityGatesHook) return;
  const original = process.memoryUsage;
  const memoryUsage = function memoryUsage() {
    const current = globalThis.__vitest_worker__ && globalThis.__vitest_worker__.current;
    if (current && current.type === 'suite' && typeof current.filepath === 'string' && current.meta) {
      const heap = heapAfterGc({
        force: vitestLastFile(current.filepath) || (observer !== undefined && observer.wantsEveryFile()),
      });
      if (heap.skipped) {
        current.meta.qualityGatesHeapSkipped = true;
        return original.call(process);
      }
      current.meta.qualityGatesHeapAfterGc = true;
      const usage = original.call(process);
      if (observer) observer.afterFile(usage.heapUsed, current.filepath);
      return usage;
    }
    if (observer && current && current.type === 'test' && current.file) observer.afterTest(current.file.filepath);
    return original.call(process);
  };
  memoryUsage.rss = original.rss;
  memoryUsage.qualityGatesHook = true;
  process.memoryUsage = memoryUsage;
}

/**
 * Whether the file that just ended is the last of this vitest run: always read, so the run's
 * last module has the end of its span. vitest hands a worker one file per call (isolate or
 * not), so the worker cannot tell; the run's file count comes from the `plan` record our
 * reporter (vitest-reporter.mjs, in vitest's main process) writes to QUALITY_GATES_RESULTS_FILE
 * before any worker starts, and this worker counts the files it ends. With
 * --no-file-parallelism one worker runs them all. Without a plan every file counts as last.
 */
const vitestFiles = { total: undefined, ended: 0, previous: undefined };
function vitestLastFile(filepath) {
  // A file's own hooks may read memory too while it is the current task: count it once.
  if (filepath !== vitestFiles.previous) vitestFiles.ended += 1;
  vitestFiles.previous = filepath;
  if (vitestFiles.total === undefined) vitestFiles.total = plannedFileCount(currentResultsFile());
  return vitestFiles.total === null || vitestFiles.ended >= vitestFiles.total;
}

/**
 * The results file of the run this worker serves. A long-lived vitest (vitest-server.mjs)
 * runs many, and its workers' environment is fixed when its pool starts: it names the current
 * one in the file QUALITY_GATES_RESULTS_POINTER names, before each run. Read at the worker's
 * first file end, after its run began (a worker started at the end of the run before serves
 * the next one).
 */
function currentResultsFile() {
  const pointer = process.env.QUALITY_GATES_RESULTS_POINTER;
  if (pointer) {
    try {
      return fs.readFileSync(pointer, 'utf8').trim() || undefined;
    } catch {
      return undefined;
    }
  }
  return process.env.QUALITY_GATES_RESULTS_FILE;
}

/** The number of files the reporter's `plan` record lists, or null when there is none. */
function plannedFileCount(resultsFile) {
  if (!resultsFile) return null;
  try {
    for (const line of fs.readFileSync(resultsFile, 'utf8').split('\n')) {
      if (!line.startsWith('{"type":"plan"')) continue;
      const record = JSON.parse(line);
      return Array.isArray(record.files) ? record.files.length : null;
    }
  } catch {
    // Unreadable: read every file, as before there was a share.
  }
  return null;
}

/** Bytes as MB with one decimal, the unit of every heap and RSS figure the reporters write. */
function roundMB(bytes) {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}

module.exports = { heapAfterGc, installVitestHook, roundMB };
