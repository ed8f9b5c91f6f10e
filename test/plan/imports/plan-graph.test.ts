import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/plan/command.js';
import type { Plan } from '../../../src/plan/types.js';
import { REPO_ROOT } from '../../helpers/cli.js';
import { GIT_ENV, TempRepo } from '../../helpers/git.js';

/** `computePlan` with the import graph, end to end: real git, real files, the real planner. */
const ROOT = 'testing/backend/integration';
const BASE: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'backend', private: true }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@app/*': ['src/*'] } } }),
  'src/shared/money.ts': 'export const cents = (n: number) => Math.round(n * 100);\n',
  'src/shared/legacy.ts': 'export const old = 1;\n',
  'src/billing/index.ts': "export * from './invoice';\n",
  'src/billing/invoice.ts': "import { cents } from '../shared/money';\nimport { old } from '../shared/legacy';\nexport const total = (n: number) => cents(n) + old;\n",
  'src/orders/create.ts': "import { cents } from '@app/shared/money';\nexport const create = (n: number) => ({ amount: cents(n) });\n",
  'src/unused.ts': 'export const unused = true;\n',
  'db/schema.sql': 'create table invoices (id int);\n',
  [`${ROOT}/billing/invoice.test.ts`]: "import { total } from '@app/billing';\ntest('t', () => expect(total(1)).toBe(101));\n",
  [`${ROOT}/orders/create.test.ts`]: "import { create } from '../../../../src/orders/create';\ntest('c', () => expect(create(1).amount).toBe(100));\n",
  [`${ROOT}/search/search.test.ts`]: "test('s', () => expect(1).toBe(1));\n",
  [`${ROOT}/users/users.test.ts`]: "test('u', () => expect(1).toBe(1));\n",
  [`${ROOT}/payments/payments.test.ts`]: "test('p', () => expect(1).toBe(1));\n",
};

let repo: TempRepo;
let base: string;

beforeAll(() => {
  repo = TempRepo.init();
  base = repo.commit('base', BASE);
});
afterAll(() => repo.remove());

/** Commits `files` on a branch off base and plans base..head. */
async function planChange(branch: string, files: Record<string, string | null>) {
  repo.checkout(branch, base);
  const head = repo.commit(branch, files);
  const plan = await computePlan({ cwd: repo.dir, env: GIT_ENV, base, head });
  repo.checkout('main');
  return plan;
}

describe('planning from the import graph', () => {
  it('a shared source file runs exactly the modules whose tests import it, and says through what', async () => {
    const plan = await planChange('money', { 'src/shared/money.ts': 'export const cents = (n: number) => Math.round(n * 100) | 0;\n' });
    expect(plan.mode).toBe('passthrough');
    expect(plan.modules).toEqual(['billing', 'orders']);
    expect(plan.triggers).toEqual([{
      file: 'src/shared/money.ts',
      rule: 'import graph',
      effect: 'modules',
      modules: ['billing', 'orders'],
      why: `src/shared/money.ts ← imported by ${ROOT}/billing/invoice.test.ts via src/billing/invoice.ts, src/billing/index.ts (module billing); ${ROOT}/orders/create.test.ts via src/orders/create.ts (module orders)`,
    }]);
  });

  it('a code file no test imports selects nothing instead of a full run', async () => {
    const plan = await planChange('unused', { 'src/unused.ts': 'export const unused = false;\n' });
    expect(plan.mode).toBe('skip');
    expect(plan.triggers[0]).toEqual({ file: 'src/unused.ts', rule: 'import graph', effect: 'ignored', modules: [], why: 'src/unused.ts is imported by no test' });
  });

  it('a file the graph cannot speak for, and global files, keep their rules', async () => {
    const sql = await planChange('sql', { 'db/schema.sql': 'create table invoices (id bigint);\n' });
    expect(sql.mode).toBe('full');
    expect(sql.triggers[0]!.why).toBe('db/schema.sql matched no rule (import graph: db/schema.sql is not a JavaScript/TypeScript file and no file imports it), and unmatched: full runs everything to be safe');
    const global = await planChange('global', { 'package.json': JSON.stringify({ name: 'backend', version: '2.0.0' }), 'src/unused.ts': 'export const unused = 2;\n' });
    expect(global.mode).toBe('full');
    expect(global.triggers[0]).toMatchObject({ file: 'package.json', rule: "global 'package.json'" });
  });

  it('a test file selects its module and the graph adds nothing for it', async () => {
    const plan = await planChange('test', { [`${ROOT}/search/search.test.ts`]: "test('s', () => expect(2).toBe(2));\n" });
    expect(plan.modules).toEqual(['search']);
    expect(plan.triggers[0]!.rule).toBe(`module folder '${ROOT}/search/'`);
  });

  it('a deleted file runs the modules whose tests imported it at base', async () => {
    const plan = await planChange('delete', {
      'src/shared/legacy.ts': null,
      'src/billing/invoice.ts': "import { cents } from '../shared/money';\nexport const total = (n: number) => cents(n) + 1;\n",
    });
    expect(plan.modules).toEqual(['billing']);
    expect(plan.triggers.find((t) => t.file === 'src/shared/legacy.ts')).toMatchObject({ rule: 'import graph', modules: ['billing'] });
  });

  it('with unmatched: ignore, a file tests import still selects their modules', async () => {
    repo.checkout('ignore-unmatched', base);
    repo.commit('ignore-unmatched', { 'quality-gates.config.yml': 'unmatched: ignore\n' });
    const plan = await computePlan({ cwd: repo.dir, env: GIT_ENV, files: ['src/orders/create.ts', 'db/schema.sql'] });
    repo.checkout('main');
    expect(plan.modules).toEqual(['orders']);
    expect(plan.triggers.map((t) => [t.rule, t.effect])).toEqual([['import graph', 'modules'], ['unmatched', 'unmatched-ignored']]);
  });

  it('modules.followImports: false plans by folders and globs only', async () => {
    repo.checkout('off', base);
    repo.commit('off', { 'quality-gates.config.yml': 'modules:\n  followImports: false\n' });
    const plan = await computePlan({ cwd: repo.dir, env: GIT_ENV, files: ['src/unused.ts'] });
    repo.checkout('main');
    expect(plan.mode).toBe('full');
    expect(plan.triggers[0]).toEqual({ file: 'src/unused.ts', rule: 'unmatched', effect: 'full', modules: [], why: 'src/unused.ts matched no rule, and unmatched: full runs everything to be safe' });
  });

  it('the bundle plans from the graph when oxc is installed, and without it (an action checkout) by folders and globs, saying so', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'qg-bundle-'));
    try {
      // scratch/bare: no node_modules anywhere above, as in the action's own checkout.
      execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/bundle.mjs'), '--outdir', join(scratch, 'bare')], { cwd: REPO_ROOT, stdio: 'pipe' });
      // scratch/installed: the same bundle beside a node_modules, as after `npm install quality-gates`.
      execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/bundle.mjs'), '--outdir', join(scratch, 'installed/dist')], { cwd: REPO_ROOT, stdio: 'pipe' });
      symlinkSync(join(REPO_ROOT, 'node_modules'), join(scratch, 'installed/node_modules'), 'dir');
      const plan = (cli: string): Plan => {
        const result = spawnSync(process.execPath, [cli, 'plan', '--files', '-'], { cwd: repo.dir, env: GIT_ENV, input: 'src/unused.ts\n', encoding: 'utf8' });
        expect(result.status, result.stderr).toBe(0);
        return JSON.parse(result.stdout) as Plan;
      };
      const bare = plan(join(scratch, 'bare/cli.js'));
      expect(bare.mode).toBe('full');
      expect(bare.warnings).toEqual([expect.stringMatching(/^import graph unavailable \(Cannot find package 'oxc-(parser|resolver)'.*\): planned by folders and globs only \(modules.followImports\)$/)]);
      const installed = plan(join(scratch, 'installed/dist/cli.js'));
      expect(installed).toMatchObject({ mode: 'skip', warnings: [] });
      expect(installed.triggers[0]).toMatchObject({ rule: 'import graph', why: 'src/unused.ts is imported by no test' });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
