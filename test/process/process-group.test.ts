import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startProcessGroup, StopSignal } from '../../src/process/process-group.js';

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('process group lifecycle', () => {
  it('holds the output of a held process until release, even after it exited', async () => {
    const out = sink();
    const group = startProcessGroup({
      command: ['node', '-e', 'console.log("hello")'],
      cwd: process.cwd(),
      env: process.env,
      stdout: out.stream,
      stderr: out.stream,
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(group.exited).toBe(true);
    expect(out.text()).toBe('');
    group.release();
    const result = await group.result;
    expect(result.exitCode).toBe(0);
    expect(out.text()).toBe('hello\n');
  });

  it('starts the timeout clock at release, not at the start', async () => {
    const out = sink();
    const group = startProcessGroup({
      command: ['node', '-e', 'setTimeout(() => {}, 30000)'],
      cwd: process.cwd(),
      env: process.env,
      stdout: out.stream,
      stderr: out.stream,
      timeoutMs: 200,
      killGraceMs: 200,
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(group.exited).toBe(false);
    group.release();
    const result = await group.result;
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGTERM');
  });

  it('forwards a stop only once released, and reports its reason', async () => {
    const out = sink();
    const stop = new StopSignal();
    const group = startProcessGroup({
      command: ['node', '-e', 'setTimeout(() => {}, 30000)'],
      cwd: process.cwd(),
      env: process.env,
      stdout: out.stream,
      stderr: out.stream,
      stopSignal: stop,
    });
    group.release();
    stop.stop({ kind: 'signal', signal: 'SIGINT' });
    const result = await group.result;
    expect(result.signal).toBe('SIGINT');
    expect(result.stoppedBy).toEqual({ kind: 'signal', signal: 'SIGINT' });
  });

  it('settles with the spawn error when the program does not exist', async () => {
    const out = sink();
    const group = startProcessGroup({
      command: ['/nonexistent/program'],
      cwd: process.cwd(),
      env: process.env,
      stdout: out.stream,
      stderr: out.stream,
    });
    group.release();
    const result = await group.result;
    expect(result.spawnError).toBeInstanceOf(Error);
    expect(group.exited).toBe(true);
  });

  it('discard kills a held process', async () => {
    const out = sink();
    const group = startProcessGroup({
      command: ['node', '-e', 'setTimeout(() => {}, 30000)'],
      cwd: process.cwd(),
      env: process.env,
      stdout: out.stream,
      stderr: out.stream,
    });
    group.discard();
    const result = await group.result;
    expect(result.signal).toBe('SIGKILL');
  });
});
