import { UsageError } from '../../errors.js';
import type { Command } from '../context.js';

/** `quality-gates merge-reports` — placeholder until its issue lands; replaced, never shipped as is. */
export const mergeReportsCommand: Command = async () => {
  throw new UsageError('merge-reports: not built yet');
};
