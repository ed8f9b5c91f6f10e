import { StopSignal } from './process-group.js';

/**
 * The signals that stop quality-gates the orderly way: forwarded to the running process
 * group, and the work ends with what it has (a partial report for `run`, the lock released
 * for `lock`). SIGHUP is here because a closed terminal or SSH session sends it, and a CI
 * runner may too: it must not kill the tool before it reports. One list for `run` and `lock`.
 */
export const TERMINATION_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const satisfies readonly NodeJS.Signals[];

/**
 * Runs `work` with the {@link TERMINATION_SIGNALS} turned into a stop of the batch
 * (forwarded to the running process group, partial report written) instead of killing the
 * tool outright. The handlers are removed afterwards, so embedding callers (tests) keep their own.
 */
export async function withTerminationSignals<T>(work: (stop: StopSignal) => Promise<T>): Promise<T> {
  const stop = new StopSignal();
  const onSignal = (signal: NodeJS.Signals) => stop.stop({ kind: 'signal', signal });
  for (const signal of TERMINATION_SIGNALS) process.on(signal, onSignal);
  try {
    return await work(stop);
  } finally {
    for (const signal of TERMINATION_SIGNALS) process.off(signal, onSignal);
  }
}
