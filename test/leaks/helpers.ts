import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURE = fileURLToPath(new URL('./fixtures/snapshots.cjs', import.meta.url));

/** LeakyStore instances parked per step: ~0.9 MB of heap a step, snapshots of 5–9 MB. */
export const STORES_PER_STEP = 600;

/**
 * Runs a real Node process that writes three heap snapshots (v8.writeHeapSnapshot) into a
 * new temp folder: `leak` parks STORES_PER_STEP LeakyStore instances on util.__parked per
 * step, `churn` allocates as much per step and drops it. Returns the paths in time order.
 */
export function writeSnapshots(mode: 'leak' | 'churn'): string[] {
  const dir = mkdtempSync(join(tmpdir(), `qg-leaks-${mode}-`));
  const out = execFileSync(process.execPath, [FIXTURE, mode, dir, String(STORES_PER_STEP)], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
  });
  return out.trim().split('\n');
}
