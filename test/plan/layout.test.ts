import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../../src/report/schema.js';
import { runCli } from '../helpers/cli.js';

/**
 * The module root as the CLI sees it, on real folders: test files directly in the root are
 * module (root), folders without test files are shared code, and the config may only name
 * modules that exist. The fixture project runs real jest (resolved from this repository).
 */
const PROJECT = fileURLToPath(new URL('./fixtures/root-project', import.meta.url));
const env = { PATH: process.env.PATH, HOME: process.env.HOME };

/** A project in a fresh temp dir (not a git repository): files by path. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'qg-layout-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('module discovery', () => {
  it('lists (root) for the test files directly in the root, and no module for folders without test files', async () => {
    const result = await runCli(['plan', '--full'], { cwd: PROJECT, env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan).toMatchObject({
      mode: 'full',
      modules: ['(root)', 'billing'],
      allModules: ['(root)', 'billing'],
      sharedFolders: ['__mocks__', 'fixtures', 'helpers'],
    });
  });

  it('a change to shared code no import reaches is a full run that says why; a root test file selects (root)', async () => {
    // jest substitutes __mocks__ files without an import, so the import graph cannot speak for them.
    const shared = JSON.parse(
      (await runCli(['plan', '--files', '-'], { cwd: PROJECT, env, stdin: 'tests/__mocks__/mailer.js\n' })).stdout,
    );
    expect(shared.mode).toBe('full');
    expect(shared.reason).toBe(
      "Full run: tests/__mocks__/mailer.js is in tests/__mocks__/, which holds no test file (by jest's default testMatch): shared code that may affect every module.",
    );
    // A shared fixture the import graph sees required by one module's test runs that module.
    const fixture = JSON.parse(
      (await runCli(['plan', '--files', '-'], { cwd: PROJECT, env, stdin: 'tests/fixtures/users.json\n' })).stdout,
    );
    expect(fixture).toMatchObject({ mode: 'passthrough', modules: ['billing'] });
    const root = JSON.parse(
      (await runCli(['plan', '--files', '-'], { cwd: PROJECT, env, stdin: 'tests/smoke.test.js\n' })).stdout,
    );
    expect(root).toMatchObject({ mode: 'passthrough', modules: ['(root)'] });
  });

  it('runs (root) with exactly its own files, beside the other modules, and never a shared folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qg-layout-run-'));
    const reportPath = join(dir, 'report.json');
    const result = await runCli(['run', '--all', '--report', reportPath], { cwd: PROJECT, env });
    expect(result.code, result.stderr + result.stdout).toBe(0);
    const report = ReportSchema.parse(JSON.parse(readFileSync(reportPath, 'utf8')));
    expect(report.modules.map((m) => [m.name, m.status, m.suites.map((s) => s.file)])).toEqual([
      ['(root)', 'passed', ['tests/smoke.test.js']],
      ['billing', 'passed', ['tests/billing/invoice.test.js']],
    ]);
    const single = await runCli(['run', '--module', '(root)', '--report', reportPath], { cwd: PROJECT, env });
    expect(single.code).toBe(0);
    expect(ReportSchema.parse(JSON.parse(readFileSync(reportPath, 'utf8'))).modules.map((m) => m.name)).toEqual([
      '(root)',
    ]);
  });

  it('modules.testMatch replaces the runner defaults', async () => {
    const root = project({
      'quality-gates.config.yml': 'modules:\n  root: it\n  testMatch: ["**/*.itest.js"]\n',
      'it/orders/place.itest.js': '',
      'it/billing/invoice.test.js': '',
    });
    const plan = JSON.parse((await runCli(['plan', '--full'], { cwd: root, env })).stdout);
    expect(plan).toMatchObject({ allModules: ['orders'], sharedFolders: ['billing'] });
  });

  it('plan --full needs no git at all (not a repository here)', async () => {
    const root = project({ 'testing/backend/integration/orders/a.test.js': '' });
    const result = await runCli(['plan', '--full'], { cwd: root, env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      mode: 'full',
      reason: 'Full run: --full was given.',
      modules: ['orders'],
    });
  });
});

describe('the config may only name modules that exist', () => {
  const layout = { 'tests/billing/a.test.js': '', 'tests/orders/a.test.js': '', 'tests/fixtures/x.json': '' };

  it('a modules.map key with a typo is a config error with file:line:col and a suggestion', async () => {
    const root = project({
      ...layout,
      'quality-gates.config.yml': 'modules:\n  root: tests\n  map:\n    bilin: ["src/billing/**"]\n',
    });
    const result = await runCli(['plan', '--files', '-'], { cwd: root, env, stdin: 'src/billing/a.ts\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "quality-gates plan: quality-gates.config.yml:4:5 modules.map.bilin: 'bilin' is not a module under tests/ — did you mean 'billing'?\n",
    );
  });

  it('dependsOn keys and values are checked too; a shared folder is named as such', async () => {
    const root = project({
      ...layout,
      'quality-gates.config.yml':
        'modules:\n  root: tests\n  dependsOn:\n    order: [billing]\n    billing: [fixtures, zzz]\n',
    });
    const result = await runCli(['run', '--all'], { cwd: root, env });
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      "quality-gates run: quality-gates.config.yml:4:5 modules.dependsOn.order: 'order' is not a module under tests/ — did you mean 'orders'?",
      "quality-gates.config.yml:5:15 modules.dependsOn.billing.0: 'fixtures' is not a module: tests/fixtures/ holds no test file, so it is shared code — name a module, or add modules.testMatch if its tests have other names",
      "quality-gates.config.yml:5:25 modules.dependsOn.billing.1: 'zzz' is not a module under tests/ — the modules are: billing, orders",
    ]);
  });
});
