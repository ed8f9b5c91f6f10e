import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_MODULE } from '../config/schema.js';
import type { TestFileMatcher } from './test-files.js';

/** Folders never searched: dependencies and VCS data hold no suites of the module. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/**
 * How many test files a module has on disk, by the same matcher that decides what a module
 * is (the runner's own patterns, or `modules.testMatch`): what a module new to the history
 * is weighed by. ROOT_MODULE counts the test files directly in the module root. Null when
 * the folder cannot be read: the caller then weighs the module as one suite.
 */
export function countTestFiles(
  repoRoot: string,
  moduleRoot: string,
  module: string,
  isTestFile: TestFileMatcher,
): number | null {
  const prefix = moduleRoot === '' ? '' : `${moduleRoot}/`;
  try {
    if (module === ROOT_MODULE) {
      return readdirSync(join(repoRoot, moduleRoot), { withFileTypes: true }).filter(
        (entry) => entry.isFile() && isTestFile(prefix + entry.name),
      ).length;
    }
    return countBelow(join(repoRoot, moduleRoot, module), `${prefix}${module}`, isTestFile);
  } catch {
    return null;
  }
}

function countBelow(folder: string, relative: string, isTestFile: TestFileMatcher): number {
  let count = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = `${relative}/${entry.name}`;
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name))
      count += countBelow(join(folder, entry.name), path, isTestFile);
    else if (entry.isFile() && isTestFile(path)) count++;
  }
  return count;
}
