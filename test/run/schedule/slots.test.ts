import { describe, expect, test } from 'vitest';
import { readMachineFacts } from '../../../src/run/schedule/machine.js';
import { autoSlots, largestPredictedRssMB, memoryBudgetMB, unknownItemRssMB } from '../../../src/run/schedule/slots.js';
import { item } from './fake-launcher.js';

describe('slots: auto', () => {
  test('as many as the cores allow when memory is plenty', () => {
    expect(autoSlots({ cores: 4, memoryBudgetMB: 16_000, largestItemRssMB: 1000, items: 12 })).toEqual({
      slots: 4,
      reason: 'slots auto: 4 (4 cores, 15.6 GB memory budget / 1000 MB largest item = 16, 12 items)',
    });
  });

  test('as many as the memory budget holds of the largest item', () => {
    expect(autoSlots({ cores: 8, memoryBudgetMB: 3000, largestItemRssMB: 1400, items: 12 }).slots).toBe(2);
  });

  test('at least one, even when the largest item alone passes the budget', () => {
    expect(autoSlots({ cores: 8, memoryBudgetMB: 1000, largestItemRssMB: 1400, items: 12 }).slots).toBe(1);
    expect(autoSlots({ cores: 0, memoryBudgetMB: 0, largestItemRssMB: 0, items: 0 }).slots).toBe(1);
  });

  test('no more slots than items', () => {
    expect(autoSlots({ cores: 8, memoryBudgetMB: 64_000, largestItemRssMB: 500, items: 3 }).slots).toBe(3);
  });

  test('the memory budget is a safe share of the available memory', () => {
    expect(memoryBudgetMB(10_000)).toBe(7000);
    expect(memoryBudgetMB(10_000, 0.5)).toBe(5000);
  });
});

describe('slots: items without a prediction', () => {
  test('count as the largest predicted item, or an even share of the budget per slot without history', () => {
    expect(largestPredictedRssMB([item('a', { rss: 300 }), item('b', { rss: null }), item('c', { rss: 700 })])).toBe(
      700,
    );
    expect(unknownItemRssMB([item('a', { rss: 300 }), item('b', { rss: null })], 4000, 2)).toBe(300);
    expect(unknownItemRssMB([item('a', { rss: null })], 4000, 2)).toBe(2000);
  });
});

describe('readMachineFacts', () => {
  test('reads this machine: at least one core, some memory', () => {
    const facts = readMachineFacts();
    expect(facts.cores).toBeGreaterThanOrEqual(1);
    expect(facts.availableMemoryMB).toBeGreaterThan(0);
  });
});
