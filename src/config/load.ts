import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { LineCounter, isMap, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { CONVENTIONAL_ROOTS, ConfigSchema, type Config } from './schema.js';

/** The config file name looked up at the repository root. */
export const CONFIG_FILE = 'quality-gates.config.yml';

/** A loaded config: the validated values and where they came from. */
export interface LoadedConfig {
  config: Config;
  /** Absolute path of the file read, or undefined when zero-config conventions apply. */
  path?: string;
  /** The module root, relative to the repository root, POSIX separators. */
  moduleRoot: string;
  /** Whether the module root was configured, detected by convention, or missing. */
  moduleRootSource: 'config' | 'convention' | 'missing';
}

/**
 * Loads `quality-gates.config.yml` from `repoRoot` (or `explicitPath`), validates it, and
 * resolves the module root. Throws ConfigError with file:line:column, key, bad value and a fix.
 */
export function loadConfig(repoRoot: string, explicitPath?: string): LoadedConfig {
  const path = explicitPath ? resolve(repoRoot, explicitPath) : join(repoRoot, CONFIG_FILE);
  let config: Config;
  let usedPath: string | undefined;
  if (existsSync(path)) {
    config = parseConfigText(readFileSync(path, 'utf8'), relative(repoRoot, path) || path);
    usedPath = path;
  } else if (explicitPath) {
    throw new ConfigError(`${explicitPath}: config file not found — check the path or drop --config to use conventions`);
  } else {
    config = ConfigSchema.parse({});
  }
  const { moduleRoot, moduleRootSource } = resolveModuleRoot(repoRoot, config);
  return { config, path: usedPath, moduleRoot, moduleRootSource };
}

function resolveModuleRoot(repoRoot: string, config: Config): Pick<LoadedConfig, 'moduleRoot' | 'moduleRootSource'> {
  if (config.modules.root) return { moduleRoot: toPosix(config.modules.root), moduleRootSource: 'config' };
  for (const candidate of CONVENTIONAL_ROOTS) {
    if (isDirectory(join(repoRoot, candidate))) return { moduleRoot: candidate, moduleRootSource: 'convention' };
  }
  return { moduleRoot: CONVENTIONAL_ROOTS[0]!, moduleRootSource: 'missing' };
}

/**
 * Parses and validates config text. `fileLabel` is used in messages
 * (`quality-gates.config.yml:12:5 modules.map.billing: …`).
 */
export function parseConfigText(text: string, fileLabel: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const pos = lineCounter.linePos(error.pos[0]);
    throw new ConfigError(
      `${fileLabel}:${pos.line}:${pos.col} invalid YAML: ${firstLine(error.message)} — fix the syntax (indent with spaces, quote values containing ': ' or '#')`,
    );
  }
  const raw: unknown = doc.toJS() ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${fileLabel}:1:1 the config must be a mapping of keys (modules:, global:, …), got ${describe(raw)}`);
  }
  const result = ConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const messages = result.error.issues.slice(0, 5).map((issue) => formatIssue(issue, doc, lineCounter, fileLabel, raw));
  const more = result.error.issues.length > 5 ? `\n(and ${result.error.issues.length - 5} more problems)` : '';
  throw new ConfigError(messages.join('\n') + more);
}

function formatIssue(issue: z.core.$ZodIssue, doc: Document, lineCounter: LineCounter, fileLabel: string, raw: unknown): string {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const { line, col } = locate(doc, lineCounter, path, issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined);
  const keyPath = path.length > 0 ? path.join('.') : '(top level)';
  const value = getIn(raw, path);
  return `${fileLabel}:${line}:${col} ${keyPath}: ${explain(issue, value, path)}`;
}

function explain(issue: z.core.$ZodIssue, value: unknown, path: (string | number)[]): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key ${issue.keys.map((k) => `'${k}'`).join(', ')} — check the spelling; the keys are listed in README.md ("Configuration") and schema/config.schema.json`;
    case 'invalid_type': {
      const expected = issue.expected;
      if (expected === 'array') {
        const example = typeof value === 'string' ? ` — write [${JSON.stringify(value)}]` : ' — write a YAML list, e.g. ["src/billing/**"]';
        return `expected a list, got ${describe(value)}${example}`;
      }
      if (value === undefined) return `required, but missing — add it`;
      return `expected ${expected === 'record' || expected === 'object' ? 'a mapping' : `a ${expected}`}, got ${describe(value)}`;
    }
    case 'invalid_value':
      return `${describe(value)} is not allowed — use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      if (path.some((p) => p === 'timeout' || p === 'pollInterval')) {
        return `expected a duration like "30m", "90s" or a number of seconds, got ${describe(value)}`;
      }
      return `${describe(value)} is not valid here — see README.md ("Configuration")`;
    case 'too_small':
    case 'too_big':
      return `${issue.message} (got ${describe(value)})`;
    default:
      return `${issue.message} (got ${describe(value)})`;
  }
}

function locate(doc: Document, lineCounter: LineCounter, path: (string | number)[], unknownKey?: string): { line: number; col: number } {
  // Walk as deep as the document goes; an unknown key points at the key itself.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
      let offset = node.range[0] as number;
      if (unknownKey !== undefined && depth === path.length && isMap(node)) {
        const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === unknownKey);
        const keyNode = pair?.key as { range?: [number, number, number] } | undefined;
        if (keyNode?.range) offset = keyNode.range[0];
      }
      return lineCounter.linePos(offset);
    }
  }
  return { line: 1, col: 1 };
}

function getIn(value: unknown, path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return `a list (${JSON.stringify(value).slice(0, 60)})`;
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function toPosix(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}

/**
 * Lists the modules: the direct subfolders of the module root, sorted, minus hidden folders
 * and `modules.exclude`. An absent root yields no modules.
 */
export function discoverModules(repoRoot: string, moduleRoot: string, isExcluded: (name: string) => boolean = () => false): string[] {
  const dir = join(repoRoot, moduleRoot);
  if (!isDirectory(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .map((entry) => entry.name)
    .filter((name) => !isExcluded(name))
    .sort(compareNames);
}

/** Stable, locale-independent name order used everywhere modules are listed. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
