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
    './helpers': { import: `./helpers/dist/scope-${name}-helpers.cjs.mjs`, default: `./helpers/dist/scope-${name}-helpers.cjs.js` },
    './package.json': './package.json',
  },
});
const REPO: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
  '.gitignore': 'node_modules/\ndist/\n',
  'packages/parse/package.json': JSON.stringify({ name: '@scope/parse', ...entry('parse') }),
  'packages/parse/src/index.ts': "export default function parse(text: string) { return text.trim(); }\n",
  'packages/parse/src/helpers.ts': 'export const helper = 1;\n',
  'packages/read/package.json': JSON.stringify({ name: '@scope/read', ...entry('read') }),
  'packages/read/src/index.ts': "import parse from '@scope/parse';\nimport { helper } from '@scope/parse/helpers';\nexport const read = (t: string) => parse(t) + helper;\n",
  'packages/read/src/index.test.ts': "import { read } from './index';\ntest('r', () => expect(read(' a ')).toBe('a1'));\n",
};

/** What `preconstruct dev` writes into each package (all of it gitignored). */
const PRECONSTRUCT_DEV: Record<string, string> = {
  'packages/parse/dist/scope-parse.cjs.js': 'module.exports = require("../src/index.ts");\n',
  'packages/parse/dist/scope-parse.cjs.mjs': 'export * from "./dist/scope-parse.cjs.js";\nexport { _default as default } from "./scope-parse.cjs.default.js";\n',
  'packages/parse/dist/scope-parse.cjs.default.js': 'exports._default = require("./dist/scope-parse.cjs.js").default;\n',
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

  it('follows a gitignored dist entry that requires the sources (preconstruct dev), as jest does', async () => {
    repo = TempRepo.init();
    repo.commit('files', REPO);
    write(PRECONSTRUCT_DEV);
    expect(repo.git('status', '--porcelain')).toBe('');
    const result = await findImportFindings({ root: repo.dir, changedFiles: ['packages/parse/src/index.ts', 'packages/parse/src/helpers.ts'], isTestFile, cacheDir: null });
    expect(result.findings.get('packages/parse/src/index.ts')).toEqual({
      kind: 'imported',
      tests: [{ test: 'packages/read/src/index.test.ts', via: ['packages/parse/dist/scope-parse.cjs.js', 'packages/read/src/index.ts'] }],
      uncertain: [],
    });
    expect(result.findings.get('packages/parse/src/helpers.ts')).toMatchObject({ kind: 'imported', tests: [{ test: 'packages/read/src/index.test.ts' }] });
  });

  it('before install and build (no dist/ at all), maps the package to its src/ entry', async () => {
    repo = TempRepo.init();
    repo.commit('files', REPO);
    const result = await findImportFindings({ root: repo.dir, changedFiles: ['packages/parse/src/index.ts', 'packages/parse/src/helpers.ts'], isTestFile, cacheDir: null });
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
