import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HistorySchema } from '../../src/history/schema.js';
import { runCli, REPO_ROOT } from '../helpers/cli.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { baseEnv, eventually, moduleNamed, readReport, scratchDir } from './helpers.js';

const PROJECT = fileURLToPath(new URL('../fixtures/run/slots-project', import.meta.url));

/** A config for the two fixture modules, in its own folder, with `extra` YAML appended. */
function config(dir: string, extra = ''): string {
  const path = join(dir, 'quality-gates.yml');
  writeFileSync(path, `modules:\n  root: suites\n${extra}`);
  return path;
}

const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runCli(['run', ...args], { cwd: PROJECT, env: baseEnv(env) });

// Signals and the action need real processes: bundle once, as users run it.
let bundle = '';
beforeAll(() => {
  bundle = join(scratchDir(), 'dist');
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/bundle.mjs'), '--outdir', bundle], { cwd: REPO_ROOT });
});

describe('slots over a real PostgreSQL with isolation.postgres', () => {
  let server: TestPostgres;
  let admin: pg.Client;
  let databaseUrl: string;

  beforeAll(async () => {
    server = await startPostgres();
    admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE app');
    databaseUrl = server.url.replace(/\/postgres$/, '/app');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query("CREATE TABLE items (id text PRIMARY KEY); INSERT INTO items VALUES ('seed')");
    await client.end();
  }, 120_000);

  afterAll(async () => {
    await admin?.end();
    await server?.stop();
  });

  const copies = async () =>
    (await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'app_qg_%'")).rows.map(
      (row) => row.datname,
    );
  const isolated = (dir: string) => config(dir, 'isolation:\n  postgres:\n    urlEnv: DATABASE_URL\n');

  test("--slots 2: each slot's test process sees its own copy, which is gone afterwards", async () => {
    const dir = scratchDir();
    const out = join(dir, 'out');
    mkdirSync(out);
    const report = join(dir, 'report.json');
    const result = await run(['--config', isolated(dir), '--slots', '2', '--history', 'none', '--report', report], {
      DATABASE_URL: databaseUrl,
      SLOT_OUT: out,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const seen = ['alpha', 'beta'].map(
      (module) => JSON.parse(readFileSync(join(out, `${module}.json`), 'utf8')) as { slot: string; database: string },
    );
    expect(seen.map((entry) => entry.slot).sort()).toEqual(['1', '2']);
    for (const entry of seen)
      expect(entry.database).toMatch(new RegExp(`^app_qg_[a-z0-9]+_${process.pid}_${entry.slot}$`));
    expect(new Set(seen.map((entry) => entry.database)).size).toBe(2);
    const parsed = readReport(report);
    expect(parsed.modules.map((module) => [module.name, module.status, module.process])).toEqual([
      ['alpha', 'passed', expect.stringMatching(/^w\d$/)],
      ['beta', 'passed', expect.stringMatching(/^w\d$/)],
    ]);
    expect(parsed.modules.map((module) => String(module.slot)).sort()).toEqual(['1', '2']);
    expect(parsed.schedule).toMatchObject({ slots: 2, slotsReason: 'slots: 2 (--slots 2)' });
    expect(await copies()).toEqual([]);
    // The suites wrote to their copies only: the original still holds just the seed row.
    const original = new pg.Client({ connectionString: databaseUrl });
    await original.connect();
    expect((await original.query('SELECT id FROM items')).rows).toEqual([{ id: 'seed' }]);
    await original.end();
  });

  test('SIGTERM mid-run: both processes stopped, partial report, the copies dropped', async () => {
    const dir = scratchDir();
    const out = join(dir, 'out');
    mkdirSync(out);
    const report = join(dir, 'report.json');
    const child = spawn(
      process.execPath,
      [
        join(bundle, 'cli.js'),
        'run',
        '--config',
        isolated(dir),
        '--slots',
        '2',
        '--history',
        'none',
        '--report',
        report,
      ],
      {
        cwd: PROJECT,
        env: baseEnv({ DATABASE_URL: databaseUrl, SLOT_OUT: out, SLOT_HOLD: '1' }),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    expect(
      await eventually(() => existsSync(join(out, 'alpha.json')) && existsSync(join(out, 'beta.json')), 90_000),
    ).toBe(true);
    expect((await copies()).length).toBe(2);
    child.kill('SIGTERM');
    expect(await exited).toBe(130);
    const parsed = readReport(report);
    expect(parsed.status).toBe('interrupted');
    for (const name of ['alpha', 'beta'])
      expect(moduleNamed(parsed, name)).toMatchObject({
        status: 'crashed',
        reason: expect.stringMatching(/^interrupted by SIGTERM/),
      });
    expect(await copies()).toEqual([]);
    expect(output).toContain('Interrupted:');
  }, 120_000);
});

describe('slots without isolation', () => {
  test('--slots 2 is a usage error (exit 2) that explains the race, before anything runs', async () => {
    const dir = scratchDir();
    const report = join(dir, 'report.json');
    const result = await run(['--config', config(dir), '--slots', '2', '--report', report]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--slots 2 runs 2 test processes at once, but no isolation is configured/);
    expect(result.stderr).toContain("DELETE FROM items WHERE id LIKE 't_%'");
    expect(existsSync(report)).toBe(false);
  });

  test('--slots is checked: a bad value is a usage error', async () => {
    const result = await run(['--config', config(scratchDir()), '--slots', 'two']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--slots: "two" is not a number of slots');
  });
});

describe('output of parallel items', () => {
  test("each item's output is printed as one block, never interleaved; progress lines stay", async () => {
    const dir = scratchDir();
    const result = await run(
      [
        '--config',
        config(dir, 'isolation:\n  sharesNothing: true\n'),
        '--slots',
        '2',
        '--history',
        'none',
        '--report',
        join(dir, 'r.json'),
      ],
      { SLOT_LINES: '30' },
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    for (const module of ['alpha', 'beta']) {
      const own = lines.flatMap((line, index) => (line.startsWith(`line ${module} `) ? [index] : []));
      expect(own).toHaveLength(30);
      // Contiguous: 30 lines in a row, nothing of the other item between them.
      expect(own.at(-1)! - own[0]).toBe(29);
      const head = lines.findIndex((line) => new RegExp(`^\\[\\d/2\\] ${module}: jest suites/${module}$`).test(line));
      expect(head).toBeGreaterThanOrEqual(0);
      expect(head).toBeLessThan(own[0]);
      expect(
        lines.some((line) =>
          new RegExp(`^\\[\\d/2\\] ${module}: started on slot [12] \\(jest suites/${module}\\)$`).test(line),
        ),
      ).toBe(true);
      expect(lines.some((line) => new RegExp(`^\\[\\d/2\\] ${module} … passed: 1 passed in `).test(line))).toBe(true);
    }
  });
});

describe('history', () => {
  test('written after a first run, read by the second, which reports the work items it planned', async () => {
    const dir = scratchDir();
    const history = join(dir, 'state', 'history.json');
    const first = await run(['--config', config(dir), '--history', history, '--report', join(dir, 'first.json')]);
    expect(first.code).toBe(0);
    const written = HistorySchema.parse(JSON.parse(readFileSync(history, 'utf8')));
    expect(Object.keys(written.modules)).toEqual(['alpha', 'beta']);
    expect(written.modules.alpha[0]).toMatchObject({ status: 'passed', suiteCount: 1, runner: 'jest' });
    const firstItems = readReport(join(dir, 'first.json')).schedule!.items;
    expect(firstItems.map((item) => [item.modules, item.predictedDurationMs])).toEqual([
      [['alpha'], null],
      [['beta'], null],
    ]);

    const second = await run(['--config', config(dir), '--history', history, '--report', join(dir, 'second.json')]);
    expect(second.code).toBe(0);
    const report = readReport(join(dir, 'second.json'));
    expect(report.schedule).toMatchObject({ slots: 1, historyPath: history });
    // One module per item with this launcher, listed longest first (predicted from history).
    expect(report.schedule!.items.map((item) => item.modules).sort()).toEqual([['alpha'], ['beta']]);
    // Planned from the first run's figures: each item has its predictions now.
    for (const item of report.schedule!.items) {
      expect(item.predictedDurationMs).toBeGreaterThan(0);
      expect(item.predictedPeakRssMB).toBeGreaterThan(0);
    }
    expect(HistorySchema.parse(JSON.parse(readFileSync(history, 'utf8'))).modules.alpha).toHaveLength(2);
  });

  test('a corrupt history is a warning in the report and on stderr; the run passes and replaces it', async () => {
    const dir = scratchDir();
    const history = join(dir, 'history.json');
    writeFileSync(history, '{ not json');
    const result = await run(['--config', config(dir), '--history', history, '--report', join(dir, 'r.json')]);
    expect(result.code).toBe(0);
    const report = readReport(join(dir, 'r.json'));
    expect(report.warnings).toEqual([
      expect.stringMatching(/^history file .*history\.json is not JSON .* — ignoring it/),
    ]);
    expect(result.stderr).toContain(report.warnings[0]);
    expect(HistorySchema.safeParse(JSON.parse(readFileSync(history, 'utf8'))).success).toBe(true);
  });

  test("another tool's file is left as it is, with a warning", async () => {
    const dir = scratchDir();
    const history = join(dir, 'history.json');
    writeFileSync(history, '{"tool":{"name":"other"}}');
    const result = await run(['--config', config(dir), '--history', history, '--report', join(dir, 'r.json')]);
    expect(result.code).toBe(0);
    expect(readReport(join(dir, 'r.json')).warnings[0]).toMatch(
      /is not a quality-gates history .* it is left as it is/,
    );
    expect(readFileSync(history, 'utf8')).toBe('{"tool":{"name":"other"}}');
  });

  test('--history none reads and writes nothing', async () => {
    const dir = scratchDir();
    const result = await run(['--config', config(dir), '--history', 'none', '--report', join(dir, 'r.json')]);
    expect(result.code).toBe(0);
    expect(readReport(join(dir, 'r.json')).schedule!.historyPath).toBeUndefined();
  });
});

describe('the bundled action', () => {
  test('INPUT_SLOTS and INPUT_HISTORY reach the run', () => {
    const dir = scratchDir();
    const outputFile = join(dir, 'output.txt');
    const summaryFile = join(dir, 'summary.md');
    writeFileSync(outputFile, '');
    writeFileSync(summaryFile, '');
    const history = join(dir, 'history.json');
    const configPath = config(dir, 'isolation:\n  sharesNothing: true\n');
    const result = spawnSync(process.execPath, [join(bundle, 'index.js')], {
      cwd: PROJECT,
      encoding: 'utf8',
      timeout: 120_000,
      env: baseEnv({
        GITHUB_ACTIONS: 'true',
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        INPUT_COMMAND: 'run',
        INPUT_CONFIG: configPath,
        INPUT_MODULES: 'alpha\nbeta',
        INPUT_SLOTS: '2',
        INPUT_HISTORY: history,
        INPUT_PACK: '',
        'INPUT_REPORT-PATH': join(dir, 'report.json'),
        'INPUT_COMMIT-STATUS': 'false',
      }),
    });
    expect(result.stderr).not.toContain('::error');
    expect(result.status).toBe(0);
    const report = readReport(join(dir, 'report.json'));
    expect(report.schedule).toMatchObject({
      slots: 2,
      slotsReason: "slots: 2 (input 'slots' (2))",
      historyPath: history,
    });
    expect(Object.keys(HistorySchema.parse(JSON.parse(readFileSync(history, 'utf8'))).modules)).toEqual([
      'alpha',
      'beta',
    ]);
    // One ::group:: per item, as one block.
    expect(result.stdout.match(/^::group::\[\d\/2\] (alpha|beta) \(slot [12]\)$/gm)).toHaveLength(2);
  });

  test('a bad INPUT_SLOTS names the input', () => {
    const dir = scratchDir();
    const result = spawnSync(process.execPath, [join(bundle, 'index.js')], {
      cwd: PROJECT,
      encoding: 'utf8',
      env: baseEnv({
        INPUT_COMMAND: 'run',
        INPUT_CONFIG: config(dir),
        INPUT_SLOTS: 'many',
        GITHUB_OUTPUT: join(dir, 'o'),
        GITHUB_STEP_SUMMARY: join(dir, 's'),
      }),
    });
    // The action fails the step (exit 1, as every action failure) with the input named.
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/::error::input 'slots': expected a whole number from 1, or auto \(got "many"\)/);
  });
});

describe('coverage over several test processes', () => {
  test('each process writes its own, the run merges them into the coverage folder; a missed threshold fails the run', async () => {
    const dir = scratchDir();
    const coverage = join(dir, 'coverage');
    const args = [
      '--config',
      config(dir),
      '--history',
      'none',
      '--runner-arg=--coverage',
      `--runner-arg=--coverageDirectory=${coverage}`,
      '--runner-arg=--coverageReporters=json',
      '--runner-arg=--coverageReporters=text-summary',
    ];
    const passed = await run([...args, '--report', join(dir, 'r.json')]);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toMatch(/coverage: merged 2 of 2 test processes into .*coverage \(1 files\)/);
    expect(passed.stdout).toContain('Coverage summary');
    const merged = JSON.parse(readFileSync(join(coverage, 'coverage-final.json'), 'utf8')) as Record<
      string,
      { f: Record<string, number> }
    >;
    const probe = Object.entries(merged).find(([file]) => file.endsWith('probe-slot.cjs'))![1];
    // probeSlot ran once in each process: the merged counts add up.
    expect(Math.max(...Object.values(probe.f))).toBe(2);

    const missed = await run([
      ...args,
      '--runner-arg=--coverageThreshold={"global":{"lines":100}}',
      '--report',
      join(dir, 'r2.json'),
    ]);
    expect(missed.code).toBe(1);
    const report = readReport(join(dir, 'r2.json'));
    expect(report.status).toBe('failed');
    expect(report.reason).toMatch(
      /^the merged coverage misses its thresholds: coverage for lines \([\d.]+%\) does not meet the global threshold \(100%\)$/,
    );
    expect(missed.stdout).toContain('Failed: the merged coverage misses its thresholds');
  });
});
