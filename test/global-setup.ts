import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Gives the whole test run one temp folder (TMPDIR, inherited by the test workers and every
 * process they start) and removes it afterwards, so the many temp repos, fixture copies
 * and reports the tests make do not pile up in /tmp. 0755: the PostgreSQL server runs as an
 * unprivileged user and must be able to enter it.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'qg-tests-'));
  chmodSync(root, 0o755);
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
