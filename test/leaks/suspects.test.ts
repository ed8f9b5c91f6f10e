import { describe, expect, it } from 'vitest';
import type { ClassFigures } from '../../src/leaks/class-stats.js';
import { growthCandidates, rankSuspects, type Candidate } from '../../src/leaks/suspects.js';

const MB = 1024 * 1024;

function snapshot(entries: Record<string, [count: number, retainedMB: number, topLevelCount?: number]>) {
  return new Map<string, ClassFigures>(
    Object.entries(entries).map(([name, [count, mb, topLevel]]) => [
      name,
      { count, selfSize: 0, retainedSize: mb * MB, topLevelCount: topLevel ?? count },
    ]),
  );
}

function candidate(name: string, sizeDeltaMB: number, topLevelCountDelta = 100): Candidate {
  return {
    name,
    countDelta: 100,
    sizeDelta: sizeDeltaMB * MB,
    count: 200,
    size: 2 * sizeDeltaMB * MB,
    topLevelCountDelta,
  };
}

describe('growthCandidates', () => {
  it('keeps the classes whose count and size rose in every step, by more than the noise threshold', () => {
    const series = [
      snapshot({ Store: [10, 1], Wobbly: [10, 1], Tiny: [10, 0.1], Flat: [10, 5], '(synthetic)': [1, 1] }),
      snapshot({ Store: [20, 2], Wobbly: [30, 3], Tiny: [20, 0.2], Flat: [20, 5], '(synthetic)': [2, 2] }),
      snapshot({ Store: [30, 3], Wobbly: [25, 4], Tiny: [30, 0.3], Flat: [30, 5], '(synthetic)': [3, 3] }),
    ];
    expect(growthCandidates(series, 20 * MB).map((found) => found.name)).toEqual(['Store']);
    expect(growthCandidates(series, 20 * MB)[0]).toMatchObject({ countDelta: 20, sizeDelta: 2 * MB, count: 30 });
  });

  it('counts a class missing from the first snapshot as growing from zero', () => {
    const series = [snapshot({}), snapshot({ Late: [5, 1] }), snapshot({ Late: [9, 2] })];
    expect(growthCandidates(series, 10 * MB)).toMatchObject([{ name: 'Late', countDelta: 9, sizeDelta: 2 * MB }]);
  });

  it('asks more of big heaps: growth under 0.5 % of the last heap is noise', () => {
    const series = [snapshot({ Store: [1, 1] }), snapshot({ Store: [2, 2] }), snapshot({ Store: [3, 5] })];
    expect(growthCandidates(series, 700 * MB)).toHaveLength(1);
    expect(growthCandidates(series, 900 * MB)).toHaveLength(0);
  });
});

describe('rankSuspects', () => {
  it('ranks the container after what it holds, when its own instances did not multiply', () => {
    const parked = candidate('Array', 10, 0);
    const store = candidate('LeakyStore', 9);
    const ranked = rankSuspects([parked, store], new Map([['LeakyStore', new Map([['Array', 9 * MB]])]]));
    expect(ranked.map((suspect) => [suspect.name, suspect.holds])).toEqual([
      ['LeakyStore', undefined],
      ['Array', 'LeakyStore'],
    ]);
  });

  it('keeps a store whose own instances multiplied first, and lists its parts as inside it', () => {
    const store = candidate('LeakyStore', 9, 100);
    const parts = candidate('Object', 8, 1000);
    const ranked = rankSuspects([parts, store], new Map([['Object', new Map([['LeakyStore', 8 * MB]])]]));
    expect(ranked.map((suspect) => [suspect.name, suspect.holds, suspect.inside])).toEqual([
      ['LeakyStore', undefined, undefined],
      ['Object', undefined, 'LeakyStore'],
    ]);
  });

  it('never ranks a class behind a V8 internal kind it holds', () => {
    const list = candidate('Array', 10, 0);
    const strings = candidate('(string)', 9);
    const ranked = rankSuspects([list, strings], new Map([['(string)', new Map([['Array', 9 * MB]])]]));
    expect(ranked[0]).toMatchObject({ name: 'Array' });
    expect(ranked[0]?.holds).toBeUndefined();
  });

  it('puts V8 internals after the constructors of the code unless they grew twice as much', () => {
    const named = candidate('Session', 4);
    expect(rankSuspects([candidate('(compiled code)', 7), named], new Map()).map((s) => s.name)).toEqual([
      'Session',
      '(compiled code)',
    ]);
    expect(rankSuspects([candidate('(compiled code)', 8), named], new Map()).map((s) => s.name)).toEqual([
      '(compiled code)',
      'Session',
    ]);
  });

  it('a class of the code comes before the plain Objects and Arrays it sits in, unless they grew twice as much', () => {
    // The jest shape: LeakyStore dominated by per-file Objects that multiplied beside it.
    const objects = candidate('Object', 22, 1430);
    const arrays = candidate('Array', 20, 298);
    const store = candidate('LeakyStore', 20, 20);
    const inside = new Map([['LeakyStore', new Map([['Object', 20 * MB]])]]);
    const ranked = rankSuspects([objects, arrays, store], inside);
    expect(ranked.map((suspect) => [suspect.name, suspect.inside])).toEqual([
      ['LeakyStore', undefined],
      ['Object', undefined],
      ['Array', undefined],
    ]);
    expect(rankSuspects([candidate('Object', 41, 5000), store], new Map())[0]?.name).toBe('Object');
  });

  it('lists at most five', () => {
    const many = Array.from({ length: 8 }, (_, index) => candidate(`Class${index}`, index + 1));
    expect(rankSuspects(many, new Map()).map((s) => s.name)).toEqual([
      'Class7',
      'Class6',
      'Class5',
      'Class4',
      'Class3',
    ]);
  });
});
