/**
 * "What CI are we on", from the environment alone: the forge (GitHub or Gitea), the event,
 * the repository and commit, and the link to this run. Pure: environment in, facts out. The
 * event payload file is not read here: its readers differ in what a broken file means (the
 * planner refuses it, the reporter does without it).
 */

/** Whose API and web conventions apply. Gitea's act_runner sets GITEA_ACTIONS=true; GitHub never does. */
export type ForgeKind = 'github' | 'gitea';

/** Where a change came from: GitHub Actions, Gitea Actions (act_runner), or a local run (no CI event). */
export type Platform = ForgeKind | 'local';

/** The facts of one CI environment; a field is absent when its variable is unset or blank. */
export interface CiEnvironment {
  forge: ForgeKind;
  platform: Platform;
  /** A workflow runner (GitHub or Gitea Actions) reads this process's `::group::` lines. */
  actions: boolean;
  /** GITHUB_EVENT_NAME. */
  eventName?: string;
  /** GITHUB_EVENT_PATH: the event payload file. */
  eventPath?: string;
  /** GITHUB_SERVER_URL without trailing slashes. */
  serverUrl?: string;
  /** GITHUB_REPOSITORY: `owner/name`. */
  repository?: string;
  /** GITHUB_SHA. */
  sha?: string;
  /** GITHUB_REF. */
  ref?: string;
  /** The web page of this workflow run (see {@link runUrl}). */
  runUrl?: string;
}

/** Reads the CI facts from the environment (GitHub and Gitea set the same GITHUB_* names). */
export function readCiEnvironment(env: NodeJS.ProcessEnv): CiEnvironment {
  const gitea = env.GITEA_ACTIONS === 'true';
  const eventName = nonEmpty(env.GITHUB_EVENT_NAME);
  const facts: CiEnvironment = {
    forge: gitea ? 'gitea' : 'github',
    platform: gitea ? 'gitea' : eventName ? 'github' : 'local',
    actions: gitea || env.GITHUB_ACTIONS === 'true',
  };
  const fields = {
    eventName,
    eventPath: nonEmpty(env.GITHUB_EVENT_PATH),
    serverUrl: nonEmpty(env.GITHUB_SERVER_URL)?.replace(/\/+$/, ''),
    repository: nonEmpty(env.GITHUB_REPOSITORY),
    sha: nonEmpty(env.GITHUB_SHA),
    ref: nonEmpty(env.GITHUB_REF),
    runUrl: runUrl(env),
  };
  for (const [key, value] of Object.entries(fields) as [keyof typeof fields, string | undefined][]) {
    if (value !== undefined) facts[key] = value;
  }
  return facts;
}

/** Where a run happens, as a report's `context` records it: run URL, repository, commit, ref. */
export function runContext(env: NodeJS.ProcessEnv): Pick<CiEnvironment, 'runUrl' | 'repository' | 'sha' | 'ref'> {
  const { runUrl: url, repository, sha, ref } = readCiEnvironment(env);
  return {
    ...(url ? { runUrl: url } : {}),
    ...(repository ? { repository } : {}),
    ...(sha ? { sha } : {}),
    ...(ref ? { ref } : {}),
  };
}

/**
 * The web page of this workflow run: `{server}/{owner}/{repo}/actions/runs/{GITHUB_RUN_ID}`,
 * on GitHub with `/attempts/N` for a re-run (N > 1), so the link shows the attempt that
 * wrote it. Gitea addresses runs by their id too since 1.26 (go-gitea/gitea#36842; before,
 * by the per-repository index, GITHUB_RUN_NUMBER); 1.26 still resolves old index links, id
 * first (#37008), so an index link can land on another run, an id link cannot. Undefined
 * outside CI.
 */
export function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const server = nonEmpty(env.GITHUB_SERVER_URL)?.replace(/\/+$/, '');
  const repository = nonEmpty(env.GITHUB_REPOSITORY);
  const runId = nonEmpty(env.GITHUB_RUN_ID);
  if (!server || !repository || !runId) return undefined;
  const attempt = nonEmpty(env.GITHUB_RUN_ATTEMPT);
  const attemptPath = env.GITEA_ACTIONS !== 'true' && attempt && attempt !== '1' ? `/attempts/${attempt}` : '';
  return `${server}/${repository}/actions/runs/${runId}${attemptPath}`;
}

/** The trimmed value, or undefined for an unset or blank variable. */
function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
