import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { guardProcessGroup } from '../../src/process/guard.js';
import { isAlive, killQuietly, waitFor } from '../lock/helpers.js';

function sleeperGroup(): number {
  const child = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
  child.unref();
  return child.pid!;
}

describe('process group guard', () => {
  it('leaves the group alone once disarmed, and exits', async () => {
    const group = sleeperGroup();
    try {
      const guard = guardProcessGroup(group, 1000);
      await waitFor(() => isAlive(guard.pid!), 'the guard to start');
      guard.disarm();
      await waitFor(() => !isAlive(guard.pid!), 'the disarmed guard to exit');
      expect(isAlive(group)).toBe(true);
    } finally {
      killQuietly(-group);
    }
  });

  // Its other half, stopping the group when the owner dies, runs against the real CLI in
  // cli-flock.test.ts ("…SIGKILLed, and stops its command").

  it('refuses to guard something that is not a process group id', () => {
    for (const pgid of [0, 1, -5, 1.5]) expect(() => guardProcessGroup(pgid)).toThrow(RangeError);
  });
});
