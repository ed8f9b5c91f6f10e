import type { Readable, Writable } from 'node:stream';

/** What a CLI command may touch: its streams, cwd and environment (tests pass their own). */
export interface CliContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** A CLI command: parses its own argv (after the command name), returns the exit code. */
export type Command = (argv: string[], context: CliContext) => Promise<number>;
