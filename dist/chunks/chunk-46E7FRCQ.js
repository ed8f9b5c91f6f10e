import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  isDirectory,
  loadConfig,
  position
} from "./chunk-GVN3OKAZ.js";
import {
  compareNames,
  defaultHistoryPath
} from "./chunk-DDDFDF4N.js";
import {
  DEFAULT_GLOBAL,
  DEFAULT_IGNORE,
  ROOT_MODULE
} from "./chunk-NZFCFH4L.js";
import {
  decodePath
} from "./chunk-BURGMGPG.js";
import {
  ConfigError
} from "./chunk-LPOMALK6.js";
import {
  escapeRegExp
} from "./chunk-6LBAFHHF.js";
import {
  Minimatch,
  braceExpand
} from "./chunk-OXXGRHMT.js";

// src/history/location.ts
import { resolve } from "node:path";
var DEFAULT_HISTORY_FILE = ".quality-gates/history.json";
function resolveHistoryPath(cwd, flag, configured) {
  if (flag !== void 0) return flag === "none" ? void 0 : resolve(cwd, flag);
  if (configured === false) return void 0;
  return configured === void 0 ? defaultHistoryPath(cwd) : resolve(cwd, configured);
}

// src/config/modules.ts
import { readdirSync } from "node:fs";
import { join } from "node:path";

// src/plan/test-files.ts
var DEFAULT_TEST_PATTERNS = {
  jest: ["**/__tests__/**/*.[jt]s?(x)", "**/?(*.)+(spec|test).[jt]s?(x)"],
  vitest: ["**/*.{test,spec}.?(c|m)[jt]s?(x)"]
};
function testFileMatcher(runner, override) {
  const patterns = override && override.length > 0 ? [...override] : DEFAULT_TEST_PATTERNS[runner];
  const source = override && override.length > 0 ? "modules.testMatch" : runner === "jest" ? "jest's default testMatch" : "vitest's default include";
  const compiled = patterns.map((pattern) => new Minimatch(pattern, { dot: true, nocomment: true, nonegate: true }));
  const matcher = (path) => !/(^|\/)node_modules\//.test(path) && compiled.some((m) => m.match(path));
  return Object.assign(matcher, { patterns, source });
}

// src/config/modules.ts
function discoverLayout(repoRoot, loaded) {
  const { config, moduleRoot } = loaded;
  const isTestFile = testFileMatcher(config.runner, config.modules.testMatch);
  const layout = { moduleRoot, modules: [], rootTestFiles: [], sharedFolders: [], isTestFile };
  const dir = join(repoRoot, moduleRoot);
  if (!isDirectory(dir)) return layout;
  const excludes = config.modules.exclude.map((pattern) => new Minimatch(pattern, { dot: true }));
  const prefix = moduleRoot === "" ? "" : `${moduleRoot}/`;
  for (const entry of readBytes(Buffer.from(dir))) {
    const name = decodePath(entry.name);
    if (entry.isFile() && isTestFile(prefix + name)) layout.rootTestFiles.push(prefix + name);
    if (!entry.isDirectory() || name.startsWith(".") || name === "node_modules") continue;
    if (excludes.some((m) => m.match(name))) continue;
    if (holdsTestFile(childPath(Buffer.from(dir), entry.name), `${prefix}${name}`, isTestFile))
      layout.modules.push(name);
    else layout.sharedFolders.push(name);
  }
  if (layout.rootTestFiles.length > 0) {
    if (layout.modules.includes(ROOT_MODULE)) {
      throw new ConfigError(
        `${prefix}${ROOT_MODULE}/ is a folder, and ${ROOT_MODULE} is also the name of the test files directly in ${moduleRoot}/ \u2014 rename the folder, or move those files into a folder`
      );
    }
    layout.modules.push(ROOT_MODULE);
  }
  layout.modules.sort(compareNames);
  layout.sharedFolders.sort(compareNames);
  layout.rootTestFiles.sort(compareNames);
  return layout;
}
function holdsTestFile(dir, relativeDir, isTestFile) {
  const entries = readBytes(dir);
  for (const entry of entries)
    if (entry.isFile() && isTestFile(`${relativeDir}/${decodePath(entry.name)}`)) return true;
  for (const entry of entries) {
    const name = decodePath(entry.name);
    if (!entry.isDirectory() || name === "node_modules" || name === ".git") continue;
    if (holdsTestFile(childPath(dir, entry.name), `${relativeDir}/${name}`, isTestFile)) return true;
  }
  return false;
}
function readBytes(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true, encoding: "buffer" });
  } catch (error) {
    const code = error.code ?? String(error);
    throw new ConfigError(
      `cannot read ${JSON.stringify(decodePath(dir))} (${code}) while looking for modules \u2014 make the module root readable`
    );
  }
}
function childPath(dir, name) {
  return Buffer.concat([dir, Buffer.from("/"), name]);
}

// src/config/references.ts
function checkModuleReferences(loaded, layout) {
  const known = new Set(layout.modules);
  const problems = [];
  const check = (name, path, key) => {
    if (known.has(name)) return;
    const where = loaded.source ? `${loaded.source.label}:${position(loaded.source.locate(path, { key }))} ` : "";
    problems.push(`${where}${path.join(".")}: ${unknownModule(name, layout)}`);
  };
  for (const name of Object.keys(loaded.config.modules.map)) check(name, ["modules", "map", name], true);
  for (const [dependent, dependencies] of Object.entries(loaded.config.modules.dependsOn)) {
    check(dependent, ["modules", "dependsOn", dependent], true);
    dependencies.forEach((dependency, index) => check(dependency, ["modules", "dependsOn", dependent, index], false));
  }
  if (problems.length === 0) return;
  const more = problems.length > 5 ? `
(and ${problems.length - 5} more)` : "";
  throw new ConfigError(problems.slice(0, 5).join("\n") + more);
}
function unknownModule(name, layout) {
  const quoted = `'${name}'`;
  if (layout.sharedFolders.includes(name)) {
    return `${quoted} is not a module: ${layout.moduleRoot}/${name}/ holds no test file, so it is shared code \u2014 name a module, or add modules.testMatch if its tests have other names`;
  }
  const suggestion = closest(name, layout.modules);
  const hint = suggestion !== void 0 ? ` \u2014 did you mean '${suggestion}'?` : layout.modules.length > 0 ? ` \u2014 the modules are: ${layout.modules.join(", ")}` : ` \u2014 ${layout.moduleRoot}/ has no modules`;
  return `${quoted} is not a module under ${layout.moduleRoot}/${hint}`;
}
function closest(name, known) {
  let best;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  if (!best) return void 0;
  return best.distance <= Math.max(2, Math.floor(Math.max(name.length, best.name.length) / 3)) ? best.name : void 0;
}
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

// src/plan/globs.ts
var MAGIC = /[*?[\]{}()!+@]/;
var GlobIndex = class {
  byPrefix = /* @__PURE__ */ new Map();
  unanchored = [];
  /** Adds a positive pattern (no leading `!`) carrying `tag`. */
  add(pattern, tag) {
    for (const expanded of new Set(braceExpand(pattern))) {
      const compiled = compile(expanded, pattern, tag);
      const prefix = literalPrefix(expanded);
      if (prefix === "") this.unanchored.push(compiled);
      else {
        const list = this.byPrefix.get(prefix);
        if (list) list.push(compiled);
        else this.byPrefix.set(prefix, [compiled]);
      }
    }
  }
  /** Every pattern matching `file`, in insertion order per bucket (anchored first). */
  matches(file) {
    const found = [];
    if (this.byPrefix.size > 0) {
      let from = 0;
      do {
        const slash = file.indexOf("/", from);
        const prefix = slash < 0 ? file : file.slice(0, slash);
        const bucket = this.byPrefix.get(prefix);
        if (bucket) {
          for (const pattern of bucket) if (test(pattern, file)) found.push(pattern);
        }
        from = slash + 1;
      } while (from > 0);
    }
    for (const pattern of this.unanchored) if (test(pattern, file)) found.push(pattern);
    return found;
  }
};
function test(pattern, file) {
  if (pattern.literal !== void 0) return file === pattern.literal || file.startsWith(pattern.literal + "/");
  if (pattern.suffix !== void 0 && !file.endsWith(pattern.suffix)) return false;
  if (pattern.under !== void 0) return file.startsWith(pattern.under);
  pattern.regex ??= toRegExp(pattern.pattern, pattern.source);
  return pattern.regex.test(file);
}
function toRegExp(pattern, source) {
  const regex = new Minimatch(pattern, { dot: true, nocomment: true, nonegate: true }).makeRe();
  if (regex === false) throw new Error(`invalid glob ${JSON.stringify(source)}`);
  return regex;
}
var UNDER = /^((?:[^*?[\]{}()!+@/]+\/)+)\*\*(?:\/\*([^*?[\]{}()!+@/]+))?$/;
function compile(pattern, source, tag) {
  const compiled = { source, pattern, tag };
  if (!MAGIC.test(pattern)) {
    compiled.literal = pattern.replace(/\/+$/, "");
    return compiled;
  }
  const under = UNDER.exec(pattern);
  if (under) {
    compiled.under = under[1];
    const suffix = under.at(2);
    if (suffix !== void 0) compiled.suffix = suffix;
    return compiled;
  }
  const last = pattern.slice(pattern.lastIndexOf("/") + 1);
  const tail = /^\*([^*?[\]{}()!+@/]+)$/.exec(last);
  if (tail) compiled.suffix = tail[1];
  return compiled;
}
function literalPrefix(pattern) {
  const segments = pattern.split("/");
  const literal = [];
  for (const segment of segments.slice(0, -1)) {
    if (MAGIC.test(segment) || segment === "" || segment === "." || segment === "..") break;
    literal.push(segment);
  }
  if (literal.length === segments.length - 1 && !MAGIC.test(segments.at(-1))) {
    return pattern.replace(/\/+$/, "");
  }
  return literal.join("/");
}
function splitNegations(patterns) {
  const positives = [];
  const negatives = [];
  for (const pattern of patterns) {
    if (pattern.startsWith("!")) {
      const body = pattern.slice(1);
      const regex = new Minimatch(body, { dot: true, nocomment: true, nonegate: true }).makeRe();
      if (regex === false) throw new Error(`invalid glob ${JSON.stringify(pattern)}`);
      const literal = !MAGIC.test(body) ? body.replace(/\/+$/, "") : void 0;
      negatives.push({
        source: pattern,
        regex: literal ? new RegExp(`^${escapeRegExp(literal)}(?:/.*)?$`, "s") : regex
      });
    } else positives.push(pattern);
  }
  return { positives, negatives };
}

// src/plan/imports/select.ts
var SHOWN_TESTS = 3;
function selectByImports(file, finding, moduleOf) {
  if (finding === void 0) return { kind: "unknown", why: `${file} is not in the import graph` };
  if (finding.kind === "unknown") return { kind: "unknown", why: finding.why };
  const modules = /* @__PURE__ */ new Set();
  const parts = [];
  if (finding.kind === "imported") {
    const inModules = finding.tests.map((t) => ({ ...t, module: moduleOf(t.test) })).filter((t) => t.module !== void 0);
    for (const t of inModules) modules.add(t.module);
    const shown = firstPerModule(inModules).slice(0, SHOWN_TESTS);
    if (shown.length > 0) {
      const more = inModules.length - shown.length;
      parts.push(
        `${file} \u2190 imported by ${shown.map(describeTest).join("; ")}${more > 0 ? ` and ${more} more test file${more === 1 ? "" : "s"}` : ""}`
      );
    } else {
      parts.push(
        `${file} is imported only by tests outside every module (${finding.tests.slice(0, SHOWN_TESTS).map((t) => t.test).join(", ")})`
      );
    }
  } else {
    parts.push(`${file} is imported by no test`);
  }
  const uncertain = finding.uncertain.map((u) => ({ ...u, module: moduleOf(u.test) })).filter((u) => u.module !== void 0 && !modules.has(u.module));
  for (const u of uncertain) modules.add(u.module);
  if (uncertain.length > 0) {
    const first = uncertain[0];
    const rest = [...new Set(uncertain.map((u) => u.module))].filter((m) => m !== first.module);
    parts.push(
      `module ${first.module}${rest.length > 0 ? ` (and ${rest.join(", ")})` : ""} runs too: its test ${first.test} has dynamic requires (${first.why})`
    );
  }
  const why = parts.join("; ");
  return modules.size > 0 ? { kind: "modules", modules: [...modules].sort(), why } : { kind: "none", why };
}
function firstPerModule(tests) {
  const seen = /* @__PURE__ */ new Set();
  return tests.filter((t) => seen.has(t.module) ? false : (seen.add(t.module), true));
}
function describeTest(test2) {
  return `${test2.test}${test2.via.length > 0 ? ` via ${test2.via.join(", ")}` : ""} (module ${test2.module})`;
}

// src/plan/plan.ts
function compileRules(config, moduleRoot, allModules, facts = {}) {
  const { index, explicitIndex, global, ignore, mapNegatives } = compileGlobs(config);
  const known = new Set(allModules);
  const shared = new Set(facts.sharedFolders ?? []);
  const isTestFile = testFileMatcher(config.runner, config.modules.testMatch);
  const excludes = config.modules.exclude.map((pattern) => new Minimatch(pattern, { dot: true }));
  const withDependents = dependentsResolver(config.modules.dependsOn, known);
  const rootPrefix = moduleRoot === "" ? "" : moduleRoot + "/";
  const globalHit = (matched, file) => globalTrigger(matched, global.negatives, file);
  const moduleOf = (path) => {
    const module = placeOf(path, rootPrefix, isTestFile)?.module;
    return module !== void 0 && known.has(module) ? module : void 0;
  };
  const followed = (file) => facts.imports && config.modules.followImports ? selectByImports(file, facts.imports.get(file), moduleOf) : void 0;
  const moduleTrigger = (file, module, rule, where) => {
    const graph = followed(file);
    const others = graph?.kind === "modules" ? graph.modules.filter((m) => m !== module) : [];
    const modules = withDependents([module, ...others].sort(compareNames));
    const dependents = modules.filter((m) => m !== module && !others.includes(m));
    const extra = dependents.length > 0 ? ` (and its dependents ${dependents.join(", ")})` : "";
    if (others.length === 0) return { file, rule, effect: "modules", modules, why: `${file} is ${where}${extra}` };
    return {
      file,
      rule: `${rule}, import graph`,
      effect: "modules",
      modules,
      why: `${file} is ${where}${extra}; ${graph.why}`
    };
  };
  return {
    classify(file) {
      const explicitHit = globalHit(explicitIndex.matches(file), file);
      if (explicitHit) return explicitHit;
      const place = placeOf(file, rootPrefix, isTestFile);
      if (place?.module !== void 0 && known.has(place.module)) {
        const { rule, where } = moduleRule(place.module, rootPrefix);
        return moduleTrigger(file, place.module, rule, where);
      }
      if (place?.module !== void 0 && !shared.has(place.module) && !place.excluded(excludes) && (place.module === ROOT_MODULE || facts.changedTestFolders?.has(place.module)))
        return deletedModuleTrigger(file, place.module, rootPrefix);
      const matched = index.matches(file);
      const defaultHit = globalHit(matched, file);
      if (defaultHit) return defaultHit;
      const ignoreHit = ignoreTrigger(matched, ignore.negatives, file);
      if (ignoreHit) return ignoreHit;
      const graph = followed(file);
      if (place)
        return graph !== void 0 && graph.kind !== "unknown" ? graphTrigger(file, graph, withDependents) : sharedTrigger(file, rootPrefix, place.module, shared, isTestFile.source);
      return mappedOrUnmatched(file, matched, mapNegatives, withDependents, config.unmatched, graph);
    }
  };
}
function compileGlobs(config) {
  const index = new GlobIndex();
  const explicitIndex = new GlobIndex();
  const global = splitNegations([...config.globalDefaults ? DEFAULT_GLOBAL : [], ...config.global]);
  const ignore = splitNegations([...config.ignoreDefaults ? DEFAULT_IGNORE : [], ...config.ignore]);
  for (const pattern of global.positives) index.add(pattern, { kind: "global" });
  for (const pattern of splitNegations(config.global).positives) explicitIndex.add(pattern, { kind: "global" });
  for (const pattern of ignore.positives) index.add(pattern, { kind: "ignore" });
  const mapNegatives = /* @__PURE__ */ new Map();
  for (const [module, patterns] of Object.entries(config.modules.map)) {
    const split = splitNegations(patterns);
    for (const pattern of split.positives) index.add(pattern, { kind: "map", module });
    mapNegatives.set(module, split.negatives);
  }
  return { index, explicitIndex, global, ignore, mapNegatives };
}
function excluded(negatives, file) {
  return negatives.some((n) => n.regex.test(file));
}
function globalTrigger(matched, negatives, file) {
  const hit = matched.find((m) => m.tag.kind === "global");
  if (!hit || excluded(negatives, file)) return void 0;
  return {
    file,
    rule: `global '${hit.source}'`,
    effect: "full",
    modules: [],
    why: `${file} matched global rule '${hit.source}'`
  };
}
function ignoreTrigger(matched, negatives, file) {
  const hit = matched.find((m) => m.tag.kind === "ignore");
  if (!hit || excluded(negatives, file)) return void 0;
  return {
    file,
    rule: `ignore '${hit.source}'`,
    effect: "ignored",
    modules: [],
    why: `${file} matched ignore rule '${hit.source}'`
  };
}
function moduleRule(module, rootPrefix) {
  return module === ROOT_MODULE ? {
    rule: `module ${ROOT_MODULE} '${rootPrefix}*'`,
    where: `a test file directly in ${rootPrefix}, module ${ROOT_MODULE}`
  } : { rule: `module folder '${rootPrefix}${module}/'`, where: `in module ${module}` };
}
function deletedModuleTrigger(file, module, rootPrefix) {
  const folder = module === ROOT_MODULE ? rootPrefix : `${rootPrefix}${module}/`;
  return {
    file,
    rule: `deleted module '${folder}'`,
    effect: "ignored",
    modules: [],
    why: `${file}: module ${module} was deleted at head (${module === ROOT_MODULE ? `no test file is left directly in ${folder}` : `${folder} no longer exists`}), so nothing of it is left to run`
  };
}
function placeOf(file, rootPrefix, isTestFile) {
  return rootPrefix !== "" && file.startsWith(rootPrefix) ? placeUnderRoot(file.slice(rootPrefix.length), file, isTestFile) : void 0;
}
function placeUnderRoot(rest, file, isTestFile) {
  const slash = rest.indexOf("/");
  const folder = slash < 0 ? void 0 : rest.slice(0, slash);
  const module = folder ?? (isTestFile(file) ? ROOT_MODULE : void 0);
  return {
    module,
    excluded: (excludes) => folder !== void 0 && (folder.startsWith(".") || folder === "node_modules" || excludes.some((m) => m.match(folder)))
  };
}
function sharedTrigger(file, rootPrefix, folder, shared, patternSource) {
  const rule = `module root '${rootPrefix}'`;
  if (folder !== void 0 && folder !== ROOT_MODULE && shared.has(folder)) {
    return {
      file,
      rule: `shared folder '${rootPrefix}${folder}/'`,
      effect: "full",
      modules: [],
      why: `${file} is in ${rootPrefix}${folder}/, which holds no test file (by ${patternSource}): shared code that may affect every module`
    };
  }
  return {
    file,
    rule,
    effect: "full",
    modules: [],
    why: `${file} is under ${rootPrefix} but not inside a module folder, so it may affect every module`
  };
}
function mappedOrUnmatched(file, matched, mapNegatives, withDependents, unmatched, graph) {
  const mapped = /* @__PURE__ */ new Map();
  for (const hit of matched) {
    if (hit.tag.kind === "map" && !mapped.has(hit.tag.module) && !(mapNegatives.get(hit.tag.module) ?? []).some((n) => n.regex.test(file))) {
      mapped.set(hit.tag.module, hit.source);
    }
  }
  if (mapped.size > 0) {
    const others = graph?.kind === "modules" ? graph.modules.filter((m) => !mapped.has(m)) : [];
    const modules = withDependents([...mapped.keys(), ...others].sort(compareNames));
    const rules = [...mapped].map(([module, source]) => `map ${module} '${source}'`).join(", ") + (others.length > 0 ? ", import graph" : "");
    const dependents = modules.filter((m) => !mapped.has(m) && !others.includes(m));
    return {
      file,
      rule: rules,
      effect: "modules",
      modules,
      why: `${file} matched ${rules}${others.length > 0 ? `; ${graph.why}` : ""}${dependents.length > 0 ? `; dependents add ${dependents.join(", ")}` : ""}`
    };
  }
  if (graph !== void 0 && graph.kind !== "unknown") return graphTrigger(file, graph, withDependents);
  const unknown = graph?.kind === "unknown" ? ` (import graph: ${graph.why})` : "";
  if (unmatched === "full") {
    return {
      file,
      rule: "unmatched",
      effect: "full",
      modules: [],
      why: `${file} matched no rule${unknown}, and unmatched: full runs everything to be safe`
    };
  }
  return {
    file,
    rule: "unmatched",
    effect: "unmatched-ignored",
    modules: [],
    why: `${file} matched no rule${unknown} (unmatched: ignore)`
  };
}
function graphTrigger(file, graph, withDependents) {
  if (graph.kind === "none") return { file, rule: "import graph", effect: "ignored", modules: [], why: graph.why };
  const modules = withDependents(graph.modules);
  const dependents = modules.filter((m) => !graph.modules.includes(m));
  return {
    file,
    rule: "import graph",
    effect: "modules",
    modules,
    why: `${graph.why}${dependents.length > 0 ? `; dependents add ${dependents.join(", ")}` : ""}`
  };
}
function dependentsResolver(dependsOn, known) {
  const direct = /* @__PURE__ */ new Map();
  for (const [dependent, dependencies] of Object.entries(dependsOn)) {
    for (const dependency of dependencies) {
      const list = direct.get(dependency);
      if (list) list.push(dependent);
      else direct.set(dependency, [dependent]);
    }
  }
  const cache = /* @__PURE__ */ new Map();
  return (modules) => {
    const key = modules.join("\0");
    const cached = cache.get(key);
    if (cached) return cached;
    const seen = new Set(modules);
    const queue = [...modules];
    for (let i = 0; i < queue.length; i++) {
      for (const dependent of direct.get(queue[i]) ?? []) {
        if (!seen.has(dependent)) {
          seen.add(dependent);
          queue.push(dependent);
        }
      }
    }
    const result = [...seen].filter((m) => known === void 0 || known.has(m)).sort(compareNames);
    cache.set(key, result);
    return result;
  };
}
function planChanges(input, rules) {
  const files = [...new Set(input.files)];
  rules ??= compileRules(input.config, input.moduleRoot, input.allModules, {
    sharedFolders: input.sharedFolders,
    changedTestFolders: changedTestFolders(
      files,
      input.moduleRoot,
      testFileMatcher(input.config.runner, input.config.modules.testMatch)
    ),
    imports: input.imports
  });
  const triggers = files.map((file) => rules.classify(file));
  const warnings = [...input.warnings ?? []];
  const all = [...input.allModules].sort(compareNames);
  const finish = (mode, reason, modules2) => ({
    mode,
    reason,
    modules: modules2,
    changedFiles: files.length,
    allModules: all,
    moduleRoot: input.moduleRoot,
    base: input.base,
    head: input.head,
    event: input.event,
    warnings,
    triggers,
    ...input.sharedFolders && input.sharedFolders.length > 0 ? { sharedFolders: [...input.sharedFolders] } : {}
  });
  if (all.length === 0) {
    warnings.push(
      `no modules found under ${input.moduleRoot}/ \u2014 create one folder per module there, or set modules.root in quality-gates.config.yml`
    );
  }
  if (input.forceFull) return finish("full", input.forceFull, all);
  const fullTriggers = triggers.filter((t) => t.effect === "full");
  if (fullTriggers.length > 0) {
    const more = fullTriggers.length > 1 ? ` (and ${fullTriggers.length - 1} more file${fullTriggers.length > 2 ? "s" : ""} that force a full run)` : "";
    return finish("full", `Full run: ${fullTriggers[0].why}${more}.`, all);
  }
  const affected = /* @__PURE__ */ new Set();
  for (const trigger of triggers) for (const module of trigger.modules) affected.add(module);
  const modules = [...affected].sort(compareNames);
  if (modules.length === 0) {
    const reason = files.length === 0 ? "Skipped: no files changed between base and head." : `Skipped: none of the ${files.length} changed file${files.length === 1 ? "" : "s"} affect integration tests (${summarizeRules(triggers)}).`;
    return finish("skip", reason, []);
  }
  const share = modules.length / all.length;
  if (all.length > 1 && share > input.config.fullRunThreshold) {
    const threshold = Math.round(input.config.fullRunThreshold * 100);
    return finish(
      "full",
      `Full run: ${modules.length} of ${all.length} modules are affected, more than fullRunThreshold ${threshold}%.`,
      all
    );
  }
  const list = modules.length <= 5 ? modules.join(", ") : `${modules.slice(0, 5).join(", ")} and ${modules.length - 5} more`;
  const affectedBy = `${files.length} changed file${files.length === 1 ? "" : "s"}`;
  return finish(
    "passthrough",
    `${modules.length} of ${all.length} module${all.length === 1 ? "" : "s"} affected by ${affectedBy}: ${list}.`,
    modules
  );
}
function changedTestFolders(files, moduleRoot, isTestFile) {
  const folders = /* @__PURE__ */ new Set();
  if (moduleRoot === "") return folders;
  const prefix = moduleRoot + "/";
  for (const file of files) {
    if (!file.startsWith(prefix) || !isTestFile(file)) continue;
    const slash = file.indexOf("/", prefix.length);
    folders.add(slash < 0 ? ROOT_MODULE : file.slice(prefix.length, slash));
  }
  return folders;
}
function summarizeRules(triggers) {
  const rules = [...new Set(triggers.map((t) => t.rule))];
  return rules.length <= 3 ? rules.join(", ") : `${rules.slice(0, 3).join(", ")} and ${rules.length - 3} more rules`;
}

// src/plan/compute.ts
function loadLayout(cwd, loaded) {
  const layout = discoverLayout(cwd, loaded);
  checkModuleReferences(loaded, layout);
  return layout;
}
function listModules(cwd, loaded) {
  return loadLayout(cwd, loaded).modules;
}
async function computePlan(options) {
  const loaded = options.loaded ?? loadConfig(options.cwd, options.configPath);
  const layout = loadLayout(options.cwd, loaded);
  const changes = options.full !== void 0 ? { files: [], warnings: [] } : await (await import("./resolve-MDUA3LLP.js")).resolveChanges({
    // git (simple-git) is loaded only when a plan is computed from git, not for `run --all`.
    cwd: options.cwd,
    env: options.env,
    base: options.base,
    head: options.head,
    files: options.files,
    defaultBranch: loaded.config.workflow.defaultBranch,
    log: options.log
  });
  const input = {
    files: changes.files,
    allModules: layout.modules,
    sharedFolders: layout.sharedFolders,
    moduleRoot: loaded.moduleRoot,
    config: loaded.config,
    forceFull: options.full ?? changes.forceFull,
    base: changes.base,
    head: changes.head,
    event: changes.event,
    warnings: changes.warnings
  };
  const plain = planChanges(input);
  if (!loaded.config.modules.followImports || !importsMayMatter(plain, input)) return plain;
  const graph = await importFindings(
    options.cwd,
    changes.files,
    changes.base,
    testFileMatcher(loaded.config.runner, loaded.config.modules.testMatch)
  );
  if (graph.findings === void 0) return { ...plain, warnings: [...plain.warnings, ...graph.warnings] };
  return planChanges({ ...input, imports: graph.findings, warnings: [...input.warnings ?? [], ...graph.warnings] });
}
function importsMayMatter(plan, input) {
  if (input.forceFull !== void 0) return false;
  const full = plan.triggers.filter((t) => t.effect === "full");
  if (full.some((t) => t.rule !== "unmatched" && !t.rule.startsWith("module root") && !t.rule.startsWith("shared folder")))
    return false;
  if (plan.mode === "full" && full.length === 0) return false;
  return plan.triggers.some((t) => t.effect !== "ignored");
}
async function importFindings(cwd, files, base, isTest) {
  try {
    const { findImportFindings } = await import("./findings-RRNTVN7F.js");
    return await findImportFindings({ root: cwd, changedFiles: files, base, isTestFile: isTest });
  } catch (error) {
    const message = error.message.split("\n")[0];
    return {
      warnings: [`import graph unavailable (${message}): planned by folders and globs only (modules.followImports)`]
    };
  }
}

export {
  DEFAULT_HISTORY_FILE,
  resolveHistoryPath,
  testFileMatcher,
  loadLayout,
  listModules,
  computePlan
};
