import { UsageError } from '../../errors.js';
import type { Command } from '../context.js';

/** `quality-gates generate` — placeholder until its issue lands; replaced, never shipped as is. */
export const generateCommand: Command = async () => {
  throw new UsageError('generate: not built yet');
};
