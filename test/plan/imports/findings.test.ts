import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findImportFindings } from '../../../src/plan/imports/findings.js';
import { TempRepo } from '../../helpers/git.js';

const isTestFile = (path: string) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(path);

/** A TypeScript monorepo: workspaces without node_modules, barrels, tsconfig paths, a mapper. */
const MONOREPO: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
  'tsconfig.base.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['libs/*'] } } }),
  'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json', compilerOptions: { strict: true } }),
  'jest.config.js':
    "module.exports = { testEnvironment: 'node', setupFilesAfterEnv: ['<rootDir>/test-setup/db.ts'], moduleNameMapper: { '^~/(.*)$': '<rootDir>/src/$1' } };",
  'test-setup/db.ts': "import { pool } from '../src/db/pool';\nafterAll(() => pool.end());\n",
  'src/db/pool.ts': 'export const pool = { end: () => undefined };\n',
  'src/mocked/__mocks__/mailer.ts': 'export const send = () => 0;\n',
  // @scope/utils: exports name an unbuilt dist/ (no install, no build), sources via "types".
  'packages/utils/package.json': JSON.stringify({
    name: '@scope/utils',
    exports: { '.': { types: './src/index.ts', default: './dist/index.js' } },
  }),
  'packages/utils/src/index.ts': "export * from './mergeDeep';\nexport { clamp } from './clamp';\n",
  'packages/utils/src/mergeDeep.ts':
    "import { isObject } from './isObject.js';\nexport const mergeDeep = (a: object, b: object) => (isObject(a) ? { ...a, ...b } : b);\n",
  'packages/utils/src/isObject.ts':
    'export const isObject = (v: unknown): v is object => typeof v === "object" && v !== null;\n',
  'packages/utils/src/clamp.ts': 'export const clamp = (n: number) => Math.max(0, n);\n',
  'packages/utils/src/unused.ts': 'export const unused = 1;\n',
  'packages/merge/package.json': JSON.stringify({ name: '@scope/merge', main: 'src/index.ts' }),
  'packages/merge/src/index.ts': "import { mergeDeep } from '@scope/utils';\nexport const merge = mergeDeep;\n",
  'packages/merge/tests/merge.spec.ts':
    "import { merge } from '../src';\nimport { mergeDeep } from '@scope/utils';\ntest('m', () => expect(merge({}, mergeDeep({}, {}))).toEqual({}));\n",
  'libs/money.ts': "const rates = require('./rates.json');\nexport const money = (n: number) => n * rates.eur;\n",
  'libs/rates.json': '{ "eur": 1 }',
  'src/cycle/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
  'src/cycle/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
  'src/mapped/thing.ts': 'export const thing = 1;\n',
  'src/mocked/mailer.ts': 'export const send = () => 1;\n',
  'src/schema.sql': 'create table t (id int);\n',
  'tests/billing/money.test.ts':
    "import { money } from '@lib/money';\nimport { a } from '../../src/cycle/a';\nimport { thing } from '~/mapped/thing';\njest.mock('../../src/mocked/mailer');\ntest('x', () => expect(money(1) + thing + (a() ? 1 : 0)).toBe(3));\n",
};

describe('findImportFindings', () => {
  let repo: TempRepo | undefined;
  afterEach(() => {
    repo?.remove();
    repo = undefined;
  });

  async function find(files: Record<string, string>, changed: string[], base?: string) {
    repo ??= TempRepo.init();
    if (Object.keys(files).length > 0) repo.commit('files', files);
    return findImportFindings({ root: repo.dir, changedFiles: changed, base, isTestFile, cacheDir: null });
  }

  it('follows barrels and export * to a workspace package imported by name, with no node_modules', async () => {
    const result = await find(MONOREPO, ['packages/utils/src/isObject.ts']);
    expect(existsSync(join(repo!.dir, 'node_modules'))).toBe(false);
    expect(result.findings.get('packages/utils/src/isObject.ts')).toEqual({
      kind: 'imported',
      tests: [
        {
          test: 'packages/merge/tests/merge.spec.ts',
          via: ['packages/utils/src/mergeDeep.ts', 'packages/utils/src/index.ts'],
        },
      ],
      uncertain: [],
    });
    expect(result.warnings).toEqual([]);
  });

  it('resolves tsconfig paths from an extended tsconfig, require of JSON, a moduleNameMapper and jest.mock paths', async () => {
    const result = await find(MONOREPO, ['libs/rates.json', 'src/mapped/thing.ts', 'src/mocked/mailer.ts']);
    expect(result.findings.get('libs/rates.json')).toEqual({
      kind: 'imported',
      tests: [{ test: 'tests/billing/money.test.ts', via: ['libs/money.ts'] }],
      uncertain: [],
    });
    expect(result.findings.get('src/mapped/thing.ts')).toEqual({
      kind: 'imported',
      tests: [{ test: 'tests/billing/money.test.ts', via: [] }],
      uncertain: [],
    });
    expect(result.findings.get('src/mocked/mailer.ts')).toEqual({
      kind: 'imported',
      tests: [{ test: 'tests/billing/money.test.ts', via: [] }],
      uncertain: [],
    });
  });

  it('terminates on import cycles and still finds the test', async () => {
    const result = await find(MONOREPO, ['src/cycle/b.ts']);
    expect(result.findings.get('src/cycle/b.ts')).toEqual({
      kind: 'imported',
      tests: [{ test: 'tests/billing/money.test.ts', via: ['src/cycle/a.ts'] }],
      uncertain: [],
    });
  });

  it('says when no test imports a code file, and cannot speak for a non-code file nothing imports', async () => {
    const result = await find(MONOREPO, ['packages/utils/src/unused.ts', 'src/schema.sql']);
    expect(result.findings.get('packages/utils/src/unused.ts')).toEqual({ kind: 'unimported', uncertain: [] });
    expect(result.findings.get('src/schema.sql')).toEqual({
      kind: 'unknown',
      why: 'src/schema.sql is not a JavaScript/TypeScript file and no file imports it',
    });
  });

  it('cannot speak for files jest loads without an import: setupFilesAfterEnv and __mocks__', async () => {
    const result = await find(MONOREPO, ['src/db/pool.ts', 'src/mocked/__mocks__/mailer.ts']);
    expect(result.findings.get('src/db/pool.ts')).toEqual({
      kind: 'unknown',
      why: 'src/db/pool.ts is loaded by jest.config.js setupFilesAfterEnv around every test, without an import',
    });
    expect(result.findings.get('src/mocked/__mocks__/mailer.ts')).toEqual({
      kind: 'unknown',
      why: 'src/mocked/__mocks__/mailer.ts is in a __mocks__ folder, which jest uses in place of a module without an import',
    });
  });

  it('never claims a test with a require(variable) on its way unaffected', async () => {
    const result = await find(
      {
        ...MONOREPO,
        'src/plugins/load.ts': 'export const load = (name: string) => require(`./${name}`);\n',
        'tests/plugins/load.test.ts': "import { load } from '../../src/plugins/load';\ntest('p', () => load('x'));\n",
      },
      ['packages/utils/src/unused.ts', 'src/cycle/b.ts'],
    );
    const uncertain = [
      { test: 'tests/plugins/load.test.ts', why: 'src/plugins/load.ts has require(`./${name}`) at line 1' },
    ];
    expect(result.findings.get('packages/utils/src/unused.ts')).toEqual({ kind: 'unimported', uncertain });
    expect(result.findings.get('src/cycle/b.ts')).toMatchObject({ kind: 'imported', uncertain });
  });

  it('counts the importers at base of a deleted file', async () => {
    repo = TempRepo.init();
    const base = repo.commit('base', {
      ...MONOREPO,
      'src/legacy/format.ts': 'export const format = (n: number) => String(n);\n',
      'src/legacy/index.ts': "export * from './format';\n",
      'tests/legacy/format.test.ts':
        "import { format } from '../../src/legacy';\ntest('f', () => expect(format(1)).toBe('1'));\n",
    });
    repo.commit('delete', { 'src/legacy/format.ts': null, 'src/legacy/index.ts': 'export const format = String;\n' });
    const result = await find({}, ['src/legacy/format.ts', 'src/legacy/index.ts'], base);
    expect(result.findings.get('src/legacy/format.ts')).toEqual({
      kind: 'imported',
      tests: [{ test: 'tests/legacy/format.test.ts', via: ['src/legacy/index.ts'] }],
      uncertain: [],
    });
    expect(result.findings.get('src/legacy/index.ts')).toMatchObject({
      kind: 'imported',
      tests: [{ test: 'tests/legacy/format.test.ts', via: [] }],
    });
  });

  it('warns about unresolved specifiers and leaves the files they may mean to the other rules', async () => {
    const result = await find(
      {
        ...MONOREPO,
        'tests/billing/money.test.ts': `${MONOREPO['tests/billing/money.test.ts']}import '../../src/generated/client';\n`,
        'src/generated/other.ts': 'export {};\n',
      },
      ['src/generated/client.ts', 'src/generated/other.ts'],
    );
    expect(result.warnings).toEqual([
      "import graph: 1 specifier imported on the way to tests did not resolve: '../../src/generated/client' in tests/billing/money.test.ts — a changed file they may refer to is planned by the other rules (unmatched)",
    ]);
    expect(result.findings.get('src/generated/client.ts')).toMatchObject({ kind: 'unknown' });
    expect(result.findings.get('src/generated/other.ts')).toEqual({ kind: 'unimported', uncertain: [] });
  });

  it('reads vitest resolve.alias and pnpm workspaces statically', async () => {
    const result = await find(
      {
        'package.json': JSON.stringify({ name: 'root', private: true }),
        'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n",
        'vitest.config.ts':
          "import { defineConfig } from 'vitest/config';\nimport { fileURLToPath } from 'node:url';\nexport default defineConfig({ resolve: { alias: { '@app': fileURLToPath(new URL('./apps/web/src', import.meta.url)) } } });\n",
        'apps/web/package.json': JSON.stringify({ name: 'web', exports: { './format': './src/format.ts' } }),
        'apps/web/src/format.ts': 'export const f = 1;\n',
        'apps/web/src/view.tsx': 'export const View = () => <div>{1}</div>;\n',
        'apps/api/package.json': JSON.stringify({ name: 'api' }),
        'apps/api/test/api.test.ts':
          "import { View } from '@app/view';\nimport { f } from 'web/format';\ntest('a', () => expect([View, f]).toBeTruthy());\n",
      },
      ['apps/web/src/view.tsx', 'apps/web/src/format.ts'],
    );
    expect(result.findings.get('apps/web/src/view.tsx')).toEqual({
      kind: 'imported',
      tests: [{ test: 'apps/api/test/api.test.ts', via: [] }],
      uncertain: [],
    });
    expect(result.findings.get('apps/web/src/format.ts')).toEqual({
      kind: 'imported',
      tests: [{ test: 'apps/api/test/api.test.ts', via: [] }],
      uncertain: [],
    });
  });

  it('follows tsconfig paths when extends names packages that are not installed yet', async () => {
    const result = await find(
      {
        'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['tooling/*', 'apps/*'] }),
        'tooling/tsconfig/package.json': JSON.stringify({ name: '@repo/tsconfig' }),
        'tooling/tsconfig/base.json':
          '{\n  // shared by every app\n  "extends": "@tsconfig/node20/tsconfig.json",\n  "compilerOptions": { "strict": true, },\n}\n',
        'apps/api/package.json': JSON.stringify({ name: 'api' }),
        'apps/api/tsconfig.json':
          '{ "extends": "@repo/tsconfig/base.json", /* aliases */ "compilerOptions": { "paths": { "#lib/*": ["./src/lib/*"] } } }',
        'apps/api/src/lib/clock.ts': 'export const now = () => 0;\n',
        'apps/api/test/clock.test.ts': "import { now } from '#lib/clock';\ntest('c', () => expect(now()).toBe(0));\n",
      },
      ['apps/api/src/lib/clock.ts'],
    );
    expect(result.findings.get('apps/api/src/lib/clock.ts')).toEqual({
      kind: 'imported',
      tests: [{ test: 'apps/api/test/clock.test.ts', via: [] }],
      uncertain: [],
    });
    expect(result.warnings).toEqual([
      "import graph: apps/api/tsconfig.json extends '@tsconfig/node20/tsconfig.json', which is not installed; the repository's own paths are used",
    ]);
  });

  it('parses only changed contents on the second run (content-hash cache)', async () => {
    repo = TempRepo.init();
    repo.commit('files', MONOREPO);
    const cacheDir = join(repo.dir, 'node_modules/.cache/quality-gates');
    const changedFiles = ['src/cycle/a.ts'];
    const cold = await findImportFindings({ root: repo.dir, changedFiles, isTestFile, cacheDir });
    expect(cold.stats.parsed).toBe(cold.stats.files);
    expect(existsSync(join(cacheDir, 'imports.json'))).toBe(true);
    repo.commit('edit', { 'src/cycle/a.ts': "import { b } from './b';\nexport const a = () => b();\n" });
    const warm = await findImportFindings({ root: repo.dir, changedFiles, isTestFile, cacheDir });
    expect(warm.stats).toEqual({ ...cold.stats, parsed: 1 });
  });

  it('builds no graph when no changed file is in the work tree (nothing to explain), and keeps the cache', async () => {
    repo = TempRepo.init();
    repo.commit('files', MONOREPO);
    const cacheDir = join(repo.dir, 'node_modules/.cache/quality-gates');
    await findImportFindings({ root: repo.dir, changedFiles: ['src/cycle/a.ts'], isTestFile, cacheDir });
    const cached = readFileSync(join(cacheDir, 'imports.json'), 'utf8');
    const result = await findImportFindings({ root: repo.dir, changedFiles: ['src/gone.ts'], isTestFile, cacheDir });
    expect(result.stats).toEqual({ files: 0, parsed: 0, tests: 0 });
    expect(result.findings.get('src/gone.ts')).toEqual({
      kind: 'unknown',
      why: 'src/gone.ts was deleted, and with no base commit its importers cannot be read',
    });
    expect(readFileSync(join(cacheDir, 'imports.json'), 'utf8')).toBe(cached);
  });
});
