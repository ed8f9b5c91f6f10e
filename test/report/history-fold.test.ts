import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readHistory, writeHistory } from '../../src/history/file.js';
import { emptyHistory } from '../../src/history/schema.js';
import { foldReportsIntoHistory } from '../../src/report/history-fold.js';
import { runCli } from '../helpers/cli.js';
import { module, report } from '../fixtures/report/builder.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qg-fold-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const job = (names: string[], finishedAt: string, overrides: Parameters<typeof report>[1] = {}) =>
  report(
    names.map((name) => module(name, { durationMs: 10_000 + name.length })),
    { finishedAt, ...overrides },
  );

describe('foldReportsIntoHistory', () => {
  test("every job's modules are recorded, at that job's time and runner", () => {
    const history = foldReportsIntoHistory(
      emptyHistory('0.1.0'),
      [
        job(['billing', 'orders'], '2026-11-02T10:00:00.000Z'),
        job(['users'], '2026-11-02T10:05:00.000Z', { runner: 'vitest' }),
      ],
      '0.2.0',
    );
    expect(Object.keys(history.modules)).toEqual(['billing', 'orders', 'users']);
    expect(history.modules.billing[0]).toMatchObject({
      recordedAt: '2026-11-02T10:00:00.000Z',
      runner: 'jest',
      durationMs: 10_007,
      process: { modules: 1, position: 0, slots: 1 },
    });
    expect(history.modules.users[0]).toMatchObject({ recordedAt: '2026-11-02T10:05:00.000Z', runner: 'vitest' });
    expect(history.tool.version).toBe('0.2.0');
  });

  test("a module in two reports is recorded once, from the later copy that ran; skipped copies and an interrupted job's crashes are left out", () => {
    const first = job(['billing'], '2026-11-02T10:00:00.000Z');
    const rerun = report([module('billing', { durationMs: 22_000 })], { finishedAt: '2026-11-02T11:00:00.000Z' });
    const skipped = report([module('billing', { status: 'skipped', durationMs: 0 })], {
      finishedAt: '2026-11-02T12:00:00.000Z',
    });
    const interrupted = report([module('orders', { status: 'crashed' }), module('users')], {
      status: 'interrupted',
      finishedAt: '2026-11-02T10:30:00.000Z',
    });
    const history = foldReportsIntoHistory(emptyHistory('0.1.0'), [first, rerun, skipped, interrupted], '0.1.0');
    expect(history.modules.billing.map((run) => run.durationMs)).toEqual([22_000]);
    expect(history.modules.orders).toBeUndefined();
    expect(history.modules.users).toHaveLength(1);
  });
});

describe('quality-gates merge-reports --history', () => {
  const write = (path: string, data: unknown) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), typeof data === 'string' ? data : JSON.stringify(data));
  };

  test('folds every job into the history file, keeping what it held', async () => {
    writeHistory(
      join(dir, 'h.json'),
      foldReportsIntoHistory(emptyHistory('0.1.0'), [job(['billing'], '2026-11-01T10:00:00.000Z')], '0.1.0'),
    );
    write('reports/a/r.json', job(['billing'], '2026-11-02T10:00:00.000Z'));
    write('reports/b/r.json', job(['orders', 'users'], '2026-11-02T10:01:00.000Z'));
    const result = await runCli(['merge-reports', '--history', 'h.json', 'reports/**/*.json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('history: 3 modules recorded in h.json');
    const { history, warning } = readHistory(join(dir, 'h.json'));
    expect(warning).toBeUndefined();
    expect(Object.fromEntries(Object.entries(history.modules).map(([name, runs]) => [name, runs.length]))).toEqual({
      billing: 2,
      orders: 1,
      users: 1,
    });
  });

  test('a corrupt history is a warning, replaced by the folded one; the merge and its exit code are unaffected', async () => {
    write('h.json', '{ nope');
    write('reports/a/r.json', job(['billing'], '2026-11-02T10:00:00.000Z'));
    const result = await runCli(['merge-reports', '--history', 'h.json', 'reports/**/*.json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: history file .*h\.json is not JSON/);
    expect(Object.keys(readHistory(join(dir, 'h.json')).history.modules)).toEqual(['billing']);
    expect(JSON.parse(readFileSync(join(dir, 'quality-gates-report.json'), 'utf8')).modules).toHaveLength(1);
  });

  test("an unwritable history is a warning; another tool's file is left alone", async () => {
    write('reports/a/r.json', job(['billing'], '2026-11-02T10:00:00.000Z'));
    write('blocker', 'a file where a folder should be');
    const unwritable = await runCli(['merge-reports', '--history', 'blocker/h.json', 'reports/**/*.json'], {
      cwd: dir,
    });
    expect(unwritable.code).toBe(0);
    expect(unwritable.stderr).toMatch(
      /warning: cannot write the history file .*blocker\/h\.json.*the merged report is written all the same/,
    );
    write('foreign.json', { something: 'else' });
    const foreign = await runCli(['merge-reports', '--history', 'foreign.json', 'reports/**/*.json'], { cwd: dir });
    expect(foreign.code).toBe(0);
    expect(foreign.stderr).toMatch(/is not a quality-gates history/);
    expect(readFileSync(join(dir, 'foreign.json'), 'utf8')).toBe('{"something":"else"}');
  });
});
