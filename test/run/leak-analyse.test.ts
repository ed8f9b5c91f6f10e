import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLeakAnalysis } from '../../src/leaks/run-analysis.js';
import { StopSignal } from '../../src/process/stop-signal.js';
import { ModuleResultSchema, type ModuleLeak } from '../../src/report/schema.js';
import { analyseModuleLeaks } from '../../src/run/snapshots/analyse.js';
import { module } from '../fixtures/report/builder.js';
import { scratchDir } from './helpers.js';

function flaggedWith(snapshots: string[]): ModuleLeak {
  return { flagged: true, across: 'files', growthMB: 30, steps: 3, perStepMB: 10, snapshots, suspects: [] };
}

describe('the leak verdict after the run', () => {
  it('a failed analysis keeps everything captured and says why (the report stays valid)', async () => {
    const broken = join(scratchDir(), 'heap-1-1.heapsnapshot');
    writeFileSync(broken, '{"snapshot": {"meta": ');
    const lines: string[] = [];
    const [result] = await analyseModuleLeaks([module('billing', { leak: flaggedWith([broken]) })], {
      analyse: runLeakAnalysis,
      say: (line) => lines.push(line),
      stopSignal: new StopSignal(),
    });
    expect(result.leak).toMatchObject({ flagged: true, growthMB: 30, snapshots: [broken], suspects: [] });
    expect(result.leak!.error).toEqual(expect.any(String));
    expect(ModuleResultSchema.parse(result)).toEqual(result);
    expect(lines[0]).toBe('leaks: billing: analysing 1 heap snapshot…');
    expect(lines[1]).toMatch(/^leaks: billing: the analysis failed: /);
  });

  it('modules without snapshots are not analysed; after a stop nothing is', async () => {
    const quiet = module('orders', { leak: { flagged: false, growthMB: null, snapshots: [], suspects: [] } });
    const off = module('users');
    const stopped = new StopSignal();
    stopped.stop({ kind: 'signal', signal: 'SIGINT' });
    const lines: string[] = [];
    const results = await analyseModuleLeaks(
      [quiet, off, module('billing', { leak: flaggedWith(['/x.heapsnapshot']) })],
      {
        analyse: runLeakAnalysis,
        say: (line) => lines.push(line),
        stopSignal: stopped,
      },
    );
    expect(results[0]).toBe(quiet);
    expect(results[1]).toBe(off);
    expect(results[2].leak).toMatchObject({
      snapshots: ['/x.heapsnapshot'],
      error: 'not analysed: interrupted by SIGINT',
    });
    expect(lines).toEqual([]);
  });
});
