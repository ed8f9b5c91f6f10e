import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  SignalRelay,
  createMutex,
  guardProcessGroup,
  killGroup,
  lockTimeoutMs,
  signalExitCode
} from "./chunk-VJ4NMVJ2.js";
import {
  parseCommandArgs
} from "./chunk-QWNBACTB.js";
import "./chunk-2U5EFZKQ.js";
import {
  loadConfig
} from "./chunk-LZFESEJ6.js";
import "./chunk-J7EPJJHD.js";
import {
  LockSchema
} from "./chunk-6WDK2BYD.js";
import {
  formatDuration,
  parseDuration
} from "./chunk-ZC2IFY74.js";
import "./chunk-USA5LE2H.js";
import {
  ExitCode,
  LockLostError,
  UsageError
} from "./chunk-LPOMALK6.js";
import "./chunk-OMX5YOFN.js";

// src/cli/commands/lock.ts
import { spawn } from "node:child_process";
var HELP = `Usage: quality-gates lock [options] -- CMD [ARGS\u2026]

Runs CMD (no shell) while holding the shared-container lock, and exits with CMD's status.
Defaults come from the lock: section of the config file.

Options:
  --name NAME               lock name (default: lock.name, else "test-containers")
  --path FILE               flock: explicit lock file (instead of DIR/NAME.lock)
  --dir DIR                 flock: lock directory (default: /tmp/quality-gates)
  --backend flock|postgres  flock: one host (default); postgres: many hosts, one server
  --timeout DURATION        how long to wait, e.g. 90s, 30m (default: 30m)
  --url URL                 postgres: connection URL (default: lock.url, else $QUALITY_GATES_LOCK_URL)
  --config FILE             config file (default: quality-gates.config.yml)
  -h, --help                show this help

Exit codes: CMD's status (128+n when killed by signal n), 75 lock timeout,
69 postgres lock server unreachable, 1 lock lost (CMD is stopped), 2 usage or
config error, 127 CMD not found.`;
var STOP_GRACE_MS = 1e4;
var lockCommand = async (argv, context) => {
  const { values, rest, hadDashDash } = parseCommandArgs("lock", argv, {
    name: { type: "string" },
    path: { type: "string" },
    dir: { type: "string" },
    backend: { type: "string" },
    timeout: { type: "string" },
    url: { type: "string" },
    config: { type: "string" },
    help: { type: "boolean", short: "h" }
  });
  if (values.help) {
    context.stdout.write(HELP + "\n");
    return ExitCode.Ok;
  }
  if (!hadDashDash || rest.length === 0) {
    throw new UsageError("give the command to run after '--', e.g. quality-gates lock -- docker compose up -d");
  }
  if (values.name !== void 0 && values.path !== void 0) {
    throw new UsageError("--name and --path are alternatives: name the lock (file DIR/NAME.lock), or give its file");
  }
  if (values.backend !== void 0 && values.backend !== "flock" && values.backend !== "postgres") {
    throw new UsageError(`--backend ${JSON.stringify(values.backend)}: use flock or postgres`);
  }
  const config = resolveLockConfig(context.cwd, values);
  if (config.backend === "postgres" && (values.path !== void 0 || values.dir !== void 0)) {
    throw new UsageError(
      `${values.path !== void 0 ? "--path" : "--dir"} applies to the flock backend, but the backend is postgres \u2014 drop it, or pass --backend flock`
    );
  }
  if (config.backend === "flock" && values.url !== void 0) {
    throw new UsageError(
      "--url applies to the postgres backend, but the backend is flock \u2014 add --backend postgres (or set lock.backend: postgres)"
    );
  }
  const timeoutMs = values.timeout !== void 0 ? parseDuration(values.timeout, "--timeout") : lockTimeoutMs(config);
  const log = (line) => context.stderr.write(`quality-gates lock: ${line}
`);
  const mutex = createMutex(config, { cwd: context.cwd, env: context.env, log });
  const signals = new SignalRelay();
  try {
    const handle = await mutex.acquire({ timeoutMs, onWaiting: log, signal: signals.abortSignal });
    log(`holding ${mutex.description} (waited ${formatDuration(handle.waitMs)})`);
    try {
      if (signals.abortSignal.aborted) throw signals.abortSignal.reason;
      return await runHoldingLock(rest, context, handle, signals);
    } finally {
      const heldMs = await handle.release();
      log(`released ${mutex.description} (held ${formatDuration(heldMs)})`);
    }
  } finally {
    signals.dispose();
  }
};
function resolveLockConfig(cwd, values) {
  const fromFile = loadConfig(cwd, values.config).config.lock ?? LockSchema.parse({});
  const config = { ...fromFile };
  if (values.name !== void 0) {
    config.name = values.name;
    config.path = void 0;
  }
  if (values.path !== void 0) config.path = values.path;
  if (values.dir !== void 0) config.dir = values.dir;
  if (values.backend !== void 0) config.backend = values.backend;
  if (values.timeout !== void 0) config.timeout = values.timeout;
  if (values.url !== void 0) config.url = values.url;
  return config;
}
async function runHoldingLock(command, context, handle, signals) {
  const [program, ...args] = command;
  const child = spawn(program, args, { cwd: context.cwd, env: context.env, stdio: "inherit", detached: true });
  const exited = new Promise((resolve, reject) => {
    child.once("error", (error) => reject(error));
    child.once("exit", (code, signal) => resolve(code ?? (signal ? signalExitCode(signal) : 128)));
  });
  let spawnError;
  const status = exited.catch((error) => {
    spawnError = error;
    return -1;
  });
  signals.forwardTo(child.pid);
  const guard = child.pid !== void 0 ? guardProcessGroup(child.pid, STOP_GRACE_MS) : void 0;
  const outcome = await Promise.race([
    status.then((code) => ({ code })),
    handle.lost.catch((error) => ({ lost: error }))
  ]);
  if ("lost" in outcome) {
    await stopGroup(child.pid, status);
    guard?.disarm();
    const reason = outcome.lost instanceof Error ? outcome.lost.message : `lock lost: ${String(outcome.lost)}`;
    throw new LockLostError(`${reason}; stopped ${JSON.stringify(program)} (process group ${child.pid})`, {
      cause: outcome.lost
    });
  }
  guard?.disarm();
  if (spawnError) {
    const hint = spawnError.code === "ENOENT" ? " \u2014 check the program name and PATH" : "";
    context.stderr.write(`quality-gates lock: cannot run ${JSON.stringify(program)}: ${spawnError.message}${hint}
`);
    return spawnError.code === "ENOENT" ? 127 : 126;
  }
  return outcome.code;
}
async function stopGroup(pid, exited) {
  if (pid === void 0) return;
  killGroup(pid, "SIGTERM");
  const killTimer = setTimeout(() => killGroup(pid, "SIGKILL"), STOP_GRACE_MS);
  await exited;
  clearTimeout(killTimer);
  killGroup(pid, "SIGKILL");
}
export {
  lockCommand
};
