import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

/** Repository root of quality-gates itself. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The bundled CLI, as users run it. */
export const DIST_CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
/** The bundled action entry, as the runner runs it. */
export const DIST_ACTION = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** Runs the CLI in-process (fast; for unit-level command tests). */
export async function runCli(argv: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; stdin?: string }) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await main(argv, {
    cwd: options.cwd,
    env: options.env ?? {},
    stdin: Readable.from([options.stdin ?? '']),
    stdout,
    stderr,
  });
  return { code, stdout: out, stderr: err };
}

/** Runs the bundled CLI in a child process (the real thing: `node dist/cli.js …`). */
export function runDistCli(
  argv: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string | Buffer },
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [DIST_CLI, ...argv], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    input: options.input,
    encoding: 'utf8',
    timeout: 120_000,
  });
}
