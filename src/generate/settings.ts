import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { LoadedConfig } from '../config/load.js';
import { ConfigError, UsageError } from '../errors.js';
import { DEFAULT_HISTORY_FILE } from '../history/location.js';
import { repoRelativeOut } from './out-path.js';

/** Where the workflow runs: GitHub Actions or Gitea Actions (act_runner). */
export type Platform = 'github' | 'gitea';
/** One job running every planned module, or one job per module. */
export type Strategy = 'batch' | 'matrix';

/** Command-line choices of `quality-gates generate` (undefined: not given). */
export interface GenerateFlags {
  platform?: string;
  strategy?: string;
  out?: string;
  config?: string;
  pinSha?: boolean;
}

/** Everything the workflow text depends on, resolved once. The renderer reads nothing else. */
export interface GenerateSettings {
  platform: Platform;
  strategy: Strategy;
  /** Output path relative to the repository root, POSIX separators. */
  out: string;
  /** Config file the settings came from (repo-relative), or undefined under conventions. */
  configFile?: string;
  /** `config:` input to pass to the action (only when --config named a non-default file). */
  configInput?: string;
  /** The exact command that regenerates this file (flags that were given explicitly). */
  regenerate: string[];
  /** Runner labels as configured: one label, or a list of them. */
  runsOn: string | string[];
  planRunsOn: string | string[];
  nodeVersion: string;
  install: string;
  defaultBranch: string;
  actionRef: string;
  pinSha: boolean;
  pins: Record<string, string>;
  absoluteUses: boolean;
  usesBaseUrl: string;
  /** Lock name for the action's `lock` input, or 'none'. */
  lock: string;
  forceReset: boolean;
  /** Report JSON path (config report.path) and extra report files to upload. */
  reportPath: string;
  extraReportFiles: string[];
  /** Modules found now; the Gitea matrix lists them statically (no dynamic matrix there). */
  modules: string[];
  /** `workflow.shards`: one test job per shard (matrix strategy only). */
  shards?: number;
  /** The history file the jobs carry through the cache (repo-relative), or undefined when the config turns history off. */
  historyPath?: string;
}

/** Default workflow path per platform. */
export function defaultOut(platform: Platform): string {
  return platform === 'gitea' ? '.gitea/workflows/quality-gates.yml' : '.github/workflows/quality-gates.yml';
}

/**
 * Platform: the flag, else `workflow.platform`, else gitea when the repository has a
 * `.gitea/` folder (Gitea reads `.gitea/workflows` and ignores `.github/workflows` then).
 */
export function detectPlatform(repoRoot: string, flag: string | undefined, configured: Platform | undefined): Platform {
  if (flag !== undefined) {
    if (flag !== 'github' && flag !== 'gitea')
      throw new UsageError(`--platform ${JSON.stringify(flag)}: use github or gitea`);
    return flag;
  }
  if (configured) return configured;
  const gitea = join(repoRoot, '.gitea');
  return existsSync(gitea) && statSync(gitea).isDirectory() ? 'gitea' : 'github';
}

/** Resolves flags and config into the settings of one generated workflow. */
export function resolveSettings(
  repoRoot: string,
  loaded: LoadedConfig,
  flags: GenerateFlags,
  modules: string[],
): GenerateSettings {
  const workflow = loaded.config.workflow;
  const platform = detectPlatform(repoRoot, flags.platform, workflow.platform);
  if (flags.strategy !== undefined && flags.strategy !== 'batch' && flags.strategy !== 'matrix') {
    throw new UsageError(
      `--strategy ${JSON.stringify(flags.strategy)}: use batch (one job, every module in turn) or matrix (one job per module)`,
    );
  }
  const strategy = flags.strategy ?? workflow.strategy;
  if (workflow.absoluteUses && platform === 'github') {
    throw new ConfigError(
      'workflow.absoluteUses is set, but GitHub Actions does not accept URLs in uses: — remove it, or generate for Gitea with --platform gitea',
    );
  }
  if (workflow.install.includes('${{')) {
    throw new ConfigError(
      `workflow.install ${JSON.stringify(workflow.install)} contains an expression: the install step must be static text (event values in run: scripts are a script-injection risk) — pass values through env: in your own workflow instead`,
    );
  }
  if (strategy === 'matrix' && platform === 'gitea' && modules.length === 0) {
    throw new UsageError(
      `no modules under ${loaded.moduleRoot}: the Gitea matrix lists the modules in the workflow (Gitea cannot build a matrix from a job output) — add module folders, or use --strategy batch`,
    );
  }
  if (workflow.shards !== undefined && strategy !== 'matrix') {
    throw new ConfigError(
      `workflow.shards is ${workflow.shards}, but the strategy is ${strategy}: shards are test jobs of the matrix strategy — generate with --strategy matrix (or set workflow.strategy: matrix), or remove workflow.shards`,
    );
  }
  const out = flags.out !== undefined ? repoRelativeOut(repoRoot, flags.out) : defaultOut(platform);
  const configFile = loaded.path ? toPosix(relative(repoRoot, loaded.path)) : undefined;
  const report = loaded.config.report;
  return {
    platform,
    strategy,
    out,
    configFile,
    configInput: flags.config,
    regenerate: regenerateArgs(flags, out),
    runsOn: workflow.runsOn,
    planRunsOn: workflow.planRunsOn ?? workflow.runsOn,
    nodeVersion: workflow.nodeVersion,
    install: workflow.install,
    defaultBranch: workflow.defaultBranch,
    actionRef: workflow.actionRef,
    pinSha: flags.pinSha ?? false,
    pins: workflow.pins,
    absoluteUses: workflow.absoluteUses,
    usesBaseUrl: workflow.usesBaseUrl,
    lock: workflow.lock ? (loaded.config.lock?.name ?? 'test-containers') : 'none',
    forceReset: workflow.forceReset,
    reportPath: report.path,
    extraReportFiles: [report.junit, report.summary].filter((file): file is string => file !== undefined),
    modules,
    ...(workflow.shards !== undefined ? { shards: workflow.shards } : {}),
    ...historySetting(repoRoot, loaded.config.history),
  };
}

/**
 * The history path as the workflow names it (relative to the repository root, where the
 * jobs run), or nothing when the config says `history: false`. A path outside the
 * repository cannot be cached by a path the workflow can name: refused.
 */
function historySetting(repoRoot: string, configured: string | false | undefined): { historyPath?: string } {
  if (configured === false) return {};
  const absolute = resolve(repoRoot, configured ?? DEFAULT_HISTORY_FILE);
  const path = toPosix(relative(repoRoot, absolute));
  if (path === '' || path.startsWith('../') || isAbsolute(path)) {
    throw new ConfigError(
      `history ${JSON.stringify(configured)} is outside the repository: the workflow caches it by a path inside the checkout — use a path such as .quality-gates/history.json, or history: false`,
    );
  }
  return { historyPath: path };
}

/** The flags given explicitly; --out in its repo-relative form (no machine's absolute path in the workflow). */
function regenerateArgs(flags: GenerateFlags, out: string): string[] {
  const args: string[] = [];
  if (flags.platform !== undefined) args.push('--platform', flags.platform);
  if (flags.strategy !== undefined) args.push('--strategy', flags.strategy);
  if (flags.config !== undefined) args.push('--config', flags.config);
  if (flags.out !== undefined) args.push('--out', out);
  if (flags.pinSha) args.push('--pin-sha');
  return args;
}

function toPosix(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}
