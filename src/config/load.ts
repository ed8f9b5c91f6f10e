import { existsSync, lstatSync, readFileSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { LineCounter, isMap, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { CONVENTIONAL_ROOTS, ConfigSchema, type Config } from './schema.js';

/** The config file name looked up at the repository root. */
export const CONFIG_FILE = 'quality-gates.config.yml';

/** Where a key of the config file is: 1-based line and column. */
export type Locate = (path: readonly (string | number)[], options?: { key?: boolean }) => { line: number; col: number };

/** A loaded config: the validated values and where they came from. */
export interface LoadedConfig {
  config: Config;
  /** Absolute path of the file read, or undefined when zero-config conventions apply. */
  path?: string;
  /** How messages name the file (`quality-gates.config.yml`) and where its keys are. */
  source?: { label: string; locate: Locate };
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
  const label = relative(repoRoot, path) || path;
  const text = readConfigFile(path, explicitPath ?? label, explicitPath !== undefined);
  if (text === undefined) {
    const config = ConfigSchema.parse({});
    return { config, ...resolveModuleRoot(repoRoot, config) };
  }
  const { config, locate } = parseConfigSource(text, label);
  const source = { label, locate };
  return { config, path, source, ...resolveModuleRoot(repoRoot, config, source) };
}

/**
 * The config file's text, or undefined when there is none at the default location. A path
 * that exists but is no readable regular file (a directory, a FIFO, a symlink loop, a
 * dangling symlink) is a config error naming the file: never "no config", never a hang.
 */
function readConfigFile(path: string, label: string, explicit: boolean): string | undefined {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !isSymlink(path)) {
      if (!explicit) return undefined;
      throw new ConfigError(`${label}: config file not found — check the path or drop --config to use conventions`);
    }
    const why = code === 'ENOENT' ? 'a symbolic link to a file that does not exist' : errnoText(error);
    throw new ConfigError(
      `${label}: cannot read the config file (${why}) — make it a readable YAML file${explicit ? ', or fix --config' : ''}`,
    );
  }
  if (!stats.isFile()) {
    const kind = stats.isDirectory()
      ? 'a directory'
      : stats.isFIFO()
        ? 'a named pipe (FIFO)'
        : stats.isSocket()
          ? 'a socket'
          : 'not a regular file';
    throw new ConfigError(
      `${label}: cannot read the config file: it is ${kind} — give the path of a YAML file${explicit ? ' to --config' : ''}`,
    );
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${label}: cannot read the config file (${errnoText(error)}) — check its permissions`);
  }
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function errnoText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')}` : message;
}

function resolveModuleRoot(
  repoRoot: string,
  config: Config,
  source?: { label: string; locate: Locate },
): Pick<LoadedConfig, 'moduleRoot' | 'moduleRootSource'> {
  if (config.modules.root) {
    const where = source ? `${source.label}:${position(source.locate(['modules', 'root']))} ` : '';
    const given = JSON.stringify(config.modules.root);
    const relativeRoot = relative(resolve(repoRoot), resolve(repoRoot, config.modules.root));
    if (
      relativeRoot === '..' ||
      relativeRoot.startsWith('../') ||
      relativeRoot.startsWith('..\\') ||
      isAbsolute(relativeRoot)
    ) {
      throw new ConfigError(
        `${where}modules.root: ${given} is outside the repository ${repoRoot} — give a folder inside it, relative to the repository root`,
      );
    }
    const moduleRoot = toPosix(relativeRoot);
    if (!isDirectory(join(repoRoot, moduleRoot))) {
      const what = existsSync(join(repoRoot, moduleRoot)) ? 'is not a folder' : 'does not exist';
      throw new ConfigError(
        `${where}modules.root: ${given} ${what} in ${repoRoot} — create it, or set modules.root to the folder whose subfolders are your integration modules`,
      );
    }
    return { moduleRoot, moduleRootSource: 'config' };
  }
  for (const candidate of CONVENTIONAL_ROOTS) {
    if (isDirectory(join(repoRoot, candidate))) return { moduleRoot: candidate, moduleRootSource: 'convention' };
  }
  return { moduleRoot: CONVENTIONAL_ROOTS[0], moduleRootSource: 'missing' };
}

/** `12:5` */
export function position(pos: { line: number; col: number }): string {
  return `${pos.line}:${pos.col}`;
}

/**
 * Parses and validates config text. `fileLabel` is used in messages
 * (`quality-gates.config.yml:12:5 modules.map.billing: …`).
 */
export function parseConfigText(text: string, fileLabel: string): Config {
  return parseConfigSource(text, fileLabel).config;
}

/** Like parseConfigText, and also returns where each key is (for later checks that name a line). */
export function parseConfigSource(text: string, fileLabel: string): { config: Config; locate: Locate } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const pos = lineCounter.linePos(error.pos[0]);
    throw new ConfigError(
      `${fileLabel}:${pos.line}:${pos.col} invalid YAML: ${firstLine(error.message)} — fix the syntax (indent with spaces, quote values containing ': ' or '#')`,
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (error) {
    // yaml refuses documents whose aliases expand too far (the "billion laughs" attack).
    throw new ConfigError(
      `${fileLabel}: the YAML expands too many aliases (${firstLine(error instanceof Error ? error.message : String(error))}) — write the values out instead of nesting *aliases`,
    );
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(
      `${fileLabel}:1:1 the config must be a mapping of keys (modules:, global:, …), got ${describe(raw)}`,
    );
  }
  const locate: Locate = (path, options) =>
    locateIn(doc, lineCounter, [...path], options?.key ? path.at(-1) : undefined);
  const result = ConfigSchema.safeParse(raw);
  if (result.success) return { config: result.data, locate };
  const messages = result.error.issues.slice(0, 5).map((issue) => formatIssue(issue, doc, lineCounter, fileLabel, raw));
  const more = result.error.issues.length > 5 ? `\n(and ${result.error.issues.length - 5} more problems)` : '';
  throw new ConfigError(messages.join('\n') + more);
}

/** How many alias expansions a config may use: plenty for anchors reused by hand, far below a bomb. */
const MAX_ALIAS_COUNT = 100;

/** The position of a key (`key: true`: the key itself, not its value), for a path into the document. */
function locateIn(
  doc: Document,
  lineCounter: LineCounter,
  path: (string | number)[],
  key: string | number | undefined,
): { line: number; col: number } {
  if (key === undefined) return locate(doc, lineCounter, path);
  return locate(doc, lineCounter, path.slice(0, -1), String(key));
}

function formatIssue(
  issue: z.core.$ZodIssue,
  doc: Document,
  lineCounter: LineCounter,
  fileLabel: string,
  raw: unknown,
): string {
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
        const example =
          typeof value === 'string'
            ? ` — write [${JSON.stringify(value)}]`
            : ' — write a YAML list, e.g. ["src/billing/**"]';
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
    case 'custom':
      // Checks such as durations already quote the value they refuse.
      return typeof value === 'string' && issue.message.includes(JSON.stringify(value))
        ? issue.message
        : `${issue.message} (got ${describe(value)})`;
    case 'too_small':
    case 'too_big':
      return `${issue.message} (got ${describe(value)})`;
    default:
      return `${issue.message} (got ${describe(value)})`;
  }
}

function locate(
  doc: Document,
  lineCounter: LineCounter,
  path: (string | number)[],
  unknownKey?: string,
): { line: number; col: number } {
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
  return text.split('\n')[0].trim();
}

/** True for an existing directory (following symlinks). */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function toPosix(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}
