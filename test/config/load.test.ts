import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText } from '../../src/config/load.js';
import { ConfigError, ExitCode } from '../../src/errors.js';
import { runCli, runDistCli } from '../helpers/cli.js';

function repo(files: Record<string, string> = {}, dirs: string[] = []): string {
  const root = mkdtempSync(join(tmpdir(), 'qg-config-'));
  for (const dir of dirs) mkdirSync(join(root, dir), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function errorOf(text: string): string {
  try {
    parseConfigText(text, 'quality-gates.config.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(ExitCode.Usage);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('config loading', () => {
  it('applies every default with no config file (zero config)', () => {
    const root = repo({}, ['testing/backend/integration/billing']);
    const loaded = loadConfig(root);
    expect(loaded.path).toBeUndefined();
    expect(loaded.moduleRoot).toBe('testing/backend/integration');
    expect(loaded.moduleRootSource).toBe('convention');
    expect(loaded.config.unmatched).toBe('full');
    expect(loaded.config.runner).toBe('jest');
    expect(loaded.config.report.path).toBe('quality-gates-report.json');
    expect(loaded.config.lock).toBeUndefined();
  });

  it.each(['test/integration', 'tests/integration', '__tests__/integration'])('detects %s when the default root does not exist', (dir) => {
    const loaded = loadConfig(repo({}, [`${dir}/orders`]));
    expect(loaded.moduleRoot).toBe(dir);
    expect(loaded.moduleRootSource).toBe('convention');
  });

  it('reports a missing root as missing, falling back to the default name', () => {
    const loaded = loadConfig(repo());
    expect(loaded.moduleRootSource).toBe('missing');
    expect(loaded.moduleRoot).toBe('testing/backend/integration');
  });

  it('reads every documented key', () => {
    const config = parseConfigText(
      [
        'modules:',
        '  root: ./itests/',
        '  map:',
        '    billing: ["src/billing/**", "!src/billing/**/*.md"]',
        '  dependsOn:',
        '    invoices: [billing]',
        '  exclude: [helpers]',
        'global: ["db/**"]',
        'ignore: ["*.txt"]',
        'unmatched: ignore',
        'fullRunThreshold: 0.75',
        'runner: vitest',
        'runnerArgs: ["--silent"]',
        'timeout: 10m',
        'allowEmpty: true',
        'reset: ["bash", "testing/scripts/reset-db.sh"]',
        'lock: { name: containers, timeout: 90 }',
        'report: { junit: out/junit.xml, prComment: always }',
        'workflow: { strategy: matrix, runsOn: [self-hosted, integration] }',
      ].join('\n'),
      'quality-gates.config.yml',
    );
    expect(config.modules.map.billing).toEqual(['src/billing/**', '!src/billing/**/*.md']);
    expect(config.modules.dependsOn.invoices).toEqual(['billing']);
    expect(config.unmatched).toBe('ignore');
    expect(config.runner).toBe('vitest');
    expect(config.reset).toEqual(['bash', 'testing/scripts/reset-db.sh']);
    expect(config.lock).toMatchObject({ backend: 'flock', name: 'containers', timeout: 90, dir: '/tmp/quality-gates' });
    expect(config.report).toMatchObject({ junit: 'out/junit.xml', prComment: 'always', path: 'quality-gates-report.json' });
    expect(config.workflow).toMatchObject({ strategy: 'matrix', runsOn: ['self-hosted', 'integration'], nodeVersion: '20' });
    const loaded = loadConfig(repo({ 'quality-gates.config.yml': 'modules:\n  root: ./itests/\n' }, ['itests']));
    expect(loaded.moduleRoot).toBe('itests');
    expect(loaded.moduleRootSource).toBe('config');
  });
});

describe('config errors name file:line:col, the key, the bad value and a fix', () => {
  it('a string where a list of globs is expected', () => {
    const message = errorOf('modules:\n  map:\n    billing: "src/billing/**"\n');
    expect(message).toBe(
      'quality-gates.config.yml:3:14 modules.map.billing: expected a list, got the string "src/billing/**" — write ["src/billing/**"]',
    );
  });

  it('an unknown key points at the key and suggests checking the spelling', () => {
    const message = errorOf('modules:\n  roots: testing\n');
    expect(message).toMatch(/^quality-gates\.config\.yml:2:3 modules: unknown key 'roots' — check the spelling/);
  });

  it('a value outside an enum lists the allowed values', () => {
    expect(errorOf('runner: mocha\n')).toBe(`quality-gates.config.yml:1:9 runner: the string "mocha" is not allowed — use one of "jest", "vitest"`);
  });

  it('a bad duration says how to write one', () => {
    expect(errorOf('timeout: [1]\n')).toMatch(/^quality-gates\.config\.yml:1:10 timeout: expected a duration like "30m"/);
  });

  it('a reset command given as a shell string', () => {
    expect(errorOf('reset: bash reset.sh\n')).toBe(
      'quality-gates.config.yml:1:8 reset: expected a list, got the string "bash reset.sh" — write ["bash reset.sh"]',
    );
  });

  it('an empty reset command', () => {
    expect(errorOf('reset: []\n')).toMatch(/^quality-gates\.config\.yml:1:8 reset: give at least the program/);
  });

  it('invalid YAML', () => {
    expect(errorOf('modules:\n  map: [a\n')).toMatch(/^quality-gates\.config\.yml:\d+:\d+ invalid YAML: /);
  });

  it('a duplicate key', () => {
    expect(errorOf('runner: jest\nrunner: vitest\n')).toMatch(/^quality-gates\.config\.yml:2:1 invalid YAML: .*unique/i);
  });

  it('a top level that is not a mapping', () => {
    expect(errorOf('- a\n- b\n')).toMatch(/^quality-gates\.config\.yml:1:1 the config must be a mapping/);
  });

  it('a threshold out of range', () => {
    expect(errorOf('fullRunThreshold: 2\n')).toMatch(/^quality-gates\.config\.yml:1:19 fullRunThreshold: .*got number 2/);
  });

  it('the CLI exits 2 with the message on stderr (in process and from the bundle)', async () => {
    const root = repo({ 'quality-gates.config.yml': 'unmatched: sometimes\n' });
    const result = await runCli(['plan', '--files', '-'], { cwd: root, stdin: 'a.ts\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('quality-gates.config.yml:1:12 unmatched: the string "sometimes" is not allowed — use one of "full", "ignore"');
    const bundled = runDistCli(['plan', '--files', '-'], { cwd: root, input: 'a.ts\n' });
    expect(bundled.status).toBe(2);
    expect(bundled.stderr).toContain('unmatched: the string "sometimes" is not allowed');
  });

  it('an explicit --config that does not exist', async () => {
    const result = await runCli(['plan', '--files', '-', '--config', 'nope.yml'], { cwd: repo(), stdin: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nope.yml: config file not found');
  });
});

describe('--config paths', () => {
  it('accepts an absolute path as well as a relative one', () => {
    const root = repo({ 'ci/qg.yml': 'runner: vitest\n' });
    expect(loadConfig(root, 'ci/qg.yml').config.runner).toBe('vitest');
    expect(loadConfig(mkdtempSync(join(tmpdir(), 'qg-config-')), join(root, 'ci/qg.yml')).config.runner).toBe('vitest');
  });
});
