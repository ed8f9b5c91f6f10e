'use strict';
// The heap after a test file, read right after a full garbage collection (as jest's own
// --logHeapUsage does with --expose-gc): without one, garbage the file left for the next
// collection looks like growth, and the heap trend cries wolf. Test processes get
// --expose-gc through NODE_OPTIONS (src/run/child-env.ts); without it (a user's own runner
// that strips NODE_OPTIONS) the reading is taken as it is and says so (`afterGc: false`).
// Loaded by the jest reporter (in band it lives in the process that ran the file) and by
// the probe, which installs the vitest hook in vitest's pool workers.

/** `{ heapUsed, afterGc }`: V8's used heap in bytes, after a full GC when one can be forced. */
function heapAfterGc() {
  const collect = typeof globalThis.gc === 'function' ? globalThis.gc : undefined;
  if (collect) collect();
  return { heapUsed: process.memoryUsage().heapUsed, afterGc: collect !== undefined };
}

/**
 * vitest reads a file's heap inside its pool worker, in the runner's onAfterRunSuite, with
 * `process.memoryUsage().heapUsed` (--logHeapUsage), and offers no hook there a reporter
 * could use. At that moment — and only in hooks of the file itself — the worker's current
 * task is the file (`__vitest_worker__.current`, a suite with a `filepath`): this wrapper
 * collects garbage first then and marks the file (`meta.qualityGatesHeapAfterGc`), so the
 * reporter in vitest's main process knows the figure is post-GC. Per-test readings (the
 * current task is a test) and every other process pass straight through. `observer` (the
 * --heap-snapshots watch, heap-snapshots.cjs; undefined when off) hears of each file's
 * post-GC heap and of each test's end.
 */
function installVitestHook(observer) {
  if (typeof globalThis.gc !== 'function' || process.memoryUsage.qualityGatesHook) return;
  const original = process.memoryUsage;
  const collect = globalThis.gc;
  const memoryUsage = function memoryUsage() {
    const current = globalThis.__vitest_worker__ && globalThis.__vitest_worker__.current;
    if (current && current.type === 'suite' && typeof current.filepath === 'string' && current.meta) {
      collect();
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

/** Bytes as MB with one decimal, the unit of every heap and RSS figure the reporters write. */
function roundMB(bytes) {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}

module.exports = { heapAfterGc, installVitestHook, roundMB };
