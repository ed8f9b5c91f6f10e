import { escapeRegExp } from '../../util/regexp.js';
import { childFilePath } from '../child-files.js';
import { isOnPath } from './find-executable.js';
import { resolvePathTargets } from './path-targets.js';
import { resolveRunnerBin } from './resolve-bin.js';
import type { RunnerAdapter, RunTarget } from './types.js';

/** What jest prints on stderr at the end of every run with --forceExit (jest-cli, `console.warn`). */
const FORCE_EXIT_ADVICE =
  'Force exiting Jest: Have you considered using `--detectOpenHandles` to detect async operations that kept running after all tests finished?';

/** Whether the tool adds --forceExit: not when the user chose jest's exit behaviour themselves. */
function addsForceExit(extraArgs: string[]): boolean {
  return !extraArgs.some((arg) =>
    /^--(no-?)?(forceExit|force-exit|detectOpenHandles|detect-open-handles)\b/i.test(arg),
  );
}

/**
 * jest reads positional paths as regular expressions: a module folder must match as a
 * folder ("billing/" must not also select "billing-v2/"), a module's own files (the root's
 * tests) as whole files; the explicit paths of a `paths` run are the user's, as given.
 */
function jestPatterns({ paths, kind }: RunTarget): string[] {
  if (kind === 'module') return paths.map((path) => `${escapeRegExp(path.replace(/\/+$/, ''))}/`);
  if (kind === 'files') return paths.map((path) => `(^|/)${escapeRegExp(path)}$`);
  return [...paths];
}

/**
 * jest: in band (one process runs every suite of the module, one after another), the
 * default reporter for people plus ours for the results file. Giving --reporters on the
 * command line also replaces any configured github-actions reporter: the action writes the
 * only annotations. No --passWithNoTests: an empty module must fail.
 */
export const jestAdapter: RunnerAdapter = {
  name: 'jest',
  noTestsPattern: /No tests found/,
  // jest's `filter` hook runs after start-up and before globalSetup: the gate goes there.
  // A filter of the user's own (given on the command line) wins: then no pre-start.
  gateArgs(extraArgs) {
    return extraArgs.some((arg) => /^--filter\b/.test(arg))
      ? undefined
      : [`--filter=${childFilePath('jest-gate.cjs')}`];
  },
  hiddenConsoleLine(extraArgs) {
    return addsForceExit(extraArgs) ? FORCE_EXIT_ADVICE : undefined;
  },
  args({ cwd, targets, extraArgs, env }) {
    const bin = resolveRunnerBin(cwd, 'jest', 'jest');
    const patterns = resolvePathTargets(cwd, targets).flatMap(jestPatterns);
    // Without watchman installed, every jest process still spawns `watchman --version` to
    // find out (~0.2 s per module on a busy runner): say so up front. Same crawl either way.
    const watchman =
      extraArgs.some((arg) => /^--(no-)?watchman\b/.test(arg)) || isOnPath('watchman', env.PATH)
        ? []
        : ['--no-watchman'];
    // jest waits for its event loop to drain before exiting: ~0.1 s per module of the
    // default reporter's debounce timers, or forever when a suite leaves a pool or client
    // open. Once the run (and globalTeardown) is over, the module is over: exit. The
    // process group is killed afterwards anyway. --detectOpenHandles or an explicit
    // --[no-]forceExit from the user keep jest's own behaviour.
    const forceExit = addsForceExit(extraArgs) ? ['--forceExit'] : [];
    // A pack (several module folders in one process) runs its modules in the pack's order,
    // each in jest's own order: our sequencer, unless the user gave one (attribution is by
    // path either way).
    const pack = targets.length > 1;
    const sequencer =
      pack && !extraArgs.some((arg) => /^--testSequencer\b/.test(arg))
        ? [`--testSequencer=${childFilePath('jest-sequencer.cjs')}`]
        : [];
    // Paths first: --reporters takes a list and would swallow positionals after it.
    return [
      bin,
      ...patterns,
      '--runInBand',
      ...watchman,
      ...forceExit,
      ...sequencer,
      '--reporters=default',
      `--reporters=${childFilePath('jest-reporter.cjs')}`,
      ...extraArgs,
    ];
  },
};
