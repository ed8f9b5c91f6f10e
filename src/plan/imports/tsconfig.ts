import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** The path-mapping part of a tsconfig, with its `extends` chain merged and every path absolute. */
export interface FlatTsconfig {
  compilerOptions: { baseUrl?: string; paths?: Record<string, string[]> };
  /** `extends` targets that could not be read (a package that is not installed yet). */
  missing: string[];
}

/**
 * Reads a tsconfig and the files it extends the way tsc merges them (later wins; `baseUrl`
 * and `paths` are relative to the file that sets them), for when oxc-resolver refuses a
 * tsconfig whose `extends` names a package that is not installed: before `npm ci`,
 * `@tsconfig/node20` is missing, yet the repository's own `paths` still decide where
 * `@app/x` leads. `packageDir` finds workspace packages by name (`@repo/tsconfig/base.json`).
 */
export function flattenTsconfig(
  path: string,
  packageDir: (name: string) => string | undefined,
  depth = 0,
): FlatTsconfig {
  const flat: FlatTsconfig = { compilerOptions: {}, missing: [] };
  if (depth > 20) return flat;
  const config = readJsonc(path) as
    { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | undefined;
  if (config === undefined) return flat;
  const parents =
    typeof config.extends === 'string'
      ? [config.extends]
      : Array.isArray(config.extends)
        ? config.extends.filter((e): e is string => typeof e === 'string')
        : [];
  for (const parent of parents) {
    const target = locateExtends(dirname(path), parent, packageDir);
    if (target === undefined) {
      flat.missing.push(parent);
      continue;
    }
    const inherited = flattenTsconfig(target, packageDir, depth + 1);
    Object.assign(flat.compilerOptions, inherited.compilerOptions);
    flat.missing.push(...inherited.missing);
  }
  const options = config.compilerOptions ?? {};
  if (typeof options.baseUrl === 'string') flat.compilerOptions.baseUrl = resolve(dirname(path), options.baseUrl);
  if (options.paths !== null && typeof options.paths === 'object') {
    // Without a baseUrl, paths are relative to the tsconfig that declares them (TypeScript 4.1+).
    const base =
      typeof options.baseUrl === 'string'
        ? resolve(dirname(path), options.baseUrl)
        : (flat.compilerOptions.baseUrl ?? dirname(path));
    const paths: Record<string, string[]> = {};
    for (const [pattern, targets] of Object.entries(options.paths as Record<string, unknown>)) {
      if (Array.isArray(targets))
        paths[pattern] = targets
          .filter((t): t is string => typeof t === 'string')
          .map((t) => (isAbsolute(t) ? t : resolve(base, t)));
    }
    flat.compilerOptions.paths = paths;
  }
  return flat;
}

/** Writes the flattened config as a tsconfig oxc-resolver can load (no `extends`). */
export function writeFlatTsconfig(flat: FlatTsconfig, file: string): void {
  writeFileSync(file, JSON.stringify({ compilerOptions: flat.compilerOptions }));
}

function locateExtends(
  dir: string,
  specifier: string,
  packageDir: (name: string) => string | undefined,
): string | undefined {
  const withJson = (p: string) => [p, `${p}.json`, join(p, 'tsconfig.json')].find(isFile);
  if (specifier.startsWith('.') || isAbsolute(specifier)) return withJson(resolve(dir, specifier));
  const name = /^(@[^/]+\/)?[^/]+/.exec(specifier)?.[0];
  const pkg = name === undefined ? undefined : packageDir(name);
  if (pkg !== undefined) return withJson(join(pkg, specifier.slice(name!.length)));
  for (let current = dir; ; current = dirname(current)) {
    const found = withJson(join(current, 'node_modules', specifier));
    if (found !== undefined || dirname(current) === current) return found;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** JSON with comments and trailing commas, as tsconfig files are written. */
export function readJsonc(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (char === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += char;
  }
  try {
    return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1')) as unknown;
  } catch {
    return undefined;
  }
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}
