#!/usr/bin/env node
// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with esbuild, and copies
// the plain CommonJS child-process helpers (test reporters, the memory probe) that are
// loaded by test runners in other processes. `--outdir DIR` writes elsewhere (the
// freshness test bundles into a temp dir and compares with the committed dist/). It also
// vendors oxc's WebAssembly build into dist/vendor (see vendorOxcWasm below).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
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
  // node_modules when installed, else the WebAssembly build in dist/vendor loads instead.
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

/**
 * Files of the vendored packages that Node never loads through their CommonJS entries:
 * types, docs, source maps, browser and ESM builds (the dist/ builds but *.cjs[.min].js), and
 * the resolver package's own loader and worker.
 */
const UNUSED_IN_NODE =
  /(resolver\.wasi\.cjs|wasi-worker\.mjs|\.d\.[cm]?ts|\.map|\.md|\.html|browser[^/]*|\.es6\.m?js|\/lib\/mjs|\/tslib\/modules|\/dist\/(?![^/]*\.cjs(\.min)?\.js$|[^/]*\.cjs$)[^/]+)$/i;

vendorOxcWasm(join(outdir, 'vendor'));

/**
 * The action runs from its own checkout, with no node_modules: the import graph's parser and
 * resolver come from here then, on every runner platform. oxc-parser ships its wasm32-wasip1
 * binary in its own package; the resolver's WebAssembly build is its own package, installed in
 * scripts/wasm (npm refuses it as a root dependency: its package.json says cpu: wasm32) with
 * the napi-rs/emnapi runtime. src/plan/imports/oxc-wasm.ts loads both wasm files (the
 * package's own node:wasi loader is not used). Only files read at run time are copied, from
 * lockfile-pinned installs: the output is the same on every machine.
 */
function vendorOxcWasm(vendorDir) {
  const wasmProject = join(root, 'scripts', 'wasm');
  const lock = JSON.parse(readFileSync(join(wasmProject, 'package-lock.json'), 'utf8'));
  const packages = Object.keys(lock.packages)
    .filter((key) => key.startsWith('node_modules/'))
    .sort();
  if (!packages.every((key) => existsSync(join(wasmProject, key, 'package.json')))) {
    // --force: the one package is cpu: wasm32, which npm otherwise refuses on every machine.
    execFileSync('npm', ['ci', '--force', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: wasmProject,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const version = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  const resolverWasm = join(wasmProject, 'node_modules', '@oxc-resolver', 'binding-wasm32-wasi');
  if (version(resolverWasm) !== version(join(root, 'node_modules', 'oxc-resolver'))) {
    throw new Error(
      `scripts/wasm installs @oxc-resolver/binding-wasm32-wasi ${version(resolverWasm)} but oxc-resolver is ${version(join(root, 'node_modules', 'oxc-resolver'))}: set the same version in scripts/wasm/package.json and run npm install --force there`,
    );
  }
  for (const key of packages) {
    cpSync(join(wasmProject, key), join(vendorDir, key), {
      recursive: true,
      filter: (path) => !UNUSED_IN_NODE.test(`/${relative(wasmProject, path).split(sep).join('/')}`),
    });
  }
  const parser = join(root, 'node_modules', 'oxc-parser');
  mkdirSync(join(vendorDir, 'oxc-parser'), { recursive: true });
  for (const file of ['parser.wasm32-wasip1.wasm', 'LICENSE', 'package.json'])
    cpSync(join(parser, file), join(vendorDir, 'oxc-parser', file));
}

// The committed JSON Schemas are generated from the zod schemas by the fresh bundle.
if (outIndex < 0) {
  const { writeFileSync } = await import('node:fs');
  mkdirSync(join(root, 'schema'), { recursive: true });
  for (const [file, args] of [
    ['config.schema.json', ['schema']],
    ['report.schema.json', ['schema', '--report']],
  ]) {
    writeFileSync(join(root, 'schema', file), execFileSync(process.execPath, [join(outdir, 'cli.js'), ...args]));
  }
}
