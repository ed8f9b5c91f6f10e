import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LeakAnalysis, LeakAnalysisResult } from './types.js';

/** Options of runLeakAnalysis; every one has a default sized from the snapshots. */
export interface RunLeakAnalysisOptions {
  /** The quality-gates CLI to run (`…/dist/cli.js`); default: the one beside the running bundle. */
  cliPath?: string;
  /** Kill the analysis after this long; default 120 s plus 120 s per GB of snapshot files. */
  timeoutMs?: number;
  /** `--max-old-space-size` of the analysis process; default 512 MB plus the largest file's size. */
  maxOldSpaceMB?: number;
  /** Aborting it kills the analysis process at once (and waits for it): the run was stopped. */
  signal?: AbortSignal;
}

const MB = 1024 * 1024;
/** Enough for the stdout of any analysis (five suspects); more means something else is printing. */
const MAX_OUTPUT_BYTES = 4 * MB;

/**
 * Analyses heap snapshots of one process (time order; one is enough for the `single`
 * comparison) in a separate Node process with its own heap, `quality-gates leaks analyze
 * --json`, so the caller's memory is never at stake. Resolves to the analysis, or to
 * `{ error }` saying why there is none — bad file, timeout (the process is killed and waited
 * for), out of memory, no CLI — and never rejects for such failures: a run's report must
 * not be lost because its forensics failed.
 *
 * The default heap limit is 512 MB plus the largest snapshot file's size: the graph's
 * numbers live in typed arrays outside the V8 heap, the strings and queues inside it.
 */
export async function runLeakAnalysis(
  paths: string[],
  options: RunLeakAnalysisOptions = {},
): Promise<LeakAnalysisResult> {
  if (paths.length === 0) return { error: 'no heap snapshots to analyse' };
  const cli = options.cliPath ?? findCli();
  if (!cli)
    return {
      error: `quality-gates CLI not found beside ${moduleDir()} (looked for cli.js) — pass cliPath or run 'npm run bundle'`,
    };
  const sizes = paths.map((path) => fileSize(path));
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  const heapMB = options.maxOldSpaceMB ?? Math.ceil(512 + Math.max(0, ...sizes) / MB);
  const timeoutMs = options.timeoutMs ?? Math.ceil(120_000 + (120_000 * totalBytes) / (1024 * MB));
  const args = [`--max-old-space-size=${heapMB}`, cli, 'leaks', 'analyze', '--json', '--', ...paths];
  if (options.signal?.aborted) return { error: 'heap snapshot analysis not started: the run was stopped' };
  const outcome = await runToEnd(args, timeoutMs, options.signal);
  if (outcome.aborted) return { error: 'heap snapshot analysis stopped: the run was stopped, and it was killed' };
  if (outcome.timedOut)
    return {
      error: `heap snapshot analysis timed out after ${(timeoutMs / 1000).toFixed(1)} s (${describe(paths, totalBytes)}) and was killed`,
    };
  if (outcome.spawnError) return { error: `could not start the heap snapshot analysis: ${outcome.spawnError}` };
  if (outcome.code !== 0) return { error: failureMessage(outcome, heapMB, paths, totalBytes) };
  return parseAnalysis(outcome.stdout);
}

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
  spawnError?: string;
}

/** Runs `node ARGS…` (an argv array, no shell), collecting its output, killing it at the timeout or the abort. */
function runToEnd(args: string[], timeoutMs: number, signal: AbortSignal | undefined): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let spawnError: string | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdout.length < MAX_OUTPUT_BYTES) stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_OUTPUT_BYTES) stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    let aborted = false;
    const abort = () => {
      aborted = true;
      child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', abort, { once: true });
    child.on('error', (error) => (spawnError = error.message));
    // 'close' comes after the process has exited and its pipes are drained: nothing is left behind.
    child.on('close', (code, exitSignal) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      resolve({ code, signal: exitSignal, stdout, stderr, timedOut, aborted, ...(spawnError ? { spawnError } : {}) });
    });
  });
}

function failureMessage(outcome: Outcome, heapMB: number, paths: string[], totalBytes: number): string {
  const stderr = outcome.stderr.trim();
  if (/heap out of memory|Reached heap limit|Fatal javascript OOM/i.test(stderr))
    return `heap snapshot analysis ran out of memory (heap limit ${heapMB} MB, ${describe(paths, totalBytes)}) — raise maxOldSpaceMB`;
  const how = outcome.signal ? `was killed by ${outcome.signal}` : `exited with ${outcome.code}`;
  // The CLI's own message (`quality-gates leaks: FILE: not found…`) or the first error line of a crash.
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const reason = lines.find((line) => /^quality-gates\b|^\w*Error\b/.test(line)) ?? lines.at(-1);
  return `heap snapshot analysis ${how}${reason ? `: ${reason}` : ''}`;
}

/** The CLI's JSON, checked for the fields callers read. */
function parseAnalysis(stdout: string): LeakAnalysisResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return { error: `heap snapshot analysis printed no JSON: ${JSON.stringify(stdout.slice(0, 200))}` };
  }
  const analysis = parsed as Partial<LeakAnalysis> | null;
  const valid =
    (analysis?.comparison === 'growth' || analysis?.comparison === 'single') &&
    Array.isArray(analysis.snapshots) &&
    Array.isArray(analysis.suspects);
  return valid
    ? (analysis as LeakAnalysis)
    : { error: `heap snapshot analysis printed unexpected JSON: ${stdout.slice(0, 200)}` };
}

function describe(paths: string[], totalBytes: number): string {
  return `${paths.length} ${paths.length === 1 ? 'snapshot' : 'snapshots'}, ${(totalBytes / MB).toFixed(0)} MB`;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the analysis itself reports the missing file, by name
  }
}

function moduleDir(): string {
  return fileURLToPath(new URL('.', import.meta.url));
}

/**
 * The bundled CLI: this code runs from dist/cli.js or dist/index.js (cli.js is beside it),
 * from a split chunk in dist/chunks/, or from src/leaks/ in the repository (its dist/).
 */
function findCli(): string | undefined {
  return ['./cli.js', '../cli.js', '../../dist/cli.js']
    .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
    .find((candidate) => existsSync(candidate));
}
