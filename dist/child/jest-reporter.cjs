'use strict';
// A jest reporter that appends one JSON line per finished test file to the file named by
// QUALITY_GATES_RESULTS_FILE, as results arrive: a run that dies of OOM still leaves what
// it finished (jest's --json output is only written at the very end). With --runInBand the
// reporter lives in the process that runs the tests, so its heap reading is the tests' heap
// (taken after a full GC: heap-after-gc.cjs).
// Each record carries `t` (ms since the epoch): the parent cuts a packed process's memory
// timeline into its modules by these times.
const fs = require('node:fs');
const { heapAfterGc, roundMB } = require('./heap-after-gc.cjs');
const { heapBeforeFileMB } = require('./heap-before-file.cjs');
const { leakWatch } = require('./heap-snapshots.cjs');
const { locateInStack, stripAnsi } = require('./reporter-common.cjs');

/** Drops stack frames inside node_modules and Node internals: they say nothing about the test. */
function trimStack(text) {
  return text
    .split('\n')
    .filter((line) => !/^\s+at .*(node_modules[\\/]|node:internal|<anonymous>)/.test(line))
    .join('\n');
}

class QualityGatesJestReporter {
  constructor() {
    this.output = process.env.QUALITY_GATES_RESULTS_FILE;
    // --heap-snapshots: in band the tests run here, so their heap is watched from here too.
    // Only then does jest get a per-test hook (it calls the methods a reporter has).
    this.leakWatch = leakWatch();
    if (this.leakWatch) this.onTestCaseResult = (test) => this.leakWatch.afterTest(test.path);
  }

  append(record) {
    if (!this.output) return;
    fs.appendFileSync(this.output, `${JSON.stringify(record)}\n`);
  }

  onRunStart(results) {
    this.totalFiles = results && typeof results.numTotalTestSuites === 'number' ? results.numTotalTestSuites : 0;
    this.doneFiles = 0;
  }

  onTestFileStart(test) {
    // In band the first file starts in this very process: its heap and RSS now are jest's own
    // footprint (the RSS is also what a process booted early and held at its gate costs).
    if (this.heapBeforeMB === undefined) {
      this.heapBeforeMB = heapBeforeFileMB() ?? null;
      this.rssBeforeMB = roundMB(process.memoryUsage.rss());
    }
    this.append({ type: 'start', file: test.path, pid: process.pid, t: Date.now() });
  }

  onTestFileResult(test, result) {
    const failures = [];
    // Every test by name, for JUnit: names, status and time only (messages are in failures).
    const cases = [];
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    let todo = 0;
    for (const assertion of result.testResults || []) {
      if (assertion.status === 'passed') passed += 1;
      else if (assertion.status === 'failed') failed += 1;
      else if (assertion.status === 'todo') todo += 1;
      else skipped += 1;
      const name = [...(assertion.ancestorTitles || []), assertion.title].join(' › ');
      const caseStatus =
        assertion.status === 'passed' || assertion.status === 'failed' || assertion.status === 'todo'
          ? assertion.status
          : 'skipped';
      cases.push({ name, status: caseStatus, durationMs: Math.max(0, Math.round(assertion.duration || 0)) });
      if (assertion.status !== 'failed') continue;
      const raw = stripAnsi((assertion.failureMessages || []).join('\n'));
      const message = trimStack(raw);
      failures.push({
        name,
        message,
        file: result.testFilePath,
        ...locateInStack(raw, result.testFilePath),
      });
    }
    const error = result.testExecError
      ? stripAnsi(result.failureMessage || result.testExecError.message || String(result.testExecError))
      : undefined;
    const status =
      error || failed > 0
        ? 'failed'
        : result.skipped || (passed === 0 && todo === 0 && skipped > 0)
          ? 'skipped'
          : 'passed';
    const perf = result.perfStats || {};
    // After the file's environment is torn down: what it still holds is what it retained.
    // Always after the process's last file: the end of its last module's span.
    this.doneFiles = (this.doneFiles ?? 0) + 1;
    const heap = heapAfterGc({
      force: !(this.totalFiles > this.doneFiles) || (this.leakWatch !== undefined && this.leakWatch.wantsEveryFile()),
    });
    if (this.leakWatch && heap.afterGc) this.leakWatch.afterFile(heap.heapUsed, result.testFilePath);
    const first = this.firstFile === undefined;
    this.append({
      type: 'suite',
      file: result.testFilePath,
      status,
      durationMs: Math.max(0, perf.runtime || (perf.end && perf.start ? perf.end - perf.start : 0)),
      tests: { passed, failed, skipped, todo },
      failures,
      cases,
      // No figure for a file whose GC was skipped to keep its cost down (heap-after-gc.cjs).
      ...(heap.skipped ? {} : { heapAfterMB: roundMB(heap.heapUsed), heapAfterGc: heap.afterGc }),
      ...(first && typeof this.heapBeforeMB === 'number' ? { heapBeforeMB: this.heapBeforeMB } : {}),
      ...(first && typeof this.rssBeforeMB === 'number' ? { rssBeforeMB: this.rssBeforeMB } : {}),
      error,
      pid: process.pid,
      t: Date.now(),
    });
    this.firstFile = result.testFilePath;
  }

  getLastError() {
    return undefined;
  }
}

module.exports = QualityGatesJestReporter;
