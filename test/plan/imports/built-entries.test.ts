import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findImportFindings } from '../../../src/plan/imports/findings.js';
import { TempRepo } from '../../helpers/git.js';

const isTestFile = (path: string) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(path);

/**
 * A preconstruct-style monorepo (as changesets/changesets): each package's `exports`/`main`
 * name a gitignored `dist/` (conditions `import` before `default`), and the consumer's test
 * reaches the other package only by its name.
 */
const entry = (name: string) => ({
  main: `dist/scope-${name}.cjs.js`,
  module: `dist/scope-${name}.esm.js`,
  exports: {
    '.': {
      types: { import: `./dist/scope-${name}.cjs.mjs`, default: `./dist/scope-${name}.cjs.js` },
      module: `./dist/scope-${name}.esm.js`,
      import: `./dist/scope-${name}.cjs.mjs`,
      default: `./dist/scope-${name}.cjs.js`,
    },
    './helpers': {
      import: `./helpers/dist/scope-${name}-helpers.cjs.mjs`,
      default: `./helpers/dist/scope-${name}-helpers.cjs.js`,
    },
    './package.json': './package.json',
  },
});
const REPO: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
  '.gitignore': 'node_modules/\ndist/\n',
  'packages/parse/package.json': JSON.stringify({ name: '@scope/parse', ...entry('parse') }),
  'packages/parse/src/index.ts': 'export default function parse(text: string) { return text.trim(); }\n',
  'packages/parse/src/helpers.ts': 'export const helper = 1;\n',
  'packages/read/package.json': JSON.stringify({ name: '@scope/read', ...entry('read') }),
  'packages/read/src/index.ts':
    "import parse from '@scope/parse';\nimport { helper } from '@scope/parse/helpers';\nexport const read = (t: string) => parse(t) + helper;\n",
  'packages/read/src/index.test.ts':
    "import { read } from './index';\ntest('r', () => expect(read(' a ')).toBe('a1'));\n",
};

/** What `preconstruct dev` writes into each package (all of it gitignored). */
const PRECONSTRUCT_DEV: Record<string, string> = {
  'packages/parse/dist/scope-parse.cjs.js': 'module.exports = require("../src/index.ts");\n',
  'packages/parse/dist/scope-parse.cjs.mjs':
    'export * from "./dist/scope-parse.cjs.js";\nexport { _default as default } from "./scope-parse.cjs.default.js";\n',
  'packages/parse/dist/scope-parse.cjs.default.js':
    'exports._default = require("./dist/scope-parse.cjs.js").default;\n',
  'packages/parse/helpers/dist/scope-parse-helpers.cjs.js': 'module.exports = require("../../src/helpers.ts");\n',
  'packages/parse/helpers/dist/scope-parse-helpers.cjs.mjs': 'export * from "./dist/scope-parse-helpers.cjs.js";\n',
};

describe('workspace packages whose entry is a built dist/', () => {
  let repo: TempRepo | undefined;
  afterEach(() => {
    repo?.remove();
    repo = undefined;
  });

  function write(files: Record<string, string>) {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(repo!.dir, path)), { recursive: true });
      writeFileSync(join(repo!.dir, path), content);
    }
  }

  it('a gitignored dist entry (preconstruct dev) stands for the package sources, under require and import conditions', async () => {
    repo = TempRepo.init();
    repo.commit('files', REPO);
    write(PRECONSTRUCT_DEV);
    expect(repo.git('status', '--porcelain')).toBe('');
    const result = await findImportFindings({
      root: repo.dir,
      changedFiles: ['packages/parse/src/index.ts', 'packages/parse/src/helpers.ts'],
      isTestFile,
      cacheDir: null,
    });
    expect(result.findings.get('packages/parse/src/index.ts')).toEqual({
      kind: 'imported',
      tests: [{ test: 'packages/read/src/index.test.ts', via: ['packages/read/src/index.ts'] }],
      uncertain: [],
    });
    expect(result.findings.get('packages/parse/src/helpers.ts')).toMatchObject({
      kind: 'imported',
      tests: [{ test: 'packages/read/src/index.test.ts' }],
    });
    // The .cjs.mjs wrapper's broken './dist/…' specifier is the build's, not a source's: no warning.
    expect(result.warnings).toEqual([]);
  });

  it('a dual package counts its require entry too, which CommonJS tests (babel-jest, ts-jest) load', async () => {
    repo = TempRepo.init();
    repo.commit('files', {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/dual/package.json': JSON.stringify({
        name: '@scope/dual',
        exports: { '.': { import: './esm/index.mjs', default: './cjs/index.js' } },
      }),
      'packages/dual/esm/index.mjs': 'export const dual = 1;\n',
      'packages/dual/cjs/index.js': 'exports.dual = 1;\n',
      'packages/app/src/app.test.ts': "import { dual } from '@scope/dual';\ntest('d', () => expect(dual).toBe(1));\n",
    });
    const result = await findImportFindings({
      root: repo.dir,
      changedFiles: ['packages/dual/cjs/index.js', 'packages/dual/esm/index.mjs'],
      isTestFile,
      cacheDir: null,
    });
    for (const file of ['packages/dual/cjs/index.js', 'packages/dual/esm/index.mjs']) {
      expect(result.findings.get(file)).toEqual({
        kind: 'imported',
        tests: [{ test: 'packages/app/src/app.test.ts', via: [] }],
        uncertain: [],
      });
    }
  });

  it('follows a gitignored generated file to the sources it requires, as jest does', async () => {
    repo = TempRepo.init();
    repo.commit('files', {
      '.gitignore': 'generated/\n',
      'src/routes/users.ts': 'export const users = 1;\n',
      'src/app.ts': "import { routes } from './generated/routes';\nexport const app = routes;\n",
      'tests/app.test.ts': "import { app } from '../src/app';\ntest('a', () => expect(app).toBeDefined());\n",
    });
    write({ 'src/generated/routes.js': 'exports.routes = [require("../routes/users.ts")];\n' });
    expect(repo.git('status', '--porcelain')).toBe('');
    const result = await findImportFindings({
      root: repo.dir,
      changedFiles: ['src/routes/users.ts'],
      isTestFile,
      cacheDir: null,
    });
    expect(result.findings.get('src/routes/users.ts')).toEqual({
      kind: 'imported',
      tests: [{ test: 'tests/app.test.ts', via: ['src/generated/routes.js', 'src/app.ts'] }],
      uncertain: [],
    });
  });

  it('before install and build (no dist/ at all), maps the package to its src/ entry', async () => {
    repo = TempRepo.init();
    repo.commit('files', REPO);
    const result = await findImportFindings({
      root: repo.dir,
      changedFiles: ['packages/parse/src/index.ts', 'packages/parse/src/helpers.ts'],
      isTestFile,
      cacheDir: null,
    });
    expect(result.findings.get('packages/parse/src/index.ts')).toEqual({
      kind: 'imported',
      tests: [{ test: 'packages/read/src/index.test.ts', via: ['packages/read/src/index.ts'] }],
      uncertain: [],
    });
    expect(result.findings.get('packages/parse/src/helpers.ts')).toEqual({
      kind: 'imported',
      tests: [{ test: 'packages/read/src/index.test.ts', via: ['packages/read/src/index.ts'] }],
      uncertain: [],
    });
    expect(result.warnings).toEqual([]);
  });
});
