import { badModules } from '../report/failures.js';
import type { ModuleResult, Report } from '../report/schema.js';
import { formatDuration } from '../util/duration.js';

/** `[3/12] billing`: the prefix of a module's progress lines. */
export function progressPrefix(index: number, total: number, name: string): string {
  return `[${index + 1}/${total}] ${name}`;
}

/**
 * `13 passed, 1 skipped, 2 todo`: every non-zero count by name (skipped and todo tests are
 * not passed ones); `0 tests` when the module ran none.
 */
export function testCountsPhrase(tests: ModuleResult['tests']): string {
  const parts = (['passed', 'failed', 'skipped', 'todo'] as const)
    .filter((kind) => tests[kind] > 0)
    .map((kind) => `${tests[kind]} ${kind}`);
  return parts.length > 0 ? parts.join(', ') : '0 tests';
}

/** The end-of-module line: `[3/12] billing … passed: 13 passed, 1 skipped in 8.2 s, peak heap 412 MB`. */
export function moduleEndLine(index: number, total: number, module: ModuleResult): string {
  const tests = testCountsPhrase(module.tests);
  const heap = module.peakHeapMB !== null ? `, peak heap ${Math.round(module.peakHeapMB)} MB` : '';
  const time = formatDuration(module.durationMs);
  const head = `${progressPrefix(index, total, module.name)} …`;
  switch (module.status) {
    case 'passed':
      return `${head} passed: ${tests} in ${time}${heap}`;
    case 'failed':
      return `${head} FAILED (${module.reason ?? `${module.tests.failed} failed`}) — ${tests} in ${time}${heap}`;
    case 'crashed':
      return `${head} CRASHED: ${module.reason ?? 'the test process died'} after ${time}${heap}`;
    case 'timeout':
      return `${head} TIMEOUT: ${module.reason ?? 'timed out'}${heap}`;
    case 'skipped':
      return `${head} skipped${module.reason ? `: ${module.reason}` : ''}`;
  }
}

/** One phrase per bad module: `billing (1 test failed)`, `orders (crashed: out of memory …)`. */
export function describeBadModule(module: ModuleResult): string {
  if (module.status === 'failed') return `${module.name} (${module.reason ?? 'failed'})`;
  return `${module.name} (${module.status}${module.reason ? `: ${module.reason}` : ''})`;
}

/**
 * The closing sentence of a run: `2 of 12 modules failed: billing (1 test failed), orders
 * (crashed: out of memory …)`, or undefined when nothing failed.
 */
export function failureSentence(report: Report): string | undefined {
  const bad = badModules(report.modules);
  const ran = report.modules.filter((module) => module.status !== 'skipped').length;
  const parts: string[] = [];
  if (bad.length > 0)
    parts.push(
      `${bad.length} of ${ran} ${ran === 1 ? 'module' : 'modules'} failed: ${bad.map(describeBadModule).join(', ')}`,
    );
  if (report.reason && report.status !== 'passed') parts.unshift(report.reason);
  return parts.length > 0 ? parts.join('; ') : undefined;
}
