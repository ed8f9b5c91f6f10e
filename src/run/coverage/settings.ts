import { execFile } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { resolveRunnerBin } from '../runners/resolve-bin.js';
import { ownedOptionValues, type CoverageRunner } from './args.js';

/** A reporter of istanbul-reports by name, with its options as jest and vitest write them. */
export type ReporterSpec = string | [string, Record<string, unknown>];

/** Global coverage thresholds (percentages; a negative number is the most uncovered items allowed, as in jest). */
export type CoverageThresholds = Partial<Record<'lines' | 'functions' | 'branches' | 'statements', number>>;

/** Where and how the merged coverage of a run is written. */
export interface CoverageSettings {
  /** The project's coverage directory (absolute). */
  directory: string;
  reporters: ReporterSpec[];
  /** Checked on the merged coverage, since each process runs without them. */
  thresholds?: CoverageThresholds;
  /** Where the settings came from, for the log. */
  source: 'jest --showConfig' | 'arguments' | 'defaults';
}

/** What the merge writes when the project's own choice cannot be found out. */
export const DEFAULT_REPORTERS: ReporterSpec[] = ['json', 'lcov'];

/** The subset of `jest --showConfig` output read here. */
interface JestShownConfig {
  globalConfig?: {
    coverageDirectory?: string;
    coverageReporters?: ReporterSpec[];
    coverageThreshold?: { global?: CoverageThresholds };
  };
}

/** The coverage settings in `jest --showConfig` output (pure), or undefined when it is not that. */
export function settingsFromJestConfig(shown: string, cwd: string): CoverageSettings | undefined {
  let parsed: JestShownConfig;
  try {
    parsed = JSON.parse(shown) as JestShownConfig;
  } catch {
    return undefined;
  }
  const global = parsed.globalConfig;
  if (!global) return undefined;
  const reporters = global.coverageReporters?.length ? global.coverageReporters : DEFAULT_REPORTERS;
  const thresholds = global.coverageThreshold?.global;
  return {
    directory: absolute(cwd, global.coverageDirectory ?? 'coverage'),
    reporters,
    ...(thresholds && Object.keys(thresholds).length > 0 ? { thresholds } : {}),
    source: 'jest --showConfig',
  };
}

/**
 * The coverage settings the arguments give (pure): `--coverageDirectory` /
 * `--coverageReporters` for jest, `--coverage.reportsDirectory` / `--coverage.reporter` for
 * vitest; the rest from `fallback`.
 */
export function settingsFromArgs(runner: CoverageRunner, args: readonly string[], cwd: string, fallback: CoverageSettings): CoverageSettings {
  const [directoryFlag, reporterFlag] = runner === 'jest' ? ['--coverageDirectory', '--coverageReporters'] : ['--coverage.reportsDirectory', '--coverage.reporter'];
  const directory = ownedOptionValues(runner, args, directoryFlag)?.[0];
  const reporters = ownedOptionValues(runner, args, reporterFlag);
  if (directory === undefined && !reporters?.length) return fallback;
  return {
    ...fallback,
    directory: directory === undefined ? fallback.directory : absolute(cwd, directory),
    reporters: reporters?.length ? reporters : fallback.reporters,
    source: 'arguments',
  };
}

/**
 * The project's coverage settings: for jest, its resolved config (`jest --showConfig`, one
 * extra jest start-up, only when coverage is on); for vitest, whose config cannot be read
 * without running it, `coverage/` with json + lcov. Arguments win over both.
 */
export async function discoverCoverageSettings(runner: CoverageRunner, cwd: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<CoverageSettings> {
  let fallback: CoverageSettings = { directory: join(cwd, 'coverage'), reporters: DEFAULT_REPORTERS, source: 'defaults' };
  if (runner === 'jest') {
    const bin = resolveRunnerBin(cwd, 'jest', 'jest');
    const shown = await promisify(execFile)(process.execPath, [bin, ...args, '--showConfig'], { cwd, env, maxBuffer: 64 * 1024 * 1024 }).then(
      (result) => result.stdout,
      () => '',
    );
    fallback = settingsFromJestConfig(shown, cwd) ?? fallback;
  }
  return settingsFromArgs(runner, args, cwd, fallback);
}

function absolute(cwd: string, path: string): string {
  return isAbsolute(path) ? path : join(cwd, path);
}
