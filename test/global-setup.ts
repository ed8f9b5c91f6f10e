import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Fixture projects the tests run the CLI in; a run there writes its history beside them. */
const FIXTURE_ROOTS = ['fixtures/run', '../examples'].map((folder) => fileURLToPath(new URL(folder, import.meta.url)));

/**
 * Removes the history files earlier test runs left in the fixture projects (`.quality-gates/`,
 * git-ignored): a history makes the next run pack modules and reorder them, so every test run
 * starts from the same first run as on a fresh clone.
 */
function forgetFixtureHistories(): void {
  for (const root of FIXTURE_ROOTS) {
    for (const project of readdirSync(root, { withFileTypes: true })) {
      if (project.isDirectory()) rmSync(join(root, project.name, '.quality-gates'), { recursive: true, force: true });
    }
  }
}

/**
 * Gives the whole test run one temp folder (TMPDIR, inherited by the test workers and every
 * process they start) and removes it afterwards, so the many temp repos, fixture copies
 * and reports the tests make do not pile up in /tmp. 0755: the PostgreSQL server runs as an
 * unprivileged user and must be able to enter it.
 */
export default function setup(): () => void {
  forgetFixtureHistories();
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
