import { describe, expect, it } from 'vitest';
import { planAnnotations } from '../../src/report/annotations.js';
import { utf8Bytes } from '../../src/report/escape.js';
import { commentMarker, MAX_COMMENT_BYTES, renderPrComment } from '../../src/report/pr-comment.js';
import { commitStatusFor } from '../../src/report/status.js';
import { failure, fixtures, module, report, suite } from '../fixtures/report/builder.js';

const failing = (name: string, count: number) =>
  module(name, {
    suites: [
      suite(`${name}/a.test.ts`, {
        failures: Array.from({ length: count }, (_, i) =>
          failure(`${name} › test ${i}`, `message ${i}\nsecond line`, `${name}/a.test.ts`, i + 1),
        ),
      }),
    ],
  });

describe('planAnnotations', () => {
  it('puts crashes first, then the first failure of each module, then the rest, at most 10', () => {
    const plan = planAnnotations(
      report([
        failing('a', 6),
        module('ok'),
        failing('b', 6),
        module('c', { status: 'crashed', reason: 'out of memory', runningSuite: 'c/big.test.ts' }),
      ]),
    );
    expect(plan.errors.map((e) => e.title)).toEqual([
      'quality-gates: module c crashed',
      'a › a › test 0',
      'b › b › test 0',
      'a › a › test 1',
      'a › a › test 2',
      'a › a › test 3',
      'a › a › test 4',
      'a › a › test 5',
      'b › b › test 1',
      'b › b › test 2',
    ]);
    expect(plan.more).toBe(3);
    expect(plan.errors[0]).toEqual({
      title: 'quality-gates: module c crashed',
      message: 'out of memory while running c/big.test.ts',
      file: 'c/big.test.ts',
    });
    expect(plan.errors[1]).toEqual({
      title: 'a › a › test 0',
      message: 'message 0\nsecond line',
      file: 'a/a.test.ts',
      startLine: 1,
    });
  });

  it('strips control characters and puts titles on one line', () => {
    const [annotation] = planAnnotations(fixtures.hostile()).errors;
    expect(annotation.title).not.toMatch(/[\n\r\u0000]/);
    expect(annotation.message).not.toMatch(/[\u0000\u001b]/);
    expect(annotation.startLine).toBe(3);
  });

  it('annotates a module that failed without a failing test', () => {
    expect(planAnnotations(report([module('config', { status: 'failed', exitCode: 2, suites: [] })])).errors).toEqual([
      { title: 'quality-gates: module config failed', message: 'the test runner exited with code 2; see its log' },
    ]);
  });

  it('annotates nothing for a green run', () => {
    expect(planAnnotations(fixtures.allGreen())).toEqual({ errors: [], more: 0 });
  });
});

describe('commitStatusFor', () => {
  it('describes the result with states both platforms know', () => {
    expect(commitStatusFor(fixtures.allGreen())).toEqual({ state: 'success', description: '3/3 modules passed' });
    expect(commitStatusFor(fixtures.oom())).toEqual({
      state: 'failure',
      description: '1/2 modules passed, 1 failed (1 crashed)',
    });
    expect(commitStatusFor(fixtures.mixed())).toEqual({
      state: 'failure',
      description: '2/3 modules passed, 1 failed',
    });
    expect(commitStatusFor(report([], { status: 'skipped', mode: 'skip' }))).toEqual({
      state: 'success',
      description: 'No integration module affected by this change',
    });
    expect(commitStatusFor(report([], { status: 'failed', reason: 'The lock was lost.' }))).toEqual({
      state: 'failure',
      description: 'The lock was lost.',
    });
    expect(commitStatusFor(report([module('a')], { status: 'interrupted' })).state).toBe('failure');
  });
});

describe('renderPrComment', () => {
  it('starts with the hidden marker and folds passed modules', () => {
    const body = renderPrComment(
      report([failing('broken', 1), ...Array.from({ length: 30 }, (_, i) => module(`ok-${i}`))]),
      { context: 'quality-gates / integration', runUrl: 'https://github.com/acme/shop/actions/runs/1' },
    );
    expect(
      body.startsWith(`${commentMarker('quality-gates / integration')}\n### ❌ quality-gates: 1 of 31 modules failed`),
    ).toBe(true);
    expect(body).toContain('| ❌ failed | broken |');
    expect(body).toContain('_30 more passed or skipped modules_');
    expect(body).not.toContain('| ok-0 |');
    expect(body).toContain('[run](https://github.com/acme/shop/actions/runs/1)');
  });

  it('stays within a comment and points at the run for the rest', () => {
    const big = report(Array.from({ length: 100 }, (_, i) => failing(`m${i}`, 30)));
    const body = renderPrComment(big, { context: 'ctx', runUrl: 'https://github.com/acme/shop/actions/runs/1' });
    expect(utf8Bytes(body)).toBeLessThanOrEqual(MAX_COMMENT_BYTES);
    expect(body).toContain(
      'the full report is in the job summary and the report file of [the run](https://github.com/acme/shop/actions/runs/1)',
    );
  });

  it('renders the mixed fixture as a comment', async () => {
    const body = renderPrComment(fixtures.mixed(), {
      context: 'quality-gates / integration',
      runUrl: 'https://github.com/acme/shop/actions/runs/1',
    });
    await expect(body).toMatchFileSnapshot('__snapshots__/pr-comment-mixed.md');
  });

  it('keeps a hostile context from closing the marker', () => {
    expect(commentMarker('x --> <script>')).toBe('<!-- quality-gates:report:x -‐&gt; <script&gt; -->');
  });
});
