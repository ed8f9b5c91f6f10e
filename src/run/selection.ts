import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LoadedConfig } from '../config/load.js';
import { ConfigError, UsageError } from '../errors.js';
import { ROOT_MODULE } from '../config/schema.js';
import { computePlan, loadLayout } from '../plan/compute.js';
import { PlanSchema, type Plan } from '../plan/types.js';
import type { ModuleTask } from './task.js';

/** How the work to run is chosen (CLI flags or action inputs). One of them, or none. */
export interface SelectionRequest {
  /** Every module (`--all`; also what a bare `run` means). */
  all?: boolean;
  /** Plan from git and the event (`--changed`; the action's default). */
  changed?: boolean;
  /** For `changed`: diff range, explicit changed files, forced full run (why). */
  base?: string;
  head?: string;
  files?: string[];
  full?: string;
  /** A plan JSON file from `quality-gates plan`. */
  planFile?: string;
  /** Named modules. */
  modules?: string[];
  /** Explicit paths (mode `paths`): one process, exactly these paths. */
  paths?: string[];
}

/** What the batch will run. */
export interface Selection {
  mode: 'full' | 'passthrough' | 'skip' | 'paths';
  plan?: Plan;
  tasks: ModuleTask[];
  /** For mode skip: why nothing runs. */
  skipReason?: string;
}

/** How a front end (CLI flags, action inputs) names the alternatives of a request. */
export interface AlternativeNames {
  all: string;
  changed: string;
  plan: string;
  modules: string;
  paths: string;
}

/** Why a request is not one clear choice; the caller words it for its own flags or inputs. */
export type SelectionConflict =
  /** More than one way to choose the work (`given`, in the caller's names). */
  | { kind: 'alternatives'; given: string[] }
  /** Planning options (`options`: --base, the full input…) with a choice that does not plan (`given`). */
  | { kind: 'planning-only'; options: string[]; given: string };

/**
 * The one check of a request, for the CLI and the action: at most one way to choose the
 * work, and planning options (as the caller names them) only with planning (`changed`).
 */
export function selectionConflict(
  request: SelectionRequest,
  planOptions: readonly string[],
  names: AlternativeNames,
): SelectionConflict | undefined {
  const given: string[] = [];
  if (request.all) given.push(names.all);
  if (request.changed) given.push(names.changed);
  if (request.planFile !== undefined) given.push(names.plan);
  if (request.modules && request.modules.length > 0) given.push(names.modules);
  if (request.paths && request.paths.length > 0) given.push(names.paths);
  if (given.length > 1) return { kind: 'alternatives', given };
  if (planOptions.length > 0 && !request.changed)
    return { kind: 'planning-only', options: [...planOptions], given: given[0] ?? names.all };
  return undefined;
}

/**
 * Turns a request into tasks. The alternatives must already be exclusive (the caller words
 * that error for its own flags or inputs). Module names are checked against the modules
 * that exist; a plan file is validated.
 */
export async function selectWork(
  request: SelectionRequest,
  context: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    loaded: LoadedConfig;
    configPath?: string;
    log?: (line: string) => void;
  },
): Promise<Selection> {
  const { cwd, loaded } = context;
  if (request.paths && request.paths.length > 0) {
    return { mode: 'paths', tasks: [{ name: 'paths', paths: request.paths, kind: 'paths' }] };
  }
  const layout = loadLayout(cwd, loaded);
  const existing = layout.modules;
  // The root's own test files are given one by one: the root folder would also select every module's files.
  const moduleTask = (name: string): ModuleTask =>
    name === ROOT_MODULE
      ? { name, paths: layout.rootTestFiles, kind: 'files' }
      : { name, paths: [`${loaded.moduleRoot}/${name}`], kind: 'module' };
  const checkNames = (names: string[], source: string) => {
    const unknown = names.filter((name) => !existing.includes(name));
    if (unknown.length === 0) return;
    const known = existing.length > 0 ? existing.join(', ') : `(none: ${loaded.moduleRoot} has no module folders)`;
    throw new UsageError(
      `${source}: unknown ${unknown.length === 1 ? 'module' : 'modules'} ${unknown.map((name) => JSON.stringify(name)).join(', ')} — the modules under ${loaded.moduleRoot} are: ${known}`,
    );
  };

  if (request.modules && request.modules.length > 0) {
    const names = [...new Set(request.modules)];
    checkNames(names, 'module');
    return { mode: 'passthrough', tasks: names.map(moduleTask) };
  }

  let plan: Plan | undefined;
  if (request.planFile !== undefined) plan = readPlanFile(resolve(cwd, request.planFile), request.planFile);
  else if (request.changed) {
    plan = await computePlan({
      cwd,
      env: context.env,
      loaded,
      base: request.base,
      head: request.head,
      files: request.files,
      full: request.full,
      log: context.log,
    });
  }
  if (plan) {
    if (plan.mode === 'skip') return { mode: 'skip', plan, tasks: [], skipReason: plan.reason };
    checkNames(plan.modules, request.planFile !== undefined ? `--plan ${request.planFile}` : 'plan');
    const names = plan.mode === 'full' ? existing : plan.modules;
    return { mode: plan.mode, plan, tasks: names.map(moduleTask) };
  }

  if (existing.length === 0) {
    throw new ConfigError(
      `no modules to run: ${loaded.moduleRoot} ${loaded.moduleRootSource === 'missing' ? 'does not exist' : `has no folder holding a test file (by ${layout.isTestFile.source}: ${layout.isTestFile.patterns.join(', ')})${layout.sharedFolders.length > 0 ? `; ${listSome(layout.sharedFolders)} hold none` : ''}`} — set modules.testMatch if your tests have other names, set modules.root in quality-gates.config.yml to the folder whose subfolders are your integration modules, or pass paths after --`,
    );
  }
  return { mode: 'full', tasks: existing.map(moduleTask) };
}

function readPlanFile(path: string, label: string): Plan {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new UsageError(
      `--plan ${label}: cannot read the plan (${why}) — write it with 'quality-gates plan > ${label}'`,
    );
  }
  const result = PlanSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(
      `--plan ${label}: not a plan from 'quality-gates plan' (${issue.path.join('.') || 'top level'}: ${issue.message})`,
    );
  }
  return result.data;
}

/** `a, b, c` — or, for long lists, the first few and how many more (an error line stays readable). */
function listSome(names: readonly string[], most = 8): string {
  return names.length <= most ? names.join(', ') : `${names.slice(0, most).join(', ')} and ${names.length - most} more`;
}
