import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lockDirWarnings, mountOf, parseMountInfo } from '../../src/lock/filesystem.js';
import { lockFilePath, validateLockName } from '../../src/lock/name.js';
import { describeHolder, ownerFromEnv } from '../../src/lock/owner.js';
import { advisoryLockKey, advisoryLockOids, applicationName, redactUrl } from '../../src/lock/postgres.js';
import { UsageError } from '../../src/errors.js';

describe('lock names', () => {
  it.each([
    '../../etc/passwd',
    'a/b',
    '..',
    '.hidden',
    'with space',
    'tab\there',
    'nul\0byte',
    'ünïcode',
    'сyrillic-с',
    'x'.repeat(101),
    '',
    '-leading-dash',
  ])('rejects %j with a message saying what is allowed', (name) => {
    expect(() => validateLockName(name)).toThrow(UsageError);
    expect(() => validateLockName(name)).toThrow(/use 1 to 100 ASCII letters, digits, '\.', '_' or '-'/);
  });

  it.each(['test-containers', 'db.main', 'Redis_2', '0'])('accepts %j', (name) => {
    expect(validateLockName(name)).toBe(name);
  });

  it('puts the lock file inside the lock directory, or at the explicit path', () => {
    expect(lockFilePath({ name: 'db', dir: '/tmp/quality-gates', cwd: '/repo' })).toBe('/tmp/quality-gates/db.lock');
    expect(lockFilePath({ name: 'db', dir: 'locks', cwd: '/repo' })).toBe('/repo/locks/db.lock');
    expect(lockFilePath({ name: 'db', dir: '/x', path: 'ci/db.lock', cwd: '/repo' })).toBe('/repo/ci/db.lock');
    expect(() => lockFilePath({ name: '../x', dir: '/tmp', cwd: '/' })).toThrow(UsageError);
  });
});

describe('owner record', () => {
  it('builds the run URL from GitHub variables (with the attempt) and names the job', () => {
    const owner = ownerFromEnv(
      {
        GITHUB_SERVER_URL: 'https://github.com/',
        GITHUB_REPOSITORY: 'acme/api',
        GITHUB_RUN_ID: '99',
        GITHUB_RUN_NUMBER: '7',
        GITHUB_RUN_ATTEMPT: '2',
        GITHUB_WORKFLOW: 'CI',
        GITHUB_JOB: 'test',
        RUNNER_NAME: 'r1',
      },
      new Date('2026-01-02T03:04:05Z'),
    );
    expect(owner).toEqual({
      runUrl: 'https://github.com/acme/api/actions/runs/99/attempts/2',
      workflow: 'CI',
      job: 'test',
      runner: 'r1',
      host: hostname(),
      pid: process.pid,
      since: '2026-01-02T03:04:05.000Z',
    });
  });

  it('uses the run id on Gitea, as its web UI does since 1.26 (the same link the report carries)', () => {
    const owner = ownerFromEnv({
      GITEA_ACTIONS: 'true',
      GITHUB_SERVER_URL: 'https://git.example',
      GITHUB_REPOSITORY: 'acme/api',
      GITHUB_RUN_ID: '1234',
      GITHUB_RUN_NUMBER: '56',
    });
    expect(owner.runUrl).toBe('https://git.example/acme/api/actions/runs/1234');
  });

  it('leaves the run URL out locally and describes the holder by host and pid', () => {
    const owner = ownerFromEnv({ GITHUB_WORKFLOW: '' });
    expect(owner.runUrl).toBeUndefined();
    expect(owner.workflow).toBeUndefined();
    const text = describeHolder({ ...owner, since: '2026-01-01T00:00:00.000Z' }, new Date('2026-01-01T00:03:05Z'));
    expect(text).toBe(`held by host ${hostname()}, pid ${process.pid} since 2026-01-01T00:00:00.000Z (for 3 min 05 s)`);
  });
});

describe('postgres naming', () => {
  it('derives a stable signed 64-bit key from the name', () => {
    // Pinned: a changed key would let old and new versions hold "the same" lock at once.
    expect(advisoryLockKey('test-containers')).toBe(advisoryLockKey('test-containers'));
    expect(advisoryLockKey('test-containers')).toBe('-3119904074924040059');
    const key = BigInt(advisoryLockKey('other'));
    expect(key >= -(2n ** 63n) && key < 2n ** 63n).toBe(true);
  });

  it('splits the key the way pg_locks shows it', () => {
    expect(advisoryLockOids('-1')).toEqual({ classid: '4294967295', objid: '4294967295' });
    expect(advisoryLockOids(String(2n ** 32n + 5n))).toEqual({ classid: '1', objid: '5' });
  });

  it('keeps application_name within 63 bytes and keeps the run id', () => {
    const base = { host: 'h', pid: 1, since: '' };
    expect(applicationName('db', { ...base })).toBe('quality-gates lock db h:1');
    const long = applicationName('test-containers', {
      ...base,
      runUrl: 'https://github.com/acme/backend/actions/runs/123456789',
    });
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(63);
    expect(long).toBe('https://github.com/acme/backend/actions/runs/123456789');
    const huge = applicationName('x', {
      ...base,
      runUrl: `https://gitea.example/${'very-long-organisation/'.repeat(4)}repo/actions/runs/987`,
    });
    expect(Buffer.byteLength(huge)).toBeLessThanOrEqual(63);
    expect(huge.endsWith('/actions/runs/987')).toBe(true);
  });

  it('never shows the password of the URL', () => {
    expect(redactUrl('postgres://u:secret@db:5433/ci')).toBe('db:5433/ci');
    expect(redactUrl('not a url')).toBe('the configured database');
  });
});

describe('lock directory checks', () => {
  const mountinfo = [
    '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw',
    '30 22 0:25 / /tmp rw,nosuid shared:5 - tmpfs tmpfs rw',
    '41 22 0:40 / /mnt/shared\\040locks rw - nfs4 fileserver:/export rw,vers=4.2',
    '52 22 0:50 / /var/lib/docker/x rw - overlay overlay rw,lowerdir=/a',
  ].join('\n');

  it('finds the mount of a path (longest mount point, spaces decoded)', () => {
    const entries = parseMountInfo(mountinfo);
    expect(mountOf(entries, '/tmp/quality-gates')?.fsType).toBe('tmpfs');
    expect(mountOf(entries, '/tmpfoo')?.fsType).toBe('ext4');
    expect(mountOf(entries, '/mnt/shared locks/qg')?.fsType).toBe('nfs4');
  });

  it('warns about network filesystems, and about the container layer only inside a container', () => {
    const entries = parseMountInfo(mountinfo);
    expect(lockDirWarnings(mountOf(entries, '/mnt/shared locks/qg'), false, '/mnt/shared locks/qg')[0]).toMatch(
      /network filesystem \(nfs4 fileserver:\/export\).*use lock.backend: postgres/,
    );
    expect(lockDirWarnings(mountOf(entries, '/tmp/qg'), false, '/tmp/qg')).toEqual([]);
    const overlay = mountOf(entries, '/var/lib/docker/x/tmp');
    expect(lockDirWarnings(overlay, false, '/tmp/qg')).toEqual([]);
    expect(lockDirWarnings(overlay, true, '/tmp/qg')[0]).toMatch(
      /inside this container's own filesystem \(overlay\).*bind-mount/,
    );
  });
});
