import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { writeHistory } from '../../src/history/file.js';
import { emptyHistory } from '../../src/history/schema.js';
import { updateHistory, type HistoryModuleInput } from '../../src/history/update.js';
import { runCli } from '../helpers/cli.js';

const ROOT = 'testing/backend/integration';
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project with these modules, each with `suites` test files (and a helper that is not one). */
function project(modules: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), 'qg-shards-'));
  dirs.push(dir);
  for (const [name, suites] of Object.entries(modules)) {
    mkdirSync(join(dir, ROOT, name, 'nested'), { recursive: true });
    for (let i = 0; i < suites; i++)
      writeFileSync(join(dir, ROOT, name, i % 2 ? 'nested' : '', `case-${i}.test.ts`), 'test');
    writeFileSync(join(dir, ROOT, name, 'helper.ts'), 'export {}');
  }
  return dir;
}

function ran(name: string, durationMs: number): HistoryModuleInput {
  return {
    name,
    status: 'passed',
    durationMs,
    peakHeapMB: 100,
    peakRssMB: 200,
    suites: [{ durationMs: durationMs / 2 }],
  };
}

async function plan(dir: string, args: string[]) {
  const result = await runCli(['plan', '--full', '--files', '-', ...args], { cwd: dir, stdin: '' });
  return {
    ...result,
    plan:
      result.code === 0
        ? (JSON.parse(result.stdout) as {
            modules: string[];
            shards?: { shard: number; modules: string[]; estimatedMs: number }[];
            warnings: string[];
          })
        : undefined,
  };
}

describe('quality-gates plan --shards', () => {
  test('splits by the durations in --history: the long module alone, the short ones together', async () => {
    const dir = project({ billing: 1, orders: 1, search: 1, users: 1 });
    const history = updateHistory(
      emptyHistory('0.1.0'),
      [ran('billing', 90_000), ran('orders', 30_000), ran('search', 30_000), ran('users', 20_000)],
      {
        now: new Date('2026-11-01T00:00:00Z'),
        runner: 'jest',
        toolVersion: '0.1.0',
      },
    );
    writeHistory(join(dir, 'ci-history.json'), history);
    const { plan: result } = await plan(dir, ['--shards', '2', '--history', 'ci-history.json']);
    expect(result!.shards).toEqual([
      { shard: 1, modules: ['billing'], estimatedMs: 90_000 },
      { shard: 2, modules: ['orders', 'search', 'users'], estimatedMs: 80_000 },
    ]);
  });

  test('without history (the default path missing) modules spread by the test files on disk', async () => {
    const dir = project({ big: 6, small1: 2, small2: 2, small3: 2 });
    const { plan: result } = await plan(dir, ['--shards', '2']);
    expect(result!.warnings).toEqual([]);
    expect(result!.shards!.map((shard) => shard.modules)).toEqual([['big'], ['small1', 'small2', 'small3']]);
  });

  test('test files are counted as the planner finds modules: modules.testMatch, and (root) for the files in the module root', async () => {
    const dir = project({});
    mkdirSync(join(dir, ROOT, 'api'), { recursive: true });
    for (let i = 0; i < 3; i++) writeFileSync(join(dir, ROOT, 'api', `c${i}.it.ts`), 'test');
    writeFileSync(join(dir, ROOT, 'api', 'ignored.test.ts'), 'test');
    mkdirSync(join(dir, ROOT, 'web'));
    writeFileSync(join(dir, ROOT, 'web', 'one.it.ts'), 'test');
    for (let i = 0; i < 2; i++) writeFileSync(join(dir, ROOT, `top${i}.it.ts`), 'test');
    writeFileSync(join(dir, 'quality-gates.config.yml'), 'modules:\n  testMatch: ["**/*.it.ts"]\n');
    const { plan: result } = await plan(dir, ['--shards', '3']);
    expect(result!.modules).toEqual(['(root)', 'api', 'web']);
    expect(result!.shards!.map((shard) => [shard.modules, shard.estimatedMs])).toEqual([
      [['api'], 15_000],
      [['(root)'], 10_000],
      [['web'], 5_000],
    ]);
  });

  test('a corrupt history is a warning in the plan, not a failure', async () => {
    const dir = project({ a: 1, b: 1 });
    mkdirSync(join(dir, '.quality-gates'));
    writeFileSync(join(dir, '.quality-gates/history.json'), '{ not json');
    const { code, plan: result } = await plan(dir, ['--shards', '2']);
    expect(code).toBe(0);
    expect(result!.warnings.join('\n')).toMatch(/history\.json is not JSON .*ignoring it/);
    expect(result!.shards).toHaveLength(2);
  });

  test('more shards than modules: one per module, and the plan says so', async () => {
    const dir = project({ a: 1, b: 1 });
    const { plan: result } = await plan(dir, ['--shards', '5']);
    expect(result!.shards!.map((shard) => shard.modules)).toEqual([['a'], ['b']]);
    expect(result!.warnings).toContain('--shards 5: only 2 modules to run, so 2 shards (a shard is never empty)');
  });

  test('a bad count, or --history without --shards, is a usage error naming the value', async () => {
    const dir = project({ a: 1 });
    const zero = await plan(dir, ['--shards', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--shards "0": give a whole number of shards from 1 to 256/);
    const alone = await plan(dir, ['--history', 'x.json']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/give --shards N with it/);
  });

  test('the text format lists the shards', async () => {
    const dir = project({ a: 1, b: 3 });
    const result = await runCli(['plan', '--full', '--files', '-', '--shards', '2', '--format', 'text'], {
      cwd: dir,
      stdin: '',
    });
    expect(result.stdout).toMatch(/^shard 1 \(~15\.0 s\): b$/m);
    expect(result.stdout).toMatch(/^shard 2 \(~5\.0 s\): a$/m);
  });
});
