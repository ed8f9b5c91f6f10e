'use strict';
// Heap snapshots from inside the test process (--heap-snapshots): when the post-GC heap keeps
// climbing across test files, or inside one file across its tests, write up to
// QUALITY_GATES_MAX_SNAPSHOTS V8 heap snapshots at rising levels into
// QUALITY_GATES_SNAPSHOT_DIR, each only when there is room for it (leak-rule.cjs decides).
// Without QUALITY_GATES_SNAPSHOT_DIR, or without `gc` in the process, `leakWatch()` is
// undefined and the callers do nothing more than that one check.
//
// Fed by the jest reporter (in band it runs in the tests' process: after each file, and after
// each test) and by the vitest hook in the pool worker (heap-after-gc.cjs: the file's end and
// each test's end). What happened goes to `records-<pid>[-t<thread>].jsonl` in the same
// folder, one JSON line per snapshot or skip, with `t` (ms since the epoch) so the parent can
// attribute it to the module of a packed process whose file was running.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const v8 = require('node:v8');
const { threadId } = require('node:worker_threads');
const { roundMB } = require('./heap-after-gc.cjs');
const { climbTracker, decide } = require('./leak-rule.cjs');

const MB = 1024 * 1024;
/** Between two in-file collections at least this many times the last one's duration passes (≤ 4 % of the time in GC). */
const GC_COST_RATIO = 25;
/** An in-file collection is only worth it once the raw heap is this far (bytes, or share) above the last post-GC reading. */
const IN_FILE_STEP_BYTES = 4 * MB;
const IN_FILE_STEP_SHARE = 0.05;

let watch;

/** The watch of this process or thread, created on first use; undefined when snapshots are off. */
function leakWatch() {
  if (watch !== undefined) return watch || undefined;
  const dir = process.env.QUALITY_GATES_SNAPSHOT_DIR;
  const collect = typeof globalThis.gc === 'function' ? globalThis.gc : undefined;
  watch = dir && collect ? createWatch(dir, Number(process.env.QUALITY_GATES_MAX_SNAPSHOTS) || 3, collect) : false;
  return watch || undefined;
}

function createWatch(dir, maxSnapshots, collect) {
  const suffix = threadId === 0 ? `${process.pid}` : `${process.pid}-t${threadId}`;
  const state = { taken: 0, lastSnapshotBytes: undefined, gaveUp: false };
  const files = climbTracker();
  let inFile = { file: undefined, climb: climbTracker() };
  let lastPostGc = 0;
  let gcReadyAt = 0;
  let fileReadings = 0;
  let filesClimb = { steps: 0 };

  const record = (entry) => {
    try {
      fs.appendFileSync(path.join(dir, `records-${suffix}.jsonl`), `${JSON.stringify(entry)}\n`);
    } catch {
      // The folder may be gone (the parent cleaned up): never disturb the tests.
    }
  };

  /** Acts on the decision after a post-GC reading of `series` ('files' or 'tests'). */
  const consider = (series, climb, usedBytes, file) => {
    const limitBytes = v8.getHeapStatistics().heap_size_limit;
    const decision = decide(
      series,
      climb,
      { usedBytes, limitBytes, availableBytes: os.freemem() },
      state,
      maxSnapshots,
    );
    if (decision.kind === 'none') return;
    const common = {
      t: Date.now(),
      pid: process.pid,
      threadId,
      series,
      file,
      heapMB: roundMB(usedBytes),
      heapLimitMB: roundMB(limitBytes),
      growthMB: roundMB(climb.growthBytes),
      steps: climb.steps,
    };
    if (decision.kind === 'skip') {
      state.gaveUp = true;
      record({ type: 'skipped', reason: decision.reason, ...common });
      return;
    }
    state.taken += 1;
    state.lastSnapshotBytes = usedBytes;
    const written = writeSnapshot(path.join(dir, `heap-${suffix}-${state.taken}.heapsnapshot`));
    if (written.error) state.gaveUp = true;
    record(
      written.error
        ? { type: 'skipped', reason: `the snapshot could not be written: ${written.error}`, ...common }
        : { type: 'snapshot', path: written.path, writeMs: written.writeMs, ...common },
    );
  };

  return {
    /** After a test file, with its post-GC heap (bytes). */
    afterFile(usedBytes, file) {
      lastPostGc = usedBytes;
      inFile = { file: undefined, climb: climbTracker() };
      fileReadings += 1;
      filesClimb = files.observe(usedBytes);
      consider('files', filesClimb, usedBytes, file);
    },
    /**
     * Whether the next file's heap must be read whatever it costs (heap-after-gc.cjs reads
     * only some files otherwise): the first two, and every file while the heap climbs across
     * files, so a climb is followed step by step and nothing is paid while nothing climbs.
     */
    wantsEveryFile() {
      return !state.gaveUp && state.taken < maxSnapshots && (fileReadings < 2 || filesClimb.steps >= 1);
    },
    /**
     * After a test of `file`: collects and reads only when the raw heap is already a step
     * above the last post-GC reading (else it cannot have grown) and the last collection's
     * cost allows one more, so a file of thousands of tests pays a few collections at most.
     */
    afterTest(file) {
      if (file !== inFile.file) inFile = { file, climb: climbTracker() };
      const raw = v8.getHeapStatistics().used_heap_size;
      if (raw < lastPostGc + Math.max(IN_FILE_STEP_BYTES, lastPostGc * IN_FILE_STEP_SHARE)) return;
      const started = performance.now();
      if (started < gcReadyAt) return;
      collect();
      const ended = performance.now();
      gcReadyAt = ended + GC_COST_RATIO * (ended - started);
      lastPostGc = v8.getHeapStatistics().used_heap_size;
      consider('tests', inFile.climb.observe(lastPostGc), lastPostGc, file);
    },
  };
}

/** Writes a heap snapshot (synchronous: the process stops meanwhile); `{ path, writeMs }` or `{ error }`. */
function writeSnapshot(target) {
  const started = Date.now();
  try {
    v8.writeHeapSnapshot(target);
    return { path: target, writeMs: Date.now() - started };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

module.exports = { leakWatch };
