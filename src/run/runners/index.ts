import { jestAdapter } from './jest.js';
import type { RunnerAdapter } from './types.js';
import { vitestAdapter } from './vitest.js';

/** The adapter of a configured runner. */
export function runnerAdapter(name: 'jest' | 'vitest'): RunnerAdapter {
  return name === 'vitest' ? vitestAdapter : jestAdapter;
}

export type { RunnerAdapter, RunnerArgsOptions, RunTarget } from './types.js';
