import { UsageError } from '../../errors.js';
import type { Command } from '../context.js';

/** `quality-gates lock` — placeholder until its issue lands; replaced, never shipped as is. */
export const lockCommand: Command = async () => {
  throw new UsageError('lock: not built yet');
};
