import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ActionInputsSchema } from '../../src/action/inputs.js';
import { runRunAction } from '../../src/action/run.js';
import { ExitCode, QualityGatesError } from '../../src/errors.js';
import { captureProcessOutput } from '../helpers/output.js';
import { actionFiles, configWithBusyLock, JEST_PROJECT, scratchDir } from './helpers.js';

// Its own file: @actions/core keeps the first job summary path it sees for the process.
const inputs = (raw: Record<string, string>) =>
  ActionInputsSchema.parse({ command: 'run', workingDirectory: JEST_PROJECT, commitStatus: 'false', ...raw });

describe('the action, command: run, with an output path that cannot be written', () => {
  test('report.summary under a regular file: exit 2 naming it, before the lock is even tried', async () => {
    const dir = scratchDir();
    const { env } = actionFiles(dir);
    writeFileSync(join(dir, 'file.txt'), 'a file\n');
    // The lock is busy with a 1 s timeout: had the check come after it, the exit would be 75.
    const { config, release } = await configWithBusyLock(dir);
    appendFileSync(config, `report:\n  summary: ${JSON.stringify(join(dir, 'file.txt', 'summary.md'))}\n`);
    try {
      const { error } = await captureProcessOutput(() =>
        runRunAction(inputs({ config, modules: 'pass', reportPath: join(dir, 'report.json') }), env),
      );
      expect(error).toBeInstanceOf(QualityGatesError);
      expect((error as QualityGatesError).exitCode).toBe(ExitCode.Usage);
      expect((error as Error).message).toMatch(
        /^cannot write the summary at .*file\.txt\/summary\.md: .*file\.txt is a file/,
      );
    } finally {
      release();
    }
  });
});
