import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { escapeRegExp } from '../../util/regexp.js';
import { readStaticConfig, UNKNOWN, type RegexValue, type StaticValue } from './static-value.js';

/** One specifier rewrite: jest `moduleNameMapper` (whole name) or vite `resolve.alias` (prefix). */
export interface AliasRule {
  /** For messages: `jest.config.js moduleNameMapper '^@/(.*)$'`. */
  source: string;
  kind: 'jest' | 'vite';
  regex: RegExp;
  /** Tried in order (jest allows a list); absolute paths or specifiers. */
  replacements: string[];
}

/** The resolution settings of one jest/vitest config, for the files under its folder. */
export interface ResolveScope {
  /** Repo-relative folder the config applies to ('' for the root). */
  dir: string;
  rules: AliasRule[];
  /** Absolute extra folders to look modules up in (jest `modulePaths`, `moduleDirectories`). */
  modules: string[];
  /** The config file, repo-relative. */
  file: string;
  /**
   * Files the runner loads for every test without an import (`setupFiles`, `globalSetup`,
   * `testEnvironment`, …): absolute paths or specifiers resolved from the config file.
   */
  entries: { specifier: string; source: string }[];
}

/** jest options naming modules it loads itself, around every test. */
const JEST_ENTRY_KEYS = [
  'setupFiles',
  'setupFilesAfterEnv',
  'globalSetup',
  'globalTeardown',
  'testEnvironment',
  'snapshotResolver',
  'testSequencer',
  'resolver',
  'testRunner',
  'reporters',
];
/** vitest `test.` options naming modules it loads itself. */
const VITEST_ENTRY_KEYS = ['setupFiles', 'globalSetup', 'environment'];
/** Built-in environment/runner names, which are not files. */
const BUILTIN_NAMES = new Set([
  'node',
  'jsdom',
  'happy-dom',
  'edge-runtime',
  'default',
  'github-actions',
  'summary',
  'verbose',
  'jest-circus',
  'jest-circus/runner',
]);

const JEST_CONFIG = /(?:^|\/)jest\.config\.(?:js|cjs|mjs|ts|cts|mts|json)$/;
const VITE_CONFIG = /(?:^|\/)(?:vitest|vite)\.config\.(?:js|cjs|mjs|ts|cts|mts)$/;

/**
 * Reads the resolution settings of the repository's jest configs (jest.config.* files and
 * `jest` keys of package.json files: `moduleNameMapper`, `modulePaths`, `moduleDirectories`,
 * `rootDir`, inline `projects`) and vitest/vite configs (`resolve.alias`, `test.alias`), all
 * statically (see readStaticConfig). A setting that is not a literal is skipped with a warning.
 */
export function readRunnerConfigs(
  root: string,
  files: readonly string[],
): { scopes: ResolveScope[]; warnings: string[] } {
  const scopes: ResolveScope[] = [];
  const warnings: string[] = [];
  for (const file of files) {
    if (file.includes('node_modules/')) continue;
    const dir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
    if (JEST_CONFIG.test(file) || file.endsWith('package.json')) {
      const config = readConfig(root, file, warnings);
      if (config === undefined) continue;
      const projects = Array.isArray(config) ? [] : (config as { projects?: StaticValue }).projects;
      for (const project of [config, ...(Array.isArray(projects) ? projects : [])]) {
        if (project !== null && typeof project === 'object' && !Array.isArray(project) && !('regex' in project)) {
          scopes.push(jestScope(root, dir, file, project, warnings));
        }
      }
    } else if (VITE_CONFIG.test(file)) {
      const config = readConfig(root, file, warnings);
      if (config !== undefined) scopes.push(viteScope(root, dir, file, config, warnings));
    }
  }
  return { scopes: scopes.filter((s) => s.rules.length > 0 || s.modules.length > 0 || s.entries.length > 0), warnings };
}

function readConfig(root: string, file: string, warnings: string[]): StaticValue | undefined {
  let text: string;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch {
    return undefined;
  }
  if (file.endsWith('package.json')) {
    try {
      const jest = (JSON.parse(text) as { jest?: StaticValue }).jest;
      return jest ?? undefined;
    } catch {
      return undefined;
    }
  }
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(text) as StaticValue;
    } catch (error) {
      warnings.push(
        `import graph: ${file} is not valid JSON (${(error as Error).message}); its module mappings are not applied`,
      );
      return undefined;
    }
  }
  const value = readStaticConfig(join(root, file), text);
  if (value === UNKNOWN || value === null || typeof value !== 'object') {
    warnings.push(
      `import graph: ${file} does not export a literal config object, so its module mappings cannot be read without running it — export a literal object (or defineConfig({...})) for the import graph to apply them`,
    );
    return undefined;
  }
  return value;
}

type StaticObject = { [key: string]: StaticValue };

function jestScope(root: string, dir: string, file: string, config: StaticObject, warnings: string[]): ResolveScope {
  const rootDirValue = config.rootDir;
  const rootDir = typeof rootDirValue === 'string' ? posix.resolve(join(root, dir), rootDirValue) : join(root, dir);
  const expand = (value: string) => value.replaceAll('<rootDir>', rootDir);
  const scope: ResolveScope = { dir: posix.relative(root, rootDir), rules: [], modules: [], file, entries: [] };
  addEntries(
    scope,
    config,
    JEST_ENTRY_KEYS,
    (entry) => (entry.startsWith('.') ? join(rootDir, entry) : expand(entry)),
    warnings,
  );
  const mapper = config.moduleNameMapper as StaticValue | undefined;
  if (isObject(mapper)) {
    for (const [pattern, target] of Object.entries(mapper)) {
      const replacements = (Array.isArray(target) ? target : [target])
        .filter((t): t is string => typeof t === 'string')
        .map(expand);
      const source = `${file} moduleNameMapper '${pattern}'`;
      if (replacements.length === 0)
        warnings.push(`import graph: ${source} does not map to a literal path; it is not applied`);
      else scope.rules.push({ source, kind: 'jest', regex: new RegExp(pattern), replacements });
    }
  } else if (mapper !== undefined) {
    warnings.push(
      `import graph: ${file} moduleNameMapper is not a literal object; it is not applied — write it as { "regex": "path" }`,
    );
  }
  for (const key of ['modulePaths', 'moduleDirectories'] as const) {
    const value = config[key];
    if (!Array.isArray(value)) continue;
    for (const entry of value) {
      if (typeof entry !== 'string' || entry === 'node_modules') continue;
      scope.modules.push(
        key === 'modulePaths' || entry.includes('<rootDir>') || entry.startsWith('/')
          ? expand(entry)
          : join(rootDir, entry),
      );
    }
  }
  return scope;
}

function viteScope(root: string, dir: string, file: string, config: StaticValue, warnings: string[]): ResolveScope {
  const scope: ResolveScope = { dir, rules: [], modules: [], file, entries: [] };
  if (!isObject(config)) return scope;
  if (isObject(config.test))
    addEntries(
      scope,
      config.test,
      VITEST_ENTRY_KEYS,
      (entry) => (entry.startsWith('.') ? join(root, dir, entry) : entry),
      warnings,
    );
  const aliases = [
    isObject(config.resolve) ? config.resolve.alias : undefined,
    isObject(config.test) ? config.test.alias : undefined,
  ];
  for (const alias of aliases) {
    if (alias === undefined) continue;
    const entries: [StaticValue, StaticValue][] = Array.isArray(alias)
      ? alias.map((entry) =>
          isObject(entry) ? [entry.find ?? UNKNOWN, entry.replacement ?? UNKNOWN] : [UNKNOWN, UNKNOWN],
        )
      : isObject(alias)
        ? Object.entries(alias)
        : [[UNKNOWN, UNKNOWN]];
    for (const [find, replacement] of entries) {
      if (typeof replacement !== 'string' || (typeof find !== 'string' && !isRegex(find))) {
        warnings.push(`import graph: ${file} has a resolve.alias entry that is not literal; it is not applied`);
        continue;
      }
      // @rollup/plugin-alias: a string matches the whole specifier or a prefix ending at '/'.
      const regex =
        typeof find === 'string' ? new RegExp(`^${escapeRegExp(find)}(?=/|$)`) : new RegExp(find.regex, find.flags);
      const target = replacement.startsWith('.') ? join(root, dir, replacement) : replacement;
      scope.rules.push({
        source: `${file} resolve.alias '${typeof find === 'string' ? find : `/${find.regex}/`}'`,
        kind: 'vite',
        regex,
        replacements: [target],
      });
    }
  }
  return scope;
}

/** Collects the module paths a runner option names (a string, a list, or `[path, options]` pairs). */
function addEntries(
  scope: ResolveScope,
  config: StaticObject,
  keys: readonly string[],
  expand: (entry: string) => string,
  warnings: string[],
): void {
  for (const key of keys) {
    const value = config[key] as StaticValue | undefined;
    if (value === undefined || value === null) continue;
    const items = Array.isArray(value) ? value.map((item) => (Array.isArray(item) ? item[0] : item)) : [value];
    for (const item of items) {
      if (typeof item !== 'string') {
        warnings.push(
          `import graph: ${scope.file} ${key} is not a literal path, so the files it loads are not known — a changed file no test imports is then planned by the other rules`,
        );
        scope.entries.push({ specifier: '', source: `${scope.file} ${key}` });
        continue;
      }
      if (!BUILTIN_NAMES.has(item)) scope.entries.push({ specifier: expand(item), source: `${scope.file} ${key}` });
    }
  }
}

function isObject(value: unknown): value is StaticObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isRegex(value);
}

function isRegex(value: unknown): value is RegexValue {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    'regex' in value &&
    'flags' in value &&
    Object.keys(value).length === 2
  );
}
