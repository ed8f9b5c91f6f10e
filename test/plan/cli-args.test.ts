import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** Flag errors are printed once, with the command's prefix once. */
describe('command-line flag errors', () => {
  it.each([
    [['run', '--module', '-rf'], 'run'],
    [['plan', '--nope'], 'plan'],
    [['generate', '--platform'], 'generate'],
  ])('%j names the command once', async (argv, command) => {
    const result = await runCli(argv, { cwd: mkdtempSync(join(tmpdir(), 'qg-args-')) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^quality-gates ${command}: (?!quality-gates)`));
    expect(result.stderr).toMatch(new RegExp(`see 'quality-gates ${command} --help'\\n$`));
    expect(result.stderr.match(/quality-gates \w+:/g)).toHaveLength(1);
  });
});
