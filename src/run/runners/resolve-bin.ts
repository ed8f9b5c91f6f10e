import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ConfigError } from '../../errors.js';

/**
 * Resolves a runner's executable from the project's own node_modules (normal Node
 * resolution from `cwd`), so the run starts `node <bin>` directly: no npx, no shell.
 */
export function resolveRunnerBin(cwd: string, packageName: 'jest' | 'vitest', binName: string): string {
  const require = createRequire(join(cwd, 'package.json'));
  let manifestPath: string;
  try {
    manifestPath = require.resolve(`${packageName}/package.json`);
  } catch {
    throw new ConfigError(
      `runner ${packageName}: cannot find the '${packageName}' package from ${cwd} — install it in the project (npm install --save-dev ${packageName}) or set runner: in quality-gates.config.yml`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[binName];
  if (!bin)
    throw new ConfigError(
      `runner ${packageName}: ${manifestPath} declares no '${binName}' executable — reinstall ${packageName}`,
    );
  return join(dirname(manifestPath), bin);
}
