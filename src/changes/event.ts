import { readFileSync } from 'node:fs';
import { readCiEnvironment, type Platform } from '../ci/environment.js';
import { UsageError } from '../errors.js';

/**
 * A commit the resolver needs: candidate local revisions (the first that resolves wins) and
 * what to fetch from origin when none does (a SHA or a refspec, tried in order).
 */
export interface Target {
  /** How messages name it: `pull_request.base.sha 1a2b3c4`, `default branch 'main'`, `--base 'v1.2'`. */
  label: string;
  revs: string[];
  fetch: string[];
  /** A user-given revision (--base/--head, inputs base/head): not finding it is a usage error. */
  explicit?: { flag: '--base' | '--head'; value: string };
}

/** What to diff, decided from the event before touching git. */
export type RangeSpec =
  /** diff merge-base(base, head)..head: pull requests, merge groups, explicit --base. */
  | { kind: 'merge-base'; base: Target; head: Target }
  /** diff before..after when before is an ancestor of after; otherwise fall back like a new branch. */
  | {
      kind: 'push';
      before: Target;
      after: Target;
      defaultBranch: Target;
      defaultBranchName: string;
      onDefaultBranch: boolean;
    }
  /** diff merge-base(default branch, head)..head: a new branch (`created`), or a push whose old tip is unknown. */
  | {
      kind: 'new-branch';
      head: Target;
      defaultBranch: Target;
      defaultBranchName: string;
      onDefaultBranch: boolean;
      created: boolean;
    }
  /** No CI event: merge-base(default branch, head)..head, else head~1..head, else a full run. */
  | { kind: 'local'; head: Target; defaultBranch: Target; defaultBranchName: string }
  /** Run everything; the sentence says why. */
  | { kind: 'full'; reason: string }
  /** Nothing to test (a deleted branch); the sentence says why. */
  | { kind: 'nothing'; reason: string };

/** The CI event as read from the environment. */
export interface CiEvent {
  /** GITHUB_EVENT_NAME, undefined for a local run. */
  name?: string;
  platform: Platform;
  /** The parsed GITHUB_EVENT_PATH payload ({} when there is none). */
  payload: Record<string, unknown>;
  env: NodeJS.ProcessEnv;
}

/** Events that never carry a change: they mean "run everything". */
const FULL_RUN_EVENTS: Record<string, string> = {
  workflow_dispatch: 'Full run: a workflow_dispatch (manual) run has no change to compare, so everything runs.',
  schedule: 'Full run: a schedule run has no change to compare, so everything runs.',
  repository_dispatch: 'Full run: a repository_dispatch run has no change to compare, so everything runs.',
};

/**
 * Reads the event from the environment (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH; Gitea sets
 * the same variables plus GITEA_ACTIONS=true). A payload file that is named but cannot be
 * read or parsed is a usage error: guessing would risk running fewer tests.
 */
export function readCiEvent(env: NodeJS.ProcessEnv): CiEvent {
  const { eventName: name, platform, eventPath: path } = readCiEnvironment(env);
  if (!name || !path) return { name, platform, payload: {}, env };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `GITHUB_EVENT_PATH ${JSON.stringify(path)} cannot be read (${(error as Error).message}) — the runner sets it; unset GITHUB_EVENT_NAME to plan a local change`,
    );
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `GITHUB_EVENT_PATH ${JSON.stringify(path)} is not valid JSON (${(error as Error).message}) — it should hold the ${name} event payload`,
    );
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new UsageError(
      `GITHUB_EVENT_PATH ${JSON.stringify(path)} does not hold a JSON object — it should hold the ${name} event payload`,
    );
  }
  return { name, platform, payload: payload as Record<string, unknown>, env };
}

/** Decides what to diff for an event. Pure: no git, no files. */
export function rangeFromEvent(event: CiEvent, fallbackDefaultBranch = 'main'): RangeSpec {
  const defaultBranchName =
    safeRefName(get(event.payload, 'repository', 'default_branch')) ?? safeRefName(fallbackDefaultBranch) ?? 'main';
  const defaultBranch = defaultBranchTarget(defaultBranchName);
  switch (event.name) {
    case undefined:
      return { kind: 'local', head: { label: 'HEAD', revs: ['HEAD'], fetch: [] }, defaultBranch, defaultBranchName };
    case 'pull_request':
    case 'pull_request_target':
      return pullRequestRange(event, event.name);
    case 'merge_group':
      return mergeGroupRange(event.payload);
    case 'push':
      return pushRange(event, defaultBranch, defaultBranchName);
    default: {
      const fixed = FULL_RUN_EVENTS[event.name];
      if (fixed) return { kind: 'full', reason: fixed };
      return {
        kind: 'full',
        reason: `Full run: quality-gates does not know which commits a '${event.name}' event changes; pass base/head (--base/--head) to plan a partial run.`,
      };
    }
  }
}

/** The head of a range: the commit the event names, else the checked-out HEAD. */
function headTarget(sha: string | undefined, label: string, extraFetch: string[] = []): Target {
  return sha
    ? { label: `${label} ${short(sha)}`, revs: [sha], fetch: [sha, ...extraFetch] }
    : { label: 'HEAD', revs: ['HEAD'], fetch: extraFetch };
}

/** A pull_request(_target) event: its head against the merge base with its base commit or branch. */
function pullRequestRange({ payload, env }: CiEvent, name: string): RangeSpec {
  const baseSha = sha(get(payload, 'pull_request', 'base', 'sha'));
  const baseRef = safeRefName(get(payload, 'pull_request', 'base', 'ref')) ?? safeRefName(env.GITHUB_BASE_REF);
  const number = get(payload, 'pull_request', 'number') ?? get(payload, 'number');
  const headSha = sha(get(payload, 'pull_request', 'head', 'sha'));
  if (!baseSha && !baseRef) {
    return {
      kind: 'full',
      reason: `Full run: the ${name} event names no base commit or branch (pull_request.base.sha, GITHUB_BASE_REF), so the change cannot be computed.`,
    };
  }
  const base: Target = baseSha
    ? {
        label: `pull_request.base.sha ${short(baseSha)}`,
        revs: [baseSha],
        fetch: [baseSha, ...(baseRef ? [remoteBranchSpec(baseRef)] : [])],
      }
    : {
        label: `base branch '${baseRef}'`,
        revs: [`refs/remotes/origin/${baseRef}`],
        fetch: [remoteBranchSpec(baseRef!)],
      };
  const prRef = typeof number === 'number' && Number.isInteger(number) ? [`refs/pull/${number}/head`] : [];
  return { kind: 'merge-base', base, head: headTarget(headSha, 'pull_request.head.sha', prRef) };
}

/** A merge_group event: its head_sha against the merge base with its base_sha. */
function mergeGroupRange(payload: Record<string, unknown>): RangeSpec {
  const baseSha = sha(get(payload, 'merge_group', 'base_sha'));
  const headSha = sha(get(payload, 'merge_group', 'head_sha'));
  if (!baseSha || !headSha) {
    return {
      kind: 'full',
      reason:
        'Full run: the merge_group event payload has no merge_group.base_sha/head_sha, so the change cannot be computed.',
    };
  }
  const baseRef = branchOf(get(payload, 'merge_group', 'base_ref'));
  return {
    kind: 'merge-base',
    base: {
      label: `merge_group.base_sha ${short(baseSha)}`,
      revs: [baseSha],
      fetch: [baseSha, ...(baseRef ? [remoteBranchSpec(baseRef)] : [])],
    },
    head: headTarget(headSha, 'merge_group.head_sha'),
  };
}

/** A push event: before..after, a new branch, or nothing when the push deleted the ref. */
function pushRange({ payload, env }: CiEvent, defaultBranch: Target, defaultBranchName: string): RangeSpec {
  const ref = (typeof get(payload, 'ref') === 'string' ? (get(payload, 'ref') as string) : undefined) ?? env.GITHUB_REF;
  const branch = branchOf(ref);
  const onDefaultBranch = branch === defaultBranchName;
  const after = sha(get(payload, 'after')) ?? sha(env.GITHUB_SHA);
  if (get(payload, 'deleted') === true || (after !== undefined && isZeroSha(after))) {
    return { kind: 'nothing', reason: `The push deleted ${ref ?? 'a ref'}: there is nothing to test.` };
  }
  const afterTarget = headTarget(after, 'push after');
  const before = sha(get(payload, 'before'));
  const created = (before !== undefined && isZeroSha(before)) || get(payload, 'created') === true;
  if (!before || created) {
    return { kind: 'new-branch', head: afterTarget, defaultBranch, defaultBranchName, onDefaultBranch, created };
  }
  return {
    kind: 'push',
    before: { label: `push before ${short(before)}`, revs: [before], fetch: [before] },
    after: afterTarget,
    defaultBranch,
    defaultBranchName,
    onDefaultBranch,
  };
}

/** The default branch as a target: the remote-tracking branch, else a local branch of that name. */
export function defaultBranchTarget(name: string): Target {
  return {
    label: `default branch '${name}'`,
    revs: [`refs/remotes/origin/${name}`, `refs/heads/${name}`],
    fetch: [remoteBranchSpec(name)],
  };
}

/** A user-given revision (--base/--head): as given, else as a branch or tag of origin. */
export function explicitTarget(rev: string, flag: '--base' | '--head'): Target {
  // `origin/main` names origin's branch `main`; a plain `main` may be local or origin's.
  // HEAD and its relatives (HEAD~2 is refused by safeRefName anyway) name this checkout,
  // never a branch of origin: fetching `refs/heads/HEAD` would only fail.
  const symbolic = /^(HEAD|FETCH_HEAD|ORIG_HEAD|MERGE_HEAD)$/.test(rev);
  const branch = symbolic ? undefined : safeRefName(rev.startsWith('origin/') ? rev.slice('origin/'.length) : rev);
  const asSha = sha(rev);
  const tag = branch !== undefined && !rev.startsWith('origin/') ? [`+refs/tags/${branch}:refs/tags/${branch}`] : [];
  return {
    label: `${flag} '${rev}'`,
    revs: branch && !asSha ? [...new Set([rev, `refs/remotes/origin/${branch}`])] : [rev],
    fetch: asSha ? [asSha] : branch ? [remoteBranchSpec(branch), ...tag] : [],
    explicit: { flag, value: rev },
  };
}

/** `+refs/heads/<name>:refs/remotes/origin/<name>`: fetches a branch into its remote-tracking ref. */
function remoteBranchSpec(name: string): string {
  return `+refs/heads/${name}:refs/remotes/origin/${name}`;
}

/** A SHA-1 or SHA-256 object id, lower-cased, else undefined. */
function sha(value: unknown): string | undefined {
  return typeof value === 'string' && /^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(value) ? value.toLowerCase() : undefined;
}

function isZeroSha(value: string): boolean {
  return /^0+$/.test(value);
}

function short(value: string): string {
  return value.slice(0, 12);
}

/** `refs/heads/x` → `x` (only branch refs; tags and pull refs have no branch). */
function branchOf(ref: unknown): string | undefined {
  return typeof ref === 'string' && ref.startsWith('refs/heads/')
    ? safeRefName(ref.slice('refs/heads/'.length))
    : undefined;
}

/**
 * A branch name safe to put into a refspec, else undefined. Payload strings are untrusted:
 * this rejects what git's check-ref-format rejects (and a leading '-'), so a name can never
 * turn a refspec into an option or a second refspec.
 */
function safeRefName(value: unknown): string | undefined {
  if (
    typeof value !== 'string' ||
    value === '' ||
    value.startsWith('-') ||
    value.startsWith('/') ||
    value.endsWith('/')
  )
    return undefined;
  if (/[\s:~^?*[\\\x00-\x1f\x7f]|\.\.|@\{|\/\/|\.lock(\/|$)|(^|\/)\./.test(value)) return undefined;
  return value;
}

function get(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
