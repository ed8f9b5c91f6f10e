import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';

export { childrenOf, isAlive } from '../../scripts/lib/processes.mjs';

/** Bundles the CLI into a fresh temp dir (the real `node dist/cli.js`, not the committed one). */
export function bundleCli(): { cli: string; cleanup: () => void } {
  const outdir = mkdtempSync(join(tmpdir(), 'qg-lock-dist-'));
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'bundle.mjs'), '--outdir', outdir], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
  });
  return { cli: join(outdir, 'cli.js'), cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** A running `quality-gates lock` process with its captured output and exit. */
export interface LockProcess {
  child: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node <cli> lock ARGS…` with a minimal environment plus `env` (`detached`: in its own process group, like a shell job). */
export function startLock(
  cli: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; detached?: boolean },
): LockProcess {
  const child = spawn(process.execPath, [cli, 'lock', ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, stderr: () => err, stdout: () => out, exit };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Kills a pid if it still exists (test cleanup). */
export function killQuietly(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (pid === undefined) return;
  // process.kill(0) or (-0) signals our own process group, (-1) every process: never.
  if (!Number.isInteger(pid) || Math.abs(pid) <= 1) throw new RangeError(`killQuietly: refusing pid ${pid}`);
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * The pid a command wrote with `echo $$ > FILE`, once the whole line is there. The file
 * exists (empty) before the write lands: reading it then must not give pid 0, which
 * process.kill(-0) would turn into our own process group.
 */
export function readPid(path: string): number | undefined {
  const match = /^(\d+)\n$/.exec(readIfExists(path) ?? '');
  return match ? Number(match[1]) : undefined;
}

/** Reads a file, or undefined while it does not exist yet. */
export function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
