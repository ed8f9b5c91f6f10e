// Git for the benchmarks' generated repositories.
import { execFileSync } from 'node:child_process';

/** Makes `dir` a git repository with one commit of everything in it. */
export function commitAll(dir, message) {
  const git = (...args) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'b',
        GIT_AUTHOR_EMAIL: 'b@b',
        GIT_COMMITTER_NAME: 'b',
        GIT_COMMITTER_EMAIL: 'b@b',
      },
    });
  git('init', '--quiet');
  git('add', '-A');
  git('commit', '--quiet', '-m', message);
}
