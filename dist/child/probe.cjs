'use strict';
// Memory probe, preloaded with `node --require` (through NODE_OPTIONS) into every Node
// process of a module's test run. It samples the heap on a timer and keeps the peaks in a
// small JSON file per process, rewritten atomically: V8 aborts on out-of-memory without
// running exit handlers, so whatever the last sample saw is what the parent gets.
// Beside it, a timeline (`timeline-<pid>[-t<thread>].csv`, lines `t,heapMB,rssMB`, t in ms
// since the epoch) is appended whenever heap or RSS moved by more than the threshold, or
// at least every heartbeat, and once at the exit (that line ends in `,x`): the parent attributes memory to the modules of a packed process
// by the time windows of their suites. Bounded: every TIMELINE_STEP lines the threshold and
// the heartbeat double, so a long run writes a few hundred KB at most.
// The probe of the run's top process (the process group leader) also sums the RSS of the
// whole process tree (process-tree.cjs) at most every QUALITY_GATES_TREE_INTERVAL_MS: its
// JSON carries `peakTreeRss`, its timeline lines a fourth column, treeRssMB.
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');
const { threadId } = require('node:worker_threads');
const { installVitestHook } = require('./heap-after-gc.cjs');
const { installVitestBaseHook } = require('./heap-before-file.cjs');
const { leakWatch } = require('./heap-snapshots.cjs');
const { leadsProcessGroup, treeRss } = require('./process-tree.cjs');

// vitest's heap after each file is read in its pool worker: make it a post-GC figure (and,
// with --heap-snapshots, let the watch see it).
installVitestHook(leakWatch());
// …and the worker's heap before its first file, the base of what that file's module retains.
installVitestBaseHook(process.env, threadId);

const MB = 1 << 20;
const TIMELINE_STEP = 5000;

/** Appends timeline lines when memory moved or the heartbeat is due; thins out as it grows. */
function timelineWriter(file) {
  const timeline = {
    lines: 0,
    thresholdBytes: MB,
    heartbeatMs: Number(process.env.QUALITY_GATES_PROBE_HEARTBEAT_MS) || 1000,
    at: 0,
    heap: -Infinity,
    rss: -Infinity,
    tree: -Infinity,
  };
  return (heap, rss, tree, force = false) => {
    const now = Date.now();
    const moved = (a, b) => Math.abs(a - b) > timeline.thresholdBytes;
    const changed =
      moved(heap, timeline.heap) || moved(rss, timeline.rss) || (tree !== undefined && moved(tree, timeline.tree));
    if (!changed && !force && now - timeline.at < timeline.heartbeatMs) return;
    const treeColumn = tree !== undefined ? `,${(tree / MB).toFixed(1)}` : '';
    // The line written at the exit ends in `,x`: the process is gone after it.
    const exitColumn = force ? ',x' : '';
    fs.appendFileSync(file, `${now},${(heap / MB).toFixed(1)},${(rss / MB).toFixed(1)}${treeColumn}${exitColumn}\n`);
    Object.assign(timeline, { at: now, heap, rss, tree: tree ?? -Infinity, lines: timeline.lines + 1 });
    if (timeline.lines % TIMELINE_STEP === 0) {
      timeline.thresholdBytes *= 2;
      timeline.heartbeatMs *= 2;
    }
  };
}

/** The tree's RSS when this process leads the run and the tree interval has passed, else the last figure. */
function treeSampler() {
  if (threadId !== 0 || !leadsProcessGroup()) return () => undefined;
  const intervalMs = Number(process.env.QUALITY_GATES_TREE_INTERVAL_MS) || 250;
  let last = { at: 0, rss: undefined };
  return () => {
    const now = Date.now();
    if (now - last.at >= intervalMs) last = { at: now, rss: treeRss(process.pid) };
    return last.rss;
  };
}

function startProbe(dir) {
  // Preloads also run in worker threads (vitest's threads pool), each with its own heap.
  const suffix = threadId === 0 ? `${process.pid}` : `${process.pid}-t${threadId}`;
  const file = path.join(dir, `probe-${suffix}.json`);
  const tmp = `${file}.tmp`;
  const intervalMs = Number(process.env.QUALITY_GATES_PROBE_INTERVAL_MS) || 100;
  const heapLimit = v8.getHeapStatistics().heap_size_limit;
  const state = {
    pid: process.pid,
    threadId,
    argv: process.argv.slice(1, 3),
    heapLimit,
    peakHeap: 0,
    peakRss: 0,
    lastHeap: 0,
    rss: 0,
    samples: 0,
  };
  let written = { lastHeap: -Infinity, rss: -Infinity, peakHeap: 0, peakRss: 0, peakTreeRss: 0 };
  const recordTimeline = timelineWriter(path.join(dir, `timeline-${suffix}.csv`));
  const sampleTree = treeSampler();
  // `atExit`: the last line is written whatever moved, so the timeline shows when the process ended
  // (a long-lived vitest's items each take the processes that lived during them: see server-window.ts).
  const sample = (atExit = false) => {
    try {
      const heap = v8.getHeapStatistics().used_heap_size;
      const rss = process.memoryUsage.rss();
      const tree = sampleTree();
      Object.assign(state, { lastHeap: heap, rss, samples: state.samples + 1 });
      if (heap > state.peakHeap) state.peakHeap = heap;
      if (rss > state.peakRss) state.peakRss = rss;
      if (tree !== undefined)
        Object.assign(state, { treeRss: tree, peakTreeRss: Math.max(state.peakTreeRss ?? 0, tree) });
      recordTimeline(heap, rss, tree, atExit);
      // Writing costs a syscall pair: only when a peak moved or heap or RSS changed by > 1 MB.
      const moved =
        state.peakHeap !== written.peakHeap ||
        state.peakRss !== written.peakRss ||
        (state.peakTreeRss ?? 0) !== written.peakTreeRss ||
        Math.abs(heap - written.lastHeap) > MB ||
        Math.abs(rss - written.rss) > MB;
      if (!moved) return;
      fs.writeFileSync(tmp, JSON.stringify(state));
      fs.renameSync(tmp, file);
      written = {
        lastHeap: heap,
        rss,
        peakHeap: state.peakHeap,
        peakRss: state.peakRss,
        peakTreeRss: state.peakTreeRss ?? 0,
      };
    } catch {
      // The directory may already be gone (parent cleaned up): never disturb the tests.
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  process.on('exit', () => sample(true));
}

const dir = process.env.QUALITY_GATES_PROBE_DIR;
if (dir) startProbe(dir);
