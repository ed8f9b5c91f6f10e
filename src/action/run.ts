import { UsageError } from '../errors.js';
import type { ActionInputs } from './inputs.js';

/** `command: run` — placeholder until its issue lands; replaced, never shipped as is. */
export async function runRunAction(_inputs: ActionInputs, _env: NodeJS.ProcessEnv): Promise<void> {
  throw new UsageError('command run: not built yet');
}
