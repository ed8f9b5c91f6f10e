#!/usr/bin/env node
// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with esbuild, and copies
// the plain CommonJS child-process helpers (test reporters, the memory probe) that are
// loaded by test runners in other processes. `--outdir DIR` writes elsewhere (the
// freshness test bundles into a temp dir and compares with the committed dist/).
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--outdir');
const outdir = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : join(root, 'dist');

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

// ESM output with CommonJS dependencies inside: give them a real `require`.
const banner = [
  "import { createRequire as __qgCreateRequire } from 'node:module';",
  'const require = __qgCreateRequire(import.meta.url);',
].join('\n');

await build({
  absWorkingDir: root,
  entryPoints: { index: 'src/index.ts', cli: 'src/cli/bin.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: banner },
  // Native bindings (one npm package per platform) cannot be bundled: they load from
  // node_modules when installed, and the import graph is skipped with a warning when not.
  external: ['oxc-parser', 'oxc-resolver'],
  legalComments: 'none',
  logLevel: 'warning',
});

const childDir = join(root, 'src', 'run', 'child');
if (existsSync(childDir)) {
  mkdirSync(join(outdir, 'child'), { recursive: true });
  for (const name of readdirSync(childDir).sort()) {
    if (/\.(c|m)?js$/.test(name)) cpSync(join(childDir, name), join(outdir, 'child', name));
  }
}

// The committed JSON Schemas are generated from the zod schemas by the fresh bundle.
if (outIndex < 0) {
  const { execFileSync } = await import('node:child_process');
  const { writeFileSync } = await import('node:fs');
  mkdirSync(join(root, 'schema'), { recursive: true });
  for (const [file, args] of [['config.schema.json', ['schema']], ['report.schema.json', ['schema', '--report']]]) {
    writeFileSync(join(root, 'schema', file), execFileSync(process.execPath, [join(outdir, 'cli.js'), ...args]));
  }
}
