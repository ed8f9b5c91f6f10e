import { ExitCode, QualityGatesError } from '../errors.js';

/** The error for a wait cut short by an AbortSignal (SIGINT/SIGTERM): exit 130 unless the reason says otherwise. */
export function interruptedError(reason: unknown, what: string): Error {
  if (reason instanceof QualityGatesError) return reason;
  return new QualityGatesError(`interrupted while ${what}`, ExitCode.Interrupted, { cause: reason });
}
