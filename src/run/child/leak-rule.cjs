'use strict';
// When a test process writes a heap snapshot (--heap-snapshots): pure decisions over post-GC
// heap readings, no I/O. The rule is documented in README.md ("Heap snapshots"); it is the
// spirit of src/report/heap-trend.ts, made to decide while the tests still run.
//
// A series is one run of post-GC readings in one process (or worker thread): the heap after
// each test file ("files"), or inside one file the heap sampled between its tests ("tests").
// A step rises when the heap grew by more than the noise, falls when it shrank by more; a
// fall starts the climb afresh from there, a flat step neither counts nor breaks it.

const MB = 1024 * 1024;

/** The thresholds; README.md documents these values. */
const RULE = {
  /** A step smaller than this (bytes), or than NOISE_SHARE of the heap, is noise. */
  noiseBytes: MB,
  noiseShare: 0.01,
  /**
   * Rising steps in the current climb before a snapshot is worth it: across files, or across
   * the samples inside one file (fewer: they are far apart, each one many tests, their cost
   * keeps them so).
   */
  minRisingSteps: { files: 3, tests: 2 },
  /** Growth of the current climb (bytes) before a snapshot is worth it. */
  minGrowthBytes: 20 * MB,
  /** A later snapshot only once the heap rose this much (bytes, or this share) above the previous one. */
  nextSnapshotBytes: 10 * MB,
  nextSnapshotShare: 0.1,
  /** Room: 2 × heap + this margin (bytes, or this share of the limit) must fit under the heap limit… */
  marginBytes: 64 * MB,
  marginShare: 0.1,
  /**
   * …and this many times the heap + the margin into the machine's available memory: the
   * snapshot's graph is built outside the JS heap, and writing one peaked at ~9 × the heap
   * in RSS on heaps of small objects (bench:leaks), the heap itself included.
   */
  nativeFactor: 8,
};

/** A climb tracker over one series: `observe(bytes)` → the climb so far `{ steps, growthBytes, baseBytes }`. */
function climbTracker() {
  let previous;
  let base;
  let steps = 0;
  return {
    observe(bytes) {
      if (previous === undefined) {
        previous = base = bytes;
        return { steps, growthBytes: 0, baseBytes: base };
      }
      if (rises(previous, bytes)) steps += 1;
      else if (bytes < previous - noise(previous)) {
        base = bytes;
        steps = 0;
      }
      previous = bytes;
      return { steps, growthBytes: bytes - base, baseBytes: base };
    },
  };
}

/** What a step from `previousBytes` must pass to be more than noise, bytes. */
function noise(previousBytes) {
  return Math.max(RULE.noiseBytes, previousBytes * RULE.noiseShare);
}

/** Whether a post-GC reading rose above the one before by more than the noise. */
function rises(previousBytes, bytes) {
  return bytes > previousBytes + noise(previousBytes);
}

/** Whether a climb of `series` ('files' or 'tests') is a leak worth a snapshot. */
function isClimbing(series, climb) {
  return climb.steps >= RULE.minRisingSteps[series] && climb.growthBytes >= RULE.minGrowthBytes;
}

/** Whether the heap rose enough above the last snapshot (none yet: any level will do). */
function risenSinceSnapshot(bytes, lastSnapshotBytes) {
  if (lastSnapshotBytes === undefined) return true;
  const margin = Math.max(RULE.nextSnapshotBytes, lastSnapshotBytes * RULE.nextSnapshotShare);
  return bytes >= lastSnapshotBytes + margin;
}

/**
 * Whether a snapshot fits: 2 × used plus a margin must stay under the heap limit, and
 * NATIVE_FACTOR × used plus the margin must fit in the machine's available memory (the
 * snapshot's graph is built outside the JS heap). Returns undefined when there is room,
 * else the reason in words.
 */
function noRoom(usedBytes, limitBytes, availableBytes) {
  const margin = Math.max(RULE.marginBytes, limitBytes * RULE.marginShare);
  const mb = (bytes) => `${Math.round(bytes / MB)} MB`;
  if (2 * usedBytes + margin > limitBytes)
    return `no room: heap ${mb(usedBytes)} × 2 + ${mb(margin)} margin exceeds the heap limit ${mb(limitBytes)}`;
  if (availableBytes !== undefined && RULE.nativeFactor * usedBytes + margin > availableBytes)
    return `no room: heap ${mb(usedBytes)} × ${RULE.nativeFactor} + ${mb(margin)} margin exceeds the machine's available memory ${mb(availableBytes)}`;
  return undefined;
}

/**
 * The decision after one post-GC reading of `series`: `{ kind: 'none' }`, or
 * `{ kind: 'snapshot' | 'skip', climb, reason? }`. `state` is `{ taken, lastSnapshotBytes,
 * gaveUp }`: snapshots taken so far, the heap at the last one, and whether a skip ended the
 * hunt (the heap only grows from there: once there is no room there will be none).
 */
function decide(series, climb, reading, state, maxSnapshots) {
  if (state.gaveUp || state.taken >= maxSnapshots || !isClimbing(series, climb)) return { kind: 'none' };
  if (!risenSinceSnapshot(reading.usedBytes, state.lastSnapshotBytes)) return { kind: 'none' };
  const reason = noRoom(reading.usedBytes, reading.limitBytes, reading.availableBytes);
  return reason ? { kind: 'skip', climb, reason } : { kind: 'snapshot', climb };
}

module.exports = { RULE, climbTracker, rises, isClimbing, risenSinceSnapshot, noRoom, decide };
