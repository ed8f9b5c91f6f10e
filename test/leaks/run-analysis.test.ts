import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLeakAnalysis } from '../../src/leaks/run-analysis.js';
import type { LeakAnalysis, LeakAnalysisFailure } from '../../src/leaks/types.js';
import { bundleCli, childrenOf } from '../lock/helpers.js';
import { STORES_PER_STEP, writeSnapshots } from './helpers.js';

let cli: string;
let cleanup: () => void;
let leak: string[];
let scratch: string;

beforeAll(() => {
  ({ cli, cleanup } = bundleCli());
  leak = writeSnapshots('leak');
  scratch = mkdtempSync(join(tmpdir(), 'qg-leaks-run-'));
});
afterAll(() => cleanup());

describe('runLeakAnalysis (the bundled CLI in its own Node process)', () => {
  it('resolves to the analysis: LeakyStore first, with the analysing process peak RSS', async () => {
    const result = (await runLeakAnalysis(leak, { cliPath: cli })) as LeakAnalysis;
    expect(result).not.toHaveProperty('error');
    expect(result.comparison).toBe('growth');
    expect(result.suspects[0]?.name).toBe('LeakyStore');
    expect(result.suspects[0]?.countDelta).toBe(2 * STORES_PER_STEP);
    expect(result.snapshots.map((snapshot) => snapshot.path)).toEqual(leak);
    expect(result.peakRssMB).toBeGreaterThan(20);
  });

  it('resolves to { error } naming the file when a snapshot is bad, instead of rejecting', async () => {
    const missing = join(scratch, 'gone.heapsnapshot');
    const result = (await runLeakAnalysis([leak[0], missing], { cliPath: cli })) as LeakAnalysisFailure;
    expect(result.error).toContain(`${missing}: not found`);
  });

  it('resolves to { error } when the analysis runs out of its heap limit', async () => {
    const result = (await runLeakAnalysis(leak, { cliPath: cli, maxOldSpaceMB: 4 })) as LeakAnalysisFailure;
    expect(result.error).toMatch(/ran out of memory \(heap limit 4 MB, 3 snapshots/);
  });

  it('kills an analysis that outlives its timeout, waits for it, and resolves to { error }', async () => {
    // A named pipe that gets the start of a snapshot and then nothing: the analysis blocks
    // reading it, as on a stalled disk, until the timeout kills it.
    const pipe = join(scratch, 'stalled.heapsnapshot');
    execFileSync('mkfifo', [pipe]);
    const before = childrenOf(process.pid, 'node');
    const running = runLeakAnalysis([pipe], { cliPath: cli, timeoutMs: 3000 });
    const writer = await open(pipe, 'w'); // resolves once the analysis has opened the pipe
    await writer.write(readFileSync(leak[0]).subarray(0, 64 * 1024));
    const result = (await running) as LeakAnalysisFailure;
    await writer.close().catch(() => undefined);
    expect(result.error).toMatch(/^heap snapshot analysis timed out after 3\.0 s \(1 snapshot, 0 MB\) and was killed$/);
    expect(childrenOf(process.pid, 'node')).toEqual(before);
  });

  it('an abort kills the analysis at once, waits for it, and resolves to { error }', async () => {
    const pipe = join(scratch, 'stalled-abort.heapsnapshot');
    execFileSync('mkfifo', [pipe]);
    const before = childrenOf(process.pid, 'node');
    const abort = new AbortController();
    const started = Date.now();
    const running = runLeakAnalysis([pipe], { cliPath: cli, timeoutMs: 60_000, signal: abort.signal });
    const writer = await open(pipe, 'w');
    await writer.write(readFileSync(leak[0]).subarray(0, 64 * 1024));
    abort.abort();
    const result = (await running) as LeakAnalysisFailure;
    await writer.close().catch(() => undefined);
    expect(result.error).toBe('heap snapshot analysis stopped: the run was stopped, and it was killed');
    // Long before its 60 s timeout.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(childrenOf(process.pid, 'node')).toEqual(before);
    const late = await runLeakAnalysis(leak, { cliPath: cli, signal: abort.signal });
    expect(late).toEqual({ error: 'heap snapshot analysis not started: the run was stopped' });
  });

  it('resolves to { error } when there is nothing to analyse or the CLI is missing', async () => {
    expect(await runLeakAnalysis([], { cliPath: cli })).toEqual({ error: 'no heap snapshots to analyse' });
    const result = (await runLeakAnalysis(leak, { cliPath: join(scratch, 'no-cli.js') })) as LeakAnalysisFailure;
    expect(result.error).toMatch(/^heap snapshot analysis exited with 1: Error: Cannot find module '.*no-cli\.js'/);
  });
});
