/**
 * Pure argument handling for coverage when several test processes run one project: each
 * process writes istanbul JSON into a directory of its own (so none overwrites another's),
 * without per-process thresholds (a process covering part of the project would fail a
 * global threshold); the tool merges the directories afterwards (merge.ts).
 */

/** The runners whose coverage arguments are known. */
export type CoverageRunner = 'jest' | 'vitest';

/** The file each process's json reporter writes, and the merge reads. */
export const COVERAGE_FINAL = 'coverage-final.json';

/** Options a process's own arguments must not repeat: they would fight with ours. `list` ones take several values. */
const OWNED: Record<CoverageRunner, { name: string; list: boolean }[]> = {
  jest: [
    { name: '--coverageDirectory', list: false },
    { name: '--coverageReporters', list: true },
    { name: '--coverageThreshold', list: false },
  ],
  vitest: [
    { name: '--coverage.reportsDirectory', list: false },
    { name: '--coverage.reporter', list: true },
  ],
};

/** Whether `args` (runnerArgs and the command line) turn coverage on. Coverage switched on in the runner's own config is not seen here. */
export function coverageRequested(runner: CoverageRunner, args: readonly string[]): boolean {
  let on = false;
  for (const arg of args) {
    const [flag, value] = splitFlag(arg);
    const enabling = runner === 'jest' ? ['--coverage', '--collectCoverage', '--collect-coverage'] : ['--coverage', '--coverage.enabled'];
    if (enabling.includes(flag)) on = value === undefined || value === 'true';
    if (runner === 'jest' && (flag === '--no-coverage' || flag === '--no-collectCoverage')) on = false;
    if (runner === 'vitest' && flag === '--no-coverage') on = false;
  }
  return on;
}

/**
 * The arguments of one test process: `args` without the coverage options the tool owns,
 * then the ones that send this process's istanbul JSON to `directory` (absolute) with no
 * thresholds. jest: `--coverageDirectory=…`, `--coverageReporters=json`,
 * `--coverageThreshold={}`; vitest: `--coverage.reportsDirectory=…`,
 * `--coverage.reporter=json` and zero global thresholds.
 */
export function processCoverageArgs(runner: CoverageRunner, args: readonly string[], directory: string): string[] {
  const kept = withoutOwnedOptions(runner, args);
  if (runner === 'jest') return [...kept, `--coverageDirectory=${directory}`, '--coverageReporters=json', '--coverageThreshold={}'];
  const noThresholds = ['lines', 'functions', 'branches', 'statements'].map((metric) => `--coverage.thresholds.${metric}=0`);
  return [...kept, `--coverage.reportsDirectory=${directory}`, '--coverage.reporter=json', ...noThresholds];
}

/** The values `args` give an owned option (`--coverageReporters=lcov --coverageReporters text`), for discovering the project's choice. */
export function ownedOptionValues(runner: CoverageRunner, args: readonly string[], name: string): string[] | undefined {
  const option = OWNED[runner].find((candidate) => candidate.name === name);
  if (!option) throw new Error(`${name} is not a coverage option quality-gates sets for ${runner}`);
  let values: string[] | undefined;
  scan(args, runner, (found, optionValues) => {
    if (found.name === name) values = found.list ? [...(values ?? []), ...optionValues] : optionValues;
  });
  return values;
}

function withoutOwnedOptions(runner: CoverageRunner, args: readonly string[]): string[] {
  return scan(args, runner, () => {});
}

/** Walks `args`, reporting each owned option with its values; returns the other arguments. */
function scan(args: readonly string[], runner: CoverageRunner, onOwned: (option: { name: string; list: boolean }, values: string[]) => void): string[] {
  const kept: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const [flag, inline] = splitFlag(args[index]);
    const option = OWNED[runner].find((candidate) => candidate.name === flag);
    if (!option) {
      kept.push(args[index]);
      continue;
    }
    const values = inline === undefined ? [] : [inline];
    // `--opt value` (and, for lists, `--opt a b c`): the values are the next arguments up to the next option.
    while (inline === undefined && index + 1 < args.length && !args[index + 1].startsWith('-') && (option.list || values.length === 0)) values.push(args[++index]);
    onOwned(option, values);
  }
  return kept;
}

function splitFlag(arg: string): [string, string | undefined] {
  const equals = arg.indexOf('=');
  return equals === -1 ? [arg, undefined] : [arg.slice(0, equals), arg.slice(equals + 1)];
}
