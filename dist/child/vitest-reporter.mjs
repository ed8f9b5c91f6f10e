// A vitest reporter that appends one JSON line per finished test file to the file named
// by QUALITY_GATES_RESULTS_FILE, as results arrive (a crashed run still leaves what it
// finished). It runs in vitest's main process, while the tests run in a pool worker: the
// heap after each file therefore comes from vitest's own per-file reading (--logHeapUsage),
// taken inside the worker, after a full GC (the probe's hook there, heap-after-gc.cjs). ESM because vitest loads custom reporters through its module
// runner, which only leaves .mjs files to Node untouched. Each record carries `t` (ms since
// the epoch): the parent cuts a packed process's memory timeline into modules by these times.
import { appendFileSync } from 'node:fs';
import common from './reporter-common.cjs';
import heapReadings from './heap-after-gc.cjs';

const { locateInStack, stripAnsi } = common;

/** The test file's line and column in an error, from vitest's parsed stacks or the raw stack. */
function locate(error, file) {
  const frame = (error.stacks || []).find((s) => s.file === file);
  if (frame) return { line: frame.line, column: frame.column };
  return locateInStack(error.stack, file);
}

function fullName(test) {
  const names = [];
  for (let node = test; node && node.type !== 'module'; node = node.parent) names.unshift(node.name);
  return names.join(' › ');
}

function describeError(error) {
  const text = stripAnsi(error.message || String(error));
  const diff = error.diff ? `\n${stripAnsi(error.diff)}` : '';
  return `${error.name && !text.startsWith(error.name) ? `${error.name}: ` : ''}${text}${diff}`;
}

export default class QualityGatesVitestReporter {
  // Read at every record: a long-lived vitest (vitest-server.mjs) switches it per work item.
  append(record) {
    const output = process.env.QUALITY_GATES_RESULTS_FILE;
    if (!output) return;
    appendFileSync(output, `${JSON.stringify(record)}\n`);
  }

  // The files of the run, before any runs: a packed process that dies mid-way tells the
  // parent exactly which modules had every file finished (vitest orders files itself).
  onTestRunStart(specifications) {
    this.started = new Set();
    this.append({ type: 'plan', files: (specifications || []).map((specification) => specification.moduleId) });
  }

  // A file starts when its worker takes it up, before it imports the file (onTestModuleQueued),
  // not once it is collected (onTestModuleStart): its imports are its own time. A module behind
  // another in a pack still imports its own code, so its window, its duration and the start-up
  // a pack saves (release to first file) must not count them as start-up: on date-fns that made
  // packs of 150 modules look three times shorter than they ran.
  onTestModuleQueued(testModule) {
    this.fileStarted(testModule.moduleId);
  }

  onTestModuleStart(testModule) {
    this.fileStarted(testModule.moduleId);
  }

  fileStarted(file) {
    this.started ??= new Set();
    if (this.started.has(file)) return;
    this.started.add(file);
    this.append({ type: 'start', file, t: Date.now() });
  }

  onTestModuleEnd(testModule) {
    const file = testModule.moduleId;
    const tests = { passed: 0, failed: 0, skipped: 0, todo: 0 };
    const failures = [];
    // Every test by name, for JUnit: names, status and time only (messages are in failures).
    const cases = [];
    for (const test of testModule.children.allTests()) {
      const result = test.result();
      const status =
        result.state === 'passed' || result.state === 'failed'
          ? result.state
          : test.options.mode === 'todo'
            ? 'todo'
            : 'skipped';
      tests[status] += 1;
      const testDiagnostic = typeof test.diagnostic === 'function' ? test.diagnostic() : undefined;
      cases.push({ name: fullName(test), status, durationMs: Math.max(0, Math.round(testDiagnostic?.duration || 0)) });
      if (result.state !== 'failed') continue;
      for (const error of result.errors || []) {
        failures.push({ name: fullName(test), message: describeError(error), file, ...locate(error, file) });
      }
    }
    const moduleErrors = testModule.errors();
    const error =
      moduleErrors.length > 0
        ? moduleErrors.map((e) => `${describeError(e)}\n${stripAnsi(e.stack || '')}`.trim()).join('\n\n')
        : undefined;
    const state = testModule.state();
    const status =
      error || tests.failed > 0 || state === 'failed' ? 'failed' : state === 'skipped' ? 'skipped' : 'passed';
    const diagnostic = typeof testModule.diagnostic === 'function' ? testModule.diagnostic() : {};
    const meta = typeof testModule.meta === 'function' ? testModule.meta() : {};
    this.append({
      type: 'suite',
      file,
      status,
      durationMs: Math.max(0, Math.round(diagnostic.duration || 0)),
      tests,
      failures,
      cases,
      // No figure for a file whose GC was skipped to keep its cost down (heap-after-gc.cjs).
      ...(typeof diagnostic.heap === 'number' && meta.qualityGatesHeapSkipped !== true
        ? { heapAfterMB: heapReadings.roundMB(diagnostic.heap), heapAfterGc: meta.qualityGatesHeapAfterGc === true }
        : {}),
      // The first file of a pool worker: the worker's heap before it (heap-before-file.cjs).
      heapBeforeMB: typeof meta.qualityGatesHeapBeforeMB === 'number' ? meta.qualityGatesHeapBeforeMB : undefined,
      error,
      t: Date.now(),
    });
  }
}
