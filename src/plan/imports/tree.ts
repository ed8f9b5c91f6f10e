import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GIT_OPTIONS = { maxBuffer: 1024 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };

/** The files of the work tree as git sees them: tracked plus untracked-not-ignored, repo-relative. */
export function listWorkTreeFiles(root: string): string[] {
  let output: string;
  try {
    output = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      ...GIT_OPTIONS,
      cwd: root,
      encoding: 'utf8',
    });
  } catch (error) {
    const stderr = String((error as { stderr?: string | Buffer }).stderr ?? '')
      .trim()
      .split('\n')[0];
    throw new Error(`git ls-files cannot list the files of ${root}: ${stderr || (error as Error).message}`);
  }
  return [...new Set(output.split('\0').filter((f) => f !== ''))];
}

/** The files of a commit's tree, repo-relative. */
export function listCommitFiles(root: string, commit: string): string[] {
  const output = execFileSync('git', ['ls-tree', '-r', '-z', '--name-only', '--end-of-options', commit], {
    ...GIT_OPTIONS,
    cwd: root,
    encoding: 'utf8',
  });
  return output.split('\0').filter((f) => f !== '');
}

/**
 * Writes the tree of `commit` into a new temporary folder (`git archive | tar -x`, streamed,
 * argument arrays only) and returns it with its file list; `remove()` deletes it. The base
 * tree is needed only when a pull request deletes a file: its importers at base still count.
 */
export async function extractCommit(
  root: string,
  commit: string,
): Promise<{ dir: string; files: string[]; remove: () => void }> {
  const files = listCommitFiles(root, commit);
  const dir = mkdtempSync(join(tmpdir(), 'qg-base-tree-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const archive = spawn('git', ['archive', '--format=tar', '--end-of-options', commit], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const tar = spawn('tar', ['-x', '-f', '-', '-C', dir], { stdio: ['pipe', 'ignore', 'pipe'] });
      archive.stdout.pipe(tar.stdin);
      let errors = '';
      archive.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      tar.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      let pending = 2;
      const done = (code: number | null) => {
        if (code !== 0) reject(new Error(errors.trim() || `exit code ${code}`));
        else if (--pending === 0) resolve();
      };
      archive.on('error', reject).on('close', done);
      tar.on('error', reject).on('close', done);
    });
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, files, remove };
}
