import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-J7EPJJHD.js";
import {
  CONVENTIONAL_ROOTS,
  ConfigSchema
} from "./chunk-6WDK2BYD.js";
import {
  ConfigError
} from "./chunk-LPOMALK6.js";
import {
  __toESM
} from "./chunk-OMX5YOFN.js";

// src/config/load.ts
var import_yaml = __toESM(require_dist(), 1);
import { existsSync, lstatSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
var CONFIG_FILE = "quality-gates.config.yml";
function loadConfig(repoRoot, explicitPath) {
  const path = explicitPath ? resolve(repoRoot, explicitPath) : join(repoRoot, CONFIG_FILE);
  const label = relative(repoRoot, path) || path;
  const text = readConfigFile(path, explicitPath ?? label, explicitPath !== void 0);
  if (text === void 0) {
    const config2 = ConfigSchema.parse({});
    return { config: config2, ...resolveModuleRoot(repoRoot, config2) };
  }
  const { config, locate: locate2 } = parseConfigSource(text, label);
  const source = { label, locate: locate2 };
  return { config, path, source, ...resolveModuleRoot(repoRoot, config, source) };
}
function readConfigFile(path, label, explicit) {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT" && !isSymlink(path)) {
      if (!explicit) return void 0;
      throw new ConfigError(`${label}: config file not found \u2014 check the path or drop --config to use conventions`);
    }
    const why = code === "ENOENT" ? "a symbolic link to a file that does not exist" : errnoText(error);
    throw new ConfigError(
      `${label}: cannot read the config file (${why}) \u2014 make it a readable YAML file${explicit ? ", or fix --config" : ""}`
    );
  }
  if (!stats.isFile()) {
    const kind = stats.isDirectory() ? "a directory" : stats.isFIFO() ? "a named pipe (FIFO)" : stats.isSocket() ? "a socket" : "not a regular file";
    throw new ConfigError(
      `${label}: cannot read the config file: it is ${kind} \u2014 give the path of a YAML file${explicit ? " to --config" : ""}`
    );
  }
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(`${label}: cannot read the config file (${errnoText(error)}) \u2014 check its permissions`);
  }
}
function isSymlink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
function errnoText(error) {
  const code = error.code;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message.replace(/^[A-Z]+: /, "").replace(/, \w+ '.*'$/, "")}` : message;
}
function resolveModuleRoot(repoRoot, config, source) {
  if (config.modules.root) {
    const where = source ? `${source.label}:${position(source.locate(["modules", "root"]))} ` : "";
    const given = JSON.stringify(config.modules.root);
    const relativeRoot = relative(resolve(repoRoot), resolve(repoRoot, config.modules.root));
    if (relativeRoot === ".." || relativeRoot.startsWith("../") || relativeRoot.startsWith("..\\") || isAbsolute(relativeRoot)) {
      throw new ConfigError(
        `${where}modules.root: ${given} is outside the repository ${repoRoot} \u2014 give a folder inside it, relative to the repository root`
      );
    }
    const moduleRoot = toPosix(relativeRoot);
    if (!isDirectory(join(repoRoot, moduleRoot))) {
      const what = existsSync(join(repoRoot, moduleRoot)) ? "is not a folder" : "does not exist";
      throw new ConfigError(
        `${where}modules.root: ${given} ${what} in ${repoRoot} \u2014 create it, or set modules.root to the folder whose subfolders are your integration modules`
      );
    }
    return { moduleRoot, moduleRootSource: "config" };
  }
  for (const candidate of CONVENTIONAL_ROOTS) {
    if (isDirectory(join(repoRoot, candidate))) return { moduleRoot: candidate, moduleRootSource: "convention" };
  }
  return { moduleRoot: CONVENTIONAL_ROOTS[0], moduleRootSource: "missing" };
}
function position(pos) {
  return `${pos.line}:${pos.col}`;
}
function parseConfigSource(text, fileLabel) {
  const lineCounter = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const pos = lineCounter.linePos(error.pos[0]);
    throw new ConfigError(
      `${fileLabel}:${pos.line}:${pos.col} invalid YAML: ${firstLine(error.message)} \u2014 fix the syntax (indent with spaces, quote values containing ': ' or '#')`
    );
  }
  let raw;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (error) {
    throw new ConfigError(
      `${fileLabel}: the YAML expands too many aliases (${firstLine(error instanceof Error ? error.message : String(error))}) \u2014 write the values out instead of nesting *aliases`
    );
  }
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new ConfigError(
      `${fileLabel}:1:1 the config must be a mapping of keys (modules:, global:, \u2026), got ${describe(raw)}`
    );
  }
  const locate2 = (path, options) => locateIn(doc, lineCounter, [...path], options?.key ? path.at(-1) : void 0);
  const result = ConfigSchema.safeParse(raw);
  if (result.success) return { config: result.data, locate: locate2 };
  const messages = result.error.issues.slice(0, 5).map((issue) => formatIssue(issue, doc, lineCounter, fileLabel, raw));
  const more = result.error.issues.length > 5 ? `
(and ${result.error.issues.length - 5} more problems)` : "";
  throw new ConfigError(messages.join("\n") + more);
}
var MAX_ALIAS_COUNT = 100;
function locateIn(doc, lineCounter, path, key) {
  if (key === void 0) return locate(doc, lineCounter, path);
  return locate(doc, lineCounter, path.slice(0, -1), String(key));
}
function formatIssue(issue, doc, lineCounter, fileLabel, raw) {
  const path = issue.path.map((p) => typeof p === "symbol" ? String(p) : p);
  const { line, col } = locate(doc, lineCounter, path, issue.code === "unrecognized_keys" ? issue.keys[0] : void 0);
  const keyPath = path.length > 0 ? path.join(".") : "(top level)";
  const value = getIn(raw, path);
  return `${fileLabel}:${line}:${col} ${keyPath}: ${explain(issue, value, path)}`;
}
function explain(issue, value, path) {
  switch (issue.code) {
    case "unrecognized_keys":
      return `unknown key ${issue.keys.map((k) => `'${k}'`).join(", ")} \u2014 check the spelling; the keys are listed in README.md ("Configuration") and schema/config.schema.json`;
    case "invalid_type": {
      const expected = issue.expected;
      if (expected === "array") {
        const example = typeof value === "string" ? ` \u2014 write [${JSON.stringify(value)}]` : ' \u2014 write a YAML list, e.g. ["src/billing/**"]';
        return `expected a list, got ${describe(value)}${example}`;
      }
      if (value === void 0) return `required, but missing \u2014 add it`;
      return `expected ${expected === "record" || expected === "object" ? "a mapping" : `a ${expected}`}, got ${describe(value)}`;
    }
    case "invalid_value":
      return `${describe(value)} is not allowed \u2014 use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union":
      if (path.some((p) => p === "timeout" || p === "pollInterval")) {
        return `expected a duration like "30m", "90s" or a number of seconds, got ${describe(value)}`;
      }
      return `${describe(value)} is not valid here \u2014 see README.md ("Configuration")`;
    case "custom":
      return typeof value === "string" && issue.message.includes(JSON.stringify(value)) ? issue.message : `${issue.message} (got ${describe(value)})`;
    case "too_small":
    case "too_big":
      return `${issue.message} (got ${describe(value)})`;
    default:
      return `${issue.message} (got ${describe(value)})`;
  }
}
function locate(doc, lineCounter, path, unknownKey) {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (node && typeof node === "object" && "range" in node && Array.isArray(node.range)) {
      let offset = node.range[0];
      if (unknownKey !== void 0 && depth === path.length && (0, import_yaml.isMap)(node)) {
        const pair = node.items.find((item) => item.key?.value === unknownKey);
        const keyNode = pair?.key;
        if (keyNode?.range) offset = keyNode.range[0];
      }
      return lineCounter.linePos(offset);
    }
  }
  return { line: 1, col: 1 };
}
function getIn(value, path) {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return void 0;
    current = current[key];
  }
  return current;
}
function describe(value) {
  if (value === void 0) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return `a list (${JSON.stringify(value).slice(0, 60)})`;
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${JSON.stringify(value)}`;
}
function firstLine(text) {
  return text.split("\n")[0].trim();
}
function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
function toPosix(path) {
  return path.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/+$/, "");
}

export {
  loadConfig,
  position,
  isDirectory
};
