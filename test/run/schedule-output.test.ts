import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { ScheduleOutput } from '../../src/run/schedule-output.js';
import type { WorkItem } from '../../src/run/schedule/work-items.js';

function output(parallel: boolean) {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const schedule = new ScheduleOutput({
    stdout,
    stderr: stdout,
    group: false,
    parallel,
    total: 248,
    adapter: { name: 'vitest' },
    paths: (module) => [`src/${module}`],
  });
  return { schedule, text: () => text };
}

const pack = (count: number) =>
  ({ id: 'w1', modules: Array.from({ length: count }, (_, index) => `fn${String(index)}`) }) as WorkItem;

describe('the line a pack starts with', () => {
  test.each([false, true])('a pack of 248 modules: ten names, how many more, the count (parallel: %s)', (parallel) => {
    const { schedule, text } = output(parallel);
    schedule.itemStarted(pack(248), 1);
    const line = text().split('\n')[0];
    expect(line).toMatch(/^\[1\/248\] w1 \(248 modules\): fn0, fn1, .*fn9, … and 238 more modules/);
    expect(line).toContain('vitest src/fn0 src/fn1');
    expect(line).toContain('… and 238 more paths');
    expect(line.length).toBeLessThan(400);
  });

  test('a small pack lists every module and path', () => {
    const { schedule, text } = output(false);
    schedule.itemStarted(pack(3), 1);
    expect(text()).toBe('[1/248] w1 (3 modules): fn0, fn1, fn2: vitest src/fn0 src/fn1 src/fn2\n');
  });
});
