import { spawn } from 'node:child_process';
import { GitError, GitPluginError, simpleGit, type SimpleGit } from 'simple-git';
import { decodePath } from './path-bytes.js';

/**
 * A git command that exited non-zero: carries the exit code and git's own message. (A
 * GitError subclass because simple-git passes those through and wraps anything else.)
 */
export class GitCommandError extends GitError {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    super(undefined, `git ${args.join(' ')} exited with ${exitCode}: ${stderr.trim() || '(no message)'}`);
    this.name = 'GitCommandError';
  }
}

/**
 * The few git operations the change resolver needs, over simple-git (which spawns git
 * with an argument array, never a shell). Revisions always follow `--end-of-options` so a
 * name that starts with `-` can never be read as an option.
 */
export class Git {
  private readonly git: SimpleGit;

  constructor(readonly cwd: string) {
    this.git = simpleGit({
      baseDir: cwd,
      // simple-git treats "non-zero exit with empty stderr" as success; merge-base and
      // rev-parse --verify report "no" exactly that way, so every non-zero exit is an error here.
      errors: (error, result) => {
        if (result.exitCode === 0) return undefined;
        const stderr = Buffer.concat(result.stdErr).toString('utf8');
        if (error instanceof Error && !stderr) return error;
        return new GitCommandError([], result.exitCode, stderr);
      },
    });
    // No .env(): git inherits this process's environment as is. (Passing it explicitly makes
    // simple-git refuse to run whenever EDITOR, PAGER or GIT_SSH_COMMAND is set.)
  }

  /** Runs git with these arguments and returns stdout; throws GitCommandError on a non-zero exit. */
  async run(args: string[]): Promise<string> {
    try {
      return await this.git.raw(args);
    } catch (error) {
      // The errors hook does not know the command; name it here so messages are actionable.
      if (error instanceof GitCommandError) throw new GitCommandError(args, error.exitCode, error.stderr);
      // simple-git refuses some strings even after --end-of-options (where git would read them
      // as revisions): treat that as git saying no, so callers report "not a commit".
      if (error instanceof GitPluginError)
        throw new GitCommandError(args, -1, `refused before running git: ${error.message}`);
      throw error;
    }
  }

  /** Like run, but a non-zero exit yields undefined (for questions git answers with its exit code). */
  private async tryRun(args: string[]): Promise<string | undefined> {
    try {
      return await this.run(args);
    } catch (error) {
      if (error instanceof GitCommandError) return undefined;
      throw error;
    }
  }

  /** True when cwd is inside a git work tree. */
  async isRepository(): Promise<boolean> {
    return (await this.tryRun(['rev-parse', '--is-inside-work-tree']))?.trim() === 'true';
  }

  /** The path of cwd relative to the work tree root, POSIX, with a trailing slash ('' at the root). */
  async prefix(): Promise<string> {
    return (await this.run(['rev-parse', '--show-prefix'])).trim();
  }

  /** Full SHA of a revision if it names a commit present locally, else undefined. */
  async resolveCommit(rev: string): Promise<string | undefined> {
    const out = await this.tryRun(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
    return out?.trim() || undefined;
  }

  /** The best common ancestor of two commits, or undefined when the local history has none. */
  async mergeBase(a: string, b: string): Promise<string | undefined> {
    const out = await this.tryRun(['merge-base', '--end-of-options', a, b]);
    return out?.trim() || undefined;
  }

  /** True for a shallow clone (`git clone --depth`, the actions/checkout default). */
  async isShallow(): Promise<boolean> {
    return (await this.run(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  }

  /** True when a remote of this name is configured. */
  async hasRemote(name: string): Promise<boolean> {
    return (await this.run(['remote'])).split('\n').some((line) => line.trim() === name);
  }

  /** `git fetch` from a remote without tags or submodules; `options` are fetch flags (--depth=1, --deepen=50, --unshallow). */
  async fetch(remote: string, options: string[], refspecs: string[]): Promise<void> {
    await this.run(['fetch', '--no-tags', '--no-recurse-submodules', '--quiet', ...options, remote, ...refspecs]);
  }

  /**
   * `git diff -z --name-status -M` output between two commits (paths relative to the work
   * tree root), read as bytes and decoded with decodePath, so a name that is not UTF-8
   * keeps every byte.
   */
  async diffNameStatus(base: string, head: string): Promise<string> {
    return decodePath(
      await this.runBytes([
        'diff',
        '-z',
        '--name-status',
        '-M',
        '--no-color',
        '--no-ext-diff',
        '--no-textconv',
        '--no-relative',
        '--end-of-options',
        base,
        head,
        '--',
      ]),
    );
  }

  /**
   * Runs git and returns stdout as bytes (simple-git only returns text decoded as UTF-8).
   * An argument array, never a shell; throws GitCommandError on a non-zero exit.
   */
  private runBytes(args: string[]): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const child = spawn('git', args, { cwd: this.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (code, signal) => {
        if (code === 0) resolve(Buffer.concat(out));
        else
          reject(
            new GitCommandError(
              args,
              code ?? -1,
              Buffer.concat(err).toString('utf8') || (signal ? `killed by ${signal}` : ''),
            ),
          );
      });
    });
  }
}
