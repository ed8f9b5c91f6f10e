import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { startProcessGroup } from '../../src/process/process-group.js';
import { canRestorePriority, HELD_NICE } from '../../src/process/priority.js';
import { readStat } from '../../scripts/lib/processes.mjs';
import { eventually, scratchDir } from '../run/helpers.js';

/** Nice value of every thread of `pid`, from /proc/<pid>/task/<tid>/stat (field 19). */
function threadNices(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => Number(readStat(`/proc/${pid}/task/${tid}/stat`).fields[16]));
}

// A held process: boots (Node starts its threads), says so, waits for the gate file, then
// reports the nice value it runs its work at.
const HELD = `
const fs = require('node:fs');
const [ready, gate, out] = process.argv.slice(1);
fs.writeFileSync(ready, '');
const wait = () => (fs.existsSync(gate) ? fs.writeFileSync(out, String(require('node:os').getPriority())) : setTimeout(wait, 10));
wait();
`;

describe('held processes boot at low CPU priority', () => {
  test('a low-priority process and all its threads start at nice 19 and get our priority back at release', async () => {
    const dir = scratchDir();
    const [ready, gate, out] = ['ready', 'gate', 'out'].map((name) => join(dir, name));
    const own = getPriority();
    const group = startProcessGroup({
      command: [process.execPath, '-e', HELD, ready, gate, out],
      cwd: dir,
      env: process.env,
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      lowPriority: true,
    });
    try {
      expect(await eventually(() => existsSync(ready))).toBe(true);
      const pid = group.pid!;
      // Where the priority cannot be given back, it is not lowered at all.
      const held = canRestorePriority() ? HELD_NICE : own;
      expect(new Set(threadNices(pid))).toEqual(new Set([held]));
      expect(getPriority()).toBe(own); // the spawning thread is back to its own priority
      group.release();
      expect(new Set(threadNices(pid))).toEqual(new Set([own]));
      writeFileSync(gate, '');
      const ended = await group.result;
      expect(ended.exitCode).toBe(0);
      expect(Number(readFileSync(out, 'utf8'))).toBe(own);
    } finally {
      group.discard();
    }
  });

  test('without lowPriority a process keeps our priority', async () => {
    const dir = scratchDir();
    const [ready, gate, out] = ['ready', 'gate', 'out'].map((name) => join(dir, name));
    writeFileSync(gate, '');
    const group = startProcessGroup({
      command: [process.execPath, '-e', HELD, ready, gate, out],
      cwd: dir,
      env: process.env,
      stdout: new PassThrough(),
      stderr: new PassThrough(),
    });
    group.release();
    expect((await group.result).exitCode).toBe(0);
    expect(Number(readFileSync(out, 'utf8'))).toBe(getPriority());
  });

  test('canRestorePriority says whether a lowered priority can really be raised again', () => {
    // Ask the kernel, not /proc: a process of ours lowers its priority, then tries to undo it.
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        `const os = require('node:os'); const own = os.getPriority(); os.setPriority(Math.min(19, own + 5)); try { os.setPriority(own); process.stdout.write('yes'); } catch { process.stdout.write('no'); }`,
      ],
      { encoding: 'utf8' },
    );
    expect(probe.stdout).toMatch(/^(yes|no)$/);
    expect(canRestorePriority()).toBe(probe.stdout === 'yes');
  });
});
