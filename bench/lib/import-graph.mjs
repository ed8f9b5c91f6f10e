// The import-graph case of npm run bench:plan: a generated 1,000-file TypeScript monorepo
// (npm workspaces without node_modules, barrel index.ts files, tsconfig paths through
// `extends`, decorators), one changed source file, and the whole `quality-gates plan`
// process timed cold (no parse cache) and warm (cache from the previous run), beside the
// same plan with modules.followImports: false and jest's own `--findRelatedTests`.
// Target: cold plan < 2 s.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { commitAll } from './git.mjs';

const PACKAGES = 20;
const FILES_PER_PACKAGE = 45;
const TESTS_PER_PACKAGE = 2;
const SHARED = 20;
const RUNS = 5;

const pkg = (p) => `pkg${String(p).padStart(2, '0')}`;

/** Writes the monorepo into `dir` and returns its file count. */
function generate(dir) {
  const files = {
    'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
    'tsconfig.base.json': JSON.stringify({
      compilerOptions: {
        strict: true,
        experimentalDecorators: true,
        baseUrl: '.',
        paths: { '@shared/*': ['libs/shared/src/*'] },
      },
    }),
    'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json' }),
    'quality-gates.config.yml': 'modules:\n  root: packages\nfullRunThreshold: 1\n',
    // jest knows neither tsconfig paths nor unbuilt workspace packages: the usual mapper.
    'jest.config.json': JSON.stringify({
      testEnvironment: 'node',
      moduleNameMapper: {
        '^@shared/(.*)$': '<rootDir>/libs/shared/src/$1',
        '^@mono/(pkg\\d+)$': '<rootDir>/packages/$1/src/index.ts',
      },
    }),
    '.gitignore': 'node_modules/\n',
  };
  for (let s = 0; s < SHARED; s++)
    files[`libs/shared/src/util${s}.ts`] = `export const util${s} = (n: number): number => n + ${s};\n`;
  for (let p = 0; p < PACKAGES; p++) {
    const base = `packages/${pkg(p)}`;
    files[`${base}/package.json`] = JSON.stringify({
      name: `@mono/${pkg(p)}`,
      exports: { '.': { types: './src/index.ts', default: './dist/index.js' } },
    });
    const barrel = [];
    for (let f = 0; f < FILES_PER_PACKAGE; f++) {
      const imports = [];
      if (f > 0) imports.push(`import { ${pkg(p)}f${f - 1} } from './file${f - 1}';`);
      if (f % 9 === 0 && p > 0) imports.push(`import { ${pkg(p - 1)}f${f} as upstream } from '@mono/${pkg(p - 1)}';`);
      if (f % 5 === 0) imports.push(`import { util${f % SHARED} } from '@shared/util${f % SHARED}';`);
      imports.push("import type { Shape } from './types';");
      files[`${base}/src/file${f}.ts`] = [
        ...imports,
        '',
        `function logged(_target: object, _key: string, descriptor: PropertyDescriptor) { return descriptor; }`,
        `export class Service${f}<T extends Shape> {`,
        '  private readonly cache = new Map<string, T>();',
        '  @logged',
        `  find(id: string): T | undefined { return this.cache.get(id) as T | undefined; }`,
        '}',
        `export const ${pkg(p)}f${f} = (x: number): number => ${f > 0 ? `${pkg(p)}f${f - 1}(x)` : 'x'} + ${f};`,
        '',
      ].join('\n');
      barrel.push(`export * from './file${f}';`);
    }
    files[`${base}/src/types.ts`] = `export interface Shape { id: string; package: '${pkg(p)}' }\n`;
    files[`${base}/src/index.ts`] = barrel.join('\n') + '\n';
    for (let t = 0; t < TESTS_PER_PACKAGE; t++) {
      const own = t * 20;
      const next = pkg((p + 1) % PACKAGES);
      files[`${base}/tests/case${t}.spec.ts`] =
        `import { ${pkg(p)}f${own} } from '../src';\nimport { ${next}f1 } from '@mono/${next}';\n\ntest('case ${t}', () => {\n  expect(${pkg(p)}f${own}(1) + ${next}f1(1)).toBeGreaterThan(0);\n});\n`;
    }
  }
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return Object.keys(files).length;
}

/**
 * Runs the case. `cli` is dist/cli.js, `jest` jest's bin, `work` a scratch folder, `time` and
 * `median` the bench's helpers.
 */
export function importGraphBench({ cli, jest, work, time, median }) {
  const repo = join(work, 'monorepo');
  const fileCount = generate(repo);
  commitAll(repo, 'monorepo');
  const changed = 'packages/pkg03/src/file2.ts';
  const list = join(work, 'monorepo-changed.txt');
  writeFileSync(list, changed + '\n');
  const cache = join(repo, 'node_modules/.cache/quality-gates');
  const plan = (config) =>
    JSON.parse(
      execFileSync(process.execPath, [cli, 'plan', '--files', list, ...(config ? ['--config', config] : [])], {
        cwd: repo,
        maxBuffer: 64 * 1024 * 1024,
      }).toString(),
    );

  const cold = [];
  let graphPlan;
  for (let i = 0; i < RUNS; i++) {
    rmSync(cache, { recursive: true, force: true });
    const run = time(() => plan());
    cold.push(run.ms);
    graphPlan = run.value;
  }
  const warm = [];
  for (let i = 0; i < RUNS; i++) warm.push(time(() => plan()).ms);
  const folderConfig = join(work, 'folders-only.yml');
  writeFileSync(folderConfig, 'modules:\n  root: packages\n  followImports: false\nfullRunThreshold: 1\n');
  const folders = [];
  let folderPlan;
  for (let i = 0; i < RUNS; i++) {
    const run = time(() => plan(folderConfig));
    folders.push(run.ms);
    folderPlan = run.value;
  }

  // jest needs the workspace links npm would make; the plan above ran without them.
  for (let p = 0; p < PACKAGES; p++) {
    mkdirSync(join(repo, 'node_modules/@mono'), { recursive: true });
    symlinkSync(join(repo, 'packages', pkg(p)), join(repo, 'node_modules/@mono', pkg(p)), 'dir');
  }
  const jestRuns = [];
  let jestTests = [];
  for (let i = 0; i < 3; i++) {
    const run = time(() =>
      execFileSync(
        process.execPath,
        [
          jest,
          '--ci',
          '--no-watchman',
          '--no-cache',
          '--listTests',
          '--json',
          '--findRelatedTests',
          join(repo, changed),
        ],
        { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
      ).toString(),
    );
    jestRuns.push(run.ms);
    jestTests = JSON.parse(run.value).map((path) => relative(repo, path));
  }
  const jestModules = [...new Set(jestTests.map((t) => t.split('/')[1]))].sort();

  const coldMs = median(cold);
  console.log(
    `import graph: ${fileCount.toLocaleString('en')}-file TypeScript monorepo (${PACKAGES} workspace packages, barrels, tsconfig paths), 1 changed file, median of ${RUNS} runs`,
  );
  console.log(
    `  followImports: ${graphPlan.modules.length} modules (${graphPlan.modules.join(', ')}); folders only: ${folderPlan.modules.join(', ')}; jest --findRelatedTests: ${jestTests.length} test files in ${jestModules.length} modules (same modules: ${JSON.stringify(jestModules) === JSON.stringify(graphPlan.modules)})`,
  );
  console.log(
    `  whole process, cold (no parse cache) : ${coldMs.toFixed(0)} ms   target < 2000 ms  ${coldMs < 2000 ? 'MET' : 'MISSED'}`,
  );
  console.log(`  whole process, warm (parse cache)    : ${median(warm).toFixed(0)} ms`);
  console.log(`  whole process, followImports: false  : ${median(folders).toFixed(0)} ms`);
  console.log(`  jest --listTests --findRelatedTests  : ${median(jestRuns).toFixed(0)} ms (--no-cache, median of 3)`);
}
