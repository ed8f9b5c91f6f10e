import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { baseEnv, moduleNamed, readReport, scratchDir, VITEST_PROJECT } from './helpers.js';

const LEAK_PROJECT = fileURLToPath(new URL('../fixtures/run/leak-project', import.meta.url));

describe.runIf(process.platform === 'linux')('peak RSS of the whole process tree (peakTreeRssMB)', () => {
  test('vitest: main process, pool worker and esbuild together weigh more than the test process alone', async () => {
    const report = join(scratchDir(), 'report.json');
    const result = await runCli(['run', '--module', 'pass', '--report', report], {
      cwd: VITEST_PROJECT,
      env: baseEnv(),
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const pass = moduleNamed(readReport(report), 'pass');
    expect(pass.peakRssMB).toBeGreaterThan(0);
    // vitest's main process alone is tens of MB resident beside its worker.
    expect(pass.peakTreeRssMB).toBeGreaterThan(pass.peakRssMB! + 30);
  });

  test('jest: a process the tests spawn (without the probe) counts in the tree, not in peakRssMB', async () => {
    const report = join(scratchDir(), 'report.json');
    const result = await runCli(['run', '--all', '--config', 'configs/tree.yml', '--report', report], {
      cwd: LEAK_PROJECT,
      env: baseEnv(),
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const spawns = moduleNamed(readReport(report), 'spawns');
    expect(spawns.peakRssMB).toBeLessThan(200);
    // The helper holds 120 MB for 1.5 s; the tree is sampled every 250 ms.
    expect(spawns.peakTreeRssMB).toBeGreaterThanOrEqual(spawns.peakRssMB! + 100);
  });
});
