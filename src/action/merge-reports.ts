import { UsageError } from '../errors.js';
import type { ActionInputs } from './inputs.js';

/** `command: merge-reports` — placeholder until its issue lands; replaced, never shipped as is. */
export async function runMergeReportsAction(_inputs: ActionInputs, _env: NodeJS.ProcessEnv): Promise<void> {
  throw new UsageError('command merge-reports: not built yet');
}
