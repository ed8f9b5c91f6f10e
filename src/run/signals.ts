import { StopSignal } from './process-group.js';

/**
 * Runs `work` with SIGINT/SIGTERM turned into a stop of the batch (forwarded to the
 * running process group, partial report written) instead of killing the tool outright.
 * The handlers are removed afterwards, so embedding callers (tests) keep their own.
 */
export async function withTerminationSignals<T>(work: (stop: StopSignal) => Promise<T>): Promise<T> {
  const stop = new StopSignal();
  const onSignal = (signal: NodeJS.Signals) => stop.stop({ kind: 'signal', signal });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(stop);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
