import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';

/**
 * `--out` as a path relative to the repository root, POSIX separators (the form the
 * workflow's own regenerate/check command is written with). A relative path is taken from
 * the root; an absolute one is accepted when it lies inside the repository, also through a
 * symlinked path to it (/tmp → /private/tmp). A path outside the repository is refused.
 */
export function repoRelativeOut(repoRoot: string, out: string): string {
  // Backslashes as separators on every system, as the rest of the generator writes paths.
  const absolute = resolve(repoRoot, out.replace(/\\/g, '/'));
  const inside = insideRoot(repoRoot, absolute) ?? insideRoot(realpathOf(repoRoot), realpathOf(absolute));
  if (inside === '')
    throw new UsageError(
      `--out ${JSON.stringify(out)} names the repository root itself: name the workflow file, e.g. .github/workflows/quality-gates.yml`,
    );
  if (inside === undefined) {
    throw new UsageError(
      `--out ${JSON.stringify(out)} is outside the repository ${repoRoot}: the workflow must live in it — give a path relative to the root (e.g. .github/workflows/quality-gates.yml) or an absolute one inside it`,
    );
  }
  return inside.split(sep).join('/');
}

/** `path` relative to `root` when it is inside it ('' for the root itself), else undefined. */
function insideRoot(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel;
}

/** The real path of `path`, resolving symlinks in the part that exists (the file may not yet). */
function realpathOf(path: string): string {
  if (existsSync(path)) return realpathSync(path);
  const parent = dirname(path);
  return parent === path ? path : join(realpathOf(parent), basename(path));
}
