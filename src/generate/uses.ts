import { UsageError } from '../errors.js';
import type { Platform } from './settings.js';

/** The third-party actions the generated workflow uses, by role. */
export type ActionRole =
  'checkout' | 'setup-node' | 'upload-artifact' | 'download-artifact' | 'cache-restore' | 'cache-save';

/**
 * Repository and tag of each action per platform. Gitea gets artifact actions v3: v4 and
 * later refuse to run on any server that is not github.com (GHESNotSupportedError, see
 * go-gitea/gitea#31256 and #36024), while Gitea still serves the v3 artifact protocol.
 * The cache actions are v4 on both: on a server that is not github.com, @actions/cache
 * speaks the v1 cache protocol at ACTIONS_CACHE_URL (its isGhes() check), which is what
 * act_runner's built-in cache server serves. `path` is the sub-action inside the repository
 * (`actions/cache/restore`); pins are looked up by the repository (`actions/cache`).
 */
const ACTIONS: Record<ActionRole, { name: string; path?: string; tag: Record<Platform, string> }> = {
  checkout: { name: 'actions/checkout', tag: { github: 'v4', gitea: 'v4' } },
  'setup-node': { name: 'actions/setup-node', tag: { github: 'v4', gitea: 'v4' } },
  'upload-artifact': { name: 'actions/upload-artifact', tag: { github: 'v4', gitea: 'v3' } },
  'download-artifact': { name: 'actions/download-artifact', tag: { github: 'v4', gitea: 'v3' } },
  'cache-restore': { name: 'actions/cache', path: 'restore', tag: { github: 'v4', gitea: 'v4' } },
  'cache-save': { name: 'actions/cache', path: 'save', tag: { github: 'v4', gitea: 'v4' } },
};

/** A resolved `uses:` value; `comment` is the tag kept next to a SHA pin (`# v4`). */
export interface UsesValue {
  uses: string;
  comment?: string;
}

/** How `uses:` values are written: pinned to SHAs or tags, relative or absolute. */
export interface UsesPolicy {
  platform: Platform;
  pinSha: boolean;
  pins: Record<string, string>;
  absoluteUses: boolean;
  usesBaseUrl: string;
}

/** A parsed `owner/repo[/path]@ref`; `path` is a sub-action of a pinned repository (`restore` of actions/cache). */
interface ActionReference {
  name: string;
  path?: string;
  ref: string;
}

const REMOTE_REFERENCE = /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(?:\/[^@\s]+)?)@([^@\s]+)$/;

/** Resolves the `uses:` of one of the well-known actions under the policy. */
export function usesForRole(role: ActionRole, policy: UsesPolicy): UsesValue {
  const action = ACTIONS[role];
  return pinAndPlace(
    { name: action.name, ...(action.path ? { path: action.path } : {}), ref: action.tag[policy.platform] },
    policy,
  );
}

/**
 * Resolves the `uses:` of quality-gates itself from `workflow.actionRef`. A local path
 * (`./`) or an already absolute URL is used as written: there is nothing to pin or place.
 */
export function usesForTool(actionRef: string, policy: UsesPolicy): UsesValue {
  if (actionRef.startsWith('./') || actionRef === '.') return { uses: actionRef };
  if (/^https?:\/\//.test(actionRef)) {
    if (policy.pinSha) {
      throw new UsageError(
        `--pin-sha: workflow.actionRef ${JSON.stringify(actionRef)} is an absolute URL; write it as owner/repo@tag and set workflow.absoluteUses: true, so that it can be pinned from workflow.pins`,
      );
    }
    return { uses: actionRef };
  }
  const match = REMOTE_REFERENCE.exec(actionRef);
  if (!match) {
    throw new UsageError(
      `workflow.actionRef ${JSON.stringify(actionRef)} is not an action reference — write owner/repo@tag (e.g. "quality-gates/quality-gates@v1") or a local path such as "./"`,
    );
  }
  return pinAndPlace({ name: match[1], ref: match[2] }, policy);
}

function pinAndPlace(reference: ActionReference, policy: UsesPolicy): UsesValue {
  let ref = reference.ref;
  let comment: string | undefined;
  if (policy.pinSha) {
    const pins: Partial<Record<string, string>> = policy.pins;
    const sha = pins[`${reference.name}@${reference.ref}`] ?? pins[reference.name];
    if (sha === undefined) {
      throw new UsageError(
        `--pin-sha: no commit SHA for ${reference.name}@${reference.ref} — add it to workflow.pins in quality-gates.config.yml, e.g. pins: { "${reference.name}": "<40-hex commit of ${reference.ref}>" } (or key "${reference.name}@${reference.ref}" to pin this tag only)`,
      );
    }
    ref = sha;
    comment = reference.ref;
  }
  const path = `${reference.name}${reference.path ? `/${reference.path}` : ''}@${ref}`;
  const uses = policy.absoluteUses ? `${policy.usesBaseUrl.replace(/\/+$/, '')}/${path}` : path;
  return comment === undefined ? { uses } : { uses, comment };
}
