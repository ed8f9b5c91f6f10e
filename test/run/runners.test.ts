import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { jestAdapter } from '../../src/run/runners/jest.js';
import { vitestAdapter } from '../../src/run/runners/vitest.js';
import { JEST_PROJECT, scratchDir, VITEST_PROJECT } from './helpers.js';

describe('runner adapters', () => {
  test('jest: the project’s own jest, in band, module folders as escaped folder patterns, extra args last', () => {
    const args = jestAdapter.args({
      cwd: JEST_PROJECT,
      targets: [{ paths: ['suites/a+b.c'], kind: 'module' }],
      extraArgs: ['--ci'],
      env: { PATH: '' },
    });
    expect(args[0]).toMatch(/node_modules\/jest\/bin\/jest\.js$/);
    expect(args[1]).toBe('suites/a\\+b\\.c/');
    expect(args).toContain('--runInBand');
    expect(args).not.toContain('--passWithNoTests');
    expect(args.at(-1)).toBe('--ci');
  });

  test('jest: --forceExit unless the user asks for open-handle detection or decides it', () => {
    const base = { cwd: JEST_PROJECT, targets: [{ paths: ['m'], kind: 'module' }] as const, env: { PATH: '' } };
    expect(jestAdapter.args({ ...base, extraArgs: [] })).toContain('--forceExit');
    for (const arg of ['--detectOpenHandles', '--no-forceExit', '--forceExit=false', '--no-force-exit']) {
      expect(
        jestAdapter.args({ ...base, extraArgs: [arg] }).filter((a) => a === '--forceExit'),
        arg,
      ).toEqual([]);
    }
  });

  test('jest: pass-through paths: a file exactly, a folder as a folder, anything else as given', () => {
    const args = jestAdapter.args({
      cwd: JEST_PROJECT,
      targets: [{ paths: ['suites/basic/pass/a.test.js', 'suites/basic/pass', 'pass.*b'], kind: 'paths' }],
      extraArgs: [],
      env: { PATH: '' },
    });
    expect(args.slice(1, 4)).toEqual(['(^|/)suites/basic/pass/a\\.test\\.js$', 'suites/basic/pass/', 'pass.*b']);
  });

  test('jest: --no-watchman only when watchman is not installed and not mentioned', () => {
    const bin = join(scratchDir(), 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'watchman'), '#!/bin/sh\n');
    chmodSync(join(bin, 'watchman'), 0o755);
    const base = { cwd: JEST_PROJECT, targets: [{ paths: ['m'], kind: 'module' }] as const };
    expect(jestAdapter.args({ ...base, extraArgs: [], env: { PATH: '/nonexistent' } })).toContain('--no-watchman');
    expect(jestAdapter.args({ ...base, extraArgs: [], env: { PATH: bin } })).not.toContain('--no-watchman');
    expect(jestAdapter.args({ ...base, extraArgs: ['--watchman'], env: { PATH: '/nonexistent' } })).not.toContain(
      '--no-watchman',
    );
  });

  test('vitest: run mode, one file at a time, module folders with a trailing slash', () => {
    const args = vitestAdapter.args({
      cwd: VITEST_PROJECT,
      targets: [{ paths: ['modules/pass'], kind: 'module' }],
      extraArgs: [],
      env: {},
    });
    expect(args[0]).toMatch(/node_modules\/vitest\/vitest\.mjs$/);
    expect(args.slice(1, 3)).toEqual(['run', 'modules/pass/']);
    expect(args).toContain('--no-file-parallelism');
  });

  test("jest pack: every module's patterns in order, each of its own kind, and the pack sequencer", () => {
    const targets = [
      { paths: ['modules/billing'], kind: 'module' as const },
      { paths: ['smoke.test.js'], kind: 'files' as const },
    ];
    const args = jestAdapter.args({ cwd: JEST_PROJECT, targets, extraArgs: [], env: { PATH: '' } });
    expect(args.slice(1, 3)).toEqual(['modules/billing/', '(^|/)smoke\\.test\\.js$']);
    expect(args.some((arg) => /^--testSequencer=.*jest-sequencer\.cjs$/.test(arg))).toBe(true);
    // One module alone keeps jest's (or the user's configured) sequencer.
    expect(
      jestAdapter
        .args({ cwd: JEST_PROJECT, targets: targets.slice(0, 1), extraArgs: [], env: { PATH: '' } })
        .some((arg) => arg.startsWith('--testSequencer')),
    ).toBe(false);
    // A sequencer of the user's wins.
    const own = jestAdapter.args({
      cwd: JEST_PROJECT,
      targets,
      extraArgs: ['--testSequencer=./mine.cjs'],
      env: { PATH: '' },
    });
    expect(own.filter((arg) => arg.startsWith('--testSequencer'))).toEqual(['--testSequencer=./mine.cjs']);
  });

  test("vitest pack: every module's filters in order", () => {
    const args = vitestAdapter.args({
      cwd: VITEST_PROJECT,
      targets: [
        { paths: ['modules/a'], kind: 'module' },
        { paths: ['modules/b/'], kind: 'module' },
      ],
      extraArgs: [],
      env: {},
    });
    expect(args.slice(1, 4)).toEqual(['run', 'modules/a/', 'modules/b/']);
  });

  test('a project without the runner installed gets a config error saying how to fix it', () => {
    const dir = scratchDir();
    writeFileSync(join(dir, 'package.json'), '{}');
    // Outside this repository, nothing resolves jest (the temp dir has no node_modules above it).
    expect(() =>
      jestAdapter.args({ cwd: dir, targets: [{ paths: ['m'], kind: 'module' }], extraArgs: [], env: {} }),
    ).toThrow(/cannot find the 'jest' package.*npm install --save-dev jest/);
  });
});
