import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { detectHeapTrend } from '../src/report/heap-trend.js';
import type { Report } from '../src/report/schema.js';
import { runCli } from './helpers/cli.js';
import { startPostgres, type TestPostgres } from './helpers/postgres.js';

// The example project the demo runs (examples/backend), run for real through
// `quality-gates run` against a real PostgreSQL: every module must pass, the reset must run
// exactly once, and the deliberately leaking reporting module must show its heap climbing.
const EXAMPLE = fileURLToPath(new URL('../examples/backend', import.meta.url));
const MODULE_ROOT = join(EXAMPLE, 'testing/backend/integration');
const LEAKING_MODULE = 'reporting';

// Unset when beforeAll failed early: afterAll must not add a TypeError to that failure.
let postgres: TestPostgres | undefined;
let workDir: string | undefined;
let result: { code: number; stdout: string; stderr: string };
let report: Report;
let sentinelAfterRun: number;

beforeAll(async () => {
  const server = await startPostgres();
  postgres = server;
  workDir = mkdtempSync(join(tmpdir(), 'qg-example-test-'));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: server.url };

  // A row the suites never touch: it survives only if the reset did not run.
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query('CREATE SCHEMA app; CREATE TABLE app.customers (id text PRIMARY KEY)');
  await client.query("INSERT INTO app.customers (id) VALUES ('sentinel_before_reset')");
  await client.end();

  const reportPath = join(workDir, 'report.json');
  result = await runCli(['run', '--all', '--force-reset', '--report', reportPath], { cwd: EXAMPLE, env });
  report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;

  const after = new pg.Client({ connectionString: server.url });
  await after.connect();
  sentinelAfterRun =
    (await after.query("SELECT 1 FROM app.customers WHERE id = 'sentinel_before_reset'")).rowCount ?? -1;
  await after.end();
});

afterAll(async () => {
  await postgres?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

function moduleFolders(): string[] {
  return readdirSync(MODULE_ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function suiteFiles(module: string): string[] {
  return readdirSync(join(MODULE_ROOT, module)).filter((name) => name.endsWith('.test.js'));
}

function heapSeries(module: string): number[] {
  const found = report.modules.find((m) => m.name === module);
  return (found?.suites ?? [])
    .map((suite) => suite.heapAfterMB)
    .filter((value): value is number => typeof value === 'number');
}

describe('examples/backend through quality-gates run --all --force-reset', () => {
  test('every module passes and the run exits 0', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(report.status).toBe('passed');
    expect(report.mode).toBe('full');
    expect(report.modules.map((m) => m.name)).toEqual(moduleFolders());
    expect(report.modules.length).toBeGreaterThanOrEqual(4);
    for (const module of report.modules) {
      expect({ name: module.name, status: module.status }).toEqual({ name: module.name, status: 'passed' });
      expect(module.tests.failed).toBe(0);
      expect(module.tests.passed).toBeGreaterThan(0);
      expect(module.suites).toHaveLength(suiteFiles(module.name).length);
    }
  });

  test('the reset ran once, before the batch', () => {
    expect(report.reset?.command).toEqual(['node', 'testing/scripts/reset-db.mjs']);
    expect(report.reset?.exitCode).toBe(0);
    // The schema was dropped and recreated: the row inserted before the run is gone.
    expect(sentinelAfterRun).toBe(0);
    const output = result.stdout + result.stderr;
    expect(output.match(/reset-db: schema app recreated/g) ?? []).toHaveLength(1);
  });

  test('the run held the configured lock', () => {
    expect(report.lock).toMatchObject({ backend: 'flock', name: 'example-backend-db' });
  });

  test('the leaking module’s heap climbs suite after suite; the others stay flat', () => {
    const leaking = heapSeries(LEAKING_MODULE);
    expect(leaking).toHaveLength(suiteFiles(LEAKING_MODULE).length);
    expect(leaking.length).toBeGreaterThanOrEqual(3);
    // Each reporting suite leaves ~7 MB of cached report rows behind; allow 1 MB of GC noise per step.
    for (let i = 1; i < leaking.length; i++) expect(leaking[i]).toBeGreaterThan(leaking[i - 1] - 1);
    const climb = leaking.at(-1)! - leaking[0];
    expect(climb).toBeGreaterThan(12);
    // The figures are post-GC, and the leak hint flags the leaking module and no other.
    // Every heap figure there is was read after a full GC (a file's may be skipped when that would cost too much).
    expect(
      report.modules.every((m) => m.suites.every((s) => s.heapAfterMB === undefined || s.heapAfterGc === true)),
    ).toBe(true);
    expect(report.modules.every((m) => m.suites.some((s) => s.heapAfterGc === true))).toBe(true);
    expect(detectHeapTrend(leaking), `reporting: ${leaking.join(', ')}`).toBeDefined();
    for (const module of report.modules.filter((m) => m.name !== LEAKING_MODULE)) {
      const series = heapSeries(module.name);
      expect(series.length, `${module.name} has heap figures`).toBeGreaterThan(0);
      expect(series.at(-1)! - series[0], `${module.name} heap growth`).toBeLessThan(climb / 2);
      expect(detectHeapTrend(series), `${module.name}: ${series.join(', ')}`).toBeUndefined();
    }
  });
});

describe('examples/backend plan (what the demo shows first)', () => {
  test('a billing change runs billing and its dependents; the Markdown file is ignored', async () => {
    const planned = await runCli(['plan', '--files', '-'], {
      cwd: EXAMPLE,
      env: { PATH: process.env.PATH },
      stdin: 'src/billing/invoices.js\nREADME.md\n',
    });
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout) as { mode: string; modules: string[]; changedFiles: number };
    expect(plan).toMatchObject({ mode: 'passthrough', modules: ['billing', 'orders', 'reporting'], changedFiles: 2 });
  });

  test('a change to the shared database module runs everything', async () => {
    const planned = await runCli(['plan', '--files', '-'], {
      cwd: EXAMPLE,
      env: { PATH: process.env.PATH },
      stdin: 'src/db.js\n',
    });
    expect(planned.code, planned.stderr).toBe(0);
    expect(JSON.parse(planned.stdout)).toMatchObject({ mode: 'full', modules: moduleFolders() });
  });
});
