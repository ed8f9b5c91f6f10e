import { DEFAULT_GLOBAL, DEFAULT_IGNORE, type Config } from '../config/schema.js';
import { compareNames } from '../config/load.js';
import { GlobIndex, splitNegations } from './globs.js';
import type { Plan, Trigger } from './types.js';

/** The config keys the planner reads. */
export type PlanConfig = Pick<Config, 'modules' | 'global' | 'globalDefaults' | 'ignore' | 'ignoreDefaults' | 'unmatched' | 'fullRunThreshold'>;

type Tag = { kind: 'global' } | { kind: 'ignore' } | { kind: 'map'; module: string };

/** Rules compiled once from the config; `classify` maps one file. */
export interface CompiledRules {
  classify(file: string): Trigger;
}

/**
 * Compiles the config's rules against the modules that exist. Globs are compiled once and
 * indexed by literal prefix (see GlobIndex), so classifying stays fast on huge diffs.
 */
export function compileRules(config: PlanConfig, moduleRoot: string, allModules: readonly string[]): CompiledRules {
  const index = new GlobIndex<Tag>();
  const global = splitNegations([...(config.globalDefaults ? DEFAULT_GLOBAL : []), ...config.global]);
  const ignore = splitNegations([...(config.ignoreDefaults ? DEFAULT_IGNORE : []), ...config.ignore]);
  for (const pattern of global.positives) index.add(pattern, { kind: 'global' });
  for (const pattern of ignore.positives) index.add(pattern, { kind: 'ignore' });
  const mapNegatives = new Map<string, { source: string; regex: RegExp }[]>();
  for (const [module, patterns] of Object.entries(config.modules.map)) {
    const split = splitNegations(patterns);
    for (const pattern of split.positives) index.add(pattern, { kind: 'map', module });
    mapNegatives.set(module, split.negatives);
  }
  const known = new Set(allModules);
  const dependents = dependentsClosure(config.modules.dependsOn);
  const rootPrefix = moduleRoot === '' ? '' : moduleRoot + '/';
  // Huge diffs touch the same few module sets over and over: compute each set once.
  const dependentsCache = new Map<string, string[]>();
  const withDependents = (modules: Iterable<string>): string[] => {
    const list = [...modules];
    const key = list.join('\0');
    const cached = dependentsCache.get(key);
    if (cached) return cached;
    const all = new Set<string>();
    for (const module of list) {
      all.add(module);
      for (const dependent of dependents.get(module) ?? []) all.add(dependent);
    }
    const result = [...all].filter((m) => known.has(m)).sort(compareNames);
    dependentsCache.set(key, result);
    return result;
  };
  const excluded = (negatives: { regex: RegExp }[], file: string) => negatives.some((n) => n.regex.test(file));

  return {
    classify(file: string): Trigger {
      // 1. A file inside a module's own folder affects that module (and its dependents).
      if (rootPrefix !== '' && file.startsWith(rootPrefix)) {
        const rest = file.slice(rootPrefix.length);
        const slash = rest.indexOf('/');
        const folder = slash < 0 ? undefined : rest.slice(0, slash);
        if (folder !== undefined && known.has(folder)) {
          const modules = withDependents([folder]);
          const extra = modules.length > 1 ? ` (and its dependents ${modules.filter((m) => m !== folder).join(', ')})` : '';
          return { file, rule: `module folder '${rootPrefix}${folder}/'`, effect: 'modules', modules, why: `${file} is in module ${folder}${extra}` };
        }
      }
      const matched = index.matches(file);
      // 2. Global files mean a full run.
      const globalHit = matched.find((m) => m.tag.kind === 'global');
      if (globalHit && !excluded(global.negatives, file)) {
        return { file, rule: `global '${globalHit.source}'`, effect: 'full', modules: [], why: `${file} matched global rule '${globalHit.source}'` };
      }
      // 3. Ignored files never affect tests.
      const ignoreHit = matched.find((m) => m.tag.kind === 'ignore');
      if (ignoreHit && !excluded(ignore.negatives, file)) {
        return { file, rule: `ignore '${ignoreHit.source}'`, effect: 'ignored', modules: [], why: `${file} matched ignore rule '${ignoreHit.source}'` };
      }
      // 4. Anything else under the module root (files beside the modules, helpers/, a deleted
      //    module's files) may affect every module: run everything.
      if (rootPrefix !== '' && file.startsWith(rootPrefix)) {
        return { file, rule: `module root '${rootPrefix}'`, effect: 'full', modules: [], why: `${file} is under ${rootPrefix} but not inside a module folder, so it may affect every module` };
      }
      // 5. modules.map globs.
      const mapped = new Map<string, string>();
      for (const hit of matched) {
        if (hit.tag.kind === 'map' && !mapped.has(hit.tag.module) && !excluded(mapNegatives.get(hit.tag.module) ?? [], file)) {
          mapped.set(hit.tag.module, hit.source);
        }
      }
      if (mapped.size > 0) {
        const modules = withDependents([...mapped.keys()].sort(compareNames));
        const rules = [...mapped].map(([module, source]) => `map ${module} '${source}'`).join(', ');
        return { file, rule: rules, effect: 'modules', modules, why: `${file} matched ${rules}${modules.length > mapped.size ? `; dependents add ${modules.filter((m) => !mapped.has(m)).join(', ')}` : ''}` };
      }
      // 6. Nothing matched.
      if (config.unmatched === 'full') {
        return { file, rule: 'unmatched', effect: 'full', modules: [], why: `${file} matched no rule, and unmatched: full runs everything to be safe` };
      }
      return { file, rule: 'unmatched', effect: 'unmatched-ignored', modules: [], why: `${file} matched no rule (unmatched: ignore)` };
    },
  };
}

/** module → every module that depends on it, directly or transitively. */
export function dependentsClosure(dependsOn: Record<string, string[]>): Map<string, string[]> {
  const direct = new Map<string, string[]>();
  for (const [dependent, dependencies] of Object.entries(dependsOn)) {
    for (const dependency of dependencies) {
      const list = direct.get(dependency) ?? [];
      list.push(dependent);
      direct.set(dependency, list);
    }
  }
  const closure = new Map<string, string[]>();
  for (const start of direct.keys()) {
    const seen = new Set<string>();
    const queue = [...(direct.get(start) ?? [])];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (next === start || seen.has(next)) continue;
      seen.add(next);
      queue.push(...(direct.get(next) ?? []));
    }
    closure.set(start, [...seen].sort(compareNames));
  }
  return closure;
}

/** Everything the pure planner needs. */
export interface PlanInput {
  /** Changed paths, repo-relative, POSIX separators; a rename contributes old and new path. */
  files: readonly string[];
  allModules: readonly string[];
  moduleRoot: string;
  config: PlanConfig;
  /** Set when the event or a flag asks for a full run: the sentence saying why. */
  forceFull?: string;
  base?: string;
  head?: string;
  event?: string;
  warnings?: string[];
}

/**
 * The planner: maps changed files to modules and decides full / passthrough / skip.
 * Pure: no I/O, deterministic output (modules sorted, triggers in file order).
 */
export function planChanges(input: PlanInput, rules = compileRules(input.config, input.moduleRoot, input.allModules)): Plan {
  const files = [...new Set(input.files)];
  const triggers = files.map((file) => rules.classify(file));
  const warnings = [...(input.warnings ?? [])];
  const all = [...input.allModules].sort(compareNames);
  const finish = (mode: Plan['mode'], reason: string, modules: string[]): Plan => ({
    mode,
    reason,
    modules,
    changedFiles: files.length,
    allModules: all,
    moduleRoot: input.moduleRoot,
    base: input.base,
    head: input.head,
    event: input.event,
    warnings,
    triggers,
  });
  if (all.length === 0) {
    warnings.push(`no modules found under ${input.moduleRoot}/ — create one folder per module there, or set modules.root in quality-gates.config.yml`);
  }
  if (input.forceFull) return finish('full', input.forceFull, all);

  const fullTriggers = triggers.filter((t) => t.effect === 'full');
  if (fullTriggers.length > 0) {
    const more = fullTriggers.length > 1 ? ` (and ${fullTriggers.length - 1} more file${fullTriggers.length > 2 ? 's' : ''} that force a full run)` : '';
    return finish('full', `Full run: ${fullTriggers[0]!.why}${more}.`, all);
  }
  const affected = new Set<string>();
  for (const trigger of triggers) for (const module of trigger.modules) affected.add(module);
  const modules = [...affected].sort(compareNames);
  if (modules.length === 0) {
    const reason = files.length === 0
      ? 'Skipped: no files changed between base and head.'
      : `Skipped: none of the ${files.length} changed file${files.length === 1 ? '' : 's'} affect integration tests (${summarizeRules(triggers)}).`;
    return finish('skip', reason, []);
  }
  const share = modules.length / all.length;
  if (all.length > 1 && share > input.config.fullRunThreshold) {
    const threshold = Math.round(input.config.fullRunThreshold * 100);
    return finish('full', `Full run: ${modules.length} of ${all.length} modules are affected, more than fullRunThreshold ${threshold}%.`, all);
  }
  const list = modules.length <= 5 ? modules.join(', ') : `${modules.slice(0, 5).join(', ')} and ${modules.length - 5} more`;
  const affectedBy = `${files.length} changed file${files.length === 1 ? '' : 's'}`;
  return finish('passthrough', `${modules.length} of ${all.length} module${all.length === 1 ? '' : 's'} affected by ${affectedBy}: ${list}.`, modules);
}

function summarizeRules(triggers: Trigger[]): string {
  const rules = [...new Set(triggers.map((t) => t.rule))];
  return rules.length <= 3 ? rules.join(', ') : `${rules.slice(0, 3).join(', ')} and ${rules.length - 3} more rules`;
}
