import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { computePlan } from '../../../src/plan/compute.js';
import type { Plan } from '../../../src/plan/types.js';
import { REPO_ROOT } from '../../helpers/cli.js';
import { GIT_ENV, pushPayload, TempRepo } from '../../helpers/git.js';

/** `computePlan` with the import graph, end to end: real git, real files, the real planner. */
const ROOT = 'testing/backend/integration';
const BASE: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'backend', private: true }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@app/*': ['src/*'] } } }),
  'src/shared/money.ts': 'export const cents = (n: number) => Math.round(n * 100);\n',
  'src/shared/legacy.ts': 'export const old = 1;\n',
  'src/billing/index.ts': "export * from './invoice';\n",
  'src/billing/invoice.ts':
    "import { cents } from '../shared/money';\nimport { old } from '../shared/legacy';\nexport const total = (n: number) => cents(n) + old;\n",
  'src/orders/create.ts':
    "import { cents } from '@app/shared/money';\nexport const create = (n: number) => ({ amount: cents(n) });\n",
  'src/unused.ts': 'export const unused = true;\n',
  'db/schema.sql': 'create table invoices (id int);\n',
  [`${ROOT}/billing/invoice.test.ts`]:
    "import { total } from '@app/billing';\ntest('t', () => expect(total(1)).toBe(101));\n",
  [`${ROOT}/orders/create.test.ts`]:
    "import { create } from '../../../../src/orders/create';\ntest('c', () => expect(create(1).amount).toBe(100));\n",
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
    const plan = await planChange('money', {
      'src/shared/money.ts': 'export const cents = (n: number) => Math.round(n * 100) | 0;\n',
    });
    expect(plan.mode).toBe('passthrough');
    expect(plan.modules).toEqual(['billing', 'orders']);
    expect(plan.triggers).toEqual([
      {
        file: 'src/shared/money.ts',
        rule: 'import graph',
        effect: 'modules',
        modules: ['billing', 'orders'],
        why: `src/shared/money.ts ← imported by ${ROOT}/billing/invoice.test.ts via src/billing/invoice.ts, src/billing/index.ts (module billing); ${ROOT}/orders/create.test.ts via src/orders/create.ts (module orders)`,
      },
    ]);
  });

  it('a code file no test imports selects nothing instead of a full run', async () => {
    const plan = await planChange('unused', { 'src/unused.ts': 'export const unused = false;\n' });
    expect(plan.mode).toBe('skip');
    expect(plan.triggers[0]).toEqual({
      file: 'src/unused.ts',
      rule: 'import graph',
      effect: 'ignored',
      modules: [],
      why: 'src/unused.ts is imported by no test',
    });
  });

  it('a file the graph cannot speak for, and global files, keep their rules', async () => {
    const sql = await planChange('sql', { 'db/schema.sql': 'create table invoices (id bigint);\n' });
    expect(sql.mode).toBe('full');
    expect(sql.triggers[0].why).toBe(
      'db/schema.sql matched no rule (import graph: db/schema.sql is not a JavaScript/TypeScript file and no file imports it), and unmatched: full runs everything to be safe',
    );
    const global = await planChange('global', {
      'package.json': JSON.stringify({ name: 'backend', version: '2.0.0' }),
      'src/unused.ts': 'export const unused = 2;\n',
    });
    expect(global.mode).toBe('full');
    expect(global.triggers[0]).toMatchObject({ file: 'package.json', rule: "global 'package.json'" });
  });

  it('a test file selects its module and the graph adds nothing for it', async () => {
    const plan = await planChange('test', {
      [`${ROOT}/search/search.test.ts`]: "test('s', () => expect(2).toBe(2));\n",
    });
    expect(plan.modules).toEqual(['search']);
    expect(plan.triggers[0].rule).toBe(`module folder '${ROOT}/search/'`);
  });

  it('a deleted file runs the modules whose tests imported it at base', async () => {
    const plan = await planChange('delete', {
      'src/shared/legacy.ts': null,
      'src/billing/invoice.ts':
        "import { cents } from '../shared/money';\nexport const total = (n: number) => cents(n) + 1;\n",
    });
    expect(plan.modules).toEqual(['billing']);
    expect(plan.triggers.find((t) => t.file === 'src/shared/legacy.ts')).toMatchObject({
      rule: 'import graph',
      modules: ['billing'],
    });
  });

  it('with unmatched: ignore, a file tests import still selects their modules', async () => {
    repo.checkout('ignore-unmatched', base);
    repo.commit('ignore-unmatched', { 'quality-gates.config.yml': 'unmatched: ignore\n' });
    const plan = await computePlan({ cwd: repo.dir, env: GIT_ENV, files: ['src/orders/create.ts', 'db/schema.sql'] });
    repo.checkout('main');
    expect(plan.modules).toEqual(['orders']);
    expect(plan.triggers.map((t) => [t.rule, t.effect])).toEqual([
      ['import graph', 'modules'],
      ['unmatched', 'unmatched-ignored'],
    ]);
  });

  it('modules.followImports: false plans by folders and globs only', async () => {
    repo.checkout('off', base);
    repo.commit('off', { 'quality-gates.config.yml': 'modules:\n  followImports: false\n' });
    const plan = await computePlan({ cwd: repo.dir, env: GIT_ENV, files: ['src/unused.ts'] });
    repo.checkout('main');
    expect(plan.mode).toBe('full');
    expect(plan.triggers[0]).toEqual({
      file: 'src/unused.ts',
      rule: 'unmatched',
      effect: 'full',
      modules: [],
      why: 'src/unused.ts matched no rule, and unmatched: full runs everything to be safe',
    });
  });
});

/** The bundled CLI and action, as the runner has them (no node_modules) and as installed. */
describe('the bundle follows imports with or without oxc installed', () => {
  let scratch: string;
  const CHANGE = 'src/shared/money.ts';
  const WASM_LINE =
    /^quality-gates: import graph parses with oxc's WebAssembly build \(native bindings not loaded: Cannot find package 'oxc-(parser|resolver)'/m;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'qg-bundle-'));
    // scratch/bare: no node_modules anywhere above, as in the action's own checkout.
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/bundle.mjs'), '--outdir', join(scratch, 'bare')], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
    });
    // scratch/installed: the same bundle beside a node_modules, as after `npm install quality-gates`.
    cpSync(join(scratch, 'bare'), join(scratch, 'installed/dist'), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(scratch, 'installed/node_modules'), 'dir');
    // scratch/stripped: the bundle without its vendored WebAssembly build.
    cpSync(join(scratch, 'bare'), join(scratch, 'stripped'), { recursive: true });
    rmSync(join(scratch, 'stripped/vendor'), { recursive: true });
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  function plan(cli: string): { plan: Plan; stderr: string } {
    const result = spawnSync(process.execPath, [cli, 'plan', '--files', '-'], {
      cwd: repo.dir,
      env: GIT_ENV,
      input: `${CHANGE}\n`,
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    return { plan: JSON.parse(result.stdout) as Plan, stderr: result.stderr };
  }

  it('without node_modules, the CLI plans from the graph with the vendored WebAssembly build, as the native one does when installed', () => {
    const bare = plan(join(scratch, 'bare/cli.js'));
    expect(bare.stderr).toMatch(WASM_LINE);
    expect(bare.plan).toMatchObject({ mode: 'passthrough', modules: ['billing', 'orders'], warnings: [] });
    expect(bare.plan.triggers[0]).toMatchObject({ file: CHANGE, rule: 'import graph', modules: ['billing', 'orders'] });
    const installed = plan(join(scratch, 'installed/dist/cli.js'));
    expect(installed.stderr).not.toMatch(/WebAssembly/);
    expect(installed.plan.triggers).toEqual(bare.plan.triggers);
  });

  it('with neither the native bindings nor the vendored build, plans by folders and globs, saying why', () => {
    const stripped = plan(join(scratch, 'stripped/cli.js'));
    expect(stripped.plan.mode).toBe('full');
    expect(stripped.plan.warnings).toEqual([
      expect.stringMatching(
        /^import graph unavailable \(Cannot find package 'oxc-(parser|resolver)'.*; and no WebAssembly build of oxc beside .*\): planned by folders and globs only \(modules.followImports\)$/,
      ),
    ]);
  });

  it('the action (node index.js, command: plan) on a push follows imports from a checkout with no node_modules', () => {
    repo.checkout('action-push', base);
    const head = repo.commit('action-push', { [CHANGE]: 'export const cents = (n: number) => Math.trunc(n * 100);\n' });
    const runner = join(scratch, 'runner');
    mkdirSync(runner, { recursive: true });
    const files = {
      output: join(runner, 'output'),
      summary: join(runner, 'summary'),
      event: join(runner, 'event.json'),
    };
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    writeFileSync(
      files.event,
      JSON.stringify(pushPayload({ ref: 'refs/heads/action-push', before: base, after: head })),
    );
    const result = spawnSync(process.execPath, [join(scratch, 'bare/index.js')], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: {
        ...GIT_ENV,
        ...actionDefaults(),
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'push',
        GITHUB_EVENT_PATH: files.event,
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        GITHUB_WORKSPACE: repo.dir,
        GITHUB_REPOSITORY: 'owner/repo',
        RUNNER_TEMP: runner,
        INPUT_COMMAND: 'plan',
        'INPUT_WORKING-DIRECTORY': repo.dir,
      },
    });
    repo.checkout('main');
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stderr).toMatch(WASM_LINE);
    const output = readFileSync(files.output, 'utf8');
    expect(output).toMatch(/^mode<<(.+)\npassthrough\n\1$/m);
    expect(output).toMatch(/^modules<<(.+)\n\["billing","orders"\]\n\1$/m);
  });
});

/** Every action.yml input as the runner sets it: INPUT_<NAME> with its default. */
function actionDefaults(): Record<string, string> {
  const action = parseYaml(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const env: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) {
    const value = input.default ?? '';
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value.includes('${{') ? '' : value;
  }
  return env;
}
