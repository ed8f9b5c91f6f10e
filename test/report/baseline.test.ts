import { describe, expect, test } from 'vitest';
import { estimates } from '../../src/history/estimates.js';
import { emptyHistory, type History } from '../../src/history/schema.js';
import { updateHistory } from '../../src/history/update.js';
import {
  DEFAULT_REGRESSION_THRESHOLDS,
  describeChange,
  moduleChanges,
  withBaselines,
} from '../../src/report/baseline.js';
import { renderPrComment } from '../../src/report/pr-comment.js';
import { ReportSchema, type ModuleResult } from '../../src/report/schema.js';
import { renderSummary } from '../../src/report/summary.js';
import { module, report, suite } from '../fixtures/report/builder.js';

/** Five runs on the base branch: billing peaks at 232 MB in 60 s, orders at 300 MB in 90 s. */
function baseHistory(): History {
  let history = emptyHistory('0.1.0');
  for (let day = 0; day < 5; day++) {
    const runs = [
      module('billing', { durationMs: 60_000 + day * 100, peakHeapMB: 230 + day, peakRssMB: 400 }),
      module('orders', { durationMs: 90_000, peakHeapMB: 300, peakRssMB: 450 }),
      module('search', { durationMs: 20_000, peakHeapMB: 100, peakRssMB: 200 }),
    ];
    history = updateHistory(history, runs, {
      now: new Date(Date.UTC(2026, 10, 1 + day)),
      runner: 'jest',
      toolVersion: '0.1.0',
    });
  }
  return history;
}

const thisRun = (): ModuleResult[] => [
  // billing: +180 MB (+78 %) heap — a regression.
  module('billing', { durationMs: 61_000, peakHeapMB: 412, peakRssMB: 420 }),
  // orders: 40 s instead of 90 s (−50 s, −56 %) — an improvement of the same size.
  module('orders', { durationMs: 40_000, peakHeapMB: 310, peakRssMB: 450 }),
  // search: +40 % heap but only +40 MB, +45 % duration but only +9 s — noise, nothing shown.
  module('search', { durationMs: 29_000, peakHeapMB: 140, peakRssMB: 240 }),
  // new: no history, no baseline.
  module('new', { durationMs: 5_000 }),
];

describe('withBaselines', () => {
  test('each known module gets the medians of its runs, and the changes beyond both thresholds', () => {
    const modules = withBaselines(thisRun(), estimates(baseHistory()), DEFAULT_REGRESSION_THRESHOLDS);
    const [billing, orders, search, fresh] = modules;
    expect(billing.baseline).toEqual({
      durationMs: 60_200,
      peakHeapMB: 232,
      retainedHeapMB: null,
      peakRssMB: 400,
      runs: 5,
      changes: [{ metric: 'peakHeapMB', kind: 'regression', value: 412, baseline: 232, change: 180, percent: 77.6 }],
    });
    expect(orders.baseline!.changes).toEqual([
      { metric: 'durationMs', kind: 'improvement', value: 40_000, baseline: 90_000, change: -50_000, percent: -55.6 },
    ]);
    expect(search.baseline!.changes).toEqual([]);
    expect(fresh.baseline).toBeUndefined();
    // The report schema accepts the field (and the JSON Schema carries it).
    expect(() => ReportSchema.parse(report(modules))).not.toThrow();
  });

  test('only the absolute or only the relative threshold exceeded is noise', () => {
    const history = baseHistory();
    // search: +40 % but +40 MB (relative only); orders: +60 MB but +20 % (absolute only).
    const modules = withBaselines(
      [
        module('search', { durationMs: 20_000, peakHeapMB: 140, peakRssMB: 200 }),
        module('orders', { durationMs: 90_000, peakHeapMB: 360, peakRssMB: 450 }),
      ],
      estimates(history),
    );
    expect(modules.map((m) => m.baseline!.changes)).toEqual([[], []]);
    // Both exceeded: shown.
    const both = withBaselines(
      [module('search', { durationMs: 20_000, peakHeapMB: 160, peakRssMB: 200 })],
      estimates(history),
    );
    expect(both[0].baseline!.changes.map((c) => c.metric)).toEqual(['peakHeapMB']);
  });

  test('thresholds are the config values: tighter ones show more', () => {
    const modules = withBaselines(thisRun(), estimates(baseHistory()), {
      heapPercent: 10,
      heapMB: 10,
      durationPercent: 10,
      durationMs: 1000,
    });
    expect(moduleChanges(modules).map((c) => `${c.module} ${c.metric} ${c.kind}`)).toEqual([
      'billing peakHeapMB regression',
      'orders durationMs improvement',
      'search durationMs regression',
      'search peakHeapMB regression',
      'search peakRssMB regression',
    ]);
  });

  test('a crashed or timed-out module is not compared: its figures stop where it died', () => {
    const modules = withBaselines(
      [module('billing', { status: 'crashed', durationMs: 2_000, peakHeapMB: 2000 })],
      estimates(baseHistory()),
    );
    expect(modules[0].baseline!.runs).toBe(5);
    expect(modules[0].baseline!.changes).toEqual([]);
  });

  test('retained heap is compared from the suites, as the history measures it', () => {
    let history = emptyHistory('0.1.0');
    const leaky = (step: number) => [
      suite('a.test.ts', { heapAfterMB: 100 }),
      suite('b.test.ts', { heapAfterMB: 100 + step }),
      suite('c.test.ts', { heapAfterMB: 100 + 2 * step }),
    ];
    for (let day = 0; day < 3; day++) {
      history = updateHistory(history, [module('billing', { suites: leaky(20) })], {
        now: new Date(Date.UTC(2026, 10, 1 + day)),
        runner: 'jest',
        toolVersion: '0.1.0',
      });
    }
    const [billing] = withBaselines([module('billing', { suites: leaky(100) })], estimates(history));
    expect(billing.baseline!.retainedHeapMB).toBe(60);
    expect(billing.baseline!.changes).toEqual([
      { metric: 'retainedHeapMB', kind: 'regression', value: 300, baseline: 60, change: 240, percent: 400 },
    ]);
  });
});

describe('the change in words', () => {
  test('"billing: peak heap 412 MB, +180 MB vs baseline (5 runs)", with the percent; improvements with a minus', () => {
    const modules = withBaselines(thisRun(), estimates(baseHistory()));
    const [regression, improvement] = moduleChanges(modules);
    expect(describeChange(regression, regression.runs)).toBe('peak heap 412 MB, +180 MB (+78 %) vs baseline (5 runs)');
    expect(describeChange(improvement, improvement.runs)).toBe('duration 40.0 s, −50.0 s (−56 %) vs baseline (5 runs)');
  });

  test('the summary and the PR comment show them, regressions first; nothing without changes', () => {
    const withChanges = report(withBaselines(thisRun(), estimates(baseHistory())));
    const summary = renderSummary(withChanges);
    expect(summary).toContain('### Against the baseline');
    expect(summary).toContain('- ⚠️ **billing**: peak heap 412 MB, +180 MB (+78 %) vs baseline (5 runs)');
    expect(summary).toContain('- 📉 **orders**: duration 40.0 s, −50.0 s (−56 %) vs baseline (5 runs)');
    expect(summary.indexOf('**billing**: peak heap')).toBeLessThan(summary.indexOf('**orders**: duration'));
    expect(summary).not.toMatch(/\*\*search\*\*:/);
    const comment = renderPrComment(withChanges, { context: 'quality-gates / integration' });
    expect(comment).toContain('- ⚠️ **billing**: peak heap 412 MB, +180 MB (+78 %) vs baseline (5 runs)');
    expect(renderSummary(report(thisRun()))).not.toContain('Against the baseline');
  });

  test('snapshot: a summary with a regression and an improvement', async () => {
    await expect(renderSummary(report(withBaselines(thisRun(), estimates(baseHistory()))))).toMatchFileSnapshot(
      '__snapshots__/summary-baseline.md',
    );
  });

  test('module names in the lines are escaped', () => {
    const hostile = withBaselines(
      [module('<img src=x>', { durationMs: 61_000, peakHeapMB: 412, peakRssMB: 420 })],
      new Map([['<img src=x>', estimates(baseHistory()).get('billing')!]]),
    );
    const summary = renderSummary(report(hostile));
    expect(summary).not.toContain('<img src=x>');
    expect(summary).toContain('- ⚠️ **&#60;img src=x&#62;**: peak heap 412 MB');
  });
});
