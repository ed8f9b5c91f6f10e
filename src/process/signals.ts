import { constants } from 'node:os';
import { ExitCode, QualityGatesError } from '../errors.js';
import { killGroup } from './kill.js';
import { StopSignal } from './stop-signal.js';

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

/**
 * A termination signal to the tool for `quality-gates lock`: while waiting, abort the wait
 * (exit 128+n); while the command runs, forward the signal to its process group and let its
 * exit status decide. The lock is released by the caller's `finally` either way.
 */
export class SignalRelay {
  private readonly controller = new AbortController();
  private target: number | undefined;
  private readonly handlers = new Map<NodeJS.Signals, () => void>();

  constructor() {
    for (const signal of TERMINATION_SIGNALS) {
      const handler = () => {
        if (this.target !== undefined) killGroup(this.target, signal);
        else
          this.controller.abort(
            new QualityGatesError(`interrupted by ${signal} while waiting for the lock`, signalExitCode(signal)),
          );
      };
      this.handlers.set(signal, handler);
      process.on(signal, handler);
    }
  }

  /** Aborted when a signal arrives before a process group is being forwarded to. */
  get abortSignal(): AbortSignal {
    return this.controller.signal;
  }

  /** From now on signals go to this process group. */
  forwardTo(pid: number | undefined): void {
    this.target = pid;
  }

  /** Removes the handlers (the tool's own default behaviour comes back). */
  dispose(): void {
    for (const [signal, handler] of this.handlers) process.off(signal, handler);
  }
}

/** 128+n, the shell convention for a death by signal n (n is 0 for a name this platform lacks). */
export function signalExitCode(signal: NodeJS.Signals): ExitCode {
  // ExitCode has a name only for SIGINT; 128+n is the shell convention for the others.
  return (128 + ((constants.signals as Partial<Record<NodeJS.Signals, number>>)[signal] ?? 0)) as ExitCode;
}
