import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);

// src/errors.ts
var ExitCode = {
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
  Interrupted: 130
};
var QualityGatesError = class extends Error {
  exitCode;
  constructor(message, exitCode, options) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
};
var UsageError = class extends QualityGatesError {
  constructor(message, options) {
    super(message, ExitCode.Usage, options);
  }
};
var ConfigError = class extends QualityGatesError {
  constructor(message, options) {
    super(message, ExitCode.Usage, options);
  }
};
var LockTimeoutError = class extends QualityGatesError {
  constructor(message, options) {
    super(message, ExitCode.LockTimeout, options);
  }
};
var LockUnavailableError = class extends QualityGatesError {
  constructor(message, options) {
    super(message, ExitCode.LockUnavailable, options);
  }
};
var LockLostError = class extends QualityGatesError {
  constructor(message, options) {
    super(message, ExitCode.Failed, options);
  }
};
function exitCodeOf(error) {
  return error instanceof QualityGatesError ? error.exitCode : ExitCode.Internal;
}

export {
  ExitCode,
  QualityGatesError,
  UsageError,
  ConfigError,
  LockTimeoutError,
  LockUnavailableError,
  LockLostError,
  exitCodeOf
};
