import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ActionInputsSchema } from '../../src/action/inputs.js';
import { runRunAction } from '../../src/action/run.js';
import { ExitCode, QualityGatesError } from '../../src/errors.js';
import { captureProcessOutput } from '../helpers/output.js';
import { actionFiles, configWithBusyLock, JEST_PROJECT, readReport, scratchDir } from '../run/helpers.js';

// Its own file: @actions/core keeps the first job summary path it sees for the process.
const inputs = (raw: Record<string, string>) =>
  ActionInputsSchema.parse({ command: 'run', workingDirectory: JEST_PROJECT, commitStatus: 'false', ...raw });

describe('the action, command: run, when the lock is busy', () => {
  test('a lock that is not acquired in time: exit 75, and the summary and outputs still say nothing ran', async () => {
    const dir = scratchDir();
    const { outputFile, summaryFile, env } = actionFiles(dir);
    const { config, release } = await configWithBusyLock(dir);
    try {
      const report = join(dir, 'report.json');
      const { error } = await captureProcessOutput(() =>
        runRunAction(inputs({ config, modules: 'pass', reportPath: report }), env),
      );
      expect(error).toBeInstanceOf(QualityGatesError);
      expect((error as QualityGatesError).exitCode).toBe(ExitCode.LockTimeout);
      expect(readReport(report).modules).toMatchObject([
        { name: 'pass', status: 'skipped', reason: 'not run: the lock was not acquired' },
      ]);
      expect(readFileSync(outputFile, 'utf8')).toContain('report-path');
      expect(readFileSync(summaryFile, 'utf8')).toContain('not run: the lock was not acquired');
    } finally {
      release();
    }
  });
});
