import { readFileSync } from 'node:fs';
import { readCiEnvironment, type ForgeKind } from '../ci/environment.js';
import { ExitCode, QualityGatesError } from '../errors.js';

/**
 * A tiny client for the two forge endpoints the report uses — commit statuses and issue
 * comments — on GitHub and on Gitea (whose API has the same shape under `/api/v1`, with
 * `token` auth and `limit` pagination). Global fetch, no SDK.
 */

/** Where and as whom to call the API, resolved from the Actions environment. */
export interface ForgeTarget {
  kind: ForgeKind;
  /** API base without trailing slash: `https://api.github.com`, `https://gitea.example/api/v1`. */
  apiUrl: string;
  owner: string;
  repo: string;
  token: string;
  /** Commit to put the status on: the pull request head, else GITHUB_SHA. */
  sha?: string;
  /** Pull request number, when the event is a pull request. */
  prNumber?: number;
  /** Link to the workflow run. */
  runUrl?: string;
}

/** A failed API call: status (0 for a network error) and a hint on how to fix it. */
export class ForgeApiError extends QualityGatesError {
  readonly status: number;
  readonly hint: string;
  constructor(method: string, path: string, status: number, detail: string, hint: string) {
    super(
      `${method} ${path} → ${status === 0 ? 'network error' : `HTTP ${status}`}${detail ? `: ${detail}` : ''} — ${hint}`,
      ExitCode.Failed,
    );
    this.status = status;
    this.hint = hint;
  }
}

/**
 * Resolves the API target from GITHUB_* variables and the event payload. Returns the
 * reason in words instead when something needed is missing.
 */
export function resolveForgeTarget(
  env: NodeJS.ProcessEnv,
  token: string | undefined,
): ForgeTarget | { missing: string } {
  if (!token) return { missing: 'no token (set the token input; the default is github.token)' };
  const ci = readCiEnvironment(env);
  const kind = ci.forge;
  const repository = env.GITHUB_REPOSITORY ?? '';
  const slash = repository.indexOf('/');
  if (slash <= 0 || slash === repository.length - 1)
    return { missing: `GITHUB_REPOSITORY is ${JSON.stringify(repository)}, expected owner/name` };
  const server = (env.GITHUB_SERVER_URL ?? (kind === 'github' ? 'https://github.com' : '')).replace(/\/+$/, '');
  const apiUrl = (
    env.GITHUB_API_URL ?? (kind === 'github' ? 'https://api.github.com' : server ? `${server}/api/v1` : '')
  ).replace(/\/+$/, '');
  if (!apiUrl) return { missing: 'GITHUB_API_URL is not set' };
  const event = readEvent(ci.eventPath);
  const pullRequest = event?.pull_request as { number?: unknown; head?: { sha?: unknown } } | undefined;
  const prNumber = typeof pullRequest?.number === 'number' ? pullRequest.number : undefined;
  const headSha = typeof pullRequest?.head?.sha === 'string' ? pullRequest.head.sha : undefined;
  return {
    kind,
    apiUrl,
    owner: repository.slice(0, slash),
    repo: repository.slice(slash + 1),
    token,
    ...((headSha ?? env.GITHUB_SHA) ? { sha: headSha ?? env.GITHUB_SHA } : {}),
    ...(prNumber !== undefined ? { prNumber } : {}),
    ...(ci.runUrl ? { runUrl: ci.runUrl } : {}),
  };
}

function readEvent(path: string | undefined): Record<string, unknown> | undefined {
  if (!path) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** States both platforms know (Gitea also has `warning`/`error`; never sent). */
export type CommitState = 'success' | 'failure' | 'pending';

/** Commit statuses allow 140 characters of description. */
export const MAX_STATUS_DESCRIPTION = 140;

/** `POST /repos/{owner}/{repo}/statuses/{sha}`. */
export async function setCommitStatus(
  target: ForgeTarget,
  status: { sha: string; state: CommitState; context: string; description: string; targetUrl?: string },
): Promise<void> {
  const description =
    status.description.length > MAX_STATUS_DESCRIPTION
      ? `${status.description.slice(0, MAX_STATUS_DESCRIPTION - 1)}…`
      : status.description;
  await request(target, 'POST', `${repoPath(target)}/statuses/${encodeURIComponent(status.sha)}`, {
    state: status.state,
    context: status.context,
    description,
    ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
  });
}

interface IssueComment {
  id: number;
  body?: string | null;
}

/**
 * Creates or updates the one comment on the pull request that carries `marker` (an
 * HTML comment in the body): lists every comment page by page, PATCHes the first match,
 * or POSTs a new one when there is none. Never creates a second one.
 */
export async function upsertStickyComment(
  target: ForgeTarget,
  prNumber: number,
  marker: string,
  body: string,
): Promise<{ action: 'created' | 'updated'; id: number }> {
  const existing = await findComment(target, prNumber, marker);
  if (existing) {
    await request(target, 'PATCH', `${repoPath(target)}/issues/comments/${existing.id}`, { body });
    return { action: 'updated', id: existing.id };
  }
  const created = (await request(target, 'POST', `${repoPath(target)}/issues/${prNumber}/comments`, { body })) as
    IssueComment | undefined;
  return { action: 'created', id: typeof created?.id === 'number' ? created.id : 0 };
}

/** Enough for thousands of comments; a bound so a misbehaving server cannot loop us forever. */
const MAX_PAGES = 100;

async function findComment(target: ForgeTarget, prNumber: number, marker: string): Promise<IssueComment | undefined> {
  const pageSize = target.kind === 'gitea' ? 50 : 100;
  const sizeParam = target.kind === 'gitea' ? 'limit' : 'per_page';
  let seen = 0;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { body, total } = await requestWithTotal(
      target,
      'GET',
      `${repoPath(target)}/issues/${prNumber}/comments?${sizeParam}=${pageSize}&page=${page}`,
    );
    const comments = Array.isArray(body) ? (body as IssueComment[]) : [];
    const match = comments.find((comment) => typeof comment.body === 'string' && comment.body.includes(marker));
    if (match) return match;
    seen += comments.length;
    // Gitea may cap `limit` below what we ask (MAX_RESPONSE_ITEMS); its X-Total-Count tells when we are done.
    if (comments.length === 0) return undefined;
    if (total !== undefined ? seen >= total : comments.length < pageSize) return undefined;
  }
  return undefined;
}

function repoPath(target: ForgeTarget): string {
  return `/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}`;
}

async function request(target: ForgeTarget, method: string, path: string, payload?: unknown): Promise<unknown> {
  return (await requestWithTotal(target, method, path, payload)).body;
}

async function requestWithTotal(
  target: ForgeTarget,
  method: string,
  path: string,
  payload?: unknown,
): Promise<{ body: unknown; total?: number }> {
  const shownPath = path.replace(/\?.*$/, '');
  let response: Response;
  try {
    response = await fetch(`${target.apiUrl}${path}`, {
      method,
      headers: {
        Accept: target.kind === 'github' ? 'application/vnd.github+json' : 'application/json',
        Authorization: target.kind === 'gitea' ? `token ${target.token}` : `Bearer ${target.token}`,
        'User-Agent': 'quality-gates',
        ...(target.kind === 'github' ? { 'X-GitHub-Api-Version': '2022-11-28' } : {}),
        ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: payload !== undefined ? JSON.stringify(payload) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const cause =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new ForgeApiError(
      method,
      shownPath,
      0,
      redact(cause, target.token),
      `cannot reach ${target.apiUrl} (check GITHUB_API_URL and the network)`,
    );
  }
  const text = await response.text();
  if (!response.ok) {
    let detail = text.slice(0, 300);
    try {
      const parsed = JSON.parse(text) as { message?: unknown };
      if (typeof parsed.message === 'string') detail = parsed.message;
    } catch {
      // Not JSON: keep the start of the body.
    }
    throw new ForgeApiError(
      method,
      shownPath,
      response.status,
      redact(detail.replace(/\s+/g, ' ').trim(), target.token),
      hintFor(response, target.kind),
    );
  }
  const totalHeader = response.headers.get('x-total-count');
  const total = totalHeader !== null && /^\d+$/.test(totalHeader) ? Number(totalHeader) : undefined;
  try {
    return { body: text === '' ? undefined : JSON.parse(text), ...(total !== undefined ? { total } : {}) };
  } catch {
    return { body: undefined, ...(total !== undefined ? { total } : {}) };
  }
}

function hintFor(response: Response, kind: ForgeKind): string {
  const permissions =
    kind === 'github'
      ? 'the job needs `permissions: statuses: write, pull-requests: write`'
      : 'the token needs write access to the repository (issues and commit statuses)';
  switch (response.status) {
    case 401:
      return 'the token is missing, invalid or expired';
    case 403:
      if (response.headers.get('x-ratelimit-remaining') === '0')
        return `API rate limit exhausted; it resets at ${resetTime(response.headers.get('x-ratelimit-reset'))}`;
      if (response.headers.get('retry-after') !== null)
        return `secondary rate limit; retry after ${response.headers.get('retry-after')} s`;
      return `the token may not write here: ${permissions}; pull requests from forks get a read-only token`;
    case 404:
      return `repository, commit or pull request not found, or the token cannot see it (${permissions})`;
    case 422:
      return 'the API rejected the request (unknown commit, or a field too long)';
    case 429:
      return 'API rate limit hit; try again later';
    default:
      return response.status >= 500 ? 'the API server failed; try again later' : 'unexpected response';
  }
}

function resetTime(epochSeconds: string | null): string {
  const seconds = Number(epochSeconds);
  return epochSeconds !== null && Number.isFinite(seconds) && seconds > 0
    ? new Date(seconds * 1000).toISOString()
    : 'a later time';
}

/** Never let the token into a message, even if a server echoes it back. */
function redact(text: string, token: string): string {
  return token ? text.split(token).join('***') : text;
}
