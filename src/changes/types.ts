/** What the planner needs to know about a change. */
export interface ChangeRequest {
  /** Repository root (a git work tree unless `files` is given). */
  cwd: string;
  /** Environment: GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITEA_ACTIONS, GITHUB_BASE_REF… */
  env: NodeJS.ProcessEnv;
  /** Explicit base/head (CLI --base/--head, action inputs) override the event. */
  base?: string;
  head?: string;
  /** An explicit list of changed files (CLI --files): no git at all. */
  files?: string[];
  /** Default branch used for new branches when the event does not name it. */
  defaultBranch?: string;
  /** Progress and warnings while resolving (deepening a shallow clone…). */
  log?: (line: string) => void;
}

/** The resolved change. */
export interface ChangeSet {
  /** Changed paths, repo-relative, POSIX; a rename contributes the old and the new path. */
  files: string[];
  base?: string;
  head?: string;
  /** The event name the range came from (pull_request, push, …), if any. */
  event?: string;
  /** Where the event came from: `github`, `gitea` (GITEA_ACTIONS=true) or `local` (no CI event). */
  platform?: 'github' | 'gitea' | 'local';
  /** Set when the change means "run everything" (schedule, workflow_dispatch, history missing): why, as a sentence. */
  forceFull?: string;
  warnings: string[];
}
