import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The helpers that run inside test processes (see src/run/child/). */
export type ChildFile =
  | 'probe.cjs'
  | 'jest-reporter.cjs'
  | 'jest-gate.cjs'
  | 'jest-sequencer.cjs'
  | 'vitest-reporter.mjs'
  | 'vitest-server.mjs';

const cache = new Map<ChildFile, string>();

/**
 * Absolute path of a child helper. The same code runs from src/run/ (tests), from dist/
 * (the CLI entry) and from dist/chunks/ (split chunks), and the bundle copies the helpers
 * to dist/child/: look in each place relative to this module.
 */
export function childFilePath(name: ChildFile): string {
  const cached = cache.get(name);
  if (cached) return cached;
  const candidates = [`./child/${name}`, `../child/${name}`, `../run/child/${name}`].map((relative) =>
    fileURLToPath(new URL(relative, import.meta.url)),
  );
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      `quality-gates is incomplete: child helper ${name} not found (looked in ${candidates.join(', ')}) — rebuild with 'npm run bundle'`,
    );
  }
  cache.set(name, found);
  return found;
}
