import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { baseEnv, moduleNamed, readReport, scratchDir } from './helpers.js';

const LEAK_PROJECT = fileURLToPath(new URL('../fixtures/run/leak-project', import.meta.url));

test('a module that dies of OOM in one allocation burst reports the limit it reached as its peak heap', async () => {
  const report = join(scratchDir(), 'report.json');
  const result = await runCli(['run', '--all', '--config', 'configs/oom.yml', '--report', report], {
    cwd: LEAK_PROJECT,
    env: baseEnv({ NODE_OPTIONS: '--max-old-space-size=128' }),
  });
  expect(result.code).toBe(1);
  const spike = moduleNamed(readReport(report), 'spike');
  expect(spike.reason).toMatch(/^out of memory: heap limit \d+ MB reached in oom\/spike\/burst\.test\.js$/);
  // The probe's last sample came before the burst (the fixture never yields): without the
  // rule the peak read ~12 MB against a ~176 MB limit.
  expect(spike.heapLimitMB).toBeGreaterThan(100);
  expect(spike.peakHeapMB).toBe(spike.heapLimitMB);
});
