import { describe, expect, it } from 'vitest';
import { detectHeapTrend, leastSquaresSlope, sparkline } from '../../src/report/heap-trend.js';

describe('detectHeapTrend', () => {
  it('flags a steady climb with the documented message', () => {
    const series = Array.from({ length: 9 }, (_, i) => 300 + 58 * i);
    const trend = detectHeapTrend(series);
    expect(trend).toMatchObject({ suites: 9, risingSteps: 8 });
    expect(trend!.slopeMB).toBeCloseTo(58, 5);
    expect(trend!.message).toBe('heap grows ~58 MB per suite across 9 suites — likely retained between suites');
  });

  it('flags a climb with one noisy dip', () => {
    expect(detectHeapTrend([200, 260, 330, 310, 400, 460, 530, 600])).toBeDefined();
  });

  it('does not flag a flat series with one spike', () => {
    expect(detectHeapTrend([300, 305, 298, 900, 302, 301, 299, 304])).toBeUndefined();
  });

  it('does not flag a series that ends high after one jump (most steps flat)', () => {
    expect(detectHeapTrend([300, 300, 301, 300, 800, 801, 800, 801])).toBeUndefined();
  });

  it('does not flag noise around a level', () => {
    expect(detectHeapTrend([400, 420, 395, 430, 405, 425, 410, 440, 415])).toBeUndefined();
  });

  it('does not flag a slow drift below the slope threshold', () => {
    expect(detectHeapTrend([300, 303, 306, 309, 312, 315, 318, 321, 324, 327])).toBeUndefined();
  });

  it('flags a small leak that keeps climbing (the example project: a client never closed)', () => {
    expect(detectHeapTrend([25.9, 36.1, 41.3, 49.6])?.message).toBe(
      'heap grows ~8 MB per suite across 4 suites — likely retained between suites',
    );
  });

  it('does not flag a small total growth', () => {
    expect(detectHeapTrend([21, 27, 33, 39])).toBeUndefined();
  });

  it('does not flag too few suites, however steep', () => {
    expect(detectHeapTrend([100, 400, 700])).toBeUndefined();
    expect(detectHeapTrend([100, 400, 700, 1000])).toBeDefined();
  });

  it('does not flag a falling heap', () => {
    expect(detectHeapTrend([900, 800, 700, 600, 500])).toBeUndefined();
  });

  it('honours a custom rule', () => {
    expect(
      detectHeapTrend([100, 105, 110, 115, 120], { minSuites: 5, minSlopeMB: 5, minRisingShare: 1, minGrowthMB: 20 }),
    ).toBeDefined();
  });
});

describe('leastSquaresSlope and sparkline', () => {
  it('computes the least-squares slope', () => {
    expect(leastSquaresSlope([1, 3, 5, 7])).toBeCloseTo(2, 10);
    expect(leastSquaresSlope([5])).toBe(0);
  });

  it('draws a sparkline from minimum to maximum', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([5, 5, 5])).toBe('▁▁▁');
    expect(sparkline([])).toBe('');
  });
});

describe('detectHeapTrend on post-GC series of real runs', () => {
  it('changesets (jest, 12 suites of packages/cli, no leak): not flagged', () => {
    expect(detectHeapTrend([54.1, 61, 56.7, 57.3, 52.4, 54.4, 56.7, 52.8, 52.8, 52.9, 52.9, 54.5])).toBeUndefined();
  });

  it('examples/backend reporting (a client never closed): flagged', () => {
    expect(detectHeapTrend([24.7, 33.8, 42.8, 52.3])?.message).toBe(
      'heap grows ~9 MB per suite across 4 suites — likely retained between suites',
    );
  });

  it('the leak fixture under vitest: retained stores flagged, churned garbage not', () => {
    expect(detectHeapTrend([13, 18.8, 24.6, 30.3, 36.1, 41.9])).toBeDefined();
    expect(detectHeapTrend([7.3, 7.4, 7.4, 7.4, 7.5, 7.5])).toBeUndefined();
  });

  it('a series not read after a forced GC says so in its message', () => {
    expect(detectHeapTrend([25.9, 36.1, 41.3, 49.6], undefined, { afterGc: false })?.message).toBe(
      'heap grows ~8 MB per suite across 4 suites — likely retained between suites (read without a forced GC: garbage can look like growth)',
    );
  });
});
