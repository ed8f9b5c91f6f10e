import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Minimatch } from 'minimatch';
import { parse as parseYaml } from 'yaml';

/** A workspace package: its name and its folder, repo-relative. */
export interface WorkspacePackage {
  name: string;
  dir: string;
}

/**
 * The workspace packages of a repository, read from files only (the plan job runs before
 * `npm ci`, so there is no node_modules to follow): the patterns of the root package.json
 * `workspaces` (npm, yarn, bun: a list or `{ packages }`), pnpm-workspace.yaml `packages`
 * and lerna.json `packages`, matched against the folders of the tracked package.json files.
 * Returns the packages and warnings for files that could not be read.
 */
export function readWorkspaces(
  root: string,
  files: readonly string[],
): { packages: WorkspacePackage[]; warnings: string[] } {
  const warnings: string[] = [];
  const patterns: string[] = [];
  const rootManifest = readJson(root, 'package.json', warnings) as { workspaces?: unknown } | undefined;
  const workspaces = rootManifest?.workspaces;
  patterns.push(
    ...stringList(
      Array.isArray(workspaces) ? workspaces : (workspaces as { packages?: unknown } | undefined)?.packages,
    ),
  );
  if (files.includes('pnpm-workspace.yaml')) {
    try {
      patterns.push(
        ...stringList(
          (parseYaml(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')) as { packages?: unknown } | null)
            ?.packages,
        ),
      );
    } catch (error) {
      warnings.push(
        `import graph: pnpm-workspace.yaml is not valid YAML (${(error as Error).message}); its packages are not known by name`,
      );
    }
  }
  if (files.includes('lerna.json'))
    patterns.push(
      ...stringList((readJson(root, 'lerna.json', warnings) as { packages?: unknown } | undefined)?.packages),
    );
  if (patterns.length === 0) return { packages: [], warnings };

  const positives = patterns.filter((p) => !p.startsWith('!')).map((p) => new Minimatch(normalize(p), { dot: true }));
  const negatives = patterns
    .filter((p) => p.startsWith('!'))
    .map((p) => new Minimatch(normalize(p.slice(1)), { dot: true }));
  const packages: WorkspacePackage[] = [];
  for (const file of files) {
    if (!file.endsWith('/package.json') || file.includes('node_modules/')) continue;
    const dir = file.slice(0, -'/package.json'.length);
    if (!positives.some((m) => m.match(dir)) || negatives.some((m) => m.match(dir))) continue;
    const name = (readJson(root, file, warnings) as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string' && name !== '') packages.push({ name, dir });
  }
  return { packages: packages.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)), warnings };
}

function normalize(pattern: string): string {
  return pattern.replace(/^\.\//, '').replace(/\/+$/, '');
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function readJson(root: string, file: string, warnings: string[]): unknown {
  let text: string;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    warnings.push(`import graph: ${file} is not valid JSON (${(error as Error).message}); it is skipped`);
    return undefined;
  }
}
