import type { ImportGraph } from './graph.js';

/** A test file that imports a changed file, and the files in between (nearest the test last). */
export interface ImportingTest {
  test: string;
  /** The files between the changed file and the test, both excluded, nearest the changed file first. */
  via: string[];
}

/** A test whose imports the graph cannot fully know, so it is never claimed unaffected. */
export interface UncertainTest {
  test: string;
  /** `src/loader.ts has require(name) at line 3`. */
  why: string;
}

/**
 * What the import graph says about one changed file. Plain data, handed to the pure planner.
 * - `imported`: these tests import it (directly or transitively).
 * - `unimported`: a code file no test imports.
 * - `unknown`: the graph cannot speak for it (a file nothing imports that is not code, a file
 *   an unresolved specifier may refer to, a file jest/vitest load around every test through
 *   `setupFiles` and the like, a `__mocks__` file); the planner's own rules decide.
 * `uncertain` tests (their imports reach a non-literal `require(x)`) count as importers of
 * every code file.
 */
export type ImportFinding =
  | { kind: 'imported'; tests: ImportingTest[]; uncertain: UncertainTest[] }
  | { kind: 'unimported'; uncertain: UncertainTest[] }
  | { kind: 'unknown'; why: string };

/** Answers questions about one graph; the reverse edges are built once. */
export class ImportQuery {
  private readonly importers = new Map<string, string[]>();
  private readonly testSet: Set<string>;
  private uncertainCache?: UncertainTest[];
  private unresolvedCache?: { file: string; specifier: string; detail: string; test: string }[];
  private entryCache?: Map<string, string>;

  constructor(private readonly graph: ImportGraph) {
    this.testSet = new Set(graph.tests);
    for (const [file, targets] of graph.edges) {
      for (const target of targets) {
        const list = this.importers.get(target);
        if (list) list.push(file);
        else this.importers.set(target, [file]);
      }
    }
  }

  /** The finding for one changed path of this tree. */
  explain(file: string): ImportFinding {
    const entry = this.entryClosure().get(file);
    if (entry !== undefined)
      return { kind: 'unknown', why: `${file} is loaded by ${entry} around every test, without an import` };
    if (/(^|\/)__mocks__\//.test(file))
      return {
        kind: 'unknown',
        why: `${file} is in a __mocks__ folder, which jest uses in place of a module without an import`,
      };
    const reached = this.reverseSearch(file);
    const plausible = this.unresolvedReached().find((u) => mayReferTo(u.specifier, file));
    if (plausible) {
      return {
        kind: 'unknown',
        why: `${file} may be what '${plausible.specifier}' in ${plausible.file} (imported by ${plausible.test}) refers to, which did not resolve (${plausible.detail})`,
      };
    }
    if (!this.graph.edges.has(file) && !this.importers.has(file)) {
      return { kind: 'unknown', why: `${file} is not a JavaScript/TypeScript file and no file imports it` };
    }
    const tests: ImportingTest[] = [];
    for (const [test, parent] of reached) {
      if (!this.testSet.has(test)) continue;
      const via: string[] = [];
      for (let step = parent; step !== undefined && step !== file; step = reached.get(step)) via.push(step);
      tests.push({ test, via: via.reverse() });
    }
    tests.sort((a, b) => (a.test < b.test ? -1 : a.test > b.test ? 1 : 0));
    const uncertain = this.uncertainTests().filter((u) => !reached.has(u.test));
    if (tests.length > 0) return { kind: 'imported', tests, uncertain };
    if (this.graph.unknownEntries !== undefined)
      return {
        kind: 'unknown',
        why: `no test imports ${file}, but ${this.graph.unknownEntries} is not a literal path and may load it`,
      };
    return { kind: 'unimported', uncertain };
  }

  /** Every file the runners' own entries (setupFiles, …) load, with the option that loads it. */
  private entryClosure(): Map<string, string> {
    if (this.entryCache) return this.entryCache;
    this.entryCache = new Map();
    const queue: string[] = [];
    for (const { file, source } of this.graph.entries) {
      if (!this.entryCache.has(file)) {
        this.entryCache.set(file, source);
        queue.push(file);
      }
    }
    for (let i = 0; i < queue.length; i++) {
      const source = this.entryCache.get(queue[i])!;
      for (const target of this.graph.edges.get(queue[i]) ?? []) {
        if (!this.entryCache.has(target)) {
          this.entryCache.set(target, source);
          queue.push(target);
        }
      }
    }
    return this.entryCache;
  }

  /** file → the file it was reached from (the start maps to undefined): breadth-first, so chains are shortest. */
  private reverseSearch(start: string): Map<string, string | undefined> {
    const parent = new Map<string, string | undefined>([[start, undefined]]);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      const current = queue[i];
      for (const importer of this.importers.get(current) ?? []) {
        if (parent.has(importer)) continue;
        parent.set(importer, current);
        queue.push(importer);
      }
    }
    return parent;
  }

  /** Tests whose imports reach a file with a non-literal load or a syntax error. */
  private uncertainTests(): UncertainTest[] {
    if (this.uncertainCache) return this.uncertainCache;
    const found = new Map<string, string>();
    for (const [file, reasons] of this.graph.dynamic) {
      for (const test of this.reverseSearch(file).keys()) {
        if (this.testSet.has(test) && !found.has(test))
          found.set(test, `${file} has ${reasons[0]}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ''}`);
      }
    }
    this.uncertainCache = [...found].map(([test, why]) => ({ test, why })).sort((a, b) => (a.test < b.test ? -1 : 1));
    return this.uncertainCache;
  }

  /** Unresolved specifiers in files some test imports (the others cannot hide a test's dependency). */
  unresolvedReached(): { file: string; specifier: string; detail: string; test: string }[] {
    if (this.unresolvedCache) return this.unresolvedCache;
    this.unresolvedCache = [];
    for (const [file, list] of this.graph.unresolved) {
      const test = [...this.reverseSearch(file).keys()].find((f) => this.testSet.has(f));
      if (test !== undefined)
        for (const { specifier, detail } of list) this.unresolvedCache.push({ file, specifier, detail, test });
    }
    return this.unresolvedCache;
  }
}

/**
 * Whether an unresolved specifier could have meant `file`: its last segment names the file
 * (`./money` → money.ts, money/index.ts) — an unresolved `@app/billing/money` cannot be
 * `src/orders/create.ts`. Bare package names may mean any file of a package: always plausible.
 */
export function mayReferTo(specifier: string, file: string): boolean {
  const segments = specifier.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  const last = segments.at(-1);
  if (last === undefined) return true;
  const isBare = !specifier.startsWith('.') && !specifier.startsWith('/');
  if (isBare && segments.length <= (specifier.startsWith('@') ? 2 : 1)) return true;
  const stem = (name: string) => name.replace(/\.[^.]*$/, '');
  const parts = file.split('/');
  const base = parts.at(-1)!;
  if (base === last || stem(base) === stem(last)) return true;
  return stem(base) === 'index' && parts.at(-2) === last;
}
