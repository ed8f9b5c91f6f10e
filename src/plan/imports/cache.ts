import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedImports } from './parse.js';

/**
 * Where the parse cache lives by default, relative to the repository root. node_modules/.cache
 * is the convention of babel-loader, eslint-loader, terser and others (find-cache-dir), it is
 * git-ignored wherever node_modules is, and a CI job can carry it with actions/cache.
 */
export const DEFAULT_CACHE_DIR = 'node_modules/.cache/quality-gates';

/** Bump when ParsedImports or the extraction rules change: old entries are then ignored. */
const FORMAT = 'imports-1';
const FILE = 'imports.json';

interface CacheFile {
  format: string;
  entries: Record<string, ParsedImports>;
}

/**
 * Parse results keyed by a hash of the file's content (and its extension, which picks the
 * parser's language): an unchanged file is never parsed twice, whatever its path or commit.
 * Entries not used by a run are dropped when it saves, so the file stays the size of the tree.
 */
export class ParseCache {
  // Read from the cache file: a key not in it has no entry.
  private readonly old: Partial<Record<string, ParsedImports>>;
  private readonly used = new Map<string, ParsedImports>();
  private misses = 0;

  private constructor(
    private readonly dir: string | undefined,
    entries: Record<string, ParsedImports>,
  ) {
    this.old = entries;
  }

  /** Opens the cache in `dir` (absolute); a missing or unreadable cache starts empty. */
  static open(dir: string | undefined): ParseCache {
    if (dir === undefined) return new ParseCache(undefined, {});
    try {
      const parsed = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as CacheFile;
      if (parsed.format === FORMAT && typeof parsed.entries === 'object') return new ParseCache(dir, parsed.entries);
    } catch {
      // No cache yet, or one written by another version: parse everything.
    }
    return new ParseCache(dir, {});
  }

  /** The cached result for this content, or `parse()`'s, remembered. */
  get(path: string, content: string, parse: () => ParsedImports): ParsedImports {
    const key = createHash('sha1')
      .update(path.slice(path.lastIndexOf('.')))
      .update('\0')
      .update(content)
      .digest('base64url');
    const known = this.used.get(key) ?? this.old[key];
    if (known) {
      this.used.set(key, known);
      return known;
    }
    this.misses++;
    const fresh = parse();
    this.used.set(key, fresh);
    return fresh;
  }

  /** How many files had to be parsed in this run. */
  get parsedCount(): number {
    return this.misses;
  }

  /**
   * Writes the entries used in this run (atomically: a temp file renamed over the old one).
   * Returns a warning when the cache cannot be written; planning goes on without it.
   */
  save(): string | undefined {
    if (this.dir === undefined || (this.misses === 0 && this.used.size === Object.keys(this.old).length))
      return undefined;
    const target = join(this.dir, FILE);
    try {
      mkdirSync(this.dir, { recursive: true });
      const temp = `${target}.${process.pid}.tmp`;
      writeFileSync(
        temp,
        JSON.stringify({ format: FORMAT, entries: Object.fromEntries(this.used) } satisfies CacheFile),
      );
      renameSync(temp, target);
      return undefined;
    } catch (error) {
      return `import graph: could not write the parse cache ${target} (${(error as Error).message}); the next plan parses every file again`;
    }
  }
}
