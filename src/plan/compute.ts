import { loadConfig, type LoadedConfig } from '../config/load.js';
import { discoverLayout, type ModuleLayout } from '../config/modules.js';
import { checkModuleReferences } from '../config/references.js';
import type { ChangeSet } from '../changes/types.js';
import type { Plan } from './types.js';
import type { ImportFindings } from './imports/findings.js';
import { matchChange, type PlanInput } from './plan.js';
import { testFileMatcher } from './test-files.js';

/** Options of a planning run (CLI flags or action inputs). */
export interface PlanOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  configPath?: string;
  base?: string;
  head?: string;
  files?: string[];
  /** Force a full run; the string says why (e.g. "--full was given"). */
  full?: string;
  log?: (line: string) => void;
  /** An already loaded config (the run command loads it first). */
  loaded?: LoadedConfig;
}

/**
 * Reads the module root (modules, shared folders, root test files) and checks that every
 * module the config names exists: a typo there would silently select nothing.
 */
export function loadLayout(cwd: string, loaded: LoadedConfig): ModuleLayout {
  const layout = discoverLayout(cwd, loaded);
  checkModuleReferences(loaded, layout);
  return layout;
}

/** Lists the modules of a loaded config (see loadLayout). */
export function listModules(cwd: string, loaded: LoadedConfig): string[] {
  return loadLayout(cwd, loaded).modules;
}

/** Plans a change end to end: config, modules, changed files, decision. */
export async function computePlan(options: PlanOptions): Promise<Plan> {
  const loaded = options.loaded ?? loadConfig(options.cwd, options.configPath);
  const layout = loadLayout(options.cwd, loaded);
  const changes = await changesOf(options, loaded);
  const input: PlanInput = {
    files: changes.files,
    allModules: layout.modules,
    sharedFolders: layout.sharedFolders,
    moduleRoot: loaded.moduleRoot,
    config: loaded.config,
    forceFull: options.full ?? changes.forceFull,
    base: changes.base,
    head: changes.head,
    event: changes.event,
    warnings: changes.warnings,
  };
  // The globs are matched once; with the graph's findings only the triggers are rebuilt.
  const matched = matchChange(input);
  const plain = matched.plan();
  if (!loaded.config.modules.followImports || !importsMayMatter(plain, input)) return plain;
  const graph = await importFindings(
    options.cwd,
    matched.graphMayChange,
    changes.base,
    testFileMatcher(loaded.config.runner, loaded.config.modules.testMatch),
  );
  if (graph.findings === undefined) return { ...plain, warnings: [...plain.warnings, ...graph.warnings] };
  return matched.plan(graph.findings, graph.warnings);
}

/**
 * The changed files: none for a forced full run (no git at all: it works outside a
 * checkout), the explicit list as given, else from git. git (simple-git) is loaded only then,
 * not for `run --all` or `plan --files`.
 */
async function changesOf(options: PlanOptions, loaded: LoadedConfig): Promise<ChangeSet> {
  if (options.full !== undefined) return { files: [], warnings: [] };
  if (options.files !== undefined) return { files: options.files, warnings: [] };
  const { resolveChanges } = await import('../changes/resolve.js');
  return resolveChanges({
    cwd: options.cwd,
    env: options.env,
    base: options.base,
    head: options.head,
    defaultBranch: loaded.config.workflow.defaultBranch,
    log: options.log,
  });
}

/**
 * Whether the import graph can change a plan made without it: it adds modules and turns
 * `unmatched` files (and code beside the modules under the module root) into modules or
 * nothing, so a full run forced by anything else (an event, a global file, the threshold)
 * stays full, and then no graph is built; nor is one when every file matched an ignore rule.
 */
function importsMayMatter(plan: Plan, input: PlanInput): boolean {
  if (input.forceFull !== undefined) return false;
  const full = plan.triggers.filter((t) => t.effect === 'full');
  if (
    full.some((t) => t.rule !== 'unmatched' && !t.rule.startsWith('module root') && !t.rule.startsWith('shared folder'))
  )
    return false;
  if (plan.mode === 'full' && full.length === 0) return false;
  return plan.triggers.some((t) => t.effect !== 'ignored');
}

/** The import graph's findings, or none and a warning when it cannot be built (planning goes on without it). */
async function importFindings(
  cwd: string,
  files: readonly string[],
  base: string | undefined,
  isTest: (path: string) => boolean,
): Promise<{ findings?: ImportFindings['findings']; warnings: string[] }> {
  try {
    // oxc-parser and oxc-resolver (native) load only when a plan follows imports.
    const { findImportFindings } = await import('./imports/findings.js');
    return await findImportFindings({ root: cwd, changedFiles: files, base, isTestFile: isTest });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    return {
      warnings: [`import graph unavailable (${message}): planned by folders and globs only (modules.followImports)`],
    };
  }
}
