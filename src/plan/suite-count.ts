import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Minimatch } from 'minimatch';

/**
 * The runners' own default test-file globs (jest's `testMatch`, vitest's `include`): what
 * the runner would find in a module folder, so a module new to the history is weighed by
 * the suites it will run.
 */
const TEST_FILE_GLOBS: Record<'jest' | 'vitest', readonly string[]> = {
  jest: ['**/__tests__/**/*.[jt]s?(x)', '**/?(*.)+(spec|test).[jt]s?(x)'],
  vitest: ['**/*.{test,spec}.?(c|m)[jt]s?(x)'],
};

/** Folders never searched: dependencies and VCS data hold no suites of the module. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/**
 * Counts the test files under `folder` (recursively) that `runner`'s default globs match.
 * Null when the folder cannot be read: the caller then weighs the module as one suite.
 */
export function countTestFiles(folder: string, runner: 'jest' | 'vitest'): number | null {
  const matchers = TEST_FILE_GLOBS[runner].map((glob) => new Minimatch(glob, { dot: true }));
  let count = 0;
  const walk = (absolute: string, relative: string): void => {
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(join(absolute, entry.name), path);
      } else if (entry.isFile() && matchers.some((matcher) => matcher.match(path))) {
        count++;
      }
    }
  };
  try {
    walk(folder, '');
  } catch {
    return null;
  }
  return count;
}
