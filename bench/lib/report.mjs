// Reading a quality-gates report JSON and history file for the benchmarks: outcome counts,
// how many test processes and slots the run used, and where its time went.
import { readFileSync } from 'node:fs';
import { median } from './measure.mjs';

/** The parsed report, or undefined when it is missing or unreadable. */
export function readReport(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Counts of one report: modules by outcome, tests (passed/failed/skipped/todo) summed over
 * the modules, the test processes and slots it used (modules[].process and .slot, when the
 * CLI writes them; without them every module was its own process in one slot).
 */
export function reportCounts(report) {
  const modules = report.modules ?? [];
  const tests = { passed: 0, failed: 0, skipped: 0, todo: 0 };
  for (const module of modules) for (const key of Object.keys(tests)) tests[key] += module.tests?.[key] ?? 0;
  const ran = modules.filter((m) => m.status !== 'skipped');
  const processes = new Set(ran.map((m, index) => (m.process === undefined ? `alone-${index}` : String(m.process))))
    .size;
  const slots = new Set(ran.map((m) => m.slot ?? 1)).size;
  return {
    modules: modules.length,
    modulesPassed: modules.filter((m) => m.status === 'passed').length,
    statuses: countBy(modules.map((m) => m.status)),
    tests,
    processes,
    slots,
    // vitest: the long-lived vitest processes that ran the items (absent: a process per item).
    vitestServers: report.schedule?.vitestServers,
  };
}

/** `7 test processes`, or `7 work items (2 vitest processes)` when long-lived vitests ran them. */
export function processText(counts) {
  return counts.vitestServers !== undefined
    ? `${counts.processes} work items (${counts.vitestServers} vitest process${counts.vitestServers === 1 ? '' : 'es'})`
    : `${counts.processes} test processes`;
}

function countBy(values) {
  const counts = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/**
 * Where a run's time went, from its report: the sum of the modules' wall times in their
 * processes, the sum of their suites' own durations, and the rest (start-up of each test
 * process, module boundaries, transform and collection outside the suites' clocks).
 */
export function timeSplit(report) {
  const modules = (report.modules ?? []).filter((m) => m.status !== 'skipped');
  const moduleMs = modules.reduce((sum, m) => sum + (m.durationMs ?? 0), 0);
  const suiteMs = modules.reduce(
    (sum, m) => sum + (m.suites ?? []).reduce((s, suite) => s + (suite.durationMs ?? 0), 0),
    0,
  );
  return { runMs: report.durationMs ?? 0, moduleMs, suiteMs, outsideSuitesMs: Math.max(0, moduleMs - suiteMs) };
}

/**
 * The start-up cost per test process the history file records: the median over modules of
 * each module's latest non-null startupMs, and how many modules had one. Undefined when the
 * file is missing or has none.
 */
export function historyStartup(path) {
  let history;
  try {
    history = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  const latest = Object.values(history.modules ?? {})
    .map((records) => [...records].reverse().find((record) => typeof record.startupMs === 'number')?.startupMs)
    .filter((value) => typeof value === 'number');
  if (latest.length === 0) return undefined;
  return { medianMs: median(latest), modules: latest.length };
}

/** `3142 passed, 18 skipped` from test counts (zeros left out). */
export function testCountText(tests) {
  const parts = ['passed', 'failed', 'skipped', 'todo']
    .filter((key) => tests[key])
    .map((key) => `${tests[key]} ${key}`);
  return parts.length ? parts.join(', ') : 'no tests';
}

/**
 * One line on how a run was scheduled, from the report's `schedule`: slots and why, packing,
 * work items and their sizes, and the commonest reasons a module ran alone. Undefined for
 * a report without `schedule` (a CLI from before the scheduler).
 */
export function scheduleText(report) {
  const schedule = report.schedule;
  if (!schedule) return undefined;
  const items = schedule.items ?? [];
  const sizes = items.map((item) => item.modules.length);
  const packed = items.filter((item) => item.modules.length > 1);
  const reasons = countBy(
    items.filter((item) => item.modules.length === 1).map((item) => item.reason.replace(/\d+(\.\d+)?/g, 'N')),
  );
  const topReasons = Object.entries(reasons)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([reason, n]) => `${n}× "${reason}"`);
  return (
    `${schedule.slotsReason}; packing ${schedule.packing ? 'on' : 'off'}: ${sizes.reduce((a, b) => a + b, 0)} modules in ${items.length} items` +
    (packed.length ? ` (${packed.length} packs, largest ${Math.max(...sizes)} modules)` : '') +
    (topReasons.length ? `; alone: ${topReasons.join(', ')}` : '')
  );
}
