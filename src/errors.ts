/**
 * Exit codes scripts can rely on. Documented in README.md ("Exit codes").
 */
export const ExitCode = {
  /** Everything that ran passed (or the plan said there was nothing to run). */
  Ok: 0,
  /** A test failed, a module crashed or timed out, or the lock was lost. */
  Failed: 1,
  /** Bad usage: unknown flag, bad config file, bad input. */
  Usage: 2,
  /**
   * The lock's server cannot be used: connection refused, host unknown, no answer within
   * the connect timeout, or the connection failed while waiting (EX_UNAVAILABLE).
   */
  LockUnavailable: 69,
  /** An unexpected internal error (a bug in quality-gates, or the environment). */
  Internal: 70,
  /** The lock could not be taken within the timeout (EX_TEMPFAIL). */
  LockTimeout: 75,
  /** Interrupted by SIGINT, SIGTERM or SIGHUP (128 + SIGINT). */
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Base class of every error quality-gates throws on purpose; carries its exit code. */
export class QualityGatesError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad command-line usage or action input. Exit code 2. */
export class UsageError extends QualityGatesError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.Usage, options);
  }
}

/** A config file that cannot be read, parsed or validated. Exit code 2. */
export class ConfigError extends QualityGatesError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.Usage, options);
  }
}

/** The lock could not be acquired in time. Exit code 75. */
export class LockTimeoutError extends QualityGatesError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.LockTimeout, options);
  }
}

/** The lock's server (postgres backend) cannot be reached or stopped answering. Exit code 69. */
export class LockUnavailableError extends QualityGatesError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.LockUnavailable, options);
  }
}

/** The lock was lost while the protected work ran. Exit code 1. */
export class LockLostError extends QualityGatesError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.Failed, options);
  }
}

/** Maps any thrown value to the exit code the CLI should use. */
export function exitCodeOf(error: unknown): ExitCode {
  return error instanceof QualityGatesError ? error.exitCode : ExitCode.Internal;
}
