import { describe, expect, it, test } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.js';
import { baseEnv, readReport, scratchDir } from './helpers.js';
import { ExitCode, UsageError } from '../../src/errors.js';
import { parseHeapBudget, parseMemoryBudget } from '../../src/run/memory-budget.js';

describe('parseMemoryBudget', () => {
  it('takes a share of the available memory or a size', () => {
    expect(parseMemoryBudget('70%', 1000, '--memory-budget')).toBe(700);
    expect(parseMemoryBudget('2GiB', 1000, '--memory-budget')).toBe(2048);
    expect(parseMemoryBudget('512 MiB', 1000, '--memory-budget')).toBe(512);
    expect(parseMemoryBudget('1GB', 1000, '--memory-budget')).toBeCloseTo(953.67, 1);
  });

  it('a bad value is a usage error naming where it came from', () => {
    for (const bad of ['lots', '0%', '150%', '0GB', '8 gigs']) {
      let error: unknown;
      try {
        parseMemoryBudget(bad, 1000, '--memory-budget');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).exitCode).toBe(ExitCode.Usage);
      expect((error as Error).message).toContain(`--memory-budget: ${JSON.stringify(bad)}`);
    }
  });
});

describe('parseHeapBudget', () => {
  test('sizes in MB, GB and GiB', () => {
    expect(parseHeapBudget('512MB', '--heap-budget')).toBeCloseTo(488.3, 1);
    expect(parseHeapBudget('1GiB', 'heapBudget')).toBe(1024);
  });

  test('a share or anything else is a usage error naming the source and the value', () => {
    expect(() => parseHeapBudget('50%', '--heap-budget')).toThrow(
      /--heap-budget: "50%" is not a heap budget .* like 512MB/,
    );
    expect(() => parseHeapBudget('lots', 'heapBudget')).toThrow(UsageError);
    expect(() => parseHeapBudget('0MB', 'heapBudget')).toThrow(/not a heap budget/);
  });
});

describe('--heap-budget and heapBudget on the command line', () => {
  const project = fileURLToPath(new URL('../fixtures/run/prestart-project', import.meta.url));

  test('a bad --heap-budget is exit 2 before anything runs, naming the flag', async () => {
    const result = await runCli(['run', '--all', '--history', 'none', '--heap-budget', '50%'], {
      cwd: project,
      env: baseEnv(),
    });
    expect(result.code).toBe(ExitCode.Usage);
    expect(result.stderr).toMatch(/--heap-budget: "50%" is not a heap budget/);
  });

  test('the report reasons name the budget given', async () => {
    const dir = scratchDir();
    const history = join(dir, 'history.json');
    const report = join(dir, 'report.json');
    const run = (extra: string[]) =>
      runCli(['run', '--all', '--history', history, '--report', report, ...extra], { cwd: project, env: baseEnv() });
    await run([]);
    await run(['--heap-budget', '777MB']);
    const reasons = readReport(report).schedule!.items.map((item) => item.reason);
    expect(
      reasons.some((reason) => reason.includes('741 MB')),
      reasons.join('\n'),
    ).toBe(true);
  });
});
