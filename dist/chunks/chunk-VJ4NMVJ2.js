import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  runUrl
} from "./chunk-2U5EFZKQ.js";
import {
  lockFilePath,
  validateLockName
} from "./chunk-6WDK2BYD.js";
import {
  formatDuration,
  parseDuration
} from "./chunk-ZC2IFY74.js";
import {
  ConfigError,
  ExitCode,
  LockLostError,
  LockTimeoutError,
  LockUnavailableError,
  QualityGatesError,
  UsageError
} from "./chunk-LPOMALK6.js";

// src/process/guard.ts
import { spawn } from "node:child_process";
var GUARD_SCRIPT = [
  "IFS= read -r line",
  '[ "$line" = disarm ] && exit 0',
  'kill -TERM -"$0" 2>/dev/null || exit 0',
  "i=0",
  'while [ "$i" -lt "$1" ] && kill -0 -"$0" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done',
  'kill -0 -"$0" 2>/dev/null && kill -KILL -"$0" 2>/dev/null',
  "exit 0"
].join("\n");
function guardProcessGroup(pgid, graceMs = 1e4) {
  if (!Number.isInteger(pgid) || pgid <= 1) throw new RangeError(`guardProcessGroup: not a process group id: ${pgid}`);
  const tenths = String(Math.max(1, Math.ceil(graceMs / 100)));
  const child = spawn("/bin/sh", ["-c", GUARD_SCRIPT, String(pgid), tenths], {
    stdio: ["pipe", "ignore", "ignore"],
    detached: true
  });
  child.stdin.on("error", () => {
  });
  child.on("error", () => {
  });
  let disarmed = false;
  return {
    pid: child.pid,
    disarm() {
      if (disarmed) return;
      disarmed = true;
      child.stdin.end("disarm\n");
    }
  };
}

// src/process/kill.ts
function killGroup(pid, signal) {
  if (!Number.isInteger(pid) || pid <= 1) throw new RangeError(`killGroup: not a process group id: ${pid}`);
  try {
    process.kill(-pid, signal);
  } catch {
  }
}

// src/lock/flock.ts
import { spawn as spawn2, spawnSync } from "node:child_process";
import { chmodSync, closeSync as closeSync2, constants as constants2, fchmodSync, fstatSync, mkdirSync, openSync as openSync2, statSync } from "node:fs";
import { dirname } from "node:path";

// src/lock/filesystem.ts
import { existsSync, readFileSync, realpathSync } from "node:fs";
var NETWORK_FS = /^(nfs4?|cifs|smb3?|smbfs|9p|ceph|glusterfs|lustre|gpfs|afs|ocfs2|gfs2|fuse\.(sshfs|s3fs|rclone|glusterfs|cephfs|juicefs|gcsfuse|goofys).*)$/;
var CONTAINER_LAYER_FS = /^(overlay|aufs|fuse-overlayfs)$/;
function parseMountInfo(text) {
  const entries = [];
  for (const line of text.split("\n")) {
    const separator = line.indexOf(" - ");
    if (separator < 0) continue;
    const left = line.slice(0, separator).split(" ");
    const right = line.slice(separator + 3).split(" ");
    if (left.length < 5 || right.length < 2) continue;
    entries.push({
      root: unescapeOctal(left[3]),
      mountPoint: unescapeOctal(left[4]),
      fsType: right[0],
      source: unescapeOctal(right[1])
    });
  }
  return entries;
}
function unescapeOctal(text) {
  return text.replace(/\\([0-7]{3})/g, (_, octal) => String.fromCharCode(parseInt(octal, 8)));
}
function mountOf(entries, path) {
  let best;
  for (const entry of entries) {
    const point = entry.mountPoint;
    const inside = point === "/" || path === point || path.startsWith(point.endsWith("/") ? point : `${point}/`);
    if (inside && (!best || point.length >= best.mountPoint.length)) best = entry;
  }
  return best;
}
function lockDirWarnings(mount, inContainer, dir) {
  if (!mount) return [];
  const warnings = [];
  if (NETWORK_FS.test(mount.fsType)) {
    warnings.push(
      `the lock directory ${dir} is on a network filesystem (${mount.fsType} ${mount.source}): a flock there does not exclude jobs on other hosts \u2014 use lock.backend: postgres, or a local directory when all runners share this host`
    );
  }
  if (inContainer && CONTAINER_LAYER_FS.test(mount.fsType)) {
    warnings.push(
      `the lock directory ${dir} is inside this container's own filesystem (${mount.fsType}): jobs in other containers cannot see this lock \u2014 bind-mount a host directory there (e.g. docker run -v /tmp/quality-gates:/tmp/quality-gates) or use lock.backend: postgres`
    );
  }
  return warnings;
}
function runningInContainer() {
  if (existsSync("/.dockerenv") || existsSync("/run/.containerenv")) return true;
  try {
    return /docker|kubepods|containerd|libpod|lxc/.test(readFileSync("/proc/1/cgroup", "utf8"));
  } catch {
    return false;
  }
}
function checkLockDir(dir) {
  try {
    const entries = parseMountInfo(readFileSync("/proc/self/mountinfo", "utf8"));
    return lockDirWarnings(mountOf(entries, realpathSync(dir)), runningInContainer(), dir);
  } catch {
    return [];
  }
}

// src/lock/lost.ts
function createLostSignal() {
  let reject;
  let fired = false;
  const promise = new Promise((_, rejectPromise) => {
    reject = rejectPromise;
  });
  promise.catch(() => {
  });
  return {
    promise,
    fire(error) {
      if (fired) return;
      fired = true;
      reject(error);
    },
    get fired() {
      return fired;
    }
  };
}

// src/lock/owner.ts
import { closeSync, constants, openSync, readFileSync as readFileSync2, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { hostname } from "node:os";
function ownerFromEnv(env, now = /* @__PURE__ */ new Date()) {
  const owner = { host: hostname(), pid: process.pid, since: now.toISOString() };
  const url = runUrl(env);
  if (url) owner.runUrl = url;
  const workflow = nonEmpty(env.GITHUB_WORKFLOW);
  const job = nonEmpty(env.GITHUB_JOB);
  const runner = nonEmpty(env.RUNNER_NAME);
  if (workflow) owner.workflow = workflow;
  if (job) owner.job = job;
  if (runner) owner.runner = runner;
  return owner;
}
function nonEmpty(value) {
  return value === void 0 || value.trim() === "" ? void 0 : value;
}
function describeOwner(owner) {
  const details = [
    owner.workflow && `workflow ${owner.workflow}`,
    owner.job && `job ${owner.job}`,
    owner.runner && `runner ${owner.runner}`,
    `host ${owner.host}`,
    `pid ${owner.pid}`
  ].filter(Boolean);
  return owner.runUrl ? `${owner.runUrl} (${details.join(", ")})` : details.join(", ");
}
function describeHolder(owner, now = /* @__PURE__ */ new Date()) {
  const since = Date.parse(owner.since);
  const held = Number.isFinite(since) ? ` since ${owner.since} (for ${formatDuration(Math.max(0, now.getTime() - since))})` : "";
  return `held by ${describeOwner(owner)}${held}`;
}
function ownerRecordPath(lockFile) {
  return `${lockFile}.owner.json`;
}
function writeOwnerRecord(lockFile, owner) {
  const path = ownerRecordPath(lockFile);
  const text = JSON.stringify(owner, null, 2) + "\n";
  const temp = `${path}.${process.pid}.tmp`;
  try {
    rmSync(temp, { force: true });
    writeFileSync(temp, text, { mode: 420, flag: "wx" });
    renameSync(temp, path);
    return void 0;
  } catch {
    rmSync(temp, { force: true });
  }
  try {
    const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 420);
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    return void 0;
  } catch (error) {
    return `could not write the owner record ${path}: ${error.message}`;
  }
}
function readOwnerRecord(lockFile) {
  try {
    const value = JSON.parse(readFileSync2(ownerRecordPath(lockFile), "utf8"));
    if (typeof value !== "object" || value === null) return void 0;
    const record = value;
    if (typeof record.host !== "string" || typeof record.pid !== "number" || typeof record.since !== "string")
      return void 0;
    const owner = { host: record.host, pid: record.pid, since: record.since };
    for (const key of ["runUrl", "workflow", "job", "runner"]) {
      if (typeof record[key] === "string") owner[key] = record[key];
    }
    return owner;
  } catch {
    return void 0;
  }
}
function removeOwnerRecord(lockFile, owner) {
  const current = readOwnerRecord(lockFile);
  if (current && (current.pid !== owner.pid || current.host !== owner.host || current.since !== owner.since)) return;
  rmSync(ownerRecordPath(lockFile), { force: true });
}
function isStaleOnThisHost(owner) {
  if (owner.host !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return error.code === "ESRCH";
  }
}

// src/lock/types.ts
var DEFAULT_WAITING_INTERVAL_MS = 3e4;

// src/lock/interrupted.ts
function interruptedError(reason, what) {
  if (reason instanceof QualityGatesError) return reason;
  return new QualityGatesError(`interrupted while ${what}`, ExitCode.Interrupted, { cause: reason });
}

// src/lock/flock.ts
var CONFLICT_EXIT = 75;
var HOLDER_PROGRAM = "cat";
var ACQUIRED_MARKER = "acquired\n";
var FlockMutex = class {
  constructor(options) {
    this.options = options;
    this.description = `flock ${options.file}`;
    this.flockCommand = options.flockCommand ?? "flock";
  }
  backend = "flock";
  description;
  flockCommand;
  checkedEnvironment = false;
  async acquire(acquireOptions) {
    this.prepare();
    const started = performance.now();
    const child = spawn2(
      this.flockCommand,
      [
        "--exclusive",
        "--close",
        "--wait",
        String(Math.max(0, acquireOptions.timeoutMs) / 1e3),
        "--conflict-exit-code",
        String(CONFLICT_EXIT),
        this.options.file,
        HOLDER_PROGRAM
      ],
      // Its own session: a Ctrl-C or a runner's signal to the tool's process group must not
      // kill the holder (that would drop the lock under the running tests). It still dies
      // with the tool, through the stdin pipe.
      { stdio: ["pipe", "pipe", "pipe"], detached: true }
    );
    child.stdin.on("error", () => {
    });
    child.stdin.write(ACQUIRED_MARKER);
    await this.waitForAcquired(child, acquireOptions, started);
    const waitMs = performance.now() - started;
    return this.hold(child, waitMs);
  }
  /** Checks flock, creates the lock directory and file, and (once) warns about where they live. */
  prepare() {
    checkFlockBinary(this.flockCommand);
    prepareLockFile(this.options.file);
    if (this.checkedEnvironment) return;
    this.checkedEnvironment = true;
    for (const warning of checkLockDir(dirname(this.options.file))) this.options.log(`warning: ${warning}`);
  }
  waitForAcquired(child, options, started) {
    const file = this.options.file;
    return new Promise((resolve, reject) => {
      let stderr = "";
      let settled = false;
      const interval = options.waitingIntervalMs ?? DEFAULT_WAITING_INTERVAL_MS;
      let waitingTimer = setTimeout(
        function report() {
          options.onWaiting?.(
            `waiting for the lock ${file} (${formatDuration(performance.now() - started)} so far): ${holderText(file)}`
          );
          waitingTimer = setTimeout(report, interval);
        },
        Math.min(1e3, interval)
      );
      const finish = (error) => {
        if (settled) return;
        settled = true;
        clearTimeout(waitingTimer);
        options.signal?.removeEventListener("abort", onAbort);
        child.stdout.off("data", onData);
        child.off("exit", onExit);
        child.stderr.off("data", onStderr);
        if (error) reject(error);
        else resolve();
      };
      const onData = () => finish();
      const onStderr = (chunk) => {
        stderr += chunk.toString();
      };
      const onExit = (code, signal) => {
        if (code === CONFLICT_EXIT) {
          finish(
            new LockTimeoutError(
              `timed out after ${formatDuration(options.timeoutMs)} waiting for the lock ${file}: ${holderText(file)} \u2014 raise lock.timeout (--timeout), or stop the job that holds it`
            )
          );
          return;
        }
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        finish(
          new QualityGatesError(
            `could not lock ${file}: flock ${how}${stderr.trim() ? `: ${stderr.trim()}` : ""}${permissionHint(stderr, file)}`,
            ExitCode.Internal
          )
        );
      };
      const onAbort = () => {
        child.kill("SIGKILL");
        finish(interruptedError(options.signal?.reason, `waiting for the lock ${file}`));
      };
      child.stdout.once("data", onData);
      child.stderr.on("data", onStderr);
      child.once("exit", onExit);
      child.once(
        "error",
        (error) => finish(
          new ConfigError(
            `cannot run ${this.flockCommand}: ${error.message} \u2014 install util-linux (it provides flock) or use lock.backend: postgres`
          )
        )
      );
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
  hold(child, waitMs) {
    const file = this.options.file;
    const owner = { ...this.options.owner(), since: (/* @__PURE__ */ new Date()).toISOString() };
    const problem = writeOwnerRecord(file, owner);
    if (problem) this.options.log(`warning: ${problem}`);
    const acquiredAt = performance.now();
    const lost = createLostSignal();
    let released;
    const exited = new Promise((resolve) => child.once("exit", () => resolve()));
    child.once("exit", (code, signal) => {
      if (released) return;
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      lost.fire(
        new LockLostError(
          `lock lost: the flock holder process (pid ${child.pid}) ${how}, so ${file} is no longer locked and another job may take it \u2014 the protected work must not go on`
        )
      );
    });
    child.stdout.resume();
    return {
      waitMs,
      lost: lost.promise,
      release: () => {
        released ??= (async () => {
          const heldMs = performance.now() - acquiredAt;
          removeOwnerRecord(file, owner);
          if (child.exitCode === null && child.signalCode === null) {
            child.stdin.end();
            const killTimer = setTimeout(() => child.kill("SIGKILL"), 5e3);
            await exited;
            clearTimeout(killTimer);
          }
          return heldMs;
        })();
        return released;
      }
    };
  }
};
function holderText(file) {
  const owner = readOwnerRecord(file);
  if (!owner) return `held by a process that left no owner record (see: fuser -v ${file})`;
  const stale = isStaleOnThisHost(owner) ? " [record is stale: that pid is gone; the lock is held by another process]" : "";
  return `${describeHolder(owner)}${stale}`;
}
function permissionHint(stderr, file) {
  if (!/permission denied/i.test(stderr)) return "";
  return ` \u2014 every runner user needs read access to ${file}; when several users share a sticky directory (mode 1777) with fs.protected_regular on, create the lock file once as the directory's owner, or use a setgid group directory (mode 2775)`;
}
var checkedBinaries = /* @__PURE__ */ new Map();
function checkFlockBinary(command) {
  if (checkedBinaries.has(command)) return;
  const result = spawnSync(command, ["--version"], { encoding: "utf8", timeout: 1e4 });
  const fix = "install util-linux (Debian/Ubuntu: apt-get install util-linux; Alpine: apk add util-linux; macOS: no flock \u2014 use lock.backend: postgres) or use lock.backend: postgres";
  if (result.error) {
    throw new ConfigError(
      `the flock lock backend needs the util-linux 'flock' program, and ${JSON.stringify(command)} could not be run (${result.error.code ?? result.error.message}) \u2014 ${fix}`
    );
  }
  const text = `${result.stdout}${result.stderr}`;
  if (!/util-linux/.test(text)) {
    throw new ConfigError(
      `${JSON.stringify(command)} is not util-linux flock (BusyBox flock lacks --wait and --close): ${JSON.stringify(text.trim().split("\n")[0] ?? "")} \u2014 ${fix}`
    );
  }
  checkedBinaries.set(command, true);
}
function prepareLockFile(file) {
  const dir = dirname(file);
  const flags = constants2.O_RDONLY | constants2.O_NOFOLLOW | constants2.O_NOCTTY | constants2.O_NONBLOCK;
  let fd;
  try {
    if (!isDirectory(dir)) {
      mkdirSync(dir, { recursive: true });
      chmodSync(dir, 1023);
    }
    let created = false;
    try {
      fd = openSync2(file, flags | constants2.O_CREAT | constants2.O_EXCL, 420);
      created = true;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      fd = openSync2(file, flags);
    }
    if (!fstatSync(fd).isFile()) {
      throw new ConfigError(
        `lock file ${file} exists and is not a regular file \u2014 point lock.path or lock.dir at a file location you control`
      );
    }
    if (created) fchmodSync(fd, 420);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = error.code;
    if (code === "ELOOP") {
      throw new ConfigError(
        `lock file ${file} is a symbolic link, which is refused (another user could redirect it) \u2014 use a real file path`
      );
    }
    if (code === "EISDIR") {
      throw new ConfigError(
        `lock file ${file} is a directory \u2014 point lock.path at a file, or lock.dir at the directory`
      );
    }
    throw new ConfigError(
      `cannot create the lock file ${file}: ${error.message} \u2014 pick a writable lock.dir (or lock.path)`
    );
  } finally {
    if (fd !== void 0) closeSync2(fd);
  }
}
function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

// src/lock/postgres.ts
import { createHash } from "node:crypto";
var FIRST_POLL_MS = 25;
var RELEASE_CHANNEL = "quality_gates_lock_released";
var APPLICATION_NAME_BYTES = 63;
var SERVER_KEEPALIVES = "SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3";
function advisoryLockKey(name) {
  const digest = createHash("sha256").update(name, "utf8").digest();
  return BigInt.asIntN(64, digest.readBigUInt64BE(0)).toString();
}
function advisoryLockOids(key) {
  const unsigned = BigInt.asUintN(64, BigInt(key));
  return { classid: (unsigned >> 32n).toString(), objid: (unsigned & 0xffffffffn).toString() };
}
function applicationName(name, owner) {
  const who = owner.runUrl ?? `${owner.host}:${owner.pid}`;
  for (const candidate of [`quality-gates lock ${name} ${who}`, `qg ${name} ${who}`, who]) {
    if (Buffer.byteLength(candidate) <= APPLICATION_NAME_BYTES) return candidate;
  }
  let tail = who;
  while (Buffer.byteLength(`\u2026${tail}`) > APPLICATION_NAME_BYTES) tail = tail.slice(1);
  return `\u2026${tail}`;
}
function redactUrl(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}${parsed.pathname}`;
  } catch {
    return "the configured database";
  }
}
function checkLockUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(
      "the postgres lock URL (lock.url, --url or the variable named by lock.urlEnv) is not a valid URL \u2014 use postgres://user:password@host:5432/database"
    );
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new ConfigError(
      `the postgres lock URL (lock.url, --url or the variable named by lock.urlEnv) starts with ${JSON.stringify(parsed.protocol)}, not postgres: \u2014 use postgres://user:password@host:5432/database`
    );
  }
}
function connectionProblem(error, url, timeoutMs) {
  const message = error instanceof Error ? error.message : String(error);
  const text = /timeout expired|connection timeout/i.test(message) ? `no answer within ${formatDuration(timeoutMs)} (the host did not complete the connection, or does not speak PostgreSQL)` : message;
  return withoutSecrets(text, url).replace(/\s*[\r\n]+\s*/g, " ").trim();
}
function withoutSecrets(text, url) {
  let password = "";
  try {
    password = new URL(url).password;
  } catch {
    return text;
  }
  if (password === "") return text;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
  }
  return text.split(password).join("***").split(decoded).join("***");
}
var HOLDER_QUERY = `
SELECT a.pid, a.application_name, host(a.client_addr) AS client_addr, a.backend_start
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
  AND l.classid = $1::oid AND l.objid = $2::oid
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
LIMIT 1`;
var PostgresMutex = class {
  constructor(options) {
    this.options = options;
    this.key = advisoryLockKey(options.name);
    this.description = `postgres advisory lock ${JSON.stringify(options.name)} (key ${this.key}) on ${redactUrl(options.url)}`;
  }
  backend = "postgres";
  description;
  key;
  async acquire(acquireOptions) {
    const started = performance.now();
    const owner = this.options.owner();
    checkLockUrl(this.options.url);
    const { default: postgres } = await import("./esm-2K54ILC7.js");
    const timeoutMs = Math.max(1e3, Math.min(3e4, acquireOptions.timeoutMs));
    const client = new postgres.Client({
      connectionString: this.options.url,
      application_name: applicationName(this.options.name, owner),
      keepAlive: true,
      keepAliveInitialDelayMillis: 1e4,
      connectionTimeoutMillis: timeoutMs
    });
    const earlyErrors = () => {
    };
    client.on("error", earlyErrors);
    try {
      await client.connect();
    } catch (error) {
      throw new LockUnavailableError(
        `cannot connect to ${redactUrl(this.options.url)} for the ${this.description}: ${connectionProblem(error, this.options.url, timeoutMs)} \u2014 check lock.url (or the variable named by lock.urlEnv) and that the server accepts connections from this host`,
        { cause: error }
      );
    }
    try {
      await client.query(SERVER_KEEPALIVES).catch(() => {
      });
      await this.poll(client, acquireOptions, started);
    } catch (error) {
      await endClient(client);
      if (error instanceof QualityGatesError) throw error;
      throw new LockUnavailableError(
        `the connection to ${redactUrl(this.options.url)} failed while waiting for the ${this.description}: ${connectionProblem(error, this.options.url, timeoutMs)} \u2014 check the server, then retry`,
        { cause: error }
      );
    }
    client.off("error", earlyErrors);
    return this.hold(client, performance.now() - started);
  }
  async poll(client, options, started) {
    const interval = options.waitingIntervalMs ?? DEFAULT_WAITING_INTERVAL_MS;
    let nextReport = started + Math.min(1e3, interval);
    let pause = FIRST_POLL_MS;
    let wake;
    let released = false;
    const onNotification = (message) => {
      if (message.channel !== RELEASE_CHANNEL || message.payload !== this.key) return;
      released = true;
      wake?.();
    };
    client.on("notification", onNotification);
    await client.query(`LISTEN ${RELEASE_CHANNEL}`);
    try {
      for (; ; ) {
        if (options.signal?.aborted)
          throw interruptedError(options.signal.reason, `waiting for the ${this.description}`);
        released = false;
        const result = await client.query("SELECT pg_try_advisory_lock($1::bigint) AS locked", [
          this.key
        ]);
        if (result.rows[0]?.locked) return;
        const now = performance.now();
        const remaining = started + options.timeoutMs - now;
        if (remaining <= 0) {
          throw new LockTimeoutError(
            `timed out after ${formatDuration(options.timeoutMs)} waiting for the ${this.description}: ${await this.holderText(client)} \u2014 raise lock.timeout (--timeout), or stop the job that holds it`
          );
        }
        if (options.onWaiting && now >= nextReport) {
          options.onWaiting(
            `waiting for the ${this.description} (${formatDuration(now - started)} so far): ${await this.holderText(client)}`
          );
          nextReport = now + interval;
        }
        if (!released) await sleep(Math.min(pause, remaining), options.signal, (wakeUp) => wake = wakeUp);
        wake = void 0;
        pause = Math.min(pause * 2, Math.max(FIRST_POLL_MS, this.options.pollIntervalMs));
      }
    } finally {
      client.off("notification", onNotification);
      await client.query(`UNLISTEN ${RELEASE_CHANNEL}`).catch(() => {
      });
    }
  }
  /** Who holds the lock now, from pg_locks joined with pg_stat_activity. */
  async holder(client) {
    const { classid, objid } = advisoryLockOids(this.key);
    const result = await client.query(HOLDER_QUERY, [classid, objid]);
    const row = result.rows.at(0);
    return row && {
      pid: row.pid,
      applicationName: row.application_name,
      clientAddr: row.client_addr,
      backendStart: row.backend_start
    };
  }
  async holderText(client) {
    try {
      const holder = await this.holder(client);
      if (!holder) return "held by a session that just let go";
      const name = holder.applicationName ? JSON.stringify(holder.applicationName) : "a session whose application_name this role cannot see (grant pg_read_all_stats)";
      const from = holder.clientAddr ? ` from ${holder.clientAddr}` : "";
      const since = holder.backendStart ? `, connected since ${holder.backendStart.toISOString()} (${formatDuration(Date.now() - holder.backendStart.getTime())})` : "";
      return `held by ${name} (server pid ${holder.pid}${from}${since})`;
    } catch (error) {
      return `held by another session (pg_locks could not be read: ${error.message})`;
    }
  }
  hold(client, waitMs) {
    const acquiredAt = performance.now();
    const lost = createLostSignal();
    let released;
    const onLost = (reason) => {
      clearInterval(heartbeat);
      if (released) return;
      lost.fire(
        new LockLostError(
          `lock lost: the connection holding the ${this.description} ${reason}, so the server released the lock and another job may take it \u2014 the protected work must not go on`
        )
      );
    };
    client.on("error", (error) => onLost(`failed (${error.message})`));
    client.on("end", () => onLost("closed"));
    const heartbeatTimeoutMs = this.options.heartbeatTimeoutMs ?? 15e3;
    let beating = false;
    const heartbeat = setInterval(() => {
      if (beating || released) return;
      beating = true;
      const deadline = setTimeout(() => {
        onLost(`did not answer for ${formatDuration(heartbeatTimeoutMs)}`);
        client.connection.stream.destroy();
      }, heartbeatTimeoutMs);
      client.query("SELECT 1").then(
        () => {
          clearTimeout(deadline);
          beating = false;
        },
        () => clearTimeout(deadline)
      );
    }, this.options.heartbeatIntervalMs ?? 5e3);
    return {
      waitMs,
      lost: lost.promise,
      release: () => {
        released ??= (async () => {
          const heldMs = performance.now() - acquiredAt;
          clearInterval(heartbeat);
          if (!lost.fired) {
            await client.query(`SELECT pg_advisory_unlock($1::bigint), pg_notify('${RELEASE_CHANNEL}', $1::bigint::text)`, [
              this.key
            ]).catch(() => {
            });
          }
          await endClient(client);
          return heldMs;
        })();
        return released;
      }
    };
  }
};
async function endClient(client) {
  let timer;
  const gaveUp = new Promise((resolve) => {
    timer = setTimeout(() => {
      client.connection.stream.destroy();
      resolve();
    }, 2e3);
  });
  await Promise.race([client.end().catch(() => {
  }), gaveUp]);
  clearTimeout(timer);
}
function sleep(ms, signal, onWake) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    onWake?.(done);
  });
}

// src/lock/index.ts
function createMutex(config, options) {
  const name = validateLockName(config.name);
  const log = options.log ?? (() => {
  });
  const owner = () => ownerFromEnv(options.env);
  if (config.backend === "postgres") {
    const url = config.url ?? options.env[config.urlEnv];
    if (!url) {
      throw new UsageError(
        `the postgres lock backend needs a connection URL: set lock.url in the config, pass --url, or set the environment variable ${config.urlEnv} (lock.urlEnv) \u2014 e.g. postgres://user:password@db-host:5432/postgres`
      );
    }
    return new PostgresMutex({
      name,
      url,
      pollIntervalMs: parseDuration(config.pollInterval, "lock.pollInterval"),
      owner
    });
  }
  return new FlockMutex({
    file: lockFilePath({ name, dir: config.dir, path: config.path, cwd: options.cwd }),
    owner,
    log
  });
}
function lockTimeoutMs(config) {
  return parseDuration(config.timeout, "lock.timeout");
}

// src/process/signals.ts
import { constants as constants3 } from "node:os";

// src/process/stop-signal.ts
var StopSignal = class {
  reason;
  listeners = /* @__PURE__ */ new Set();
  /** Fires once; later calls are ignored (the first reason is the one reported). */
  stop(reason) {
    if (this.reason) return;
    this.reason = reason;
    for (const listener of this.listeners) listener(reason);
  }
  /** Calls `listener` on the stop (at once when it already happened); returns the unsubscribe. */
  subscribe(listener) {
    if (this.reason) {
      listener(this.reason);
      return () => void 0;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
};

// src/process/signals.ts
var TERMINATION_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];
async function withTerminationSignals(work) {
  const stop = new StopSignal();
  const onSignal = (signal) => stop.stop({ kind: "signal", signal });
  for (const signal of TERMINATION_SIGNALS) process.on(signal, onSignal);
  try {
    return await work(stop);
  } finally {
    for (const signal of TERMINATION_SIGNALS) process.off(signal, onSignal);
  }
}
var SignalRelay = class {
  controller = new AbortController();
  target;
  handlers = /* @__PURE__ */ new Map();
  constructor() {
    for (const signal of TERMINATION_SIGNALS) {
      const handler = () => {
        if (this.target !== void 0) killGroup(this.target, signal);
        else
          this.controller.abort(
            new QualityGatesError(`interrupted by ${signal} while waiting for the lock`, signalExitCode(signal))
          );
      };
      this.handlers.set(signal, handler);
      process.on(signal, handler);
    }
  }
  /** Aborted when a signal arrives before a process group is being forwarded to. */
  get abortSignal() {
    return this.controller.signal;
  }
  /** From now on signals go to this process group. */
  forwardTo(pid) {
    this.target = pid;
  }
  /** Removes the handlers (the tool's own default behaviour comes back). */
  dispose() {
    for (const [signal, handler] of this.handlers) process.off(signal, handler);
  }
};
function signalExitCode(signal) {
  return 128 + (constants3.signals[signal] ?? 0);
}

export {
  guardProcessGroup,
  killGroup,
  createMutex,
  lockTimeoutMs,
  withTerminationSignals,
  SignalRelay,
  signalExitCode
};
