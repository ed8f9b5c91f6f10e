'use strict';
// The heap a test process holds before its first test file, read after a full GC: the
// runner's own footprint. A module's retained heap (what stays for the modules after it in a
// packed process) is its last file's post-GC heap minus this base; without it a module of
// one file has no retained figure at all, and packing must assume its whole peak stays.
// jest (in band) asks from its reporter before the first file; vitest's pool workers get a
// one-shot hook, installed by the probe, on the moment vitest makes a file the worker's
// current task (`workerState.current = file` in onCollectStart, before the file or any
// setup file is imported). vitest's worker state has no own `current` until then, so that
// assignment reaches a setter on Object.prototype; the setter turns it back into the plain
// own property it would have been and removes itself at once. Installed only in vitest's
// pool workers (VITEST is set there, not in vitest's main process) and only with
// --expose-gc; outside that window nothing of it exists.
const { heapAfterGc, roundMB } = require('./heap-after-gc.cjs');

/** Post-GC used heap in MB (one decimal), or undefined when no GC can be forced. */
function heapBeforeFileMB() {
  const heap = heapAfterGc({ force: true });
  return heap.afterGc ? roundMB(heap.heapUsed) : undefined;
}

function isVitestFile(value) {
  return (
    value !== null &&
    typeof value === 'object' &&
    value.type === 'suite' &&
    typeof value.filepath === 'string' &&
    value.meta !== null &&
    typeof value.meta === 'object'
  );
}

/** In a vitest pool worker: marks the worker's first file with `meta.qualityGatesHeapBeforeMB`. */
function installVitestBaseHook(env, threadId) {
  const poolWorker = Boolean(env.VITEST) && (threadId !== 0 || Boolean(env.TINYPOOL_WORKER_ID));
  if (!poolWorker || typeof globalThis.gc !== 'function') return;
  if (Object.prototype.hasOwnProperty.call(Object.prototype, 'current')) return;
  const remove = () => {
    if (Object.getOwnPropertyDescriptor(Object.prototype, 'current')?.set === set) delete Object.prototype.current;
  };
  function set(value) {
    Object.defineProperty(this, 'current', { value, writable: true, enumerable: true, configurable: true });
    const file = isVitestFile(value);
    if (this !== globalThis.__vitest_worker__ && !file) return;
    remove();
    if (!file) return;
    const heap = heapBeforeFileMB();
    if (heap !== undefined) value.meta.qualityGatesHeapBeforeMB = heap;
  }
  Object.defineProperty(Object.prototype, 'current', {
    get: () => undefined,
    set,
    configurable: true,
    enumerable: false,
  });
}

module.exports = { heapBeforeFileMB, installVitestBaseHook };
