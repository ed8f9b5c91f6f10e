import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParseCache } from './cache.js';
import { isCodePath, parseImports } from './parse.js';
import { ImportResolver } from './resolve.js';
import { readRunnerConfigs, type ResolveScope } from './runner-config.js';
import { readWorkspaces } from './workspaces.js';

/** The import graph of one tree, as plain data (repo-relative POSIX paths). */
export interface ImportGraph {
  /** file → the repository files it imports (code, JSON, anything resolved). */
  edges: Map<string, string[]>;
  /** file → its loads whose target is not literal (`require(name) at line 3`), or its parse error. */
  dynamic: Map<string, string[]>;
  /** file → its specifiers that did not resolve, with the resolver's reason. */
  unresolved: Map<string, { specifier: string; detail: string }[]>;
  /** The test files of the tree (as the caller's predicate says). */
  tests: string[];
  /** Files jest/vitest load around every test without an import (setupFiles, globalSetup, …). */
  entries: { file: string; source: string }[];
  /** Set when a config names such files in a way that cannot be read: which option. */
  unknownEntries?: string;
  warnings: string[];
}

/** What building a graph needs. */
export interface GraphSource {
  /** Absolute folder of the tree (the work tree, or a checkout of the base commit). */
  root: string;
  /** Every file of the tree, repo-relative. */
  files: readonly string[];
  cache: ParseCache;
  isTestFile: (path: string) => boolean;
}

/**
 * Parses every JS/TS file of a tree (through the content-hash cache) and resolves what each
 * imports, with the workspace packages and jest/vitest settings read from the same tree.
 */
export function buildImportGraph(source: GraphSource): ImportGraph {
  const { root, files, cache, isTestFile } = source;
  const workspaces = readWorkspaces(root, files);
  const runner = readRunnerConfigs(root, files);
  const graph: ImportGraph = {
    edges: new Map(),
    dynamic: new Map(),
    unresolved: new Map(),
    tests: [],
    entries: [],
    warnings: [...workspaces.warnings, ...runner.warnings],
  };
  // A config that only names setup files must not shadow the mappings of the one above it.
  const tracked = new Set(files);
  const resolver = new ImportResolver(
    root,
    workspaces.packages,
    runner.scopes.filter((s) => s.rules.length > 0 || s.modules.length > 0),
    (path) => tracked.has(path),
  );
  try {
    const pending = files.filter((file) => isCodePath(file) && !file.includes('node_modules/'));
    for (const file of pending) if (isTestFile(file)) graph.tests.push(file);
    const seen = new Set(pending);
    // The list grows: a file git does not track (a gitignored dist/ that `preconstruct dev`
    // or a build wrote) is read once something resolves to it, since the tests load it too.
    for (let index = 0; index < pending.length; index++) {
      const file = pending[index];
      const targets = addFile(graph, root, file, cache, resolver, tracked.has(file));
      for (const target of targets) {
        if (!seen.has(target) && !tracked.has(target) && isCodePath(target)) {
          seen.add(target);
          pending.push(target);
        }
      }
    }
    addEntries(graph, runner.scopes, resolver);
    graph.warnings.push(...resolver.warnings);
  } finally {
    resolver.dispose();
  }
  return graph;
}

/** Parses one file (through the cache), records its edges, loads and unresolved specifiers; returns its targets. */
function addFile(
  graph: ImportGraph,
  root: string,
  file: string,
  cache: ParseCache,
  resolver: ImportResolver,
  tracked: boolean,
): string[] {
  let content: string;
  try {
    content = readFileSync(join(root, file), 'utf8');
  } catch {
    return []; // listed by git but gone from the work tree: a deletion not yet staged
  }
  const parsed = cache.get(file, content, () => parseImports(file, content));
  const targets = new Set<string>();
  for (const specifier of parsed.specifiers) {
    const resolution = resolver.resolve(file, specifier);
    if (resolution.kind === 'file') {
      for (const path of resolution.paths) if (path !== file) targets.add(path);
    } else if (resolution.kind === 'unresolved' && tracked) {
      // An untracked build output's broken specifier (preconstruct dev's `.cjs.mjs` wrapper
      // names './dist/…' inside dist/) is no source a change can fix or mean: not reported.
      const list = graph.unresolved.get(file) ?? [];
      list.push({ specifier, detail: resolution.detail });
      graph.unresolved.set(file, list);
    }
  }
  graph.edges.set(file, [...targets]);
  const uncertain =
    parsed.error === undefined ? parsed.dynamic : [...parsed.dynamic, `a syntax error (${parsed.error})`];
  if (uncertain.length > 0) graph.dynamic.set(file, uncertain);
  return [...targets];
}

/** Resolves the files the runners load by themselves (jest setupFiles, vitest globalSetup, …). */
function addEntries(graph: ImportGraph, scopes: readonly ResolveScope[], resolver: ImportResolver): void {
  for (const scope of scopes) {
    for (const { specifier, source } of scope.entries) {
      if (specifier === '') {
        graph.unknownEntries ??= source;
        continue;
      }
      const resolution = resolver.resolve(scope.file, specifier);
      if (resolution.kind === 'file') for (const file of resolution.paths) graph.entries.push({ file, source });
      else if (resolution.kind === 'unresolved')
        graph.warnings.push(
          `import graph: ${source} names '${specifier}', which does not resolve (${resolution.detail})`,
        );
    }
  }
}
