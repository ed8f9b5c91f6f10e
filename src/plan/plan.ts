import { Minimatch } from 'minimatch';
import { DEFAULT_GLOBAL, DEFAULT_IGNORE, ROOT_MODULE, type Config } from '../config/schema.js';
import { compareNames } from '../util/compare-names.js';
import { GlobIndex, splitNegations } from './globs.js';
import type { ImportFinding } from './imports/query.js';
import { selectByImports, type GraphSelection } from './imports/select.js';
import { testFileMatcher, type TestFileMatcher } from './test-files.js';
import type { Plan, Trigger } from './types.js';

/** The config keys the planner reads. */
export type PlanConfig = Pick<
  Config,
  'modules' | 'global' | 'globalDefaults' | 'ignore' | 'ignoreDefaults' | 'unmatched' | 'fullRunThreshold' | 'runner'
>;

type Tag = { kind: 'global' } | { kind: 'ignore' } | { kind: 'map'; module: string };

/** Where the rules put a file whose trigger the import graph may change. */
type Place =
  /** In the folder of `module` (or a test file directly in the root, ROOT_MODULE). */
  | { kind: 'module'; file: string; module: string }
  /** Elsewhere under the module root (`folder`: its direct subfolder there, if any). */
  | { kind: 'root'; file: string; folder: string | undefined }
  /** Outside the module root: the `modules.map` modules whose globs match (module → glob), maybe none. */
  | { kind: 'outside'; file: string; mapped: ReadonlyMap<string, string> };

/**
 * What the rules alone say of one changed file, with its trigger without the import graph:
 * the glob matching (the costly part of planning a huge diff) is done once per file, and
 * `CompiledRules.trigger` adds the graph's findings to it.
 */
export type RuleMatch =
  /** An explicit or built-in global, an ignore rule, a deleted module: the graph is never asked. */
  { kind: 'decided'; file: string; trigger: Trigger } | (Place & { trigger: Trigger });

/** Rules compiled once from the config; `classify` maps one file (`trigger(match(file))`). */
export interface CompiledRules {
  classify(file: string): Trigger;
  /** The rules' verdict on a file, and its trigger without the import graph. */
  match(file: string): RuleMatch;
  /** The trigger of a matched file; `imports` (default: the facts' findings) adds the graph's word. */
  trigger(match: RuleMatch, imports?: ReadonlyMap<string, ImportFinding>): Trigger;
}

/** What the planner knows of the module root besides the module names (from the working tree). */
export interface RootFacts {
  /** Direct subfolders that hold no test file: shared code. */
  sharedFolders?: readonly string[];
  /**
   * Direct subfolders (and ROOT_MODULE for files directly in the root) that have a test
   * file among the changed files: a folder of these that no longer exists was a module.
   */
  changedTestFolders?: ReadonlySet<string>;
  /** The import graph's findings per changed file (see src/plan/imports/); absent: folders and globs only. */
  imports?: ReadonlyMap<string, ImportFinding>;
}

/** The compiled rules' state, shared by matching and trigger building. */
interface Rules {
  config: PlanConfig;
  facts: RootFacts;
  globs: ReturnType<typeof compileGlobs>;
  known: ReadonlySet<string>;
  shared: ReadonlySet<string>;
  isTestFile: TestFileMatcher;
  excludes: Minimatch[];
  withDependents: (modules: string[]) => string[];
  rootPrefix: string;
  /** Selections of module-folder files and of mapped files, by key (see Selection). */
  byModule: ReturnType<typeof memoized>;
  byMap: ReturnType<typeof memoized>;
}

/**
 * Compiles the config's rules against the modules that exist. Globs are compiled once and
 * indexed by literal prefix (see GlobIndex), so classifying stays fast on huge diffs.
 */
export function compileRules(
  config: PlanConfig,
  moduleRoot: string,
  allModules: readonly string[],
  facts: RootFacts = {},
): CompiledRules {
  const known = new Set(allModules);
  const rules: Rules = {
    config,
    facts,
    globs: compileGlobs(config),
    known,
    shared: new Set(facts.sharedFolders ?? []),
    isTestFile: testFileMatcher(config.runner, config.modules.testMatch),
    excludes: config.modules.exclude.map((pattern) => new Minimatch(pattern, { dot: true })),
    withDependents: dependentsResolver(config.modules.dependsOn, known),
    rootPrefix: moduleRoot === '' ? '' : moduleRoot + '/',
    byModule: memoized(),
    byMap: memoized(),
  };
  const moduleOf = (path: string): string | undefined => {
    const module = placeOf(path, rules.rootPrefix, rules.isTestFile)?.module;
    return module !== undefined && known.has(module) ? module : undefined;
  };
  const match = (file: string): RuleMatch => {
    const verdict = placeByRules(rules, file);
    if ('effect' in verdict) return { kind: 'decided', file, trigger: verdict };
    return withTrigger(verdict, triggerOf(rules, verdict, undefined));
  };
  const trigger = (found: RuleMatch, imports = facts.imports): Trigger => {
    if (found.kind === 'decided' || imports === undefined || !config.modules.followImports) return found.trigger;
    const graph = selectByImports(found.file, imports.get(found.file), moduleOf);
    // A graph that cannot speak for a file leaves its trigger as it is, unless no rule matched it.
    const unmatched = found.kind === 'outside' && found.mapped.size === 0;
    if (graph.kind === 'unknown' && !unmatched) return found.trigger;
    return triggerOf(rules, found, graph);
  };
  return { match, trigger, classify: (file) => trigger(match(file)) };
}

/** A placed file's match (each shape built as a literal: spreading the place costs more than the glob tests). */
function withTrigger(place: Place, trigger: Trigger): RuleMatch {
  if (place.kind === 'module') return { kind: 'module', file: place.file, module: place.module, trigger };
  if (place.kind === 'root') return { kind: 'root', file: place.file, folder: place.folder, trigger };
  return { kind: 'outside', file: place.file, mapped: place.mapped, trigger };
}

/** The rules in order, first match wins: a trigger when they decide alone, else where the file is. */
function placeByRules(rules: Rules, file: string): Trigger | Place {
  const { globs, known, shared, rootPrefix, isTestFile } = rules;
  // 1. An explicit `global` glob wins over everything, module folders included.
  const explicitHit = globalTrigger(globs.explicitIndex.matches(file), globs.global.negatives, file);
  if (explicitHit) return explicitHit;
  // 2. A file of a module (its folder, or a test file directly in the root): that module and its dependents.
  const place = placeOf(file, rootPrefix, isTestFile);
  if (place?.module !== undefined && known.has(place.module)) return { kind: 'module', file, module: place.module };
  // 3. A module deleted at head: nothing of it is left to run.
  if (
    place?.module !== undefined &&
    !shared.has(place.module) &&
    !place.excluded(rules.excludes) &&
    (place.module === ROOT_MODULE || rules.facts.changedTestFolders?.has(place.module))
  )
    return deletedModuleTrigger(file, place.module, rootPrefix);
  // 4. Global files mean a full run.
  const matched = globs.index.matches(file);
  const defaultHit = globalTrigger(matched, globs.global.negatives, file);
  if (defaultHit) return defaultHit;
  // 5. Ignored files never affect tests.
  const ignoreHit = ignoreTrigger(matched, globs.ignore.negatives, file);
  if (ignoreHit) return ignoreHit;
  // 6. Anything else under the module root is shared test code (see triggerOf).
  if (place) return { kind: 'root', file, folder: place.module };
  // 7. modules.map globs, else unmatched (see triggerOf).
  return { kind: 'outside', file, mapped: mappedModules(file, matched, globs.mapNegatives) };
}

/** The trigger of a placed file, with the import graph's selection when there is one. */
function triggerOf(rules: Rules, place: Place, graph: GraphSelection | undefined): Trigger {
  const { rootPrefix, withDependents } = rules;
  if (place.kind === 'module')
    return moduleTrigger(place.file, place.module, rootPrefix, graph, rules.byModule, withDependents);
  // Shared test code may affect every module, unless the import graph knows which modules' tests import it.
  if (place.kind === 'root')
    return graph !== undefined && graph.kind !== 'unknown'
      ? graphTrigger(place.file, graph, withDependents)
      : sharedTrigger(place.file, rootPrefix, place.folder, rules.shared, rules.isTestFile.source);
  return mappedOrUnmatched(place.file, place.mapped, rules.byMap, withDependents, rules.config.unmatched, graph);
}

/**
 * The part of a trigger that does not depend on the file: its rule, its modules and its
 * sentence around the file name, `${file}${lead}; ${graph's why}${tail}`. A huge diff touches
 * the same few module sets over and over, so each is built once (see `memoized`).
 */
interface Selection {
  rule: string;
  modules: string[];
  lead: string;
  tail: string;
}

/** Builds each distinct Selection once, by key. */
function memoized(): (key: string, build: () => Selection) => Selection {
  const cache = new Map<string, Selection>();
  return (key, build) => {
    const known = cache.get(key);
    if (known) return known;
    const built = build();
    cache.set(key, built);
    return built;
  };
}

/** A trigger selecting modules: the file's sentence around a Selection (with the graph's why when it added modules). */
function selectionTrigger(file: string, selection: Selection, graphWhy: string | undefined): Trigger {
  const why = `${file}${selection.lead}${graphWhy === undefined ? '' : `; ${graphWhy}`}${selection.tail}`;
  return { file, rule: selection.rule, effect: 'modules', modules: selection.modules, why };
}

/** A file in a module's folder: that module and its dependents, plus the modules whose tests import it. */
function moduleTrigger(
  file: string,
  module: string,
  rootPrefix: string,
  graph: GraphSelection | undefined,
  select: ReturnType<typeof memoized>,
  withDependents: (modules: string[]) => string[],
): Trigger {
  // A module's source that other modules' tests import runs those modules too.
  const others = graph?.kind === 'modules' ? graph.modules.filter((m) => m !== module) : [];
  const key = others.length === 0 ? module : [module, ...others].join('\0');
  const selection = select(key, () => {
    const { rule, where } = moduleRule(module, rootPrefix);
    const modules = withDependents([module, ...others].sort(compareNames));
    const dependents = modules.filter((m) => m !== module && !others.includes(m));
    return {
      rule: others.length === 0 ? rule : `${rule}, import graph`,
      modules,
      lead: ` is ${where}${dependents.length > 0 ? ` (and its dependents ${dependents.join(', ')})` : ''}`,
      tail: '',
    };
  });
  return selectionTrigger(file, selection, others.length === 0 ? undefined : graph!.why);
}

type TaggedPatterns = ReturnType<GlobIndex<Tag>['matches']>;
type Negatives = ReturnType<typeof splitNegations>['negatives'];

/**
 * The rules' globs: `index` holds every global, ignore and map glob; the config's own global
 * globs also live in a second, small `explicitIndex`: they are checked first, for every file,
 * and most configs have few or none.
 */
function compileGlobs(config: PlanConfig) {
  const index = new GlobIndex<Tag>();
  const explicitIndex = new GlobIndex<Tag>();
  const global = splitNegations([...(config.globalDefaults ? DEFAULT_GLOBAL : []), ...config.global]);
  const ignore = splitNegations([...(config.ignoreDefaults ? DEFAULT_IGNORE : []), ...config.ignore]);
  for (const pattern of global.positives) index.add(pattern, { kind: 'global' });
  for (const pattern of splitNegations(config.global).positives) explicitIndex.add(pattern, { kind: 'global' });
  for (const pattern of ignore.positives) index.add(pattern, { kind: 'ignore' });
  const mapNegatives = new Map<string, Negatives>();
  for (const [module, patterns] of Object.entries(config.modules.map)) {
    const split = splitNegations(patterns);
    for (const pattern of split.positives) index.add(pattern, { kind: 'map', module });
    mapNegatives.set(module, split.negatives);
  }
  return { index, explicitIndex, global, ignore, mapNegatives };
}

function excluded(negatives: Negatives, file: string): boolean {
  return negatives.some((n) => n.matches(file));
}

/** A full run when a global glob matched the file and none of its negations did. */
function globalTrigger(matched: TaggedPatterns, negatives: Negatives, file: string): Trigger | undefined {
  const hit = matched.find((m) => m.tag.kind === 'global');
  if (!hit || excluded(negatives, file)) return undefined;
  return {
    file,
    rule: `global '${hit.source}'`,
    effect: 'full',
    modules: [],
    why: `${file} matched global rule '${hit.source}'`,
  };
}

/** Ignored when an ignore glob matched the file and none of its negations did. */
function ignoreTrigger(matched: TaggedPatterns, negatives: Negatives, file: string): Trigger | undefined {
  const hit = matched.find((m) => m.tag.kind === 'ignore');
  if (!hit || excluded(negatives, file)) return undefined;
  return {
    file,
    rule: `ignore '${hit.source}'`,
    effect: 'ignored',
    modules: [],
    why: `${file} matched ignore rule '${hit.source}'`,
  };
}

/** The rule and the "where" of a file in a module's folder (or directly in the root, ROOT_MODULE). */
function moduleRule(module: string, rootPrefix: string): { rule: string; where: string } {
  return module === ROOT_MODULE
    ? {
        rule: `module ${ROOT_MODULE} '${rootPrefix}*'`,
        where: `a test file directly in ${rootPrefix}, module ${ROOT_MODULE}`,
      }
    : { rule: `module folder '${rootPrefix}${module}/'`, where: `in module ${module}` };
}

/** A file of a module deleted at head: nothing of it is left to run. */
function deletedModuleTrigger(file: string, module: string, rootPrefix: string): Trigger {
  const folder = module === ROOT_MODULE ? rootPrefix : `${rootPrefix}${module}/`;
  return {
    file,
    rule: `deleted module '${folder}'`,
    effect: 'ignored',
    modules: [],
    why: `${file}: module ${module} was deleted at head (${module === ROOT_MODULE ? `no test file is left directly in ${folder}` : `${folder} no longer exists`}), so nothing of it is left to run`,
  };
}

/** Where a file is below the module root; undefined outside it (or with no module root). */
function placeOf(file: string, rootPrefix: string, isTestFile: (path: string) => boolean) {
  return rootPrefix !== '' && file.startsWith(rootPrefix)
    ? placeUnderRoot(file.slice(rootPrefix.length), file, isTestFile)
    : undefined;
}

/** Where a path below the module root is: which module folder (or ROOT_MODULE for a test file directly in it). */
function placeUnderRoot(
  rest: string,
  file: string,
  isTestFile: (path: string) => boolean,
): { module?: string; excluded: (excludes: Minimatch[]) => boolean } {
  const slash = rest.indexOf('/');
  const folder = slash < 0 ? undefined : rest.slice(0, slash);
  const module = folder ?? (isTestFile(file) ? ROOT_MODULE : undefined);
  // Hidden folders and node_modules are never modules (discovery skips them): treat them as excluded.
  return {
    module,
    excluded: (excludes) =>
      folder !== undefined &&
      (folder.startsWith('.') || folder === 'node_modules' || excludes.some((m) => m.match(folder))),
  };
}

function sharedTrigger(
  file: string,
  rootPrefix: string,
  folder: string | undefined,
  shared: ReadonlySet<string>,
  patternSource: string,
): Trigger {
  const rule = `module root '${rootPrefix}'`;
  if (folder !== undefined && folder !== ROOT_MODULE && shared.has(folder)) {
    return {
      file,
      rule: `shared folder '${rootPrefix}${folder}/'`,
      effect: 'full',
      modules: [],
      why: `${file} is in ${rootPrefix}${folder}/, which holds no test file (by ${patternSource}): shared code that may affect every module`,
    };
  }
  return {
    file,
    rule,
    effect: 'full',
    modules: [],
    why: `${file} is under ${rootPrefix} but not inside a module folder, so it may affect every module`,
  };
}

/** The `modules.map` modules whose globs match a file (and none of the module's negations), with the first glob. */
function mappedModules(
  file: string,
  matched: readonly { tag: Tag; source: string }[],
  mapNegatives: Map<string, Negatives>,
): Map<string, string> {
  const mapped = new Map<string, string>();
  for (const hit of matched) {
    if (
      hit.tag.kind === 'map' &&
      !mapped.has(hit.tag.module) &&
      !excluded(mapNegatives.get(hit.tag.module) ?? [], file)
    ) {
      mapped.set(hit.tag.module, hit.source);
    }
  }
  return mapped;
}

function mappedOrUnmatched(
  file: string,
  mapped: ReadonlyMap<string, string>,
  select: ReturnType<typeof memoized>,
  withDependents: (modules: string[]) => string[],
  unmatched: PlanConfig['unmatched'],
  graph: GraphSelection | undefined,
): Trigger {
  if (mapped.size > 0) {
    // The import graph adds the modules whose tests import the file.
    const others = graph?.kind === 'modules' ? graph.modules.filter((m) => !mapped.has(m)) : [];
    // The count keeps the key unambiguous: `others` first, then module and glob pairs.
    let key = `${others.length}\0${others.join('\0')}`;
    for (const [module, source] of mapped) key += `\0${module}\0${source}`;
    const selection = select(key, () => {
      const modules = withDependents([...mapped.keys(), ...others].sort(compareNames));
      const rule =
        [...mapped].map(([module, source]) => `map ${module} '${source}'`).join(', ') +
        (others.length > 0 ? ', import graph' : '');
      const dependents = modules.filter((m) => !mapped.has(m) && !others.includes(m));
      return {
        rule,
        modules,
        lead: ` matched ${rule}`,
        tail: dependents.length > 0 ? `; dependents add ${dependents.join(', ')}` : '',
      };
    });
    return selectionTrigger(file, selection, others.length > 0 ? graph!.why : undefined);
  }
  // The import graph: the modules whose tests import the file, or none when no test does.
  if (graph !== undefined && graph.kind !== 'unknown') return graphTrigger(file, graph, withDependents);
  // Nothing matched (and the graph, when asked, could not speak for the file).
  const unknown = graph?.kind === 'unknown' ? ` (import graph: ${graph.why})` : '';
  if (unmatched === 'full') {
    return {
      file,
      rule: 'unmatched',
      effect: 'full',
      modules: [],
      why: `${file} matched no rule${unknown}, and unmatched: full runs everything to be safe`,
    };
  }
  return {
    file,
    rule: 'unmatched',
    effect: 'unmatched-ignored',
    modules: [],
    why: `${file} matched no rule${unknown} (unmatched: ignore)`,
  };
}

/** The trigger of a file only the import graph speaks for. */
function graphTrigger(
  file: string,
  graph: Exclude<GraphSelection, { kind: 'unknown' }>,
  withDependents: (modules: string[]) => string[],
): Trigger {
  if (graph.kind === 'none') return { file, rule: 'import graph', effect: 'ignored', modules: [], why: graph.why };
  const modules = withDependents(graph.modules);
  const dependents = modules.filter((m) => !graph.modules.includes(m));
  return {
    file,
    rule: 'import graph',
    effect: 'modules',
    modules,
    why: `${graph.why}${dependents.length > 0 ? `; dependents add ${dependents.join(', ')}` : ''}`,
  };
}

/**
 * `modules` plus every known module that depends on one of them, directly or transitively,
 * sorted. Each distinct set is walked once (breadth first over the reversed dependsOn
 * edges, O(modules + edges)) and cached: huge diffs touch the same few sets over and over,
 * and nothing is computed for modules no change touches (a 10,000-module chain stays linear).
 */
export function dependentsResolver(
  dependsOn: Record<string, string[]>,
  known?: ReadonlySet<string>,
): (modules: readonly string[]) => string[] {
  const direct = new Map<string, string[]>();
  for (const [dependent, dependencies] of Object.entries(dependsOn)) {
    for (const dependency of dependencies) {
      const list = direct.get(dependency);
      if (list) list.push(dependent);
      else direct.set(dependency, [dependent]);
    }
  }
  const cache = new Map<string, string[]>();
  return (modules) => {
    const key = modules.join('\0');
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
    const result = [...seen].filter((m) => known === undefined || known.has(m)).sort(compareNames);
    cache.set(key, result);
    return result;
  };
}

/** Everything the pure planner needs. */
export interface PlanInput {
  /** Changed paths, repo-relative, POSIX separators; a rename contributes old and new path. */
  files: readonly string[];
  allModules: readonly string[];
  moduleRoot: string;
  config: PlanConfig;
  /** Direct subfolders of the module root that hold no test file (shared code). */
  sharedFolders?: readonly string[];
  /** Set when the event or a flag asks for a full run: the sentence saying why. */
  forceFull?: string;
  base?: string;
  head?: string;
  event?: string;
  warnings?: string[];
  /** The import graph's findings per changed file (see src/plan/imports/); absent: folders and globs only. */
  imports?: ReadonlyMap<string, ImportFinding>;
}

/**
 * The planner: maps changed files to modules and decides full / passthrough / skip.
 * Pure: no I/O, deterministic output (modules sorted, triggers in file order).
 */
export function planChanges(input: PlanInput, rules?: CompiledRules): Plan {
  const files = [...new Set(input.files)];
  const compiled = rules ?? rulesOf(input, files);
  return decide(
    input,
    files,
    files.map((file) => compiled.classify(file)),
  );
}

/** A change matched against the rules once, to be planned without and then with the import graph. */
export interface MatchedChange {
  /** The changed files whose triggers the import graph may change (no global, ignore or deleted-module rule decided them). */
  readonly graphMayChange: readonly string[];
  /** The plan; `imports` adds the graph's findings (as PlanInput.imports), `warnings` its warnings. */
  plan(imports?: ReadonlyMap<string, ImportFinding>, warnings?: readonly string[]): Plan;
}

/**
 * Matches every changed file once (the glob work), so that planning the same change again with
 * the import graph's findings only rebuilds the triggers: same result as planChanges with
 * `imports`, without classifying a 20,000-file diff twice.
 */
export function matchChange(input: PlanInput): MatchedChange {
  const files = [...new Set(input.files)];
  const rules = rulesOf(input, files);
  const matches = files.map((file) => rules.match(file));
  return {
    graphMayChange: files.filter((_, i) => matches[i].kind !== 'decided'),
    plan: (imports = input.imports, warnings = []) =>
      decide(
        { ...input, warnings: [...(input.warnings ?? []), ...warnings] },
        files,
        matches.map((found) => rules.trigger(found, imports)),
      ),
  };
}

/** The rules of a PlanInput, with what its changed files tell of vanished modules. */
function rulesOf(input: PlanInput, files: readonly string[]): CompiledRules {
  return compileRules(input.config, input.moduleRoot, input.allModules, {
    sharedFolders: input.sharedFolders,
    changedTestFolders: changedTestFolders(
      files,
      input.moduleRoot,
      testFileMatcher(input.config.runner, input.config.modules.testMatch),
      new Set(input.allModules),
    ),
    imports: input.imports,
  });
}

/** Decides full / passthrough / skip from the changed files' triggers. */
function decide(input: PlanInput, files: readonly string[], triggers: Trigger[]): Plan {
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
    ...(input.sharedFolders && input.sharedFolders.length > 0 ? { sharedFolders: [...input.sharedFolders] } : {}),
  });
  if (all.length === 0) {
    warnings.push(
      `no modules found under ${input.moduleRoot}/ — create one folder per module there, or set modules.root in quality-gates.config.yml`,
    );
  }
  if (input.forceFull) return finish('full', input.forceFull, all);

  const fullTriggers = triggers.filter((t) => t.effect === 'full');
  if (fullTriggers.length > 0) {
    const more =
      fullTriggers.length > 1
        ? ` (and ${fullTriggers.length - 1} more file${fullTriggers.length > 2 ? 's' : ''} that force a full run)`
        : '';
    return finish('full', `Full run: ${fullTriggers[0].why}${more}.`, all);
  }
  const affected = new Set<string>();
  for (const trigger of triggers) for (const module of trigger.modules) affected.add(module);
  const modules = [...affected].sort(compareNames);
  if (modules.length === 0) {
    const reason =
      files.length === 0
        ? 'Skipped: no files changed between base and head.'
        : `Skipped: none of the ${files.length} changed file${files.length === 1 ? '' : 's'} affect integration tests (${summarizeRules(triggers)}).`;
    return finish('skip', reason, []);
  }
  const share = modules.length / all.length;
  if (all.length > 1 && share > input.config.fullRunThreshold) {
    const threshold = Math.round(input.config.fullRunThreshold * 100);
    return finish(
      'full',
      `Full run: ${modules.length} of ${all.length} modules are affected, more than fullRunThreshold ${threshold}%.`,
      all,
    );
  }
  const list =
    modules.length <= 5 ? modules.join(', ') : `${modules.slice(0, 5).join(', ')} and ${modules.length - 5} more`;
  const affectedBy = `${files.length} changed file${files.length === 1 ? '' : 's'}`;
  return finish(
    'passthrough',
    `${modules.length} of ${all.length} module${all.length === 1 ? '' : 's'} affected by ${affectedBy}: ${list}.`,
    modules,
  );
}

/**
 * The module-root folders (ROOT_MODULE for the root itself) that have a test file among
 * `files`. Folders in `existing` (modules that are still there) are skipped without testing
 * their files: the planner asks only about folders that vanished.
 */
export function changedTestFolders(
  files: readonly string[],
  moduleRoot: string,
  isTestFile: (path: string) => boolean,
  existing: ReadonlySet<string> = new Set(),
): Set<string> {
  const folders = new Set<string>();
  if (moduleRoot === '') return folders;
  const prefix = moduleRoot + '/';
  for (const file of files) {
    if (!file.startsWith(prefix)) continue;
    const slash = file.indexOf('/', prefix.length);
    const folder = slash < 0 ? ROOT_MODULE : file.slice(prefix.length, slash);
    if (slash >= 0 && existing.has(folder)) continue;
    if (isTestFile(file)) folders.add(folder);
  }
  return folders;
}

function summarizeRules(triggers: Trigger[]): string {
  const rules = [...new Set(triggers.map((t) => t.rule))];
  return rules.length <= 3 ? rules.join(', ') : `${rules.slice(0, 3).join(', ')} and ${rules.length - 3} more rules`;
}
