import { UsageError } from '../errors.js';
import type { ChangeRequest, ChangeSet } from './types.js';

/**
 * Resolves the changed files for a request: an explicit list, explicit base/head, or the
 * CI event (GitHub and Gitea), deepening shallow clones as needed.
 */
export async function resolveChanges(request: ChangeRequest): Promise<ChangeSet> {
  if (request.files) return { files: request.files, warnings: [] };
  throw new UsageError('resolving changes from git is being implemented (issue 2); pass --files for now');
}
