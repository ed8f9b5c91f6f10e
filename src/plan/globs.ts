import { Minimatch, braceExpand } from 'minimatch';

const MAGIC = /[*?[\]{}()!+@]/;

interface CompiledPattern<T> {
  /** The pattern as the user wrote it (shown in triggers). */
  source: string;
  /** The brace-expanded pattern this entry matches. */
  pattern: string;
  /** minimatch's regular expression, compiled on first use (most patterns never meet a file). */
  regex?: RegExp;
  /** A literal pattern also matches everything below it (`src/billing` ≈ `src/billing/**`). */
  literal?: string;
  /** `dir/**` and `dir/**\/*.ext` shapes: matched with string tests, no regex at all. */
  under?: string;
  /** A literal ending every match must have (`*.ext` last segment): a cheap pre-check. */
  suffix?: string;
  /** A literal run every match contains (`jest.config.` of `**\/jest.config.*`): a cheap pre-check. */
  needle?: string;
  tag: T;
}

/**
 * A set of tagged globs compiled once and indexed by their literal directory prefix, so a
 * file is tested only against patterns that can possibly match it (the ones anchored at
 * one of its ancestor folders, plus the unanchored ones). minimatch semantics, `dot: true`.
 */
export class GlobIndex<T> {
  private readonly byPrefix = new Map<string, CompiledPattern<T>[]>();
  /** The lengths of the prefixes in byPrefix: an ancestor of another length is never looked up. */
  private readonly prefixLengths = new Set<number>();
  private readonly unanchored: CompiledPattern<T>[] = [];

  /** Adds a positive pattern (no leading `!`) carrying `tag`. */
  add(pattern: string, tag: T): void {
    for (const expanded of new Set(braceExpand(pattern))) {
      const compiled = compile(expanded, pattern, tag);
      const prefix = literalPrefix(expanded);
      if (prefix === '') this.unanchored.push(compiled);
      else {
        const list = this.byPrefix.get(prefix);
        if (list) list.push(compiled);
        else this.byPrefix.set(prefix, [compiled]);
        this.prefixLengths.add(prefix.length);
      }
    }
  }

  /** Every pattern matching `file`, in insertion order per bucket (anchored first); most files match none. */
  matches(file: string): readonly CompiledPattern<T>[] {
    let found: CompiledPattern<T>[] | undefined;
    if (this.byPrefix.size > 0) {
      // Each ancestor folder, then the file itself (the last round, where no slash is left).
      let from = 0;
      do {
        const slash = file.indexOf('/', from);
        const end = slash < 0 ? file.length : slash;
        const bucket = this.prefixLengths.has(end) ? this.byPrefix.get(file.slice(0, end)) : undefined;
        if (bucket) for (const pattern of bucket) if (test(pattern, file)) (found ??= []).push(pattern);
        from = slash + 1;
      } while (from > 0);
    }
    for (const pattern of this.unanchored) if (test(pattern, file)) (found ??= []).push(pattern);
    return found ?? NONE;
  }
}

const NONE: readonly never[] = [];

function test<T>(pattern: CompiledPattern<T>, file: string): boolean {
  if (pattern.literal !== undefined) return file === pattern.literal || file.startsWith(pattern.literal + '/');
  if (pattern.suffix !== undefined && !file.endsWith(pattern.suffix)) return false;
  if (pattern.under !== undefined) return file.startsWith(pattern.under);
  if (pattern.needle !== undefined && !file.includes(pattern.needle)) return false;
  pattern.regex ??= toRegExp(pattern.pattern, pattern.source);
  return pattern.regex.test(file);
}

function toRegExp(pattern: string, source: string): RegExp {
  const regex = new Minimatch(pattern, { dot: true, nocomment: true, nonegate: true }).makeRe();
  if (regex === false) throw new Error(`invalid glob ${JSON.stringify(source)}`);
  // dotAll: a path may contain a newline (a pull request's file names are anyone's), which
  // minimatch's match() accepts and its regular expression's `.` would not.
  return new RegExp(regex.source, regex.flags + 's');
}

const UNDER = /^((?:[^*?[\]{}()!+@/]+\/)+)\*\*(?:\/\*([^*?[\]{}()!+@/]+))?$/;

function compile<T>(pattern: string, source: string, tag: T): CompiledPattern<T> {
  const compiled: CompiledPattern<T> = { source, pattern, tag };
  if (!MAGIC.test(pattern)) {
    compiled.literal = pattern.replace(/\/+$/, '');
    return compiled;
  }
  const under = UNDER.exec(pattern);
  if (under) {
    // `src/billing/**` and `src/billing/**/*.ts`: a prefix test (and a suffix test).
    compiled.under = under[1];
    // The `/*suffix` group is optional: undefined when the pattern ends in `**`.
    const suffix = under.at(2);
    if (suffix !== undefined) compiled.suffix = suffix;
    return compiled;
  }
  const last = pattern.slice(pattern.lastIndexOf('/') + 1);
  const tail = /^\*([^*?[\]{}()!+@/]+)$/.exec(last);
  if (tail) compiled.suffix = tail[1];
  const needle = requiredLiteral(pattern);
  if (needle !== undefined) compiled.needle = needle;
  return compiled;
}

/** Glob syntax a literal run cannot be read across: classes, extglobs, negation, escapes. */
const OPAQUE = /[[\]{}()!+@\\]/;

/**
 * The longest literal run of a pattern's segments, which every path the pattern matches
 * contains: `*` and `?` match within one segment and `**` whole segments, so the text between
 * them appears as written. Most default globs (`**\/jest.config.*`, `**\/migrations/**`,
 * `LICENSE*`) meet files that cannot match, and a substring test rejects those without the
 * regular expression. Undefined for patterns with classes, extglobs or escapes (no safe run).
 */
function requiredLiteral(pattern: string): string | undefined {
  if (OPAQUE.test(pattern)) return undefined;
  let longest = '';
  for (const segment of pattern.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') return undefined;
    for (const run of segment.split(/[*?]+/)) if (run.length > longest.length) longest = run;
  }
  return longest === '' ? undefined : longest;
}

/** The leading path segments of a pattern that contain no glob syntax. */
export function literalPrefix(pattern: string): string {
  const segments = pattern.split('/');
  const literal: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (MAGIC.test(segment) || segment === '' || segment === '.' || segment === '..') break;
    literal.push(segment);
  }
  if (literal.length === segments.length - 1 && !MAGIC.test(segments.at(-1)!)) {
    // Fully literal: the path itself is the prefix (a file, or a folder whose files match).
    return pattern.replace(/\/+$/, '');
  }
  return literal.join('/');
}

/** A `!pattern` of a glob list: `matches(file)` says whether it subtracts the file. */
export interface NegatedGlob {
  /** The pattern as the user wrote it, `!` included. */
  source: string;
  matches(file: string): boolean;
}

/**
 * Splits a user's glob list into positives and compiled negatives. A negative is tested the
 * way positives are (string tests for literal, `dir/**` and `*.ext` shapes, a regular
 * expression compiled on first use otherwise), so a list of 200 module globs with a `!` each
 * compiles nothing up front.
 */
export function splitNegations(patterns: readonly string[]): {
  positives: string[];
  negatives: NegatedGlob[];
} {
  const positives: string[] = [];
  const negatives: NegatedGlob[] = [];
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      const body = pattern.slice(1);
      const alternatives = [...new Set(braceExpand(body))].map((expanded) => {
        const compiled = compile(expanded, pattern, undefined);
        // Only a pattern written without glob syntax also subtracts what is below it
        // (`!src/x`); an alternative of `!{a,b}` is the path itself, as minimatch reads it.
        if (compiled.literal !== undefined && MAGIC.test(body)) return { ...compiled, literal: undefined };
        return compiled;
      });
      negatives.push({ source: pattern, matches: (file) => alternatives.some((p) => test(p, file)) });
    } else positives.push(pattern);
  }
  return { positives, negatives };
}
