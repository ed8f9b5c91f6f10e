import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ActionInputsSchema, parseInputs } from '../../src/action/inputs.js';
import { runRunAction } from '../../src/action/run.js';
import { ExitCode, QualityGatesError, UsageError } from '../../src/errors.js';
import { captureProcessOutput } from '../helpers/output.js';
import { actionFiles, baseEnv, JEST_PROJECT, readReport, scratchDir } from '../run/helpers.js';

const inputs = (raw: Record<string, string>) =>
  ActionInputsSchema.parse({
    command: 'run',
    workingDirectory: JEST_PROJECT,
    config: 'configs/basic.yml',
    commitStatus: 'false',
    ...raw,
  });

describe('the action, command: run', () => {
  test('runs the named modules, publishes the report, and fails naming the failed modules', async () => {
    const dir = scratchDir();
    const { outputFile, summaryFile, env } = actionFiles(dir);
    const report = join(dir, 'report.json');

    const { error } = await captureProcessOutput(() =>
      runRunAction(inputs({ modules: 'fail\npass', reportPath: report }), env),
    );
    expect(error).toBeInstanceOf(QualityGatesError);
    expect((error as QualityGatesError).exitCode).toBe(ExitCode.Failed);
    expect((error as QualityGatesError).message).toBe('1 of 2 modules failed: fail (1 test failed)');

    const parsed = readReport(report);
    expect(parsed.modules.map((m) => [m.name, m.status])).toEqual([
      ['fail', 'failed'],
      ['pass', 'passed'],
    ]);
    const outputs = readFileSync(outputFile, 'utf8');
    expect(outputs).toContain('failed-modules');
    expect(outputs).toContain('["fail"]');
    // The job summary is the tool's, naming the failed module.
    expect(readFileSync(summaryFile, 'utf8')).toContain('fail');
  });

  test('paths and modules together are a usage error', async () => {
    await expect(runRunAction(inputs({ modules: 'pass', paths: 'suites/basic/pass' }), baseEnv())).rejects.toThrow(
      UsageError,
    );
  });

  test('full with modules or paths is a usage error naming the other input', async () => {
    await expect(runRunAction(inputs({ full: 'true', modules: 'pass' }), baseEnv())).rejects.toThrow(
      "input 'full' runs every module: leave 'modules' empty, or set full: false",
    );
    await expect(runRunAction(inputs({ full: 'true', paths: 'suites/basic/pass' }), baseEnv())).rejects.toThrow(
      "input 'full' runs every module: leave 'paths' empty, or set full: false",
    );
  });
});

describe('the inputs slots, history and pack', () => {
  const parse = (raw: Record<string, string>) => ActionInputsSchema.parse({ slots: '', history: '', pack: '', ...raw });
  test("'' means not given: the config decides", () => {
    expect(parse({})).toMatchObject({ slots: undefined, history: undefined, pack: undefined });
  });
  test('a number or auto, a file or none, true or false', () => {
    expect(parse({ slots: '3', history: 'state/h.json', pack: 'false' })).toMatchObject({
      slots: 3,
      history: 'state/h.json',
      pack: false,
    });
    expect(parse({ slots: ' auto ', history: 'none', pack: 'true' })).toMatchObject({
      slots: 'auto',
      history: 'none',
      pack: true,
    });
  });
  test('a bad value names the input', () => {
    expect(() => parseInputs((name) => ({ slots: '0' })[name] ?? '')).toThrow(
      'input \'slots\': expected a whole number from 1, or auto (got "0")',
    );
    expect(() => parseInputs((name) => ({ pack: 'maybe' })[name] ?? '')).toThrow(
      'input \'pack\': expected true or false, got "maybe"',
    );
  });
});
