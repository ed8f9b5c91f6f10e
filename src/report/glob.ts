import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Minimatch } from 'minimatch';
import { UsageError } from '../errors.js';

/** Folders never worth walking for report files. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/**
 * Expands report arguments (files or globs such as `reports/**\/*.json`, relative to
 * `cwd`) into absolute file paths, sorted and without duplicates. A plain path must exist;
 * a glob must match at least one file. Globs are matched with minimatch over a walk of the
 * glob's literal leading folder (Node 20 has no fs.glob); nothing goes through a shell.
 */
export function expandReportPatterns(patterns: readonly string[], cwd: string): string[] {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const matcher = new Minimatch(pattern.replace(/\\/g, '/'), { dot: false, nocomment: true, nonegate: true });
    if (!matcher.hasMagic()) {
      const path = resolve(cwd, pattern);
      if (!existsSync(path) || !statSync(path).isFile())
        throw new UsageError(`report ${JSON.stringify(pattern)}: no such file — check the path (relative to ${cwd})`);
      found.add(path);
      continue;
    }
    const matches = globFiles(pattern.replace(/\\/g, '/'), cwd);
    if (matches.length === 0)
      throw new UsageError(
        `report glob ${JSON.stringify(pattern)}: matches no file under ${cwd} — did the matrix jobs upload their reports?`,
      );
    for (const path of matches) found.add(path);
  }
  return [...found].sort();
}

function globFiles(pattern: string, cwd: string): string[] {
  const segments = pattern.split('/');
  const literal: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (new Minimatch(segment).hasMagic()) break;
    literal.push(segment);
  }
  const absolutePattern = isAbsolute(pattern);
  const base = absolutePattern ? literal.join('/') || '/' : resolve(cwd, ...literal);
  const matcher = new Minimatch(absolutePattern ? pattern : pattern.replace(/^\.\//, ''), { dot: false });
  const results: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile()) {
        const candidate = absolutePattern ? path.split(sep).join('/') : relative(cwd, path).split(sep).join('/');
        if (matcher.match(candidate)) results.push(path);
      }
    }
  };
  walk(base);
  return results;
}
