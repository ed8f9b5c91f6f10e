/** What the batch needs to know about one test runner. */
export interface RunnerAdapter {
  readonly name: 'jest' | 'vitest';
  /**
   * Node arguments that start the runner: `[bin, ...paths, ...flags]`, the targets' paths in
   * order. Several targets are a pack: several modules in band in one process.
   */
  args(options: RunnerArgsOptions): string[];
  /** Output that means "no test files matched" (the runner exits 1 with it). */
  readonly noTestsPattern: RegExp;
  /**
   * Extra arguments that make the runner wait, after its start-up and before anything of
   * the project runs, until the file named by QUALITY_GATES_GATE_FILE exists; undefined
   * when this runner (or these arguments) cannot be held that way.
   */
  gateArgs?(extraArgs: string[]): string[] | undefined;
  /**
   * A line the runner prints only because of an argument the tool added itself (jest's
   * advice about --detectOpenHandles after our --forceExit): kept in the module's log,
   * hidden from the console, where it would read as advice to the user. Undefined: none.
   */
  hiddenConsoleLine?(extraArgs: string[]): string | undefined;
}

/** What an adapter needs to build a test process's arguments. */
export interface RunnerArgsOptions {
  /** Project directory, where the runner is resolved from. */
  cwd: string;
  /** What to run, in order: one module (or the explicit paths of a `paths` run), or the modules of a pack. */
  targets: readonly RunTarget[];
  /** Extra runner arguments from the config and the command line. */
  extraArgs: string[];
  /** The test process's environment (PATH decides what the runner would probe for). */
  env: NodeJS.ProcessEnv;
}

/**
 * Paths of one module for the runner. `kind` says whether they are module folders (matched
 * as folders), a module's own files (matched exactly: the root's tests) or the explicit
 * paths of a `paths` run (given as is).
 */
export interface RunTarget {
  readonly paths: readonly string[];
  readonly kind: 'module' | 'files' | 'paths';
}
