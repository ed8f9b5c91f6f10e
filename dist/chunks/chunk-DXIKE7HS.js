import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  isDirectory,
  loadConfig,
  position
} from "./chunk-LZFESEJ6.js";
import {
  decodePath
} from "./chunk-BURGMGPG.js";
import {
  testFileMatcher
} from "./chunk-NYGUVZYR.js";
import {
  DEFAULT_GLOBAL,
  DEFAULT_IGNORE,
  ROOT_MODULE
} from "./chunk-6WDK2BYD.js";
import {
  compareNames
} from "./chunk-ACAW7SLU.js";
import {
  Minimatch,
  braceExpand
} from "./chunk-OXXGRHMT.js";
import {
  ConfigError
} from "./chunk-LPOMALK6.js";

// src/config/modules.ts
import { readdirSync } from "node:fs";
import { join } from "node:path";
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
  /** The lengths of the prefixes in byPrefix: an ancestor of another length is never looked up. */
  prefixLengths = /* @__PURE__ */ new Set();
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
        this.prefixLengths.add(prefix.length);
      }
    }
  }
  /** Every pattern matching `file`, in insertion order per bucket (anchored first); most files match none. */
  matches(file) {
    let found;
    if (this.byPrefix.size > 0) {
      let from = 0;
      do {
        const slash = file.indexOf("/", from);
        const end = slash < 0 ? file.length : slash;
        const bucket = this.prefixLengths.has(end) ? this.byPrefix.get(file.slice(0, end)) : void 0;
        if (bucket) {
          for (const pattern of bucket) if (test(pattern, file)) (found ??= []).push(pattern);
        }
        from = slash + 1;
      } while (from > 0);
    }
    for (const pattern of this.unanchored) if (test(pattern, file)) (found ??= []).push(pattern);
    return found ?? NONE;
  }
};
var NONE = [];
function test(pattern, file) {
  if (pattern.literal !== void 0) return file === pattern.literal || file.startsWith(pattern.literal + "/");
  if (pattern.suffix !== void 0 && !file.endsWith(pattern.suffix)) return false;
  if (pattern.under !== void 0) return file.startsWith(pattern.under);
  if (pattern.needle !== void 0 && !file.includes(pattern.needle)) return false;
  pattern.regex ??= toRegExp(pattern.pattern, pattern.source);
  return pattern.regex.test(file);
}
function toRegExp(pattern, source) {
  const regex = new Minimatch(pattern, { dot: true, nocomment: true, nonegate: true }).makeRe();
  if (regex === false) throw new Error(`invalid glob ${JSON.stringify(source)}`);
  return new RegExp(regex.source, regex.flags + "s");
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
  const needle = requiredLiteral(pattern);
  if (needle !== void 0) compiled.needle = needle;
  return compiled;
}
var OPAQUE = /[[\]{}()!+@\\]/;
function requiredLiteral(pattern) {
  if (OPAQUE.test(pattern)) return void 0;
  let longest = "";
  for (const segment of pattern.split("/")) {
    if (segment === "" || segment === "." || segment === "..") return void 0;
    for (const run of segment.split(/[*?]+/)) if (run.length > longest.length) longest = run;
  }
  return longest === "" ? void 0 : longest;
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
      const alternatives = [...new Set(braceExpand(body))].map((expanded) => {
        const compiled = compile(expanded, pattern, void 0);
        if (compiled.literal !== void 0 && MAGIC.test(body)) return { ...compiled, literal: void 0 };
        return compiled;
      });
      negatives.push({ source: pattern, matches: (file) => alternatives.some((p) => test(p, file)) });
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
  const known = new Set(allModules);
  const rules = {
    config,
    facts,
    globs: compileGlobs(config),
    known,
    shared: new Set(facts.sharedFolders ?? []),
    isTestFile: testFileMatcher(config.runner, config.modules.testMatch),
    excludes: config.modules.exclude.map((pattern) => new Minimatch(pattern, { dot: true })),
    withDependents: dependentsResolver(config.modules.dependsOn, known),
    rootPrefix: moduleRoot === "" ? "" : moduleRoot + "/",
    byModule: memoized(),
    byMap: memoized()
  };
  const moduleOf = (path) => {
    const module = placeOf(path, rules.rootPrefix, rules.isTestFile)?.module;
    return module !== void 0 && known.has(module) ? module : void 0;
  };
  const match = (file) => {
    const verdict = placeByRules(rules, file);
    if ("effect" in verdict) return { kind: "decided", file, trigger: verdict };
    return withTrigger(verdict, triggerOf(rules, verdict, void 0));
  };
  const trigger = (found, imports = facts.imports) => {
    if (found.kind === "decided" || imports === void 0 || !config.modules.followImports) return found.trigger;
    const graph = selectByImports(found.file, imports.get(found.file), moduleOf);
    const unmatched = found.kind === "outside" && found.mapped.size === 0;
    if (graph.kind === "unknown" && !unmatched) return found.trigger;
    return triggerOf(rules, found, graph);
  };
  return { match, trigger, classify: (file) => trigger(match(file)) };
}
function withTrigger(place, trigger) {
  if (place.kind === "module") return { kind: "module", file: place.file, module: place.module, trigger };
  if (place.kind === "root") return { kind: "root", file: place.file, folder: place.folder, trigger };
  return { kind: "outside", file: place.file, mapped: place.mapped, trigger };
}
function placeByRules(rules, file) {
  const { globs, known, shared, rootPrefix, isTestFile } = rules;
  const explicitHit = globalTrigger(globs.explicitIndex.matches(file), globs.global.negatives, file);
  if (explicitHit) return explicitHit;
  const place = placeOf(file, rootPrefix, isTestFile);
  if (place?.module !== void 0 && known.has(place.module)) return { kind: "module", file, module: place.module };
  if (place?.module !== void 0 && !shared.has(place.module) && !place.excluded(rules.excludes) && (place.module === ROOT_MODULE || rules.facts.changedTestFolders?.has(place.module)))
    return deletedModuleTrigger(file, place.module, rootPrefix);
  const matched = globs.index.matches(file);
  const defaultHit = globalTrigger(matched, globs.global.negatives, file);
  if (defaultHit) return defaultHit;
  const ignoreHit = ignoreTrigger(matched, globs.ignore.negatives, file);
  if (ignoreHit) return ignoreHit;
  if (place) return { kind: "root", file, folder: place.module };
  return { kind: "outside", file, mapped: mappedModules(file, matched, globs.mapNegatives) };
}
function triggerOf(rules, place, graph) {
  const { rootPrefix, withDependents } = rules;
  if (place.kind === "module")
    return moduleTrigger(place.file, place.module, rootPrefix, graph, rules.byModule, withDependents);
  if (place.kind === "root")
    return graph !== void 0 && graph.kind !== "unknown" ? graphTrigger(place.file, graph, withDependents) : sharedTrigger(place.file, rootPrefix, place.folder, rules.shared, rules.isTestFile.source);
  return mappedOrUnmatched(place.file, place.mapped, rules.byMap, withDependents, rules.config.unmatched, graph);
}
function memoized() {
  const cache = /* @__PURE__ */ new Map();
  return (key, build) => {
    const known = cache.get(key);
    if (known) return known;
    const built = build();
    cache.set(key, built);
    return built;
  };
}
function selectionTrigger(file, selection, graphWhy) {
  const why = `${file}${selection.lead}${graphWhy === void 0 ? "" : `; ${graphWhy}`}${selection.tail}`;
  return { file, rule: selection.rule, effect: "modules", modules: selection.modules, why };
}
function moduleTrigger(file, module, rootPrefix, graph, select, withDependents) {
  const others = graph?.kind === "modules" ? graph.modules.filter((m) => m !== module) : [];
  const key = others.length === 0 ? module : [module, ...others].join("\0");
  const selection = select(key, () => {
    const { rule, where } = moduleRule(module, rootPrefix);
    const modules = withDependents([module, ...others].sort(compareNames));
    const dependents = modules.filter((m) => m !== module && !others.includes(m));
    return {
      rule: others.length === 0 ? rule : `${rule}, import graph`,
      modules,
      lead: ` is ${where}${dependents.length > 0 ? ` (and its dependents ${dependents.join(", ")})` : ""}`,
      tail: ""
    };
  });
  return selectionTrigger(file, selection, others.length === 0 ? void 0 : graph.why);
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
  return negatives.some((n) => n.matches(file));
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
function mappedModules(file, matched, mapNegatives) {
  const mapped = /* @__PURE__ */ new Map();
  for (const hit of matched) {
    if (hit.tag.kind === "map" && !mapped.has(hit.tag.module) && !excluded(mapNegatives.get(hit.tag.module) ?? [], file)) {
      mapped.set(hit.tag.module, hit.source);
    }
  }
  return mapped;
}
function mappedOrUnmatched(file, mapped, select, withDependents, unmatched, graph) {
  if (mapped.size > 0) {
    const others = graph?.kind === "modules" ? graph.modules.filter((m) => !mapped.has(m)) : [];
    let key = `${others.length}\0${others.join("\0")}`;
    for (const [module, source] of mapped) key += `\0${module}\0${source}`;
    const selection = select(key, () => {
      const modules = withDependents([...mapped.keys(), ...others].sort(compareNames));
      const rule = [...mapped].map(([module, source]) => `map ${module} '${source}'`).join(", ") + (others.length > 0 ? ", import graph" : "");
      const dependents = modules.filter((m) => !mapped.has(m) && !others.includes(m));
      return {
        rule,
        modules,
        lead: ` matched ${rule}`,
        tail: dependents.length > 0 ? `; dependents add ${dependents.join(", ")}` : ""
      };
    });
    return selectionTrigger(file, selection, others.length > 0 ? graph.why : void 0);
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
function matchChange(input) {
  const files = [...new Set(input.files)];
  const rules = rulesOf(input, files);
  const matches = files.map((file) => rules.match(file));
  return {
    graphMayChange: files.filter((_, i) => matches[i].kind !== "decided"),
    plan: (imports = input.imports, warnings = []) => decide(
      { ...input, warnings: [...input.warnings ?? [], ...warnings] },
      files,
      matches.map((found) => rules.trigger(found, imports))
    )
  };
}
function rulesOf(input, files) {
  return compileRules(input.config, input.moduleRoot, input.allModules, {
    sharedFolders: input.sharedFolders,
    changedTestFolders: changedTestFolders(
      files,
      input.moduleRoot,
      testFileMatcher(input.config.runner, input.config.modules.testMatch),
      new Set(input.allModules)
    ),
    imports: input.imports
  });
}
function decide(input, files, triggers) {
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
function changedTestFolders(files, moduleRoot, isTestFile, existing = /* @__PURE__ */ new Set()) {
  const folders = /* @__PURE__ */ new Set();
  if (moduleRoot === "") return folders;
  const prefix = moduleRoot + "/";
  for (const file of files) {
    if (!file.startsWith(prefix)) continue;
    const slash = file.indexOf("/", prefix.length);
    const folder = slash < 0 ? ROOT_MODULE : file.slice(prefix.length, slash);
    if (slash >= 0 && existing.has(folder)) continue;
    if (isTestFile(file)) folders.add(folder);
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
  const changes = await changesOf(options, loaded);
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
  const matched = matchChange(input);
  const plain = matched.plan();
  if (!loaded.config.modules.followImports || !importsMayMatter(plain, input)) return plain;
  const graph = await importFindings(
    options.cwd,
    matched.graphMayChange,
    changes.base,
    testFileMatcher(loaded.config.runner, loaded.config.modules.testMatch)
  );
  if (graph.findings === void 0) return { ...plain, warnings: [...plain.warnings, ...graph.warnings] };
  return matched.plan(graph.findings, graph.warnings);
}
async function changesOf(options, loaded) {
  if (options.full !== void 0) return { files: [], warnings: [] };
  if (options.files !== void 0) return { files: options.files, warnings: [] };
  const { resolveChanges } = await import("./resolve-MDUA3LLP.js");
  return resolveChanges({
    cwd: options.cwd,
    env: options.env,
    base: options.base,
    head: options.head,
    defaultBranch: loaded.config.workflow.defaultBranch,
    log: options.log
  });
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
    const { findImportFindings } = await import("./findings-ODINEHUZ.js");
    return await findImportFindings({ root: cwd, changedFiles: files, base, isTestFile: isTest });
  } catch (error) {
    const message = error.message.split("\n")[0];
    return {
      warnings: [`import graph unavailable (${message}): planned by folders and globs only (modules.followImports)`]
    };
  }
}

export {
  loadLayout,
  listModules,
  computePlan
};
