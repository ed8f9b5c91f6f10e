import { existsSync, readFileSync, realpathSync } from 'node:fs';

/** One line of /proc/self/mountinfo that matters here. */
export interface MountEntry {
  /** Where it is mounted (octal escapes decoded). */
  mountPoint: string;
  /** Path inside the source filesystem that is mounted there ("/" for a whole filesystem). */
  root: string;
  fsType: string;
  source: string;
}

/** File systems where flock(2) does not exclude processes on other hosts (or does not work at all). */
const NETWORK_FS =
  /^(nfs4?|cifs|smb3?|smbfs|9p|ceph|glusterfs|lustre|gpfs|afs|ocfs2|gfs2|fuse\.(sshfs|s3fs|rclone|glusterfs|cephfs|juicefs|gcsfuse|goofys).*)$/;
/** The container's own writable layer: invisible to every other container. */
const CONTAINER_LAYER_FS = /^(overlay|aufs|fuse-overlayfs)$/;

/** Parses /proc/self/mountinfo text (see proc(5)). */
export function parseMountInfo(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const separator = line.indexOf(' - ');
    if (separator < 0) continue;
    const left = line.slice(0, separator).split(' ');
    const right = line.slice(separator + 3).split(' ');
    if (left.length < 5 || right.length < 2) continue;
    entries.push({
      root: unescapeOctal(left[3]),
      mountPoint: unescapeOctal(left[4]),
      fsType: right[0],
      source: unescapeOctal(right[1]),
    });
  }
  return entries;
}

function unescapeOctal(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** The mount a path lives on: the last-mounted entry with the longest matching mount point. */
export function mountOf(entries: MountEntry[], path: string): MountEntry | undefined {
  let best: MountEntry | undefined;
  for (const entry of entries) {
    const point = entry.mountPoint;
    const inside = point === '/' || path === point || path.startsWith(point.endsWith('/') ? point : `${point}/`);
    if (inside && (!best || point.length >= best.mountPoint.length)) best = entry;
  }
  return best;
}

/**
 * Warnings about where a flock lock file lives: on a network filesystem a flock does not
 * exclude jobs on other hosts; inside a container, a directory on the container's own layer
 * is not shared with jobs in other containers (a bind mount of a host directory is).
 */
export function lockDirWarnings(mount: MountEntry | undefined, inContainer: boolean, dir: string): string[] {
  if (!mount) return [];
  const warnings: string[] = [];
  if (NETWORK_FS.test(mount.fsType)) {
    warnings.push(
      `the lock directory ${dir} is on a network filesystem (${mount.fsType} ${mount.source}): a flock there does not exclude jobs on other hosts — use lock.backend: postgres, or a local directory when all runners share this host`,
    );
  }
  if (inContainer && CONTAINER_LAYER_FS.test(mount.fsType)) {
    warnings.push(
      `the lock directory ${dir} is inside this container's own filesystem (${mount.fsType}): jobs in other containers cannot see this lock — bind-mount a host directory there (e.g. docker run -v /tmp/quality-gates:/tmp/quality-gates) or use lock.backend: postgres`,
    );
  }
  return warnings;
}

/** Best-effort container detection: Docker, Podman, or a container cgroup of PID 1. */
export function runningInContainer(): boolean {
  if (existsSync('/.dockerenv') || existsSync('/run/.containerenv')) return true;
  try {
    return /docker|kubepods|containerd|libpod|lxc/.test(readFileSync('/proc/1/cgroup', 'utf8'));
  } catch {
    return false;
  }
}

/** Reads this host's mounts and returns the warnings for a lock directory (none when unknown). */
export function checkLockDir(dir: string): string[] {
  try {
    const entries = parseMountInfo(readFileSync('/proc/self/mountinfo', 'utf8'));
    return lockDirWarnings(mountOf(entries, realpathSync(dir)), runningInContainer(), dir);
  } catch {
    return [];
  }
}
