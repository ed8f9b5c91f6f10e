import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ConfigError } from '../../errors.js';

/** A runner package's manifest as resolved from the project. */
export interface RunnerManifest {
  /** Absolute path of its package.json. */
  path: string;
  version?: string;
  bin?: string | Record<string, string>;
  exports?: Record<string, unknown>;
}

/**
 * The runner package's manifest, resolved from the project's own node_modules (normal Node
 * resolution from `cwd`); undefined when the package is not installed there.
 */
export function findRunnerManifest(cwd: string, packageName: 'jest' | 'vitest'): RunnerManifest | undefined {
  let path: string;
  try {
    path = createRequire(join(cwd, 'package.json')).resolve(`${packageName}/package.json`);
  } catch {
    return undefined;
  }
  return { ...(JSON.parse(readFileSync(path, 'utf8')) as Omit<RunnerManifest, 'path'>), path };
}

/**
 * Resolves a runner's executable from the project's own node_modules (normal Node
 * resolution from `cwd`), so the run starts `node <bin>` directly: no npx, no shell.
 */
export function resolveRunnerBin(cwd: string, packageName: 'jest' | 'vitest', binName: string): string {
  const manifest = findRunnerManifest(cwd, packageName);
  if (!manifest)
    throw new ConfigError(
      `runner ${packageName}: cannot find the '${packageName}' package from ${cwd} — install it in the project (npm install --save-dev ${packageName}) or set runner: in quality-gates.config.yml`,
    );
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[binName];
  if (!bin)
    throw new ConfigError(
      `runner ${packageName}: ${manifest.path} declares no '${binName}' executable — reinstall ${packageName}`,
    );
  return join(dirname(manifest.path), bin);
}
