import { Minimatch, braceExpand } from 'minimatch';
import { escapeRegExp } from '../util/regexp.js';

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
  tag: T;
}

/**
 * A set of tagged globs compiled once and indexed by their literal directory prefix, so a
 * file is tested only against patterns that can possibly match it (the ones anchored at
 * one of its ancestor folders, plus the unanchored ones). minimatch semantics, `dot: true`.
 */
export class GlobIndex<T> {
  private readonly byPrefix = new Map<string, CompiledPattern<T>[]>();
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
      }
    }
  }

  /** Every pattern matching `file`, in insertion order per bucket (anchored first). */
  matches(file: string): CompiledPattern<T>[] {
    const found: CompiledPattern<T>[] = [];
    if (this.byPrefix.size > 0) {
      // Each ancestor folder, then the file itself (the last round, where no slash is left).
      let from = 0;
      do {
        const slash = file.indexOf('/', from);
        const prefix = slash < 0 ? file : file.slice(0, slash);
        const bucket = this.byPrefix.get(prefix);
        if (bucket) for (const pattern of bucket) if (test(pattern, file)) found.push(pattern);
        from = slash + 1;
      } while (from > 0);
    }
    for (const pattern of this.unanchored) if (test(pattern, file)) found.push(pattern);
    return found;
  }
}

function test<T>(pattern: CompiledPattern<T>, file: string): boolean {
  if (pattern.literal !== undefined) return file === pattern.literal || file.startsWith(pattern.literal + '/');
  if (pattern.suffix !== undefined && !file.endsWith(pattern.suffix)) return false;
  if (pattern.under !== undefined) return file.startsWith(pattern.under);
  pattern.regex ??= toRegExp(pattern.pattern, pattern.source);
  return pattern.regex.test(file);
}

function toRegExp(pattern: string, source: string): RegExp {
  const regex = new Minimatch(pattern, { dot: true, nocomment: true, nonegate: true }).makeRe();
  if (regex === false) throw new Error(`invalid glob ${JSON.stringify(source)}`);
  return regex;
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
  return compiled;
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

/** Splits a user's glob list into positives and compiled negatives. */
export function splitNegations(patterns: readonly string[]): {
  positives: string[];
  negatives: { source: string; regex: RegExp }[];
} {
  const positives: string[] = [];
  const negatives: { source: string; regex: RegExp }[] = [];
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      const body = pattern.slice(1);
      const regex = new Minimatch(body, { dot: true, nocomment: true, nonegate: true }).makeRe();
      if (regex === false) throw new Error(`invalid glob ${JSON.stringify(pattern)}`);
      const literal = !MAGIC.test(body) ? body.replace(/\/+$/, '') : undefined;
      negatives.push({
        source: pattern,
        regex: literal ? new RegExp(`^${escapeRegExp(literal)}(?:/.*)?$`, 's') : regex,
      });
    } else positives.push(pattern);
  }
  return { positives, negatives };
}
