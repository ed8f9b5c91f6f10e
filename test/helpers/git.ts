import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The environment every test git command runs with: a fixed identity and no user or system
 * config, so tests behave the same on every machine.
 */
export const GIT_ENV: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.com',
  GIT_TERMINAL_PROMPT: '0',
};

/** Runs git (argument array, never a shell) in a directory and returns trimmed stdout. */
export function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** A real git repository in a temp dir, for tests. Remember to `remove()` it. */
export class TempRepo {
  /** Temp dirs that belong to this repository's test (event payloads), removed with it. */
  private readonly extraDirs: string[] = [];

  private constructor(readonly dir: string) {}

  /** `git init` a new repository whose first branch is `branch` (default main). */
  static init(options: { branch?: string; prefix?: string } = {}): TempRepo {
    const dir = mkdtempSync(join(tmpdir(), options.prefix ?? 'qg-repo-'));
    git(dir, ['init', '--quiet', `--initial-branch=${options.branch ?? 'main'}`]);
    return new TempRepo(dir);
  }

  /**
   * `git clone` of another repository over file:// (so `--depth` really makes a shallow
   * clone, as actions/checkout does), checking out `branch` or `rev`.
   */
  static clone(source: TempRepo, options: { depth?: number; branch?: string } = {}): TempRepo {
    const dir = mkdtempSync(join(tmpdir(), 'qg-clone-'));
    const args = ['clone', '--quiet'];
    if (options.depth !== undefined) args.push(`--depth=${options.depth}`);
    if (options.branch !== undefined) args.push(`--branch=${options.branch}`);
    git(dir, [...args, '--', `file://${source.dir}`, '.']);
    return new TempRepo(dir);
  }

  /**
   * Checks out `ref` of another repository the way actions/checkout does: `git init`, add
   * origin, fetch just that ref with `--depth` (1 by default), check it out detached.
   */
  static checkoutLikeActions(source: TempRepo, ref: string, depth = 1): TempRepo {
    const repo = TempRepo.init({ prefix: 'qg-checkout-' });
    repo.git('remote', 'add', 'origin', `file://${source.dir}`);
    const local = ref.startsWith('refs/heads/')
      ? `refs/remotes/origin/${ref.slice('refs/heads/'.length)}`
      : `refs/remotes/${ref.replace(/^refs\//, '')}`;
    repo.git('fetch', '--quiet', '--no-tags', `--depth=${depth}`, 'origin', `+${ref}:${local}`);
    repo.git('checkout', '--quiet', '--detach', local);
    return repo;
  }

  /** Runs git in this repository. */
  git(...args: string[]): string {
    return git(this.dir, args);
  }

  /** The full SHA of a revision. */
  sha(rev = 'HEAD'): string {
    return this.git('rev-parse', '--verify', '--end-of-options', `${rev}^{commit}`);
  }

  /**
   * Applies file changes (content, or null to delete) and commits them; returns the new SHA.
   * Paths are repo-relative and may contain any character a file name can.
   */
  commit(message: string, files: Record<string, string | null> = {}): string {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (content === null) {
        this.git('rm', '--quiet', '--', path);
      } else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
        this.git('add', '--', path);
      }
    }
    this.git('commit', '--quiet', '--allow-empty', '-m', message);
    return this.sha();
  }

  /**
   * Appends many commits to `branch` in one `git fast-import` process (thousands per second,
   * where `commit()` spawns several processes per commit). Starts from `from` (a SHA or
   * ref) or from the branch's current tip; returns the new tip. Paths are written quoted,
   * so they may contain spaces, quotes and newlines (not other control characters).
   */
  fastImport(branch: string, commits: { message: string; files: Record<string, string> }[], from?: string): string {
    const lines = [`reset refs/heads/${branch}`, `from ${from ?? this.sha(`refs/heads/${branch}`)}`];
    for (const { message, files } of commits) {
      const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}`;
      lines.push(
        `commit refs/heads/${branch}`,
        'committer Test Committer <committer@example.com> 1700000000 +0000',
        data(message),
      );
      for (const [path, content] of Object.entries(files))
        lines.push(`M 644 inline ${JSON.stringify(path)}`, data(content));
      lines.push('');
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: this.dir, env: GIT_ENV, input: lines.join('\n') + '\n' });
    // fast-import moves the ref, not the work tree: sync it when that branch is checked out.
    const current = spawnSync('git', ['symbolic-ref', '--quiet', 'HEAD'], {
      cwd: this.dir,
      env: GIT_ENV,
      encoding: 'utf8',
    }).stdout.trim();
    if (current === `refs/heads/${branch}`) this.git('reset', '--quiet', '--hard');
    return this.sha(`refs/heads/${branch}`);
  }

  /** `git mv old new` and commit; returns the new SHA. */
  rename(from: string, to: string, message = `rename ${from}`): string {
    mkdirSync(dirname(join(this.dir, to)), { recursive: true });
    this.git('mv', '--', from, to);
    this.git('commit', '--quiet', '-m', message);
    return this.sha();
  }

  /** Checks out a branch, creating it at `from` when given. */
  checkout(branch: string, from?: string): void {
    if (from !== undefined) this.git('checkout', '--quiet', '-b', branch, from);
    else this.git('checkout', '--quiet', branch);
  }

  /** Writes a JSON event payload into a temp file and returns its path (for GITHUB_EVENT_PATH). */
  writeEvent(payload: unknown): string {
    const dir = mkdtempSync(join(tmpdir(), 'qg-event-'));
    this.extraDirs.push(dir);
    const path = join(dir, 'event.json');
    writeFileSync(path, JSON.stringify(payload, null, 2));
    return path;
  }

  /** Deletes the repository. */
  remove(): void {
    for (const dir of [this.dir, ...this.extraDirs]) rmSync(dir, { recursive: true, force: true });
  }
}

/** A payload shaped like GitHub's (and Gitea's) pull_request event. */
export function pullRequestPayload(options: {
  number?: number;
  baseSha: string;
  baseRef?: string;
  headSha: string;
  headRef?: string;
  defaultBranch?: string;
  extra?: Record<string, unknown>;
}) {
  const number = options.number ?? 7;
  return {
    action: 'synchronize',
    number,
    pull_request: {
      number,
      state: 'open',
      base: { ref: options.baseRef ?? 'main', sha: options.baseSha, label: `owner:${options.baseRef ?? 'main'}` },
      head: { ref: options.headRef ?? 'feature', sha: options.headSha, label: `owner:${options.headRef ?? 'feature'}` },
      ...options.extra,
    },
    repository: { full_name: 'owner/repo', default_branch: options.defaultBranch ?? 'main' },
  };
}

/** A payload shaped like GitHub's push event. */
export function pushPayload(options: {
  ref: string;
  before: string;
  after: string;
  created?: boolean;
  forced?: boolean;
  defaultBranch?: string;
}) {
  return {
    ref: options.ref,
    before: options.before,
    after: options.after,
    created: options.created ?? false,
    deleted: false,
    forced: options.forced ?? false,
    repository: { full_name: 'owner/repo', default_branch: options.defaultBranch ?? 'main' },
  };
}

/** The all-zero SHA a push event carries as `before` for a new branch. */
export const ZERO_SHA = '0'.repeat(40);
