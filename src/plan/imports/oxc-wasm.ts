import * as nodeFs from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, parse as parsePath } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where scripts/bundle.mjs puts the WebAssembly build, relative to the bundle's `dist/`:
 * `vendor/oxc-parser/` holds oxc-parser's own wasm32-wasip1 binary (oxc-parser ships it
 * in its package, without a Node loader since 0.157), `vendor/node_modules/` the
 * `@oxc-resolver/binding-wasm32-wasi` package (its wasm) and the napi-rs/emnapi runtime.
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
  WASI: new (options: object) => unknown;
  instantiateNapiModuleSync(wasm: Uint8Array, options: object): { napiModule: { exports: Record<string, unknown> } };
}

/** The one WebAssembly global used (the project's lib is ES2023, without DOM types). */
declare const WebAssembly: {
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => unknown;
};

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
    if (nodeFs.existsSync(join(dir, PARSER_WASM)) && nodeFs.existsSync(join(dir, 'node_modules', RESOLVER_PACKAGE)))
      return dir;
  }
  throw new Error(`no WebAssembly build of oxc beside ${moduleDir} (scripts/bundle.mjs puts it in dist/${VENDOR_DIR})`);
}

/** Loads the vendored WebAssembly parser and resolver. Throws when they are missing or fail to start. */
export function loadVendoredOxc(vendorDir: string = findVendorDir()): VendoredOxc {
  const require = createRequire(join(vendorDir, 'node_modules', 'loader.cjs'));
  const runtime = require('@napi-rs/wasm-runtime') as NapiRuntime;
  const { createContext } = require('@emnapi/runtime') as { createContext: () => unknown };
  const root = parsePath(process.cwd()).root;
  // The resolver reads the file system through WASI: @tybys/wasm-util's WASI over node:fs,
  // not node:wasi, whose native fs calls into the resolver's shared memory corrupted the
  // heap (a segfault) once the parser was in use too, on Node 20. The parser needs no files.
  const resolver = instantiate(
    runtime,
    createContext(),
    nodeFs.readFileSync(join(vendorDir, 'node_modules', RESOLVER_PACKAGE, 'resolver.wasm32-wasi.wasm')),
    {
      wasi: new runtime.WASI({ version: 'preview1', env: process.env, preopens: { [root]: root }, fs: nodeFs }),
      shared: true,
    },
  );
  const parser = instantiate(runtime, createContext(), nodeFs.readFileSync(join(vendorDir, PARSER_WASM)), {
    wasi: new runtime.WASI({ version: 'preview1', env: process.env }),
    shared: false,
  });
  const parseSync = parser.parseSync as (filename: string, source: string, options?: object) => RawParseResult;
  return {
    parseSync: (filename, source, options) => wrapResult(parseSync(filename, source, options)),
    ResolverFactory: resolver.ResolverFactory as VendoredOxc['ResolverFactory'],
  };
}

/**
 * Instantiates a napi-rs wasm binary the way napi-rs's generated loaders do, with its own
 * emnapi context (two modules sharing one crash) and no async work pool or worker threads:
 * the graph only calls parseSync and resolveFileSync. The resolver is built with threads
 * (shared memory), the parser without.
 */
function instantiate(
  runtime: NapiRuntime,
  context: unknown,
  wasm: Uint8Array,
  options: { wasi: unknown; shared: boolean },
): Record<string, unknown> {
  const memory = new WebAssembly.Memory({ initial: 4000, maximum: 65536, shared: options.shared });
  const { napiModule } = runtime.instantiateNapiModuleSync(wasm, {
    context,
    asyncWorkPoolSize: 0,
    wasi: options.wasi,
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
  return napiModule.exports;
}

/**
 * oxc-parser's `wrap`: every field read from the binding on first use only, since each read
 * converts Rust data to JS objects (through emnapi's JS calls in this build, which cost more
 * than the parse); the program parsed from JSON, BigInt and RegExp literal values restored.
 */
function wrapResult(raw: RawParseResult): unknown {
  let program: unknown, module: unknown, comments: unknown, errors: unknown;
  return {
    get program() {
      program ??= parseProgram(raw.program);
      return program;
    },
    get module() {
      module ??= raw.module;
      return module;
    },
    get comments() {
      comments ??= raw.comments;
      return comments;
    },
    get errors() {
      errors ??= raw.errors;
      return errors;
    },
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
