import { describe, expect, test } from 'vitest';
import { cpuShare, uncontendedEstimates } from '../../src/history/contention.js';
import { emptyHistory } from '../../src/history/schema.js';
import { updateHistory, type HistoryModuleInput } from '../../src/history/update.js';
import {
  DEFAULT_MS_PER_SUITE,
  predictDurations,
  shardLowerBound,
  splitIntoShards,
  type PredictedModule,
} from '../../src/plan/shards.js';

const known = (name: string, durationMs: number): PredictedModule => ({ name, durationMs, source: 'history' });

function module(name: string, durationMs: number, suites = 2): HistoryModuleInput {
  return {
    name,
    status: 'passed',
    durationMs,
    peakHeapMB: 100,
    peakRssMB: 200,
    suites: Array.from({ length: suites }, () => ({ durationMs: durationMs / (suites + 1) })),
  };
}

describe('splitIntoShards', () => {
  test('longest first onto the least loaded shard; shards numbered from 1, modules sorted, estimates summed', () => {
    const shards = splitIntoShards([known('a', 10), known('b', 9), known('c', 8), known('d', 3), known('e', 2)], 2);
    // a → 1, b → 2, c → 2 (9 < 10), d and e → 1: 15 and 17, the best split of these five (no subset sums to 16).
    expect(shards).toEqual([
      { shard: 1, modules: ['a', 'd', 'e'], estimatedMs: 15 },
      { shard: 2, modules: ['b', 'c'], estimatedMs: 17 },
    ]);
  });

  test("LPT's worst case (3,3,2,2,2 on two shards gives 7) is repaired by one swap to the optimum 6", () => {
    const shards = splitIntoShards([known('a', 3), known('b', 3), known('c', 2), known('d', 2), known('e', 2)], 2);
    expect(Math.max(...shards.map((s) => s.estimatedMs))).toBe(6);
    expect(shardLowerBound([3, 3, 2, 2, 2], 2)).toBe(6);
  });

  test('is deterministic: the same modules in any order give the same shards (ties by name, then lowest shard)', () => {
    const modules = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'].map((name) => known(name, 1000));
    const first = splitIntoShards(modules, 3);
    expect(splitIntoShards([...modules].reverse(), 3)).toEqual(first);
    expect(first.map((s) => s.modules)).toEqual([
      ['m1', 'm4', 'm7'],
      ['m2', 'm5'],
      ['m3', 'm6'],
    ]);
  });

  test('never makes an empty shard: fewer modules than shards give one shard each; no modules, no shards', () => {
    expect(splitIntoShards([known('a', 5), known('b', 1)], 4).map((s) => s.modules)).toEqual([['a'], ['b']]);
    expect(splitIntoShards([], 3)).toEqual([]);
  });

  test('the lower bound is the larger of total/N and the longest module', () => {
    expect(shardLowerBound([100, 1, 1], 2)).toBe(100);
    expect(shardLowerBound([4, 4, 4, 4], 2)).toBe(8);
    expect(shardLowerBound([4, 4], 5)).toBe(4);
  });
});

describe('predictDurations', () => {
  test('modules without history spread by suite count at the median time per suite of those with history', () => {
    const estimates = new Map([
      ['a', { name: 'a', durationMs: 10_000, suiteCount: 2, runs: 3 }],
      ['b', { name: 'b', durationMs: 30_000, suiteCount: 10, runs: 3 }],
      ['c', { name: 'c', durationMs: 8_000, suiteCount: 2, runs: 3 }],
    ]);
    const predicted = predictDurations(
      [
        { name: 'a', suiteCount: 2 },
        { name: 'new', suiteCount: 6 },
        { name: 'uncounted', suiteCount: null },
      ],
      estimates,
    );
    expect(predicted).toEqual([
      { name: 'a', durationMs: 10_000, source: 'history' },
      { name: 'new', durationMs: 24_000, source: 'suites' },
      { name: 'uncounted', durationMs: 4_000, source: 'suites' },
    ]);
  });

  test('with no history at all, the default time per suite: modules spread by suite count', () => {
    expect(predictDurations([{ name: 'x', suiteCount: 3 }], new Map())).toEqual([
      { name: 'x', durationMs: 3 * DEFAULT_MS_PER_SUITE, source: 'suites' },
    ]);
  });
});

describe('contention', () => {
  test('a duration measured with more slots than cores is scaled by min(S, C)/S; S ≤ C or unknown cores are left alone', () => {
    expect(cpuShare({ slots: 4, cores: 2 })).toBe(0.5);
    expect(cpuShare({ slots: 2, cores: 4 })).toBe(1);
    expect(cpuShare({ slots: 4 })).toBe(1);
    expect(cpuShare({ slots: 1, cores: 1 })).toBe(1);
  });

  test('a module learned in an overloaded job is not taken for a slow one', () => {
    const now = (day: number) => new Date(Date.UTC(2026, 10, 1 + day));
    // Quiet run alone: 20 s. Overloaded run: 4 slots on 2 cores, measured 40 s.
    let history = updateHistory(emptyHistory('0.1.0'), [module('billing', 20_000)], {
      now: now(0),
      runner: 'jest',
      toolVersion: '0.1.0',
      slots: 1,
      cores: 2,
    });
    history = updateHistory(history, [module('billing', 40_000)], {
      now: now(1),
      runner: 'jest',
      toolVersion: '0.1.0',
      slots: 4,
      cores: 2,
    });
    history = updateHistory(history, [module('billing', 40_000)], {
      now: now(2),
      runner: 'jest',
      toolVersion: '0.1.0',
      slots: 4,
      cores: 2,
    });
    expect(history.modules.billing.at(-1)!.process).toEqual({
      modules: 1,
      position: 0,
      slots: 4,
      cores: 2,
      inheritedHeapMB: 0,
    });
    expect(uncontendedEstimates(history).get('billing')).toEqual({
      name: 'billing',
      durationMs: 20_000,
      suiteCount: 2,
      runs: 3,
    });
  });
});
