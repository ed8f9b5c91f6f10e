import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  Minimatch,
  braceExpand
} from "./chunk-RKRTEJBT.js";
import {
  compareNames,
  discoverModules,
  loadConfig
} from "./chunk-LFMHR2QV.js";
import {
  DEFAULT_GLOBAL,
  DEFAULT_IGNORE
} from "./chunk-SVC4X36D.js";

// src/util/regexp.ts
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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
      let slash = file.indexOf("/");
      while (true) {
        const prefix = slash < 0 ? file : file.slice(0, slash);
        const bucket = this.byPrefix.get(prefix);
        if (bucket) {
          for (const pattern of bucket) if (test(pattern, file)) found.push(pattern);
        }
        if (slash < 0) break;
        slash = file.indexOf("/", slash + 1);
      }
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
    if (under[2] !== void 0) compiled.suffix = under[2];
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

// src/plan/plan.ts
function compileRules(config, moduleRoot, allModules) {
  const index = new GlobIndex();
  const global = splitNegations([...config.globalDefaults ? DEFAULT_GLOBAL : [], ...config.global]);
  const ignore = splitNegations([...config.ignoreDefaults ? DEFAULT_IGNORE : [], ...config.ignore]);
  for (const pattern of global.positives) index.add(pattern, { kind: "global" });
  for (const pattern of ignore.positives) index.add(pattern, { kind: "ignore" });
  const mapNegatives = /* @__PURE__ */ new Map();
  for (const [module, patterns] of Object.entries(config.modules.map)) {
    const split = splitNegations(patterns);
    for (const pattern of split.positives) index.add(pattern, { kind: "map", module });
    mapNegatives.set(module, split.negatives);
  }
  const known = new Set(allModules);
  const dependents = dependentsClosure(config.modules.dependsOn);
  const rootPrefix = moduleRoot === "" ? "" : moduleRoot + "/";
  const dependentsCache = /* @__PURE__ */ new Map();
  const withDependents = (modules) => {
    const list = [...modules];
    const key = list.join("\0");
    const cached = dependentsCache.get(key);
    if (cached) return cached;
    const all = /* @__PURE__ */ new Set();
    for (const module of list) {
      all.add(module);
      for (const dependent of dependents.get(module) ?? []) all.add(dependent);
    }
    const result = [...all].filter((m) => known.has(m)).sort(compareNames);
    dependentsCache.set(key, result);
    return result;
  };
  const excluded = (negatives, file) => negatives.some((n) => n.regex.test(file));
  return {
    classify(file) {
      if (rootPrefix !== "" && file.startsWith(rootPrefix)) {
        const rest = file.slice(rootPrefix.length);
        const slash = rest.indexOf("/");
        const folder = slash < 0 ? void 0 : rest.slice(0, slash);
        if (folder !== void 0 && known.has(folder)) {
          const modules = withDependents([folder]);
          const extra = modules.length > 1 ? ` (and its dependents ${modules.filter((m) => m !== folder).join(", ")})` : "";
          return { file, rule: `module folder '${rootPrefix}${folder}/'`, effect: "modules", modules, why: `${file} is in module ${folder}${extra}` };
        }
      }
      const matched = index.matches(file);
      const globalHit = matched.find((m) => m.tag.kind === "global");
      if (globalHit && !excluded(global.negatives, file)) {
        return { file, rule: `global '${globalHit.source}'`, effect: "full", modules: [], why: `${file} matched global rule '${globalHit.source}'` };
      }
      const ignoreHit = matched.find((m) => m.tag.kind === "ignore");
      if (ignoreHit && !excluded(ignore.negatives, file)) {
        return { file, rule: `ignore '${ignoreHit.source}'`, effect: "ignored", modules: [], why: `${file} matched ignore rule '${ignoreHit.source}'` };
      }
      if (rootPrefix !== "" && file.startsWith(rootPrefix)) {
        return { file, rule: `module root '${rootPrefix}'`, effect: "full", modules: [], why: `${file} is under ${rootPrefix} but not inside a module folder, so it may affect every module` };
      }
      const mapped = /* @__PURE__ */ new Map();
      for (const hit of matched) {
        if (hit.tag.kind === "map" && !mapped.has(hit.tag.module) && !excluded(mapNegatives.get(hit.tag.module) ?? [], file)) {
          mapped.set(hit.tag.module, hit.source);
        }
      }
      if (mapped.size > 0) {
        const modules = withDependents([...mapped.keys()].sort(compareNames));
        const rules = [...mapped].map(([module, source]) => `map ${module} '${source}'`).join(", ");
        return { file, rule: rules, effect: "modules", modules, why: `${file} matched ${rules}${modules.length > mapped.size ? `; dependents add ${modules.filter((m) => !mapped.has(m)).join(", ")}` : ""}` };
      }
      if (config.unmatched === "full") {
        return { file, rule: "unmatched", effect: "full", modules: [], why: `${file} matched no rule, and unmatched: full runs everything to be safe` };
      }
      return { file, rule: "unmatched", effect: "unmatched-ignored", modules: [], why: `${file} matched no rule (unmatched: ignore)` };
    }
  };
}
function dependentsClosure(dependsOn) {
  const direct = /* @__PURE__ */ new Map();
  for (const [dependent, dependencies] of Object.entries(dependsOn)) {
    for (const dependency of dependencies) {
      const list = direct.get(dependency) ?? [];
      list.push(dependent);
      direct.set(dependency, list);
    }
  }
  const closure = /* @__PURE__ */ new Map();
  for (const start of direct.keys()) {
    const seen = /* @__PURE__ */ new Set();
    const queue = [...direct.get(start) ?? []];
    while (queue.length > 0) {
      const next = queue.shift();
      if (next === start || seen.has(next)) continue;
      seen.add(next);
      queue.push(...direct.get(next) ?? []);
    }
    closure.set(start, [...seen].sort(compareNames));
  }
  return closure;
}
function planChanges(input, rules = compileRules(input.config, input.moduleRoot, input.allModules)) {
  const files = [...new Set(input.files)];
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
    triggers
  });
  if (all.length === 0) {
    warnings.push(`no modules found under ${input.moduleRoot}/ \u2014 create one folder per module there, or set modules.root in quality-gates.config.yml`);
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
    return finish("full", `Full run: ${modules.length} of ${all.length} modules are affected, more than fullRunThreshold ${threshold}%.`, all);
  }
  const list = modules.length <= 5 ? modules.join(", ") : `${modules.slice(0, 5).join(", ")} and ${modules.length - 5} more`;
  const affectedBy = `${files.length} changed file${files.length === 1 ? "" : "s"}`;
  return finish("passthrough", `${modules.length} of ${all.length} module${all.length === 1 ? "" : "s"} affected by ${affectedBy}: ${list}.`, modules);
}
function summarizeRules(triggers) {
  const rules = [...new Set(triggers.map((t) => t.rule))];
  return rules.length <= 3 ? rules.join(", ") : `${rules.slice(0, 3).join(", ")} and ${rules.length - 3} more rules`;
}

// src/plan/command.ts
function listModules(cwd, loaded) {
  const excludes = loaded.config.modules.exclude.map((pattern) => new Minimatch(pattern, { dot: true }));
  return discoverModules(cwd, loaded.moduleRoot, (name) => excludes.some((m) => m.match(name)));
}
async function computePlan(options) {
  const loaded = options.loaded ?? loadConfig(options.cwd, options.configPath);
  const allModules = listModules(options.cwd, loaded);
  const { resolveChanges } = await import("./resolve-NQTISPFU.js");
  const changes = await resolveChanges({
    cwd: options.cwd,
    env: options.env,
    base: options.base,
    head: options.head,
    files: options.files,
    defaultBranch: loaded.config.workflow.defaultBranch,
    log: options.log
  });
  return planChanges({
    files: changes.files,
    allModules,
    moduleRoot: loaded.moduleRoot,
    config: loaded.config,
    forceFull: options.full ?? changes.forceFull,
    base: changes.base,
    head: changes.head,
    event: changes.event,
    warnings: changes.warnings
  });
}
function planMatrix(plan) {
  return { include: plan.modules.map((module) => ({ module })) };
}
function formatPlanJson(plan) {
  const { triggers, ...rest } = plan;
  const head = JSON.stringify({ ...rest, triggers: [] }, null, 2);
  if (triggers.length === 0) return head;
  const lines = triggers.map((trigger) => `    ${JSON.stringify(trigger)}`).join(",\n");
  return head.replace(/"triggers": \[\]/, () => `"triggers": [
${lines}
  ]`);
}
function formatPlanText(plan) {
  const lines = [`mode: ${plan.mode}`, `reason: ${plan.reason}`, `changed files: ${plan.changedFiles}`];
  if (plan.base || plan.head) lines.push(`range: ${plan.base ?? "?"}..${plan.head ?? "?"}${plan.event ? ` (${plan.event})` : ""}`);
  lines.push(`modules (${plan.modules.length} of ${plan.allModules.length}): ${plan.modules.join(", ") || "(none)"}`);
  for (const warning of plan.warnings) lines.push(`warning: ${warning}`);
  const shown = plan.triggers.slice(0, 50);
  if (shown.length > 0) lines.push("triggers:");
  for (const trigger of shown) lines.push(`  ${JSON.stringify(trigger.file)} \u2192 ${trigger.rule} \u2192 ${trigger.effect}${trigger.modules.length ? ` (${trigger.modules.join(", ")})` : ""}`);
  if (plan.triggers.length > shown.length) lines.push(`  \u2026 and ${plan.triggers.length - shown.length} more (use --format json for all)`);
  return lines.join("\n");
}

export {
  escapeRegExp,
  listModules,
  computePlan,
  planMatrix,
  formatPlanJson,
  formatPlanText
};
