import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { childFilePath } from '../child-files.js';
import { resolvePathTargets } from './path-targets.js';
import { findRunnerManifest, resolveRunnerBin } from './resolve-bin.js';
import type { RunnerAdapter, RunTarget } from './types.js';

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
    return [bin, 'run', ...vitestFilters(cwd, targets), ...vitestFlags(extraArgs)];
  },
};

/**
 * vitest's filters for the targets, in order. vitest filters are substrings of file paths: a
 * trailing slash keeps "billing" from also selecting "billing-v2".
 */
export function vitestFilters(cwd: string, targets: readonly RunTarget[]): string[] {
  return resolvePathTargets(cwd, targets).flatMap(({ paths, kind }) =>
    kind === 'module' ? paths.map((path) => `${path.replace(/\/+$/, '')}/`) : paths,
  );
}

/** The flags of every vitest the tool starts, then the user's. */
export function vitestFlags(extraArgs: readonly string[]): string[] {
  return [
    '--no-file-parallelism',
    '--logHeapUsage',
    '--reporter=default',
    `--reporter=${childFilePath('vitest-reporter.mjs')}`,
    ...extraArgs,
  ];
}

/**
 * The project's `vitest/node` entry (createVitest, parseCLI) when its vitest has what a
 * long-lived vitest needs (Vitest.start run after run: vitest 3; see launcher/slot-server.ts),
 * else why not.
 */
export function vitestNodeEntry(cwd: string): { entry: string } | { unavailable: string } {
  const manifest = findRunnerManifest(cwd, 'vitest');
  if (!manifest) return { unavailable: `cannot find the 'vitest' package from ${cwd}` };
  const major = Number(/^(\d+)\./.exec(manifest.version ?? '')?.[1]);
  if (!(major >= 3)) return { unavailable: `vitest ${manifest.version ?? '(no version)'} is older than 3` };
  const entry = join(dirname(manifest.path), nodeExport(manifest.exports) ?? 'dist/node.js');
  return existsSync(entry) ? { entry } : { unavailable: `vitest ${String(manifest.version)} has no ${entry}` };
}

/** The file `vitest/node` maps to, from the package's exports. */
function nodeExport(exports: Record<string, unknown> | undefined): string | undefined {
  const entry = exports?.['./node'];
  if (typeof entry === 'string') return entry;
  if (entry && typeof entry === 'object') {
    const conditions = entry as Record<string, unknown>;
    const value = conditions.import ?? conditions.default;
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object') {
      const nested = (value as Record<string, unknown>).default;
      if (typeof nested === 'string') return nested;
    }
  }
  return undefined;
}
