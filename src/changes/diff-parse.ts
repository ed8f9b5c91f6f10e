/** One entry of `git diff --name-status`. */
export interface DiffEntry {
  /** Status letter: A, M, D, T, U, X, R (rename) or C (copy). */
  status: string;
  /** Similarity score of a rename or copy (0–100). */
  score?: number;
  /** The path (for renames and copies: the new path). */
  path: string;
  /** For renames and copies: the old path. */
  oldPath?: string;
}

/**
 * Parses `git diff -z --name-status` output. With -z git never quotes or escapes names,
 * so spaces, quotes, newlines and non-ASCII come through exactly; fields are NUL-separated
 * and a rename or copy (`R100`, `C075`) is followed by two paths, old then new.
 */
export function parseNameStatusZ(output: string): DiffEntry[] {
  const fields = output.split('\0');
  if (fields.at(-1) === '') fields.pop();
  const entries: DiffEntry[] = [];
  let i = 0;
  while (i < fields.length) {
    const code = fields[i++];
    const status = code.charAt(0);
    if (!/^[ACDMRTUX][0-9]*$/.test(code)) {
      throw new Error(`unexpected status ${JSON.stringify(code)} in git diff --name-status output at field ${i}`);
    }
    if (status === 'R' || status === 'C') {
      const oldPath = fields.at(i++);
      const path = fields.at(i++);
      if (oldPath === undefined || path === undefined)
        throw new Error(`truncated ${code} entry in git diff --name-status output`);
      entries.push({ status, score: Number(code.slice(1)) || 0, oldPath, path });
    } else {
      const path = fields.at(i++);
      if (path === undefined) throw new Error(`truncated ${code} entry in git diff --name-status output`);
      entries.push({ status, path });
    }
  }
  return entries;
}

/**
 * The changed paths of a diff, each once, in diff order. A rename or copy contributes both
 * the old and the new path (moving a file out of a module changes that module too); a
 * deletion contributes its path.
 */
export function changedPaths(entries: readonly DiffEntry[]): string[] {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (entry.oldPath !== undefined) seen.add(entry.oldPath);
    seen.add(entry.path);
  }
  return [...seen];
}
