import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, parse as parsePath } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where scripts/bundle.mjs puts the WebAssembly build, relative to the bundle's `dist/`:
 * `vendor/oxc-parser/` holds oxc-parser's own wasm32-wasip1 binary (oxc-parser ships it
 * in its package, without a Node loader since 0.157), `vendor/node_modules/` the unmodified
 * `@oxc-resolver/binding-wasm32-wasi` package and the napi-rs/emnapi runtime it loads with.
 */
export const VENDOR_DIR = 'vendor';
export const PARSER_WASM = 'oxc-parser/parser.wasm32-wasip1.wasm';
export const RESOLVER_PACKAGE = '@oxc-resolver/binding-wasm32-wasi';

/** What the vendored build exports (the same API as the native bindings). */
export interface VendoredOxc {
  parseSync: (filename: string, source: string, options?: object) => unknown;
  ResolverFactory: new (options: object) => unknown;
}

interface NapiRuntime {
  instantiateNapiModuleSync(wasm: Uint8Array, options: object): { napiModule: { exports: Record<string, unknown> } };
}

/** The one WebAssembly global used (the project's lib is ES2023, without DOM types). */
declare const WebAssembly: { Memory: new (descriptor: { initial: number; maximum: number }) => unknown };

interface RawParseResult {
  program: string;
  module: unknown;
  comments: unknown;
  errors: unknown;
}

/**
 * The vendor folder of the running bundle: the chunk that holds this code sits in
 * `dist/chunks/` or in `dist/` itself. Throws when there is none (running from source).
 */
export function findVendorDir(moduleDir: string = dirname(fileURLToPath(import.meta.url))): string {
  for (const dir of [join(moduleDir, '..', VENDOR_DIR), join(moduleDir, VENDOR_DIR)]) {
    if (existsSync(join(dir, PARSER_WASM)) && existsSync(join(dir, 'node_modules', RESOLVER_PACKAGE))) return dir;
  }
  throw new Error(`no WebAssembly build of oxc beside ${moduleDir} (scripts/bundle.mjs puts it in dist/${VENDOR_DIR})`);
}

/** Loads the vendored WebAssembly parser and resolver. Throws when they are missing or fail to start. */
export function loadVendoredOxc(vendorDir: string = findVendorDir()): VendoredOxc {
  const require = createRequire(join(vendorDir, 'node_modules', 'loader.cjs'));
  return withoutWasiWarning(() => {
    const resolver = require(RESOLVER_PACKAGE) as { ResolverFactory: VendoredOxc['ResolverFactory'] };
    // The resolver's loader takes emnapi's default context; the parser needs one of its own
    // (sharing it between the two modules crashes the process on first use of both).
    const context = (require('@emnapi/runtime') as { createContext(): unknown }).createContext();
    const parser = instantiateParser(require('@napi-rs/wasm-runtime') as NapiRuntime, context, join(vendorDir, PARSER_WASM));
    return { parseSync: parser, ResolverFactory: resolver.ResolverFactory };
  });
}

/**
 * Instantiates oxc-parser's wasm32-wasip1 binary the way napi-rs's generated loader does
 * (single-threaded: own memory, no async work pool; the graph only calls parseSync), and
 * wraps results like oxc-parser's JS does (the program arrives as JSON).
 */
function instantiateParser(runtime: NapiRuntime, context: unknown, wasmPath: string): VendoredOxc['parseSync'] {
  const root = parsePath(process.cwd()).root;
  // Required here, not imported: loading node:wasi prints Node's experimental warning.
  const { WASI } = createRequire(import.meta.url)('node:wasi') as typeof import('node:wasi');
  const wasi = new WASI({ version: 'preview1', env: process.env, preopens: { [root]: root } });
  const memory = new WebAssembly.Memory({ initial: 4000, maximum: 65536 });
  const { napiModule } = runtime.instantiateNapiModuleSync(readFileSync(wasmPath), {
    context,
    asyncWorkPoolSize: 0,
    wasi,
    overwriteImports(imports: Record<string, Record<string, unknown>>) {
      imports.env = { ...imports.env, ...imports.napi, ...imports.emnapi, memory };
      return imports;
    },
    beforeInit({ instance }: { instance: { exports: Record<string, unknown> } }) {
      for (const [name, register] of Object.entries(instance.exports)) {
        if (name.startsWith('__napi_register__')) (register as () => void)();
      }
    },
  });
  const parseSync = napiModule.exports.parseSync as (filename: string, source: string, options?: object) => RawParseResult;
  return (filename, source, options) => wrapResult(parseSync(filename, source, options));
}

/** oxc-parser's `wrap`: the program parsed from JSON on first read, BigInt and RegExp literal values restored. */
function wrapResult(raw: RawParseResult): unknown {
  let program: unknown;
  return {
    get program() {
      program ??= parseProgram(raw.program);
      return program;
    },
    module: raw.module,
    comments: raw.comments,
    errors: raw.errors,
  };
}

function parseProgram(json: string): unknown {
  const { node, fixes } = JSON.parse(json) as { node: Record<string, unknown>; fixes: (string | number)[][] };
  for (const path of fixes) {
    let literal = node as Record<string | number, unknown>;
    for (const key of path) literal = literal[key] as Record<string | number, unknown>;
    if (literal.bigint) literal.value = BigInt(literal.bigint as string);
    else {
      const regex = literal.regex as { pattern: string; flags: string };
      try {
        literal.value = new RegExp(regex.pattern, regex.flags);
      } catch {
        // A pattern this Node cannot compile keeps value null, as in oxc-parser's own wrap.
      }
    }
  }
  return node;
}

/**
 * Node prints "ExperimentalWarning: WASI is an experimental feature" once per process:
 * noise in every plan log for a build that works the same on Node 20 and 24. Only that one
 * warning is dropped, and only while the vendored build loads.
 */
function withoutWasiWarning<T>(load: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (text.startsWith('WASI is an experimental feature')) return;
    return (emit as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return load();
  } finally {
    process.emitWarning = emit;
  }
}
