import { spawn, type ChildProcess } from 'node:child_process';
import { guardProcessGroup } from '../lock/guard.js';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { ConsoleLineFilter } from './console-filter.js';
import { restorePriority, spawnAtLowPriority } from './priority.js';

/** Options to run one command in its own process group. */
export interface GroupProcessOptions {
  /** argv: program and arguments, never through a shell. */
  command: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Live output goes here... */
  stdout: Writable;
  stderr: Writable;
  /** ...and is also appended to this log file, when given. */
  logPath?: string;
  /** Kill the group after this long (SIGTERM, then SIGKILL after the grace). */
  timeoutMs?: number;
  /** Abort: forward `stop(signal)` to the group. */
  stopSignal?: StopSignal;
  /** A line to keep out of the live output (the log still gets it); see ConsoleLineFilter. */
  hiddenConsoleLine?: string;
  /** Output patterns to watch for (checked across chunk boundaries). */
  watch?: Record<string, RegExp>;
  /** Time between SIGTERM/SIGINT and SIGKILL. */
  killGraceMs?: number;
  /**
   * Start at the lowest CPU priority and get the normal one back at `release()` (a
   * pre-started process boots while another module runs). Only where the priority can be
   * given back (see priority.ts); otherwise ignored.
   */
  lowPriority?: boolean;
}

/** How a group process ended. */
export interface GroupProcessResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** The stop reason, when stopSignal fired while the process ran. */
  stoppedBy?: StopReason;
  /** Names of `watch` patterns seen in the output. */
  seen: Set<string>;
  durationMs: number;
  /** The spawn itself failed (program not found…). */
  spawnError?: Error;
}

/** Why the tool stops a running process: a signal to forward, or a lost lock. */
export type StopReason = { kind: 'signal'; signal: NodeJS.Signals } | { kind: 'lock-lost'; message: string };

/** A tiny one-shot event: the batch fires it on SIGINT/SIGTERM or a lost lock. */
export class StopSignal {
  reason: StopReason | undefined;
  private readonly listeners = new Set<(reason: StopReason) => void>();

  stop(reason: StopReason): void {
    if (this.reason) return;
    this.reason = reason;
    for (const listener of this.listeners) listener(reason);
  }

  subscribe(listener: (reason: StopReason) => void): () => void {
    if (this.reason) {
      listener(this.reason);
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const DEFAULT_GRACE_MS = 2000;
const WATCH_OVERLAP = 256;

/** Sends a signal to a whole process group; a group that is already gone is fine. */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
  // kill(-0) would signal our own group and kill(-1) every process we may signal.
  if (!Number.isInteger(pid) || pid <= 1) throw new RangeError(`killGroup: not a process group id: ${pid}`);
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: nobody left in the group.
  }
}

/** A process started in its own group; its console output is held until `release()`. */
export interface GroupProcess {
  /** Lets it proceed: flushes held output, streams from now on, starts the timeout clock. */
  release(): void;
  /** Kills the whole group now (a pre-started process that is not wanted after all). */
  discard(): void;
  /** Resolves when the process has exited (and its group has been cleaned up). */
  readonly result: Promise<GroupProcessResult>;
  /** Whether it already exited. */
  readonly exited: boolean;
  /** The process (and group) id; undefined when it could not be started. */
  readonly pid: number | undefined;
}

/**
 * Runs a command detached in its own process group (so that it, its workers and anything
 * its tests started can be killed together), streams its output live and into a log,
 * enforces the timeout and forwards stops. Resolves when the process has exited; anything
 * still alive in its group then is killed, so nothing outlives its module.
 */
export function runInProcessGroup(options: GroupProcessOptions): Promise<GroupProcessResult> {
  const group = startProcessGroup(options);
  group.release();
  return group.result;
}

/**
 * Starts a command like {@link runInProcessGroup} but holds its console output (the log
 * file gets it at once) until `release()`, which also starts the timeout clock and the
 * duration. Holding the process itself is the caller's business (a gate the child waits
 * on): this only keeps a pre-started process from talking over the running one.
 */
export function startProcessGroup(options: GroupProcessOptions): GroupProcess {
  let started = Date.now();
  const grace = options.killGraceMs ?? DEFAULT_GRACE_MS;
  const seen = new Set<string>();
  const watch = Object.entries(options.watch ?? {});
  const log = options.logPath ? createWriteStream(options.logPath) : undefined;
  // A log that cannot be written (disk full…) loses the log, never the run or the report.
  log?.on('error', (error) => options.stderr.write(`quality-gates: cannot write the log ${options.logPath}: ${error.message}\n`));
  let tail = '';
  let released = false;
  let exited = false;
  const held: { target: Writable; chunk: Buffer | string }[] = [];
  const timers: NodeJS.Timeout[] = [];
  let timedOut = false;
  let stoppedBy: StopReason | undefined;
  let unsubscribe: (() => void) | undefined;

  const [program, ...args] = options.command;
  let child: ChildProcess;
  try {
    const start = () => spawn(program!, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child = options.lowPriority ? spawnAtLowPriority(start) : start();
  } catch (error) {
    log?.end();
    const result: GroupProcessResult = { exitCode: null, signal: null, timedOut: false, seen, durationMs: 0, spawnError: error as Error };
    return { release: () => undefined, discard: () => undefined, result: Promise.resolve(result), exited: true, pid: undefined };
  }

  // If this tool dies outright (SIGKILL, OOM killer) the lock it held is released at once:
  // the watchdog then stops the test processes, so they never go on unprotected.
  const guard = child.pid !== undefined ? guardProcessGroup(child.pid, grace) : undefined;

  const show = (target: Writable, chunk: Buffer | string) => {
    if (chunk.length === 0) return;
    if (released) target.write(chunk);
    else held.push({ target, chunk });
  };
  // One filter per child stream (the two targets may be one stream).
  const hiddenLine = options.hiddenConsoleLine;
  const filters = hiddenLine
    ? ([options.stdout, options.stderr] as const).map((target) => ({ target, filter: new ConsoleLineFilter(hiddenLine) }))
    : [];
  const onData = (target: Writable, filter: ConsoleLineFilter | undefined) => (chunk: Buffer) => {
    show(target, filter ? filter.push(chunk) : chunk);
    log?.write(chunk);
    if (watch.length === 0) return;
    const text = tail + chunk.toString('utf8');
    for (const [name, pattern] of watch) if (pattern.test(text)) seen.add(name);
    tail = text.slice(-WATCH_OVERLAP);
  };
  child.stdout!.on('data', onData(options.stdout, filters[0]?.filter));
  child.stderr!.on('data', onData(options.stderr, filters[1]?.filter));

  const terminate = (signal: NodeJS.Signals) => {
    // After the exit the pid (and group id) is free for reuse: never signal it again.
    if (child.pid === undefined || exited) return;
    killGroup(child.pid, signal);
    timers.push(setTimeout(() => killGroup(child.pid!, 'SIGKILL'), grace));
  };

  const result = new Promise<GroupProcessResult>((resolve) => {
    let spawnError: Error | undefined;
    const settle = (exitCode: number | null, signal: NodeJS.Signals | null) => {
      for (const { target, filter } of filters) show(target, filter.end());
      const done = () =>
        resolve({ exitCode, signal, timedOut, stoppedBy, seen, durationMs: Date.now() - started, ...(spawnError ? { spawnError } : {}) });
      if (log) log.end(done);
      else done();
    };
    child.on('exit', (exitCode, signal) => {
      exited = true;
      guard?.disarm();
      for (const timer of timers) clearTimeout(timer);
      unsubscribe?.();
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      // Output may still be in flight in the pipes: wait for them to close, but not
      // forever (a grandchild that escaped the group could hold them open).
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        settle(exitCode, signal);
      };
      child.once('close', finish);
      setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish();
      }, 2000).unref();
    });
    child.on('error', (error) => {
      spawnError = error;
      // Never spawned (ENOENT…): no exit event follows.
      if (child.pid === undefined) {
        exited = true;
        guard?.disarm();
        for (const timer of timers) clearTimeout(timer);
        unsubscribe?.();
        settle(null, null);
      }
    });
  });

  return {
    pid: child.pid,
    get exited() {
      return exited;
    },
    result,
    release() {
      if (released) return;
      released = true;
      if (options.lowPriority && child.pid !== undefined && !exited) restorePriority(child.pid);
      started = Date.now();
      for (const { target, chunk } of held.splice(0)) target.write(chunk);
      if (exited) return;
      if (options.timeoutMs !== undefined && options.timeoutMs > 0) {
        timers.push(
          setTimeout(() => {
            timedOut = true;
            terminate('SIGTERM');
          }, options.timeoutMs),
        );
      }
      unsubscribe = options.stopSignal?.subscribe((reason) => {
        stoppedBy = reason;
        terminate(reason.kind === 'signal' ? reason.signal : 'SIGTERM');
      });
    },
    discard() {
      if (child.pid !== undefined && !exited) killGroup(child.pid, 'SIGKILL');
    },
  };
}
