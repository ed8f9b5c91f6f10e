import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

/** The import errors eslint.config.js reports for `code` as the content of `file` (a real file, so it is typed). */
async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: REPO_ROOT }).lintText(code, { filePath: file });
  return result.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('the import directions (eslint.config.js)', () => {
  it('keeps plan/ and report/ off the edges and off @actions/core', async () => {
    const errors = await importErrors(
      'src/report/merge.ts',
      [
        "import * as core from '@actions/core';",
        "import { runBatch } from '../run/batch.js';",
        "import { createMutex } from '../lock/index.js';",
        "import { killGroup } from '../process/kill.js';",
        "import { readCiEnvironment } from '../ci/environment.js';",
        "import { compareNames } from '../util/compare-names.js';",
        'export const all = [core, runBatch, createMutex, killGroup, readCiEnvironment, compareNames];',
      ].join('\n'),
    );
    expect(errors).toEqual([
      expect.stringContaining('Only src/action/ and src/index.ts import @actions/core'),
      expect.stringContaining("'../run/batch.js' import is restricted"),
      expect.stringContaining("'../lock/index.js' import is restricted"),
      expect.stringContaining("'../process/kill.js' import is restricted"),
    ]);
    expect(
      await importErrors(
        'src/plan/plan.ts',
        "import { runCommand } from '../cli/commands/run.js';\nexport const x = runCommand;\n",
      ),
    ).toEqual([
      expect.stringContaining('src/plan/ and src/report/ import nothing from action/, cli/, run/, lock/ or process/'),
    ]);
  });

  it('lets only src/action/ import @actions/core', async () => {
    const code = "import * as core from '@actions/core';\nexport const x = core;\n";
    expect(await importErrors('src/cli/commands/run.ts', code)).toHaveLength(1);
    expect(await importErrors('src/action/publish.ts', code)).toEqual([]);
  });

  it('keeps ci/, process/, util/ and leaks/ leaves', async () => {
    expect(
      await importErrors(
        'src/leaks/analyze.ts',
        "import { readReport } from '../report/report-file.js';\nexport const x = readReport;\n",
      ),
    ).toHaveLength(1);
    expect(
      await importErrors(
        'src/util/duration.ts',
        "import { loadConfig } from '../config/load.js';\nexport const x = loadConfig;\n",
      ),
    ).toHaveLength(1);
    expect(
      await importErrors(
        'src/process/kill.ts',
        "import { runBatch } from '../run/batch.js';\nexport const x = runBatch;\n",
      ),
    ).toHaveLength(1);
    expect(
      await importErrors(
        'src/ci/environment.ts',
        "import { UsageError } from '../errors.js';\nexport const x = UsageError;\n",
      ),
    ).toEqual([]);
  });
});
