import type * as OxcParser from 'oxc-parser';
import type * as OxcResolver from 'oxc-resolver';
import { loadVendoredOxc } from './oxc-wasm.js';

/** The parser and resolver the import graph uses, and which build of them loaded. */
export interface Oxc {
  parseSync: typeof OxcParser.parseSync;
  ResolverFactory: typeof OxcResolver.ResolverFactory;
  /**
   * `native`: oxc-parser/oxc-resolver from node_modules (the CLI installed with its
   * dependencies); `wasm`: the WebAssembly build vendored in dist/vendor (the action's own
   * checkout, which has no node_modules).
   */
  binding: 'native' | 'wasm';
  /** Why the native bindings were not used, when binding is `wasm`. */
  whyNotNative?: string;
}

/** Set to `wasm` to skip the native bindings even when installed (benchmarks, tests). */
export const OXC_BINDING_ENV = 'QUALITY_GATES_OXC';

/**
 * Loads oxc: the native bindings when they are installed (fastest), else the WebAssembly
 * build that scripts/bundle.mjs vendors beside the bundle, so that the plan job can follow
 * imports before anything is installed, on any runner platform. Throws, with both causes,
 * when neither loads; the caller then plans without the graph and says so.
 */
export async function loadOxc(env: NodeJS.ProcessEnv = process.env): Promise<Oxc> {
  let nativeError: string | undefined;
  if (env[OXC_BINDING_ENV] === 'wasm') nativeError = `${OXC_BINDING_ENV}=wasm`;
  else {
    try {
      const [parser, resolver] = await Promise.all([import('oxc-parser'), import('oxc-resolver')]);
      return { parseSync: parser.parseSync, ResolverFactory: resolver.ResolverFactory, binding: 'native' };
    } catch (error) {
      nativeError = firstLine(error);
    }
  }
  try {
    const vendored = loadVendoredOxc();
    return {
      parseSync: vendored.parseSync as Oxc['parseSync'],
      ResolverFactory: vendored.ResolverFactory as Oxc['ResolverFactory'],
      binding: 'wasm',
      whyNotNative: nativeError,
    };
  } catch (error) {
    throw new Error(`${nativeError}; and ${firstLine(error)}`);
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/** oxc, loaded once for the process (top-level await: importing the graph loads it). */
export const oxc: Oxc = await loadOxc();
// On stderr (stdout may carry the plan's JSON): the WebAssembly build is several times slower,
// and installing quality-gates with its dependencies brings the native one.
if (oxc.binding === 'wasm')
  process.stderr.write(
    `quality-gates: import graph parses with oxc's WebAssembly build (native bindings not loaded: ${oxc.whyNotNative})\n`,
  );
