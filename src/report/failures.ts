import type { ModuleResult } from './schema.js';

/** One thing to show as a failure: a failed test, or a suite that could not run. */
export interface FailureItem {
  module: string;
  /** The suite (test file) it came from. */
  suite: string;
  /** Full test name, or `(suite failed to run)` for a suite-level error. */
  name: string;
  message: string;
  /** File to point at (the failure's own file, else the suite's). */
  file: string;
  line?: number;
  kind: 'test' | 'suite-error';
}

/** Every failure of a module in run order: suite-level errors before that suite's tests. */
export function moduleFailures(module: ModuleResult): FailureItem[] {
  const items: FailureItem[] = [];
  for (const suite of module.suites) {
    if (suite.error !== undefined && suite.error.trim() !== '') {
      items.push({
        module: module.name,
        suite: suite.file,
        name: '(suite failed to run)',
        message: suite.error,
        file: suite.file,
        kind: 'suite-error',
      });
    }
    for (const failure of suite.failures) {
      items.push({
        module: module.name,
        suite: suite.file,
        name: failure.name,
        message: failure.message,
        file: failure.file ?? suite.file,
        line: failure.line,
        kind: 'test',
      });
    }
  }
  return items;
}

/** The module statuses that make a run fail (a failed test, a crash, a timeout): the one list. */
export const FAILING_STATUSES: readonly ModuleResult['status'][] = ['failed', 'crashed', 'timeout'];

/** Whether a module with this status makes the run fail. */
export function isBadStatus(status: ModuleResult['status']): boolean {
  return FAILING_STATUSES.includes(status);
}

/** The modules that make the run fail, in their order. */
export function badModules(modules: readonly ModuleResult[]): ModuleResult[] {
  return modules.filter((module) => isBadStatus(module.status));
}

/** Why a crashed or timed-out module died, in words (`out of memory`, `killed by SIGKILL`, `exit code 134`). */
export function crashCause(module: ModuleResult): string {
  if (module.reason && module.reason.trim() !== '') return module.reason.trim();
  if (module.status === 'timeout') return 'timed out';
  if (module.status === 'failed' && module.exitCode !== null)
    return `the test runner exited with code ${module.exitCode}; see its log`;
  if (module.signal) return `killed by ${module.signal}`;
  if (module.exitCode !== null) return `exit code ${module.exitCode}`;
  return 'the test process died';
}
