import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { itemWindow, serverRssMB } from '../../../src/run/launcher/server-window.js';
import { scratchDir } from '../helpers.js';

/** A slot's probe folder: the server (all along), the worker of the item before (gone) and this item's. */
function probeDir(): string {
  const dir = join(scratchDir(), 'probe');
  mkdirSync(dir);
  const MB = 1 << 20;
  writeFileSync(join(dir, 'timeline-100.csv'), '1000,30,90,400\n3000,32,92,420\n5000,33,93,380\n');
  writeFileSync(join(dir, 'timeline-200.csv'), '1100,10,50\n1900,150,220,x\n');
  writeFileSync(join(dir, 'timeline-300.csv'), '1950,8,45\n2600,60,120\n3900,61,121,x\n');
  for (const [pid, rss] of [
    [100, 93],
    [200, 220],
    [300, 121],
  ])
    writeFileSync(
      join(dir, `probe-${String(pid)}.json`),
      JSON.stringify({
        pid,
        heapLimit: 4096 * MB,
        peakHeap: 150 * MB,
        peakRss: rss * MB,
        lastHeap: 0,
        rss: rss * MB,
        treeRss: 380 * MB,
      }),
    );
  return dir;
}

describe('itemWindow: one item of a long-lived vitest, from the slot probe folder', () => {
  test('the processes that lived during the item, not the worker of the item before', () => {
    const window = itemWindow(probeDir(), 2000, 4000);
    // The server and this item's worker; the worker that exited at 1900 ms is left out.
    expect(window.timelines).toHaveLength(2);
    expect(window.memory).toEqual({
      peakHeapMB: 61,
      heapLimitMB: 4096,
      peakRssMB: 121,
      peakTreeRssMB: 420,
      nearHeapLimit: false,
    });
  });

  test('the item before sees its own worker', () => {
    expect(itemWindow(probeDir(), 1000, 1900).memory.peakHeapMB).toBe(150);
  });

  test('the server now: its tree RSS, from its own probe file', () => {
    const dir = probeDir();
    expect(serverRssMB(dir, 100)).toBe(380);
    expect(serverRssMB(dir, 999)).toBeNull();
    expect(serverRssMB(dir, undefined)).toBeNull();
  });
});
