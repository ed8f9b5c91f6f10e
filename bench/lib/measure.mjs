// Shared by the benchmarks: run a command in its own process group, measure its wall time
// and the peak RSS of its whole process tree, and the small formatting helpers of the tables.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { readStat } from '../../scripts/lib/processes.mjs';

const PAGE_KB = Number(spawnSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).stdout.trim() || 4096) / 1024;

/** Process group of the command being measured (its leader's pid), for Ctrl-C. */
let runningGroup;

/** pid → { ppid, rssKB } for every process, from /proc/<pid>/stat. */
function processTable() {
  const table = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fields;
    try {
      ({ fields } = readStat(`/proc/${entry}/stat`));
    } catch {
      continue; // exited between readdir and read
    }
    table.set(Number(entry), { ppid: Number(fields[1]), rssKB: Number(fields[21]) * PAGE_KB });
  }
  return table;
}

/** Sum of RSS over `rootPid` and all its descendants, and how many processes that is. */
export function treeRss(rootPid) {
  const table = processTable();
  const children = new Map();
  for (const [pid, { ppid }] of table) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  let rssKB = 0;
  let count = 0;
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop();
    const info = table.get(pid);
    if (!info) continue;
    rssKB += info.rssKB;
    count++;
    queue.push(...(children.get(pid) ?? []));
  }
  return { rssKB, count };
}

/** SIGKILL to a whole process group; a group that is gone already is fine. */
export function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Kills the command being measured, if any (for a SIGINT handler). */
export function stopRunning() {
  if (runningGroup) killGroup(runningGroup);
}

/**
 * Runs argv to completion in its own process group, sampling the tree's RSS every
 * `sampleMs` (0: no sampling). Resolves with wall time, peak tree RSS, the most processes
 * seen at once, exit code/signal, whether it timed out, and the output (also written to
 * `logPath` when given). Processes that live shorter than one sample can be missed.
 */
export function measure(argv, { cwd, env, logPath, sampleMs = 50, timeoutMs = 6 * 60_000 }) {
  return new Promise((resolveRun) => {
    const started = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    runningGroup = child.pid;
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    let peakKB = 0;
    let peakProcesses = 0;
    const sampler =
      sampleMs > 0 &&
      setInterval(() => {
        const { rssKB, count } = treeRss(child.pid);
        if (rssKB > peakKB) peakKB = rssKB;
        if (count > peakProcesses) peakProcesses = count;
      }, sampleMs);
    let timedOut = false;
    const killer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    // Once the leader is gone its pid (and group id) may be reused by an unrelated process:
    // no group kill may fire after this point.
    child.on('exit', () => {
      clearTimeout(killer);
      runningGroup = undefined;
    });
    child.on('close', (code, signal) => {
      runningGroup = undefined;
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (sampler) clearInterval(sampler);
      clearTimeout(killer);
      if (logPath) writeFileSync(logPath, output);
      resolveRun({ wallMs, peakRssMB: peakKB / 1024, peakProcesses, code, signal, timedOut, output });
    });
  });
}

/** The median of a non-empty list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds as `12.3 s`. */
export function fmtS(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The last non-empty line of a command's output, shortened: why it stopped, usually. */
export function lastLine(text, max = 200) {
  return text.trim().split('\n').filter(Boolean).pop()?.slice(0, max) ?? '(no output)';
}

/** `--name=value` from argv, or the fallback. */
export function flagValue(flags, name, fallback) {
  const found = flags.find((flag) => flag.startsWith(`--${name}=`));
  return found === undefined ? fallback : found.slice(name.length + 3);
}

/** Which of `wanted` (e.g. ['--history', '--slots']) `quality-gates run --help` of this CLI lists. */
export function cliRunFlags(cli, wanted) {
  const help = spawnSync(process.execPath, [cli, 'run', '--help'], { encoding: 'utf8' }).stdout ?? '';
  return new Set(
    wanted.filter((flag) => new RegExp(`(^|[\\s,])${flag.replace(/[-]/g, '\\-')}(?![\\w-])`, 'm').test(help)),
  );
}

/** MET or MISSED. */
export function mark(ok) {
  return ok ? 'MET' : 'MISSED';
}
