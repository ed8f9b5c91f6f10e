import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findImportFindings } from '../../../src/plan/imports/findings.js';
import type { ImportFinding } from '../../../src/plan/imports/query.js';
import { TempRepo } from '../../helpers/git.js';

const JEST = join(process.cwd(), 'node_modules/jest/bin/jest.js');
const isTestFile = (path: string) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(path);

/** A project jest can list related tests for: relative imports, barrels, a mapper, mocks, JSON, a cycle, a workspace package. */
const FIXTURE: Record<string, string> = {
  '.gitignore': 'node_modules/\n',
  'package.json': JSON.stringify({
    name: 'fixture',
    private: true,
    workspaces: ['packages/*'],
    jest: { testEnvironment: 'node', moduleNameMapper: { '^~/(.*)$': '<rootDir>/src/$1' } },
  }),
  'packages/utils/package.json': JSON.stringify({ name: '@fixture/utils', main: 'src/index.js' }),
  'packages/utils/src/index.js': "export * from './merge';\nexport { clamp } from './clamp';\n",
  'packages/utils/src/merge.js':
    "import { isObject } from './is-object';\nexport const merge = (a, b) => (isObject(a) ? { ...a, ...b } : b);\n",
  'packages/utils/src/is-object.js': "export const isObject = (v) => typeof v === 'object';\n",
  'packages/utils/src/clamp.js': 'export const clamp = (n) => Math.max(0, n);\n',
  'packages/utils/src/unused.js': 'export const unused = 1;\n',
  'packages/utils/test/clamp.test.js':
    "const { clamp } = require('../src/clamp');\ntest('c', () => expect(clamp(-1)).toBe(0));\n",
  'src/billing/invoice.js':
    "const rates = require('./rates.json');\nconst { merge } = require('@fixture/utils');\nmodule.exports = { total: (n) => merge({}, { n: n * rates.eur }) };\n",
  'src/billing/rates.json': '{ "eur": 2 }',
  'src/billing/index.js': "export * from './invoice';\n",
  'src/cycle/a.js': "import { b } from './b';\nexport const a = () => b;\n",
  'src/cycle/b.js': "import { a } from './a';\nexport const b = () => a;\n",
  'src/mail/send.js': 'export const send = () => true;\n',
  'src/orphan.js': 'export const orphan = 1;\n',
  'tests/billing/invoice.test.js':
    "import { total } from '~/billing';\nimport { a } from '../../src/cycle/a';\njest.mock('../../src/mail/send');\ntest('t', () => expect(total(1) && a).toBeTruthy());\n",
  'tests/cycle/b.test.js': "const { b } = require('../../src/cycle/b');\ntest('b', () => expect(b).toBeTruthy());\n",
};

describe('import graph vs jest --findRelatedTests', () => {
  let repo: TempRepo;
  let findings: Map<string, ImportFinding>;
  beforeAll(async () => {
    repo = TempRepo.init();
    repo.commit('fixture', FIXTURE);
    const sources = Object.keys(FIXTURE).filter(
      (f) => !isTestFile(f) && /\.(js|json)$/.test(f) && !f.endsWith('package.json'),
    );
    findings = (await findImportFindings({ root: repo.dir, changedFiles: sources, isTestFile, cacheDir: null }))
      .findings;
    // jest finds workspace packages through node_modules only: give it the link npm would make.
    mkdirSync(join(repo.dir, 'node_modules/@fixture'), { recursive: true });
    symlinkSync(join(repo.dir, 'packages/utils'), join(repo.dir, 'node_modules/@fixture/utils'), 'dir');
  });
  afterAll(() => repo.remove());

  function jestRelated(file: string): string[] {
    const output = execFileSync(
      process.execPath,
      [JEST, '--ci', '--no-watchman', '--listTests', '--json', '--findRelatedTests', join(repo.dir, file)],
      { cwd: repo.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return (JSON.parse(output) as string[]).map((path) => relative(repo.dir, path)).sort();
  }

  function ours(file: string): string[] {
    const finding = findings.get(file)!;
    // A test changed itself is related to itself for jest; a source file is what is compared here.
    return finding.kind === 'imported' ? finding.tests.map((t) => t.test).sort() : [];
  }

  const compared = Object.keys(FIXTURE).filter(
    (f) => !isTestFile(f) && /\.(js|json)$/.test(f) && !f.endsWith('package.json') && f !== 'src/mail/send.js',
  );
  it.each(compared)('%s selects the same test files', (file) => {
    expect(ours(file)).toEqual(jestRelated(file));
  });

  it('also counts a jest.mock path, which jest does not (an automock without a factory loads the real module)', () => {
    expect(jestRelated('src/mail/send.js')).toEqual([]);
    expect(ours('src/mail/send.js')).toEqual(['tests/billing/invoice.test.js']);
  });

  it('really selects tests in other packages and none for the orphan', () => {
    expect(ours('packages/utils/src/is-object.js')).toEqual(['tests/billing/invoice.test.js']);
    expect(ours('src/cycle/a.js')).toEqual(['tests/billing/invoice.test.js', 'tests/cycle/b.test.js']);
    expect(findings.get('src/orphan.js')).toEqual({ kind: 'unimported', uncertain: [] });
  });
});
