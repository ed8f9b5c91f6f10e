import { describe, expect, it } from 'vitest';
import { ExitCode, UsageError } from '../../src/errors.js';
import { parseMemoryBudget } from '../../src/run/memory-budget.js';

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
