import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { ModuleResult } from '../../../src/report/schema.js';
import type { ModuleTask } from '../../../src/run/task.js';
import { StopSignal } from '../../../src/process/process-group.js';
import { runnerAdapter } from '../../../src/run/runners/index.js';
import { itemLauncher as moduleLauncher } from '../../../src/run/launcher/item-launcher.js';
import { Scheduler } from '../../../src/run/schedule/scheduler.js';
import { planWorkItems } from '../../../src/run/schedule/work-items.js';
import { baseEnv } from '../helpers.js';

const PROJECT = fileURLToPath(new URL('./fixtures/slot-project', import.meta.url));

describe('moduleLauncher: the scheduler over real jest processes', () => {
  test('two slots run the modules in their own processes with QUALITY_GATES_SLOT 1 and 2, results per module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qg-schedule-test-'));
    const slotLog = join(dir, 'slots.jsonl');
    writeFileSync(slotLog, '');
    const names = ['alpha', 'beta', 'gamma'];
    const tasks = new Map<string, ModuleTask>(
      names.map((name) => [name, { name, paths: [`modules/${name}`], kind: 'module' }]),
    );
    const output = new Map<string, string>();
    let starts = 0;
    const launcher = moduleLauncher({
      tasks,
      contextFor: (item) => {
        const stdout = new PassThrough();
        stdout.on('data', (chunk: Buffer) => output.set(item.id, (output.get(item.id) ?? '') + chunk.toString()));
        return {
          cwd: PROJECT,
          env: baseEnv({ SLOT_LOG: slotLog }),
          configEnv: {},
          adapter: runnerAdapter('jest'),
          extraArgs: [],
          allowEmpty: false,
          workDir: mkdtempSync(join(dir, `work-${++starts}-`)),
          logPath: join(dir, `${item.id}-${starts}.log`),
          stdout,
          stderr: stdout,
          stopSignal: new StopSignal(),
        };
      },
    });
    const plan = planWorkItems(
      names.map((name) => ({ name, suiteCount: 1 })),
      new Map(),
      { pack: true, slots: 2 },
    );
    const started: string[] = [];
    const scheduler = new Scheduler<ModuleResult>({
      items: plan.items,
      launcher,
      slots: 2,
      memoryBudgetMB: 100_000,
      unknownRssMB: 1000,
      earlyStart: true,
      events: { itemStarted: ({ item, slot }) => started.push(`${item.modules[0]}@${slot}`) },
    });
    const result = await scheduler.run();

    const status = (name: string) => {
      const outcome = result.modules.get(name)!;
      return outcome.kind === 'ran' ? outcome.result.status : outcome.kind;
    };
    expect(names.map(status)).toEqual(['passed', 'passed', 'failed']);
    const ran = readFileSync(slotLog, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { module: string; slot: string; pid: number });
    expect(ran.map((entry) => `${entry.module}@${entry.slot}`).sort()).toEqual([...started].sort());
    expect(started.slice(0, 2)).toEqual(['alpha@1', 'beta@2']);
    expect(new Set(ran.map((entry) => entry.pid)).size).toBe(3);
    const gamma = result.modules.get('gamma')!;
    expect(gamma.kind === 'ran' && gamma.result.tests).toMatchObject({ total: 1, failed: 1 });
    expect(output.get(plan.items.find((item) => item.modules[0] === 'gamma')!.id)).toContain(
      'FAIL modules/gamma/gamma.test.js',
    );
  });
});
