import { UsageError } from '../../errors.js';
import type { Command } from '../context.js';

/** `quality-gates run` — placeholder until its issue lands; replaced, never shipped as is. */
export const runCommand: Command = async () => {
  throw new UsageError('run: not built yet');
};
