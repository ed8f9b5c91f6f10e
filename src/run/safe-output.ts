import { Writable } from 'node:stream';

/** Streams made by {@link lossTolerant}, with who wants to hear of the loss. */
const wrapped = new WeakMap<Writable, Set<(error: Error) => void>>();

/**
 * A stream that writes to `target` until `target` fails (EPIPE when stdout is a pipe whose
 * reader went away, as in `quality-gates run | head -1`), then drops the output quietly.
 * Losing console output must never stop the run or lose the report: the modules' logs and
 * the report still get everything. `onLoss` hears about the first failure only. Wrapping
 * a wrapped stream returns it, with `onLoss` added.
 */
export function lossTolerant(target: Writable, onLoss?: (error: Error) => void): Writable {
  const known = wrapped.get(target);
  if (known) {
    if (onLoss) known.add(onLoss);
    return target;
  }
  const listeners = new Set<(error: Error) => void>(onLoss ? [onLoss] : []);
  let lost = false;
  const lose = (error: Error) => {
    if (lost) return;
    lost = true;
    for (const listener of listeners) listener(error);
  };
  // Without a listener, an 'error' on process.stdout is an uncaught exception.
  target.on('error', lose);
  const guarded = new Writable({
    write(chunk: Buffer | string, encoding: BufferEncoding, callback: () => void) {
      if (!lost && !target.destroyed && !target.writableEnded) {
        try {
          target.write(chunk, encoding, (error?: Error | null) => {
            if (error) lose(error);
          });
        } catch (error) {
          lose(error as Error);
        }
      }
      // Never wait on the target: a reader that stopped reading must not stall the batch.
      callback();
    },
  });
  wrapped.set(guarded, listeners);
  return guarded;
}
