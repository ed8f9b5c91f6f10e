import { describe, expect, it } from 'vitest';
import { renderPrComment } from '../../src/report/pr-comment.js';
import { renderSummary } from '../../src/report/summary.js';
import type { ModuleLeak } from '../../src/report/schema.js';
import { module, report } from '../fixtures/report/builder.js';

const SNAPSHOTS = '/runner/work/app/quality-gates-logs/heap-snapshots/01-billing-1';

const grows: ModuleLeak = {
  flagged: true,
  across: 'files',
  growthMB: 58.4,
  steps: 5,
  perStepMB: 11.7,
  snapshots: [`${SNAPSHOTS}/heap-101-1.heapsnapshot`, `${SNAPSHOTS}/heap-101-2.heapsnapshot`],
  comparison: 'growth',
  suspects: [
    {
      name: 'LeakyStore',
      countDelta: 1200,
      sizeDeltaMB: 58.04,
      count: 1500,
      sizeMB: 70,
      retainers: 'util.__parked → Array → LeakyStore',
    },
    {
      name: '(array)',
      countDelta: 1200,
      sizeDeltaMB: 57.9,
      retainers: 'LeakyStore.payload → (array)',
      inside: 'LeakyStore',
    },
  ],
  analysisMs: 3200,
};

function leakReport() {
  return report([
    module('billing', { leak: grows }),
    module('orders', {
      leak: {
        flagged: true,
        across: 'files',
        growthMB: 40,
        steps: 3,
        perStepMB: 13.3,
        snapshots: [],
        skipped: 'no room: heap 900 MB × 2 + 205 MB margin exceeds the heap limit 2048 MB',
        suspects: [],
      },
    }),
    module('reports', {
      leak: {
        flagged: true,
        across: 'limit',
        growthMB: null,
        snapshots: [
          '/runner/work/app/quality-gates-logs/heap-snapshots/03-reports-3/Heap.20260101.100000.7.0.001.heapsnapshot',
        ],
        suspects: [],
        error: 'heap snapshot analysis timed out after 120.0 s (1 snapshot, 2048 MB) and was killed',
      },
    }),
    module('users', { leak: { flagged: false, growthMB: null, snapshots: [], suspects: [] } }),
  ]);
}

describe('leak forensics in the summary', () => {
  it('names each suspect in one line, says why a snapshot was skipped or an analysis failed', async () => {
    const markdown = renderSummary(leakReport());
    await expect(markdown).toMatchFileSnapshot('__snapshots__/summary-leaks.md');
    expect(markdown).toContain(
      '- 🧪 billing: LeakyStore +1,200 instances, +58 MB — util.__parked → Array → LeakyStore',
    );
    expect(markdown).not.toMatch(/🧪 \*\*users\*\*/);
  });

  it('is in the pull request comment too', async () => {
    const comment = renderPrComment(leakReport(), { context: 'quality-gates / integration' });
    await expect(comment).toMatchFileSnapshot('__snapshots__/pr-comment-leaks.md');
    expect(comment).toContain('🧪 billing: LeakyStore +1,200 instances');
  });

  it('escapes class names, retainer paths and module names (they come from user code)', () => {
    const markdown = renderSummary(
      report([
        module('evil<b>', {
          leak: {
            ...grows,
            suspects: [
              {
                name: '<img src=x onerror=alert(1)>',
                countDelta: 3,
                sizeDeltaMB: 1,
                retainers: 'global.`x` → [link](http://e.vil) | @admin → Array',
              },
            ],
          },
        }),
      ]),
    );
    const line = markdown.split('\n').find((text) => text.startsWith('- 🧪 evil'))!;
    expect(line).not.toMatch(/<img|<b>|`x`|\[link\]|\| @admin/);
    expect(line).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(line).toContain('@&#8203;admin');
  });

  it('a report without leak forensics has no such section', () => {
    expect(renderSummary(report([module('billing')]))).not.toContain('Leak forensics');
  });
});
