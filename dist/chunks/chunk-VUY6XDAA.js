import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// src/errors.ts
var ExitCode = {
  /** Everything that ran passed (or the plan said there was nothing to run). */
  Ok: 0,
  /** A test failed, a module crashed or timed out, or the lock was lost. */
  Failed: 1,
  /** Bad usage: unknown flag, bad config file, bad input. */
  Usage: 2,
  /** An unexpected internal error (a bug in quality-gates, or the environment). */
  Internal: 70,
  /** The lock could not be taken within the timeout (EX_TEMPFAIL). */
  LockTimeout: 75,
  /** Interrupted by SIGINT/SIGTERM (128 + SIGINT). */
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
var LockLostError = class extends QualityGatesError {
  constructor(message, options) {
    super(message, ExitCode.Failed, options);
  }
};
function exitCodeOf(error) {
  return error instanceof QualityGatesError ? error.exitCode : ExitCode.Internal;
}

export {
  __require,
  __commonJS,
  __export,
  __toESM,
  ExitCode,
  QualityGatesError,
  UsageError,
  ConfigError,
  LockTimeoutError,
  LockLostError,
  exitCodeOf
};
