import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { baseEnv, readReport, scratchDir } from './helpers.js';

const PROJECT = fileURLToPath(new URL('../fixtures/run/prestart-project', import.meta.url));

interface Event {
  event: 'globalSetup' | 'start' | 'end';
  module?: string;
  pid: number;
  bootedAt?: number;
  at: number;
}

describe('early start of the next module', () => {
  test('the next jest process boots while the current module runs, but runs nothing of the project before its turn', async () => {
    const dir = scratchDir();
    const orderLog = join(dir, 'order.jsonl');
    const report = join(dir, 'report.json');
    // --history none: three modules, each alone (a history would pack them).
    const result = await runCli(['run', '--history', 'none', '--report', report], {
      cwd: PROJECT,
      env: baseEnv({ ORDER_LOG: orderLog }),
    });
    expect(result.code).toBe(0);
    // The report says which processes had booted early, none wasted. Without history nothing
    // overlaps the first module (its memory is unknown until it ends): b-mid starts in its turn.
    const schedule = readReport(report).schedule!;
    expect(schedule.items.map((item) => [item.modules.join(','), item.early])).toEqual([
      ['a-big', false],
      ['b-mid', false],
      ['c-small', true],
    ]);
    expect(schedule.earlyStartsDiscarded).toBe(0);
    expect(readReport(report).modules.map((m) => [m.name, m.status])).toEqual([
      ['a-big', 'passed'],
      ['b-mid', 'passed'],
      ['c-small', 'passed'],
    ]);
    const events = readFileSync(orderLog, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Event);
    const find = (event: Event['event'], module: string) => {
      const suiteEvent = events.find((e) => e.event === event && e.module === module);
      if (!suiteEvent) throw new Error(`no ${event} of ${module} in ${JSON.stringify(events)}`);
      return suiteEvent;
    };
    const midEnd = find('end', 'b-mid');
    const smallStart = find('start', 'c-small');
    const smallSetup = events.find((e) => e.event === 'globalSetup' && e.pid === smallStart.pid)!;
    // Strictly serial where the project is concerned: globalSetup and tests after the previous module.
    expect(events.map((e) => (e.event === 'globalSetup' ? `globalSetup:${e.pid}` : `${e.event}:${e.module}`))).toEqual([
      `globalSetup:${find('start', 'a-big').pid}`,
      'start:a-big',
      'end:a-big',
      `globalSetup:${midEnd.pid}`,
      'start:b-mid',
      'end:b-mid',
      `globalSetup:${smallStart.pid}`,
      'start:c-small',
      'end:c-small',
    ]);
    expect(smallSetup.at).toBeGreaterThanOrEqual(midEnd.at);
    // ...yet its process had booted before b-mid finished: it was started early and held.
    expect(smallStart.bootedAt).toBeLessThan(midEnd.at);
  });

  test('--no-prestart starts each process in its turn', async () => {
    const dir = scratchDir();
    const orderLog = join(dir, 'order.jsonl');
    // The same three modules as above, where c-small does start early without the flag.
    const result = await runCli(['run', '--no-prestart', '--history', 'none', '--report', join(dir, 'report.json')], {
      cwd: PROJECT,
      env: baseEnv({ ORDER_LOG: orderLog }),
    });
    expect(result.code).toBe(0);
    const events = readFileSync(orderLog, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Event);
    const midEnd = events.find((e) => e.event === 'end' && e.module === 'b-mid')!;
    const smallStart = events.find((e) => e.event === 'start' && e.module === 'c-small')!;
    expect(smallStart.bootedAt).toBeGreaterThanOrEqual(midEnd.at);
  });
});
