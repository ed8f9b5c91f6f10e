import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import {
  baseEnv,
  JEST_PROJECT,
  moduleNamed,
  readReport,
  removeTempModules,
  scratchDir,
  tempModules,
} from './helpers.js';

afterAll(removeTempModules);

describe('per-module logs', () => {
  test('a legal 249-byte module name gets a bounded log name; every module runs and the report is written', async () => {
    const long = `a${'x'.repeat(248)}`;
    const { config } = tempModules({
      [long]: { 'a.test.js': "test('ok', () => expect(1).toBe(1));\n" },
      later: { 'b.test.js': "test('ok', () => expect(2).toBe(2));\n" },
    });
    const dir = scratchDir();
    const report = join(dir, 'report.json');
    const result = await runCli(['run', '--config', config, '--report', report], { cwd: JEST_PROJECT, env: baseEnv() });
    expect(result.stderr).not.toMatch(/ENAMETOOLONG|unexpected error/);
    expect(result.code).toBe(0);
    const parsed = readReport(report);
    expect(parsed.modules.map((m) => [m.name, m.status])).toEqual([
      [long, 'passed'],
      ['later', 'passed'],
    ]);
    const logPath = moduleNamed(parsed, long).logPath!;
    expect(Buffer.byteLength(logPath.split('/').at(-1)!)).toBeLessThanOrEqual(100);
    expect(readFileSync(logPath, 'utf8')).toContain('PASS');
  });

  test('a run removes the logs earlier runs left, and nothing else', async () => {
    const { config } = tempModules({ only: { 'a.test.js': "test('ok', () => expect(1).toBe(1));\n" } });
    const dir = scratchDir();
    const logs = join(dir, 'quality-gates-logs');
    mkdirSync(logs);
    mkdirSync(join(logs, '07-folder.log'));
    for (const name of ['01-old-module.log', '12-gone-0123abcd.log', 'reset.log', 'notes.txt', 'mine.log', 'x01-a.log'])
      writeFileSync(join(logs, name), 'old\n');
    const report = join(dir, 'report.json');
    const result = await runCli(['run', '--config', config, '--report', report], { cwd: JEST_PROJECT, env: baseEnv() });
    expect(result.code).toBe(0);
    expect(readdirSync(logs).sort()).toEqual(['01-only.log', '07-folder.log', 'mine.log', 'notes.txt', 'x01-a.log']);
    expect(existsSync(moduleNamed(readReport(report), 'only').logPath!)).toBe(true);
  });
});
