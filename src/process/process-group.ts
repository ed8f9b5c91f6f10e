import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { ConsoleLineFilter } from './console-filter.js';
import { guardProcessGroup, type GroupGuard } from './guard.js';
import { killGroup } from './kill.js';
import { restorePriority, spawnAtLowPriority } from './priority.js';
import type { StopReason, StopSignal } from './stop-signal.js';

export { killGroup } from './kill.js';
export { StopSignal, type StopReason } from './stop-signal.js';

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
 * The lifecycle of a group process. Transitions (anything else is ignored):
 * held → running (release), held|running → exited (the leader's exit event, or a spawn
 * error), exited → settled (pipes closed or given up on, log flushed, result resolved).
 * A process released after it exited stays `exited`/`settled`: the held output is flushed.
 */
export enum GroupState {
  /** Spawned; console output held, no timeout clock, no stop forwarding. */
  Held = 'held',
  /** Released: output streams live, the timeout runs, stops are forwarded. */
  Running = 'running',
  /** The leader exited (the group was killed); output may still drain from the pipes. */
  Exited = 'exited',
  /** The result is resolved. */
  Settled = 'settled',
}

const DEFAULT_GRACE_MS = 2000;
const WATCH_OVERLAP = 256;
/** How long to wait for the pipes to close after the exit (an escaped grandchild may hold them). */
const PIPE_DRAIN_MS = 2000;

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
  const run = new GroupRun(options);
  return {
    get pid() {
      return run.pid;
    },
    get exited() {
      return run.state === GroupState.Exited || run.state === GroupState.Settled;
    },
    result: run.result,
    release: () => run.release(),
    discard: () => run.discard(),
  };
}

/** Console output of the child: held until release, filtered, logged, watched. */
class GroupOutput {
  private readonly held: { target: Writable; chunk: Buffer | string }[] = [];
  private readonly filters: { target: Writable; filter: ConsoleLineFilter }[];
  private readonly watch: [string, RegExp][];
  private tail = '';
  private live = false;
  readonly seen = new Set<string>();
  readonly log: WriteStream | undefined;

  constructor(private readonly options: GroupProcessOptions) {
    this.watch = Object.entries(options.watch ?? {});
    this.log = options.logPath ? createWriteStream(options.logPath) : undefined;
    // A log that cannot be written (disk full…) loses the log, never the run or the report.
    this.log?.on('error', (error) =>
      options.stderr.write(`quality-gates: cannot write the log ${options.logPath}: ${error.message}\n`),
    );
    const hidden = options.hiddenConsoleLine;
    // One filter per child stream (the two targets may be one stream).
    this.filters = hidden
      ? [options.stdout, options.stderr].map((target) => ({ target, filter: new ConsoleLineFilter(hidden) }))
      : [];
  }

  /** Wires the child's stdout and stderr. */
  attach(child: ChildProcess): void {
    child.stdout!.on('data', (chunk: Buffer) => this.onData(this.options.stdout, this.filters[0]?.filter, chunk));
    child.stderr!.on('data', (chunk: Buffer) => this.onData(this.options.stderr, this.filters[1]?.filter, chunk));
  }

  /** Flushes what was held and streams live from now on. */
  goLive(): void {
    this.live = true;
    for (const { target, chunk } of this.held.splice(0)) target.write(chunk);
  }

  /** Flushes the filters' partial lines, then the log; `done` after the log is on disk. */
  end(done: () => void): void {
    for (const { target, filter } of this.filters) this.show(target, filter.end());
    if (this.log) this.log.end(done);
    else done();
  }

  private onData(target: Writable, filter: ConsoleLineFilter | undefined, chunk: Buffer): void {
    this.show(target, filter ? filter.push(chunk) : chunk);
    this.log?.write(chunk);
    if (this.watch.length === 0) return;
    const text = this.tail + chunk.toString('utf8');
    for (const [name, pattern] of this.watch) if (pattern.test(text)) this.seen.add(name);
    this.tail = text.slice(-WATCH_OVERLAP);
  }

  private show(target: Writable, chunk: Buffer | string): void {
    if (chunk.length === 0) return;
    if (this.live) target.write(chunk);
    else this.held.push({ target, chunk });
  }
}

/** One group process through its {@link GroupState}s. */
class GroupRun {
  state = GroupState.Held;
  readonly result: Promise<GroupProcessResult>;
  private resolve!: (result: GroupProcessResult) => void;
  private readonly output: GroupOutput;
  private readonly grace: number;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly child: ChildProcess | undefined;
  private readonly guard: GroupGuard | undefined;
  private startedAt = Date.now();
  private timedOut = false;
  private stoppedBy: StopReason | undefined;
  private spawnError: Error | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: GroupProcessOptions) {
    this.result = new Promise((resolve) => (this.resolve = resolve));
    this.grace = options.killGraceMs ?? DEFAULT_GRACE_MS;
    this.output = new GroupOutput(options);
    this.child = this.spawnChild();
    if (!this.child) return;
    // If this tool dies outright (SIGKILL, OOM killer) the lock it held is released at once:
    // the watchdog then stops the test processes, so they never go on unprotected.
    this.guard = this.child.pid !== undefined ? guardProcessGroup(this.child.pid, this.grace) : undefined;
    this.output.attach(this.child);
    this.child.on('exit', (code, signal) => this.onExit(code, signal));
    this.child.on('error', (error) => this.onError(error));
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** held → running: output live, timeout clock, stop forwarding, normal priority. */
  release(): void {
    if (this.state !== GroupState.Held) {
      if (this.state !== GroupState.Running) this.output.goLive();
      return;
    }
    this.state = GroupState.Running;
    if (this.options.lowPriority && this.pid !== undefined) restorePriority(this.pid);
    this.startedAt = Date.now();
    this.output.goLive();
    const timeoutMs = this.options.timeoutMs;
    if (timeoutMs !== undefined && timeoutMs > 0) {
      this.timers.push(setTimeout(() => this.onTimeout(), timeoutMs));
    }
    this.unsubscribe = this.options.stopSignal?.subscribe((reason) => {
      this.stoppedBy = reason;
      this.terminate(reason.kind === 'signal' ? reason.signal : 'SIGTERM');
    });
  }

  /** Kills the group now, in whatever live state. */
  discard(): void {
    if (this.isAlive() && this.pid !== undefined) killGroup(this.pid, 'SIGKILL');
  }

  private isAlive(): boolean {
    return this.state === GroupState.Held || this.state === GroupState.Running;
  }

  private spawnChild(): ChildProcess | undefined {
    const [program, ...args] = this.options.command;
    const { cwd, env } = this.options;
    const start = () => spawn(program, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      return this.options.lowPriority ? spawnAtLowPriority(start) : start();
    } catch (error) {
      this.spawnError = error as Error;
      this.state = GroupState.Exited;
      this.settle(null, null);
      return undefined;
    }
  }

  private onTimeout(): void {
    this.timedOut = true;
    this.terminate('SIGTERM');
  }

  private terminate(signal: NodeJS.Signals): void {
    // After the exit the pid (and group id) is free for reuse: never signal it again.
    const pid = this.pid;
    if (pid === undefined || !this.isAlive()) return;
    killGroup(pid, signal);
    this.timers.push(setTimeout(() => this.isAlive() && killGroup(pid, 'SIGKILL'), this.grace));
  }

  /** held|running → exited: stop the clocks, kill what is left of the group, drain the pipes. */
  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (!this.isAlive()) return;
    this.state = GroupState.Exited;
    this.cleanUp();
    if (this.pid !== undefined) killGroup(this.pid, 'SIGKILL');
    const child = this.child!;
    // Output may still be in flight in the pipes: wait for them to close, but not
    // forever (a grandchild that escaped the group could hold them open).
    const finish = () => this.settle(code, signal);
    child.once('close', finish);
    setTimeout(() => {
      child.stdout?.destroy();
      child.stderr?.destroy();
      finish();
    }, PIPE_DRAIN_MS).unref();
  }

  private onError(error: Error): void {
    this.spawnError = error;
    // Never spawned (ENOENT…): no exit event follows.
    if (this.pid !== undefined || !this.isAlive()) return;
    this.state = GroupState.Exited;
    this.cleanUp();
    this.settle(null, null);
  }

  private cleanUp(): void {
    this.guard?.disarm();
    for (const timer of this.timers) clearTimeout(timer);
    this.unsubscribe?.();
  }

  /** exited → settled, once. */
  private settle(exitCode: number | null, signal: NodeJS.Signals | null): void {
    if (this.state !== GroupState.Exited) return;
    this.state = GroupState.Settled;
    const { timedOut, stoppedBy, spawnError } = this;
    const durationMs = Date.now() - this.startedAt;
    const seen = this.output.seen;
    this.output.end(() =>
      this.resolve({ exitCode, signal, timedOut, stoppedBy, seen, durationMs, ...(spawnError ? { spawnError } : {}) }),
    );
  }
}
