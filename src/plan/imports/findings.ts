import { isAbsolute, join } from 'node:path';
import { DEFAULT_CACHE_DIR, ParseCache } from './cache.js';
import type { ImportGraph } from './graph.js';
import { ImportQuery, type ImportFinding } from './query.js';
import { extractCommit, listWorkTreeFiles } from './tree.js';

/** What the import graph needs to speak for a change. */
export interface ImportFindingsOptions {
  /** The repository root (absolute). */
  root: string;
  /** Changed paths, repo-relative; deleted ones are looked up in the base commit's tree. */
  changedFiles: readonly string[];
  /** The base commit of the change (for deleted files). */
  base?: string;
  /** Whether a path is a test file of the project's runner. */
  isTestFile: (path: string) => boolean;
  /** Cache folder (absolute, or relative to root); null turns the cache off. Default DEFAULT_CACHE_DIR. */
  cacheDir?: string | null;
}

/** The graph's answers for the changed files, for the pure planner. */
export interface ImportFindings {
  /** changed file → finding; files the graph was not asked about are absent. */
  findings: Map<string, ImportFinding>;
  warnings: string[];
  stats: { files: number; parsed: number; tests: number };
}

/**
 * Builds the import graph of the work tree (and of the base tree when files were deleted)
 * and explains each changed file. I/O lives here and in the files it calls; the planner
 * only reads the returned data.
 */
export async function findImportFindings(options: ImportFindingsOptions): Promise<ImportFindings> {
  const files = listWorkTreeFiles(options.root);
  const present = new Set(files);
  const inTree = options.changedFiles.filter((file) => present.has(file));
  const deleted = options.changedFiles.filter((file) => !present.has(file));
  const findings = new Map<string, ImportFinding>();
  const warnings: string[] = [];
  const cacheDir =
    options.cacheDir === null ? undefined : resolveDir(options.root, options.cacheDir ?? DEFAULT_CACHE_DIR);
  // With no changed file in the work tree the head graph would answer nothing, so it is not
  // built (a diff of deletions only, or a list of files that are not there). The cache is not
  // saved then: it would keep the base tree's entries only.
  if (inTree.length === 0) {
    if (deleted.length > 0) await explainDeleted(options, deleted, ParseCache.open(cacheDir), findings);
    return { findings, warnings, stats: { files: 0, parsed: 0, tests: 0 } };
  }
  const cache = ParseCache.open(cacheDir);
  // The native parser and resolver load only once there is a tree to read (not outside git).
  const { buildImportGraph } = await import('./graph.js');
  const head = buildImportGraph({ root: options.root, files, cache, isTestFile: options.isTestFile });
  warnings.push(...head.warnings);
  const headQuery = new ImportQuery(head);
  for (const file of inTree) findings.set(file, headQuery.explain(file));
  warnings.push(...unresolvedWarnings(headQuery));
  if (deleted.length > 0) await explainDeleted(options, deleted, cache, findings);
  const saveWarning = cache.save();
  if (saveWarning) warnings.push(saveWarning);
  return { findings, warnings, stats: { files: head.edges.size, parsed: cache.parsedCount, tests: head.tests.length } };
}

function resolveDir(root: string, dir: string): string {
  return isAbsolute(dir) ? dir : join(root, dir);
}

/** Deleted files: their importers in the base commit's tree still count. */
async function explainDeleted(
  options: ImportFindingsOptions,
  deleted: string[],
  cache: ParseCache,
  findings: Map<string, ImportFinding>,
): Promise<void> {
  if (options.base === undefined) {
    for (const file of deleted)
      findings.set(file, {
        kind: 'unknown',
        why: `${file} was deleted, and with no base commit its importers cannot be read`,
      });
    return;
  }
  let tree: Awaited<ReturnType<typeof extractCommit>>;
  try {
    tree = await extractCommit(options.root, options.base);
  } catch (error) {
    for (const file of deleted)
      findings.set(file, {
        kind: 'unknown',
        why: `${file} was deleted, and the base tree could not be read (${(error as Error).message.split('\n')[0]})`,
      });
    return;
  }
  try {
    const { buildImportGraph } = await import('./graph.js');
    const graph: ImportGraph = buildImportGraph({
      root: tree.dir,
      files: tree.files,
      cache,
      isTestFile: options.isTestFile,
    });
    const query = new ImportQuery(graph);
    const inBase = new Set(tree.files);
    for (const file of deleted) {
      if (inBase.has(file)) findings.set(file, query.explain(file));
      else findings.set(file, { kind: 'unknown', why: `${file} is in neither the work tree nor the base commit` });
    }
  } finally {
    tree.remove();
  }
}

function unresolvedWarnings(query: ImportQuery): string[] {
  const list = query.unresolvedReached();
  if (list.length === 0) return [];
  const shown = list
    .slice(0, 10)
    .map((u) => `'${u.specifier}' in ${u.file}`)
    .join(', ');
  const more = list.length > 10 ? ` and ${list.length - 10} more` : '';
  return [
    `import graph: ${list.length} specifier${list.length === 1 ? '' : 's'} imported on the way to tests did not resolve: ${shown}${more} — a changed file they may refer to is planned by the other rules (unmatched)`,
  ];
}
