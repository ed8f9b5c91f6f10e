import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it.each(['test/integration', 'tests/integration', '__tests__/integration'])(
    'detects %s when the default root does not exist',
    (dir) => {
      const loaded = loadConfig(repo({}, [`${dir}/orders`]));
      expect(loaded.moduleRoot).toBe(dir);
      expect(loaded.moduleRootSource).toBe('convention');
    },
  );

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
    expect(config.report).toMatchObject({
      junit: 'out/junit.xml',
      prComment: 'always',
      path: 'quality-gates-report.json',
    });
    expect(config.workflow).toMatchObject({
      strategy: 'matrix',
      runsOn: ['self-hosted', 'integration'],
      nodeVersion: '20',
    });
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
    expect(errorOf('runner: mocha\n')).toBe(
      `quality-gates.config.yml:1:9 runner: the string "mocha" is not allowed — use one of "jest", "vitest"`,
    );
  });

  it('a bad duration says how to write one', () => {
    expect(errorOf('timeout: [1]\n')).toMatch(
      /^quality-gates\.config\.yml:1:10 timeout: expected a duration like "30m"/,
    );
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
    expect(errorOf('runner: jest\nrunner: vitest\n')).toMatch(
      /^quality-gates\.config\.yml:2:1 invalid YAML: .*unique/i,
    );
  });

  it('a top level that is not a mapping', () => {
    expect(errorOf('- a\n- b\n')).toMatch(/^quality-gates\.config\.yml:1:1 the config must be a mapping/);
  });

  it('a threshold out of range', () => {
    expect(errorOf('fullRunThreshold: 2\n')).toMatch(
      /^quality-gates\.config\.yml:1:19 fullRunThreshold: .*got number 2/,
    );
  });

  it('the CLI exits 2 with the message on stderr (in process and from the bundle)', async () => {
    const root = repo({ 'quality-gates.config.yml': 'unmatched: sometimes\n' });
    const result = await runCli(['plan', '--files', '-'], { cwd: root, stdin: 'a.ts\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'quality-gates.config.yml:1:12 unmatched: the string "sometimes" is not allowed — use one of "full", "ignore"',
    );
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

describe('a config file that cannot be read is exit 2 naming the file, never an internal error', () => {
  async function planIn(root: string, args: string[] = []) {
    const result = await runCli(['plan', '--files', '-', ...args], { cwd: root, stdin: 'a.ts\n' });
    expect(result.stderr).not.toMatch(/unexpected error/);
    expect(result.code).toBe(2);
    return result.stderr;
  }

  it('a directory where the config should be', async () => {
    expect(await planIn(repo({}, ['quality-gates.config.yml']))).toBe(
      'quality-gates plan: quality-gates.config.yml: cannot read the config file: it is a directory — give the path of a YAML file\n',
    );
  });

  it('a named pipe (reading it would hang)', async () => {
    const root = repo();
    execFileSync('mkfifo', [join(root, 'qg.yml')]);
    expect(await planIn(root, ['--config', 'qg.yml'])).toBe(
      'quality-gates plan: qg.yml: cannot read the config file: it is a named pipe (FIFO) — give the path of a YAML file to --config\n',
    );
  });

  it('a symbolic link loop, and a dangling link (never silently "no config")', async () => {
    const root = repo();
    symlinkSync('quality-gates.config.yml', join(root, 'quality-gates.config.yml'));
    expect(await planIn(root)).toMatch(
      /^quality-gates plan: quality-gates\.config\.yml: cannot read the config file \(ELOOP: too many symbolic links encountered.*\) — make it a readable YAML file\n$/,
    );
    const dangling = repo();
    symlinkSync('nowhere.yml', join(dangling, 'quality-gates.config.yml'));
    expect(await planIn(dangling)).toBe(
      'quality-gates plan: quality-gates.config.yml: cannot read the config file (a symbolic link to a file that does not exist) — make it a readable YAML file\n',
    );
  });

  it('a YAML alias bomb (billion laughs)', async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const [previous, current] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
      lines.push(`${current}: &${current} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const message = await planIn(repo({ 'quality-gates.config.yml': lines.join('\n') + '\n' }));
    expect(message).toMatch(
      /^quality-gates plan: quality-gates\.config\.yml: the YAML expands too many aliases \(Excessive alias count.*\) — write the values out instead of nesting \*aliases\n$/,
    );
  });
});

describe('values checked when the config loads, so plan and run refuse the same file the same way', () => {
  it.each([
    [
      'timeout: 597h\n',
      'quality-gates.config.yml:1:10 timeout: duration "597h" is longer than the longest timer Node.js supports (2147483647 ms, about 24.8 days) — give a shorter one, e.g. "24h"',
    ],
    [
      'timeout: soon\n',
      'quality-gates.config.yml:1:10 timeout: cannot read duration "soon" — write e.g. "90s", "30m", "1h30m" or a number of seconds',
    ],
    [
      'lock:\n  timeout: 10 minutes\n',
      'quality-gates.config.yml:2:12 lock.timeout: cannot read duration "10 minutes" — write e.g. "90s", "30m", "1h30m" or a number of seconds',
    ],
    [
      'lock:\n  pollInterval: 2147484s\n',
      'quality-gates.config.yml:2:17 lock.pollInterval: duration "2147484s" is longer than the longest timer Node.js supports (2147483647 ms, about 24.8 days) — give a shorter one, e.g. "24h"',
    ],
    [
      'lock:\n  name: ../escape\n',
      'quality-gates.config.yml:2:9 lock.name: a lock name is 1 to 100 ASCII letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. "test-containers") (got the string "../escape")',
    ],
  ])('%j', async (text, message) => {
    expect(errorOf(text)).toBe(message);
    const root = repo({ 'quality-gates.config.yml': text }, ['testing/backend/integration/orders']);
    writeFileSync(join(root, 'testing/backend/integration/orders/a.test.js'), '');
    for (const command of [
      ['plan', '--full'],
      ['run', '--all'],
    ]) {
      const result = await runCli(command, { cwd: root });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`quality-gates ${command[0]}: ${message}\n`);
    }
  });

  it('the largest timer Node supports is accepted', () => {
    expect(parseConfigText('timeout: 2147483s\n', 'quality-gates.config.yml').timeout).toBe('2147483s');
  });

  it('run --timeout gets the same check', async () => {
    const root = repo({}, ['testing/backend/integration/orders']);
    writeFileSync(join(root, 'testing/backend/integration/orders/a.test.js'), '');
    const result = await runCli(['run', '--all', '--timeout', '597h'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'quality-gates run: --timeout: duration "597h" is longer than the longest timer Node.js supports (2147483647 ms, about 24.8 days) — give a shorter one, e.g. "24h"\n',
    );
  });

  it('modules.root outside the repository is refused', async () => {
    for (const root of ['../elsewhere', '/tmp']) {
      const dir = repo({ 'quality-gates.config.yml': `modules:\n  root: ${root}\n` });
      const result = await runCli(['plan', '--full'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `quality-gates plan: quality-gates.config.yml:2:9 modules.root: ${JSON.stringify(root)} is outside the repository ${dir} — give a folder inside it, relative to the repository root\n`,
      );
    }
  });

  it('a configured modules.root that does not exist says so, and plan exits 2', async () => {
    const dir = repo({ 'quality-gates.config.yml': 'modules:\n  root: test\n' });
    const result = await runCli(['plan', '--files', '-'], { cwd: dir, stdin: 'a.ts\n' });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `quality-gates plan: quality-gates.config.yml:2:9 modules.root: "test" does not exist in ${dir} — create it, or set modules.root to the folder whose subfolders are your integration modules\n`,
    );
  });
});
