import { spawn } from 'node:child_process';
import { loadConfig } from '../../config/load.js';
import { LockSchema, type LockConfig } from '../../config/schema.js';
import { ExitCode, LockLostError, UsageError } from '../../errors.js';
import { guardProcessGroup } from '../../process/guard.js';
import { createMutex, lockTimeoutMs } from '../../lock/index.js';
import { killGroup } from '../../process/kill.js';
import { SignalRelay, signalExitCode } from '../../process/signals.js';
import type { LockHandle } from '../../lock/types.js';
import { formatDuration, parseDuration } from '../../util/duration.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext, Command } from '../context.js';

const HELP = `Usage: quality-gates lock [options] -- CMD [ARGS…]

Runs CMD (no shell) while holding the shared-container lock, and exits with CMD's status.
Defaults come from the lock: section of the config file.

Options:
  --name NAME               lock name (default: lock.name, else "test-containers")
  --path FILE               flock: explicit lock file (instead of DIR/NAME.lock)
  --dir DIR                 flock: lock directory (default: /tmp/quality-gates)
  --backend flock|postgres  flock: one host (default); postgres: many hosts, one server
  --timeout DURATION        how long to wait, e.g. 90s, 30m (default: 30m)
  --url URL                 postgres: connection URL (default: lock.url, else $QUALITY_GATES_LOCK_URL)
  --config FILE             config file (default: quality-gates.config.yml)
  -h, --help                show this help

Exit codes: CMD's status (128+n when killed by signal n), 75 lock timeout,
69 postgres lock server unreachable, 1 lock lost (CMD is stopped), 2 usage or
config error, 127 CMD not found.`;

/** Grace between SIGTERM and SIGKILL when the command must stop (lock lost, or signal). */
const STOP_GRACE_MS = 10_000;

/** `quality-gates lock -- CMD…`: runs CMD under the lock; see HELP for the exit codes. */
export const lockCommand: Command = async (argv, context) => {
  const { values, rest, hadDashDash } = parseCommandArgs('lock', argv, {
    name: { type: 'string' },
    path: { type: 'string' },
    dir: { type: 'string' },
    backend: { type: 'string' },
    timeout: { type: 'string' },
    url: { type: 'string' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    context.stdout.write(HELP + '\n');
    return ExitCode.Ok;
  }
  if (!hadDashDash || rest.length === 0) {
    throw new UsageError("give the command to run after '--', e.g. quality-gates lock -- docker compose up -d");
  }
  if (values.name !== undefined && values.path !== undefined) {
    throw new UsageError('--name and --path are alternatives: name the lock (file DIR/NAME.lock), or give its file');
  }
  if (values.backend !== undefined && values.backend !== 'flock' && values.backend !== 'postgres') {
    throw new UsageError(`--backend ${JSON.stringify(values.backend)}: use flock or postgres`);
  }
  const config = resolveLockConfig(context.cwd, values);
  if (config.backend === 'postgres' && (values.path !== undefined || values.dir !== undefined)) {
    throw new UsageError(
      `${values.path !== undefined ? '--path' : '--dir'} applies to the flock backend, but the backend is postgres — drop it, or pass --backend flock`,
    );
  }
  if (config.backend === 'flock' && values.url !== undefined) {
    throw new UsageError(
      '--url applies to the postgres backend, but the backend is flock — add --backend postgres (or set lock.backend: postgres)',
    );
  }
  const timeoutMs = values.timeout !== undefined ? parseDuration(values.timeout, '--timeout') : lockTimeoutMs(config);
  const log = (line: string) => context.stderr.write(`quality-gates lock: ${line}\n`);
  const mutex = createMutex(config, { cwd: context.cwd, env: context.env, log });

  const signals = new SignalRelay();
  try {
    const handle = await mutex.acquire({ timeoutMs, onWaiting: log, signal: signals.abortSignal });
    log(`holding ${mutex.description} (waited ${formatDuration(handle.waitMs)})`);
    try {
      // A signal that raced with the acquisition still means: do not start the command.
      if (signals.abortSignal.aborted) throw signals.abortSignal.reason;
      return await runHoldingLock(rest, context, handle, signals);
    } finally {
      const heldMs = await handle.release();
      log(`released ${mutex.description} (held ${formatDuration(heldMs)})`);
    }
  } finally {
    signals.dispose();
  }
};

function resolveLockConfig(
  cwd: string,
  values: {
    name?: string;
    path?: string;
    dir?: string;
    backend?: string;
    timeout?: string;
    url?: string;
    config?: string;
  },
): LockConfig {
  const fromFile = loadConfig(cwd, values.config).config.lock ?? LockSchema.parse({});
  const config: LockConfig = { ...fromFile };
  if (values.name !== undefined) {
    config.name = values.name;
    config.path = undefined;
  }
  if (values.path !== undefined) config.path = values.path;
  if (values.dir !== undefined) config.dir = values.dir;
  if (values.backend !== undefined) config.backend = values.backend as LockConfig['backend'];
  if (values.timeout !== undefined) config.timeout = values.timeout;
  if (values.url !== undefined) config.url = values.url;
  return config;
}

/**
 * Runs the command in its own process group (so the whole tree can be stopped) with
 * inherited stdio, and resolves with its exit status. A lost lock stops it and throws
 * LockLostError: running on unprotected is never an option.
 */
async function runHoldingLock(
  command: string[],
  context: CliContext,
  handle: LockHandle,
  signals: SignalRelay,
): Promise<number> {
  const [program, ...args] = command as [string, ...string[]];
  const child = spawn(program, args, { cwd: context.cwd, env: context.env, stdio: 'inherit', detached: true });
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', (error) => reject(error));
    child.once('exit', (code, signal) => resolve(code ?? (signal ? signalExitCode(signal) : 128)));
  });
  let spawnError: NodeJS.ErrnoException | undefined;
  const status = exited.catch((error: unknown) => {
    spawnError = error as NodeJS.ErrnoException;
    return -1;
  });
  signals.forwardTo(child.pid);
  // If this tool is killed outright (SIGKILL, OOM), the lock goes with it: the guard then
  // stops the command too, so it never runs on unprotected.
  const guard = child.pid !== undefined ? guardProcessGroup(child.pid, STOP_GRACE_MS) : undefined;
  const outcome = await Promise.race([
    status.then((code) => ({ code })),
    handle.lost.catch((error: unknown) => ({ lost: error })),
  ]);
  if ('lost' in outcome) {
    await stopGroup(child.pid, status);
    guard?.disarm();
    const reason = outcome.lost instanceof Error ? outcome.lost.message : `lock lost: ${String(outcome.lost)}`;
    throw new LockLostError(`${reason}; stopped ${JSON.stringify(program)} (process group ${child.pid})`, {
      cause: outcome.lost,
    });
  }
  guard?.disarm();
  if (spawnError) {
    const hint = spawnError.code === 'ENOENT' ? ' — check the program name and PATH' : '';
    context.stderr.write(`quality-gates lock: cannot run ${JSON.stringify(program)}: ${spawnError.message}${hint}\n`);
    return spawnError.code === 'ENOENT' ? 127 : 126;
  }
  return outcome.code;
}

/** SIGTERM to the group, SIGKILL after the grace, and wait for the leader to exit. */
async function stopGroup(pid: number | undefined, exited: Promise<number>): Promise<void> {
  if (pid === undefined) return;
  killGroup(pid, 'SIGTERM');
  const killTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(killTimer);
  // The leader is gone; anything it left in its group goes with it.
  killGroup(pid, 'SIGKILL');
}
