import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { NapiResolveOptions, ResolverFactory } from 'oxc-resolver';
import type { AliasRule, ResolveScope } from './runner-config.js';
import { oxc } from './oxc.js';
import { flattenTsconfig, writeFlatTsconfig } from './tsconfig.js';
import type { WorkspacePackage } from './workspaces.js';

/**
 * Where one specifier of one file leads. `paths` is the file it resolves to first, then the
 * other repository files the same specifier stands for (a workspace package's `require`
 * entry when `import` came first; its sources when its entry is an untracked build).
 */
export type Resolution =
  | { kind: 'file'; paths: string[] }
  /** A builtin, or a package outside the repository: a change in the repository cannot reach it. */
  | { kind: 'external' }
  | { kind: 'unresolved'; detail: string };

const BUILTINS = new Set(builtinModules);
/** A valid npm package name at the start of a bare specifier (`pkg`, `@scope/pkg`). */
const PACKAGE_NAME = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?=\/|$)/i;

const BASE_OPTIONS: NapiResolveOptions = {
  tsconfig: 'auto',
  // jest-environment-node and vitest both resolve with node conditions, ESM and CJS alike.
  conditionNames: ['node', 'import', 'require', 'default'],
  extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json', '.node'],
  // TypeScript's NodeNext style: `./a.js` in source means `./a.ts` on disk.
  extensionAlias: {
    '.js': ['.ts', '.tsx', '.js', '.jsx'],
    '.mjs': ['.mts', '.mjs'],
    '.cjs': ['.cts', '.cjs'],
    '.jsx': ['.tsx', '.jsx'],
  },
  mainFields: ['main', 'module'],
  builtinModules: true,
  nodePath: false,
};

/**
 * Before install and build, a workspace package's `exports`/`main` often name a `dist/` that
 * does not exist yet; its sources are what the tests will load once it is built, and most
 * packages name them through these conditions and fields.
 */
const SOURCE_OPTIONS: Partial<NapiResolveOptions> = {
  conditionNames: ['source', 'development', 'types', 'node', 'import', 'require', 'default'],
  mainFields: ['source', 'types', 'typings', 'main', 'module'],
};

/**
 * jest with babel-jest or ts-jest runs tests as CommonJS and resolves with these conditions,
 * so a package whose `exports` list `import` before `default` loads another file there than
 * under ESM conditions (preconstruct's `.cjs.mjs` wrapper against its `.cjs.js`): both count.
 */
const REQUIRE_OPTIONS: Partial<NapiResolveOptions> = { conditionNames: ['node', 'require', 'default'] };

/** Extensions tried for a package's conventional source entry (`src/index`, `src/<subpath>`). */
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** The resolvers of one scope: Node conditions, source conditions, CommonJS conditions. */
interface ResolverSet {
  normal: ResolverFactory;
  source: ResolverFactory;
  require: ResolverFactory;
}

/**
 * Resolves specifiers the way the project's tests do: jest `moduleNameMapper` and vite
 * `resolve.alias` first (the nearest config above the importing file), then Node resolution
 * by oxc-resolver with package.json `exports`, tsconfig `paths`/`baseUrl` (the tsconfig
 * nearest the importing file, `extends` followed), and workspace packages by name through a
 * temporary folder of symlinks, so no node_modules is needed. Call `dispose()` when done.
 */
export class ImportResolver {
  private readonly linkDir: string;
  private readonly byScope = new Map<ResolveScope | undefined, ResolverSet>();
  private readonly base: ResolverFactory;
  private readonly packageDirs: Map<string, string>;
  /** tsconfig path and scope → resolvers over its flattened copy (see flattenTsconfig). */
  private readonly flat = new Map<string, ResolverSet>();
  /**
   * Relative specifiers' resolutions by `directory\0specifier`: a relative path resolves the
   * same from every file of a folder (tsconfig paths and baseUrl map bare names only, and the
   * runner scope is a folder's). Bare names are not cached: with tsconfig references, two
   * files of one folder can belong to projects with different paths.
   */
  private readonly relative = new Map<string, Resolution>();
  /** What the resolver had to work around, for the plan's warnings. */
  readonly warnings: string[] = [];

  /**
   * `isTracked` says which repository files git knows: a workspace package's entry that is
   * not one of them is a build output (gitignored `dist/`), which stands for its sources.
   */
  constructor(
    private readonly root: string,
    packages: readonly WorkspacePackage[],
    private readonly scopes: readonly ResolveScope[],
    private readonly isTracked: (path: string) => boolean = () => true,
  ) {
    this.linkDir = mkdtempSync(join(tmpdir(), 'qg-workspaces-'));
    for (const pkg of packages) {
      const link = join(this.linkDir, 'node_modules', pkg.name);
      mkdirSync(dirname(link), { recursive: true });
      try {
        symlinkSync(join(root, pkg.dir), link, 'dir');
      } catch {
        // Two workspace folders with one name: the first wins, as npm refuses the second.
      }
    }
    // Reversed so that, as for the links, the first of two folders with one name wins.
    this.packageDirs = new Map(packages.map((p) => [p.name, join(root, p.dir)] as const).reverse());
    this.base = new oxc.ResolverFactory({ ...BASE_OPTIONS, modules: this.modules(undefined) });
  }

  private modules(scope: ResolveScope | undefined): string[] {
    return ['node_modules', ...(scope?.modules ?? []), join(this.linkDir, 'node_modules')];
  }

  private resolvers(scope: ResolveScope | undefined) {
    let found = this.byScope.get(scope);
    if (!found) {
      const modules = this.modules(scope);
      const normal = scope === undefined ? this.base : this.base.cloneWithOptions({ ...BASE_OPTIONS, modules });
      found = {
        normal,
        source: this.base.cloneWithOptions({ ...BASE_OPTIONS, ...SOURCE_OPTIONS, modules }),
        require: this.base.cloneWithOptions({ ...BASE_OPTIONS, ...REQUIRE_OPTIONS, modules }),
      };
      this.byScope.set(scope, found);
    }
    return found;
  }

  /** The deepest jest/vitest config folder containing `file`. */
  private scopeOf(file: string): ResolveScope | undefined {
    let best: ResolveScope | undefined;
    for (const scope of this.scopes) {
      if (
        (scope.dir === '' || file.startsWith(scope.dir + '/')) &&
        (best === undefined || scope.dir.length > best.dir.length)
      )
        best = scope;
    }
    return best;
  }

  /** Resolves `specifier` as imported by `from` (repo-relative). */
  resolve(from: string, specifier: string): Resolution {
    if (specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]))
      return { kind: 'external' };
    if (!specifier.startsWith('./') && !specifier.startsWith('../')) return this.resolveUncached(from, specifier);
    const key = `${dirname(from)}\0${specifier}`;
    let found = this.relative.get(key);
    if (found === undefined) {
      found = this.resolveUncached(from, specifier);
      this.relative.set(key, found);
    }
    return found;
  }

  private resolveUncached(from: string, specifier: string): Resolution {
    const scope = this.scopeOf(from);
    const file = join(this.root, from);
    for (const rule of scope?.rules ?? []) {
      const match = rule.regex.exec(specifier);
      if (match) return this.resolveMapped(file, specifier, match, rule, scope);
    }
    return this.resolvePlain(file, specifier, scope);
  }

  private resolveMapped(
    file: string,
    specifier: string,
    match: RegExpExecArray,
    rule: AliasRule,
    scope: ResolveScope | undefined,
  ): Resolution {
    for (const replacement of rule.replacements) {
      // jest replaces the whole name ($1… from the match); @rollup/plugin-alias the match only.
      const mapped =
        rule.kind === 'jest'
          ? replacement.replace(/\$(\d+)/g, (_, index: string) => match[Number(index)] ?? '')
          : specifier.replace(rule.regex, replacement);
      const result = this.resolvePlain(file, mapped, scope);
      if (result.kind !== 'unresolved') return result;
    }
    return {
      kind: 'unresolved',
      detail: `mapped by ${rule.source} to ${rule.replacements.join(' or ')}, which does not resolve`,
    };
  }

  private resolvePlain(file: string, specifier: string, scope: ResolveScope | undefined): Resolution {
    let resolvers = this.resolvers(scope);
    let run = (resolver: ResolverFactory) => resolver.resolveFileSync(file, specifier);
    let result = run(resolvers.normal);
    if (result.error?.startsWith('Tsconfig not found')) {
      resolvers = this.flatResolvers(file, scope);
      run = (resolver) => resolver.sync(dirname(file), specifier);
      result = run(resolvers.normal);
    }
    const packageName = PACKAGE_NAME.exec(specifier)?.[0];
    const workspaceDir = packageName === undefined ? undefined : this.packageDirs.get(packageName);
    if (result.path === undefined && workspaceDir !== undefined) result = run(resolvers.source);
    if (result.builtin) return { kind: 'external' };
    if (result.path !== undefined) {
      const path = this.inRepository(result.path);
      if (path === undefined) return { kind: 'external' };
      if (workspaceDir === undefined) return { kind: 'file', paths: [path] };
      const paths = new Set([path, this.inRepository(run(resolvers.require).path) ?? path]);
      // An untracked entry is a build (preconstruct dev, tsc, a bundler): CI builds it from the sources.
      if ([...paths].some((p) => !this.isTracked(p)))
        for (const p of this.sourceEntry(workspaceDir, specifier.slice(packageName!.length))) paths.add(p);
      return { kind: 'file', paths: [...paths] };
    }
    if (workspaceDir !== undefined) {
      // Before install and build, `exports`/`main` name a dist/ that does not exist yet.
      const sources = this.sourceEntry(workspaceDir, specifier.slice(packageName!.length));
      if (sources.length > 0) return { kind: 'file', paths: sources };
    }
    // A third-party package that is not installed cannot contain a changed repository file.
    if (packageName !== undefined && workspaceDir === undefined && !specifier.startsWith('.'))
      return { kind: 'external' };
    return { kind: 'unresolved', detail: result.error ?? 'not found' };
  }

  /** `absolute` as a repo-relative POSIX path, or undefined when outside it or in node_modules. */
  private inRepository(absolute: string | undefined): string | undefined {
    if (absolute === undefined) return undefined;
    const path = relative(this.root, absolute);
    if (path.startsWith('..') || isAbsolute(path) || path.split(sep).includes('node_modules')) return undefined;
    return path.split(sep).join('/');
  }

  /**
   * The conventional source entry of a workspace package for `subpath` ('' or '/x'):
   * `src/index.*` or `src/x.*` / `src/x/index.*`, as preconstruct, tsup and tsc layouts have.
   */
  private sourceEntry(packageDir: string, subpath: string): string[] {
    const base = join(packageDir, 'src', subpath === '' ? 'index' : subpath.slice(1));
    const candidates = [
      ...SOURCE_EXTENSIONS.map((ext) => base + ext),
      ...SOURCE_EXTENSIONS.map((ext) => join(base, 'index' + ext)),
    ];
    const found = this.inRepository(candidates.find(isFile));
    return found === undefined ? [] : [found];
  }

  /**
   * Resolvers for a file whose tsconfig `extends` a package that is not installed: over a
   * flattened copy of the nearest tsconfig (its own and its repository parents' paths).
   */
  private flatResolvers(file: string, scope: ResolveScope | undefined): ResolverSet {
    let dir = dirname(file);
    while (!existsSync(join(dir, 'tsconfig.json')) && dir.length > this.root.length) dir = dirname(dir);
    const tsconfig = join(dir, 'tsconfig.json');
    const key = `${tsconfig}\0${scope?.file ?? ''}`;
    let found = this.flat.get(key);
    if (!found) {
      const flat = flattenTsconfig(tsconfig, (name) => this.packageDirs.get(name));
      const copy = join(this.linkDir, `tsconfig-${this.flat.size}.json`);
      writeFlatTsconfig(flat, copy);
      if (flat.missing.length > 0)
        this.warnings.push(
          `import graph: ${relative(this.root, tsconfig)} extends ${flat.missing.map((m) => `'${m}'`).join(', ')}, which is not installed; the repository's own paths are used`,
        );
      const modules = this.modules(scope);
      found = {
        normal: this.base.cloneWithOptions({ ...BASE_OPTIONS, modules, tsconfig: { configFile: copy } }),
        source: this.base.cloneWithOptions({
          ...BASE_OPTIONS,
          ...SOURCE_OPTIONS,
          modules,
          tsconfig: { configFile: copy },
        }),
        require: this.base.cloneWithOptions({
          ...BASE_OPTIONS,
          ...REQUIRE_OPTIONS,
          modules,
          tsconfig: { configFile: copy },
        }),
      };
      this.flat.set(key, found);
    }
    return found;
  }

  /** Removes the temporary folder of workspace links. */
  dispose(): void {
    rmSync(this.linkDir, { recursive: true, force: true });
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
