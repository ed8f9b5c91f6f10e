import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import {
  killGroup,
  startProcessGroup,
  type GroupProcess,
  type GroupProcessResult,
  type StopSignal,
} from '../../process/process-group.js';

/** How to start a slot's long-lived vitest (child/vitest-server.mjs). */
export interface SlotServerOptions {
  /** `node vitest-server.mjs <vitest/node entry>`: the token and command folder are added here, then `flags`. */
  command: (token: string, commandDir: string) => string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** This server's folder: its commands and its probe files. */
  dir: string;
  /** Output between items (globalTeardown's at the close, a crash while idle). */
  idle: { stdout: Writable; stderr: Writable };
  stopSignal: StopSignal;
  /** Time between SIGTERM and SIGKILL on a timeout (default 2000 ms). */
  killGraceMs?: number;
}

/** One work item for a server: the vitest filters of its modules, in order, and where its results and output go. */
export interface ServerItem {
  filters: string[];
  resultsFile: string;
  stdout: Writable;
  stderr: Writable;
  logPath?: string;
  timeoutMs?: number;
  /** Output patterns to watch for in this item's output. */
  watch: Record<string, RegExp>;
}

/** The item in flight: where its output goes and how it ends. */
interface Current {
  n: number;
  item: ServerItem;
  log?: WriteStream;
  startedAt: number;
  /** Streams (bit 0 stdout, bit 1 stderr) whose end marker arrived. */
  marked: number;
  exitCode: number;
  timedOut: boolean;
  timers: NodeJS.Timeout[];
  seen: Set<string>;
  tail: string;
  resolve: (result: GroupProcessResult) => void;
}

/** Text after which an end marker can no longer be one (it is short). */
const MARKER_MAX = 256;
const WATCH_OVERLAP = 256;
const DEFAULT_GRACE_MS = 2000;
/** How long vitest.close() (globalTeardown) may take at the end before the server is killed. */
const CLOSE_MS = 30_000;

/**
 * A slot's long-lived vitest, in a process group of its own (so it, its pool workers and what
 * its tests start are killed together; a stop is forwarded to the group). Items run one at a
 * time: `run()` writes the item's command and resolves when the server printed the item's end
 * marker on both streams — with what a test process of that item alone would have ended with
 * (its exit code, the output patterns seen in its output, its duration) — or when the server
 * died during it (a timeout kills the server: the slot's next item starts a new one). Each
 * item's output goes to its own streams and log, cut at the markers; the markers carry a
 * random token, so a test's output cannot end an item.
 */
export class SlotServer {
  readonly probeDir: string;
  private readonly commandDir: string;
  private readonly token = randomBytes(8).toString('hex');
  private readonly decoders = [new StringDecoder('utf8'), new StringDecoder('utf8')];
  private readonly pending = ['', ''];
  private group: GroupProcess | undefined;
  private result: GroupProcessResult | undefined;
  private current: Current | undefined;
  private count = 0;

  constructor(private readonly options: SlotServerOptions) {
    this.commandDir = join(options.dir, 'commands');
    this.probeDir = join(options.dir, 'probe');
    mkdirSync(this.commandDir, { recursive: true });
    mkdirSync(this.probeDir, { recursive: true });
  }

  /** Whether the next item can run here: not started yet, or started and still alive. */
  get usable(): boolean {
    return this.result === undefined && !(this.group?.exited ?? false);
  }

  /** The server's process id once started. */
  get pid(): number | undefined {
    return this.group?.pid;
  }

  /** Runs one item (starting the server first if it is not up); resolves when the item ended. */
  run(item: ServerItem): Promise<GroupProcessResult> {
    if (this.current) throw new Error(`SlotServer: item ${this.current.n} is still running`);
    if (!this.usable) return Promise.resolve(this.gone(item));
    return new Promise((resolve) => {
      const n = ++this.count;
      const current: Current = {
        n,
        item,
        ...(item.logPath ? { log: this.openLog(item.logPath, item.stderr) } : {}),
        startedAt: Date.now(),
        marked: 0,
        exitCode: 0,
        timedOut: false,
        timers: [],
        seen: new Set(),
        tail: '',
        resolve,
      };
      this.current = current;
      if (item.timeoutMs !== undefined && item.timeoutMs > 0)
        current.timers.push(setTimeout(() => this.onTimeout(current), item.timeoutMs));
      this.group ??= this.start();
      const path = join(this.commandDir, `run-${n}.json`);
      writeFileSync(`${path}.tmp`, JSON.stringify({ filters: item.filters, resultsFile: item.resultsFile }));
      renameSync(`${path}.tmp`, path);
    });
  }

  /** Closes vitest (its globalTeardown runs) and waits for the server to exit; kills it if it takes too long. */
  async close(): Promise<void> {
    const group = this.group;
    if (!group || !this.usable) {
      if (group) await group.result;
      return;
    }
    writeFileSync(join(this.commandDir, 'close.json'), '{}');
    const timer = setTimeout(() => group.discard(), CLOSE_MS);
    await group.result;
    clearTimeout(timer);
  }

  private start(): GroupProcess {
    const sink = (stream: 0 | 1) =>
      new Writable({
        write: (chunk: Buffer | string, _encoding, done) => {
          this.onData(stream, typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
          done();
        },
      });
    const group = startProcessGroup({
      command: this.options.command(this.token, this.commandDir),
      cwd: this.options.cwd,
      env: this.options.env,
      stdout: sink(0),
      stderr: sink(1),
      stopSignal: this.options.stopSignal,
      killGraceMs: this.options.killGraceMs,
    });
    group.release();
    void group.result.then((result) => this.onExit(result));
    return group;
  }

  private onData(stream: 0 | 1, chunk: Buffer): void {
    let text = this.pending[stream] + this.decoders[stream].write(chunk);
    this.pending[stream] = '';
    for (;;) {
      const at = text.indexOf('\x1e');
      if (at < 0) {
        this.emit(stream, text);
        return;
      }
      this.emit(stream, text.slice(0, at));
      const rest = text.slice(at);
      const newline = rest.indexOf('\n');
      if (newline < 0) {
        if (rest.length > MARKER_MAX) this.emit(stream, rest);
        else this.pending[stream] = rest;
        return;
      }
      const line = rest.slice(1, newline);
      if (line.startsWith(`${this.token} `)) this.onMarker(stream, line.slice(this.token.length + 1));
      else this.emit(stream, rest.slice(0, newline + 1));
      text = rest.slice(newline + 1);
    }
  }

  /** Output of the item in flight goes to its streams, its log and its watch; between items to `idle`. */
  private emit(stream: 0 | 1, text: string): void {
    if (text.length === 0) return;
    const current = this.current;
    if (!current) {
      (stream === 0 ? this.options.idle.stdout : this.options.idle.stderr).write(text);
      return;
    }
    (stream === 0 ? current.item.stdout : current.item.stderr).write(text);
    current.log?.write(text);
    const watched = current.tail + text;
    for (const [name, pattern] of Object.entries(current.item.watch)) if (pattern.test(watched)) current.seen.add(name);
    current.tail = watched.slice(-WATCH_OVERLAP);
  }

  private onMarker(stream: 0 | 1, json: string): void {
    const current = this.current;
    let marker: { n?: unknown; exitCode?: unknown };
    try {
      marker = JSON.parse(json) as typeof marker;
    } catch {
      return;
    }
    if (!current || marker.n !== current.n) return;
    current.marked |= 1 << stream;
    if (typeof marker.exitCode === 'number') current.exitCode = marker.exitCode;
    if (current.marked === 3)
      this.finish(current, {
        exitCode: current.exitCode,
        signal: null,
        timedOut: current.timedOut,
        seen: current.seen,
        durationMs: Date.now() - current.startedAt,
      });
  }

  private onTimeout(current: Current): void {
    const pid = this.group?.pid;
    if (this.current !== current || pid === undefined) return;
    current.timedOut = true;
    killGroup(pid, 'SIGTERM');
    current.timers.push(setTimeout(() => this.group?.discard(), this.options.killGraceMs ?? DEFAULT_GRACE_MS));
  }

  /** The server exited: the item in flight ends as its process would have (exit code, signal, stop, timeout). */
  private onExit(result: GroupProcessResult): void {
    this.result = result;
    for (const stream of [0, 1] as const) {
      const rest = this.pending[stream] + this.decoders[stream].end();
      this.pending[stream] = '';
      this.emit(stream, rest);
    }
    const current = this.current;
    if (!current) return;
    this.finish(current, {
      exitCode: result.exitCode,
      signal: result.signal,
      timedOut: current.timedOut || result.timedOut,
      ...(result.stoppedBy ? { stoppedBy: result.stoppedBy } : {}),
      seen: current.seen,
      durationMs: Date.now() - current.startedAt,
      ...(result.spawnError ? { spawnError: result.spawnError } : {}),
    });
  }

  private finish(current: Current, ended: GroupProcessResult): void {
    if (this.current !== current) return;
    this.current = undefined;
    for (const timer of current.timers) clearTimeout(timer);
    if (current.log) current.log.end(() => current.resolve(ended));
    else current.resolve(ended);
  }

  /** What an item gets from a server that already exited (the caller starts a new one instead). */
  private gone(item: ServerItem): GroupProcessResult {
    item.stderr.write('quality-gates: the vitest server of this slot has exited\n');
    return {
      exitCode: null,
      signal: null,
      timedOut: false,
      seen: new Set(),
      durationMs: 0,
      spawnError: new Error('the vitest server of this slot had exited'),
    };
  }

  private openLog(path: string, stderr: Writable): WriteStream {
    const log = createWriteStream(path);
    // A log that cannot be written (disk full…) loses the log, never the run or the report.
    log.on('error', (error) => stderr.write(`quality-gates: cannot write the log ${path}: ${error.message}\n`));
    return log;
  }
}
