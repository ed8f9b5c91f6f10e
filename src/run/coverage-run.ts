import type { Writable } from 'node:stream';
import type { Config } from '../config/schema.js';
import { coverageRequested } from './coverage/args.js';
import { mergeCoverage } from './coverage/merge.js';
import { discoverCoverageSettings } from './coverage/settings.js';

/**
 * Whether this run merges coverage: coverage was asked for (`--coverage` in runnerArgs or
 * `--runner-arg`) and more than one test process may run, each of which would otherwise
 * overwrite the project's coverage folder with its own part. One process writes it itself.
 */
export function mergesCoverage(runner: Config['runner'], runnerArgs: readonly string[], items: number): boolean {
  return items > 1 && coverageRequested(runner, runnerArgs);
}

/** What merging found: warnings for the report, and the threshold failures that fail the run. */
export interface CoverageOutcome {
  warnings: string[];
  /** One sentence when the merged coverage misses a threshold of the project. */
  failure?: string;
}

/**
 * Merges the processes' coverage into the project's coverage folder, with the project's
 * reporters and thresholds (jest: from its config; arguments win), and prints what the
 * console reporters (text, text-summary) print. A threshold the merged coverage misses
 * fails the run, as it would have failed one jest run.
 */
export async function mergeRunCoverage(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  runner: Config['runner'];
  runnerArgs: readonly string[];
  processDirectories: readonly string[];
  stdout: Writable;
}): Promise<CoverageOutcome> {
  const settings = await discoverCoverageSettings(options.runner, options.cwd, options.runnerArgs, options.env);
  const merged = mergeCoverage({
    projectDir: options.cwd,
    processDirectories: options.processDirectories,
    directory: settings.directory,
    reporters: settings.reporters,
    ...(settings.thresholds ? { thresholds: settings.thresholds } : {}),
  });
  if (merged.consoleText !== '')
    options.stdout.write(merged.consoleText.endsWith('\n') ? merged.consoleText : `${merged.consoleText}\n`);
  options.stdout.write(
    `coverage: merged ${merged.merged} of ${options.processDirectories.length} test processes into ${settings.directory} (${merged.files} files)\n`,
  );
  const warnings = merged.skipped.map(
    ({ directory, reason }) => `coverage of one test process was not merged (${directory}): ${reason}`,
  );
  const failure =
    merged.thresholdFailures.length > 0
      ? `the merged coverage misses its thresholds: ${merged.thresholdFailures.join('; ')}`
      : undefined;
  return { warnings, ...(failure ? { failure } : {}) };
}
