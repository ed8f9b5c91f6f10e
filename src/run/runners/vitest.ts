import { childFilePath } from '../child-files.js';
import { resolvePathTargets } from './path-targets.js';
import { resolveRunnerBin } from './resolve-bin.js';
import type { RunnerAdapter } from './types.js';

/**
 * vitest: `run` (never watch), one test file at a time (--no-file-parallelism, the
 * in-band equivalent: modules share one database), --logHeapUsage so each file's heap is
 * read inside the worker that ran it. Command-line reporters replace vitest's automatic
 * github-actions reporter (which writes annotations, and from 4.1 a job summary).
 */
export const vitestAdapter: RunnerAdapter = {
  name: 'vitest',
  noTestsPattern: /No test files found/,
  args({ cwd, targets, extraArgs }) {
    const bin = resolveRunnerBin(cwd, 'vitest', 'vitest');
    // vitest filters are substrings of file paths: a trailing slash keeps "billing" from
    // also selecting "billing-v2".
    const filters = resolvePathTargets(cwd, targets).flatMap(({ paths, kind }) =>
      kind === 'module' ? paths.map((path) => `${path.replace(/\/+$/, '')}/`) : paths,
    );
    return [
      bin,
      'run',
      ...filters,
      '--no-file-parallelism',
      '--logHeapUsage',
      '--reporter=default',
      `--reporter=${childFilePath('vitest-reporter.mjs')}`,
      ...extraArgs,
    ];
  },
};
