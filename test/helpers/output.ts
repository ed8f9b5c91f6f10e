import { onTestFailed } from 'vitest';

/** What an in-process call wrote to process.stdout and process.stderr, and how it ended. */
export interface CapturedOutput<T> {
  value?: T;
  error?: unknown;
  /** stdout and stderr interleaved, as a terminal would have shown them. */
  output: string;
}

type Write = typeof process.stdout.write;

/**
 * Runs `run` with process.stdout and process.stderr captured instead of printed: for code
 * that writes there itself (the action's commands: @actions/core, and the batch's output in
 * CI). A nested fixture run's jest output, `::error` annotations and lock messages then stay
 * in the test's own capture, and are printed only when the test fails, for the diagnosis.
 */
export async function captureProcessOutput<T>(run: () => Promise<T>): Promise<CapturedOutput<T>> {
  let output = '';
  const capture = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    // write(chunk, callback) and write(chunk, encoding, callback): the callback says "flushed".
    const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
    if (callback) process.nextTick(callback);
    return true;
  }) as Write;
  // Saved to be put back as they were; never called detached from their stream.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originals = { stdout: process.stdout.write, stderr: process.stderr.write };
  process.stdout.write = capture;
  process.stderr.write = capture;
  onTestFailed(() => {
    originals.stderr.call(process.stderr, `--- output of the in-process run ---\n${output}--- end of output ---\n`);
  });
  try {
    return { value: await run(), output };
  } catch (error) {
    return { error, output };
  } finally {
    process.stdout.write = originals.stdout;
    process.stderr.write = originals.stderr;
  }
}
