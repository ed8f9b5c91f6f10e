import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { baseEnv, readReport, scratchDir } from './helpers.js';

/**
 * A project whose module folders are prefixes of each other (date-fns's `add` and `addDays`):
 * `m/add`, `m/addDays`, `m/add-ons`, one test file each that writes its name to ran.log.
 */
function prefixProject(runner: 'jest' | 'vitest'): string {
  const dir = scratchDir();
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'qg-prefix-fixture', private: true }));
  writeFileSync(join(dir, 'quality-gates.config.yml'), `modules:\n  root: m\nrunner: ${runner}\n`);
  if (runner === 'vitest')
    writeFileSync(
      join(dir, 'vitest.config.mjs'),
      "export default { test: { include: ['m/**/*.test.js'], globals: true } };\n",
    );
  else writeFileSync(join(dir, 'jest.config.cjs'), "module.exports = { testEnvironment: 'node', transform: {} };\n");
  for (const name of ['add', 'addDays', 'add-ons']) {
    mkdirSync(join(dir, 'm', name), { recursive: true });
    writeFileSync(
      join(dir, 'm', name, 'it.test.js'),
      `const { appendFileSync } = require('node:fs');\ntest('${name}', () => appendFileSync(${JSON.stringify(join(dir, 'ran.log'))}, '${name}\\n'));\n`,
    );
  }
  return dir;
}

describe('quality-gates run -- PATH… runs exactly those paths', () => {
  test.each([['jest'], ['vitest']] as const)(
    '%s: a folder is a folder, not the prefix of its neighbours',
    async (runner) => {
      const dir = prefixProject(runner);
      const report = join(dir, 'report.json');
      const result = await runCli(
        ['run', '--history', 'none', '--report', report, '--', 'm/add', 'm/add-ons/it.test.js'],
        {
          cwd: dir,
          env: baseEnv(),
        },
      );
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const { readFileSync } = await import('node:fs');
      // m/addDays also starts with "m/add": before, both runners ran it too, and the report left it out.
      expect(readFileSync(join(dir, 'ran.log'), 'utf8').split('\n').filter(Boolean).sort()).toEqual(['add', 'add-ons']);
      expect(
        readReport(report)
          .modules[0].suites.map((suite) => suite.file)
          .sort(),
      ).toEqual(['m/add-ons/it.test.js', 'm/add/it.test.js']);
    },
  );
});
