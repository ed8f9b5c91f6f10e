import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionInputsSchema } from '../../src/action/inputs.js';
import { runRunAction } from '../../src/action/run.js';
import { ReportSchema } from '../../src/report/schema.js';
import { runCli } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git.js';
import { actionFiles } from '../run/helpers.js';

/**
 * `run --base A --head B` (and the action's base/head inputs) plan that range, not the
 * checkout's. The checkout is main, whose last commit changed module billing; the branch
 * `docs` changed only the README: planning docs against main must skip (nothing to run),
 * where planning the checkout would run billing.
 */
const ROOT = 'testing/backend/integration';
let repo: TempRepo;
let docsHead: string;
let branchPoint: string;

beforeAll(() => {
  repo = TempRepo.init();
  branchPoint = repo.commit('base', {
    [`${ROOT}/billing/a.test.js`]: 'test',
    [`${ROOT}/orders/a.test.js`]: 'test',
    'README.md': '# app',
  });
  repo.checkout('docs', branchPoint);
  docsHead = repo.commit('docs', { 'README.md': '# better app' });
  repo.checkout('main');
  repo.commit('billing', { [`${ROOT}/billing/a.test.js`]: 'changed' });
});

afterAll(() => repo.remove());

const readReport = (path: string) => ReportSchema.parse(JSON.parse(readFileSync(path, 'utf8')));

describe('run plans the range it is given', () => {
  it('quality-gates run --base main --head docs on a checkout of main', async () => {
    const reportPath = join(mkdtempSync(join(tmpdir(), 'qg-range-')), 'report.json');
    const result = await runCli(['run', '--base', 'main', '--head', 'docs', '--report', reportPath], {
      cwd: repo.dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    expect(result.code, result.stderr).toBe(0);
    const report = readReport(reportPath);
    expect(report.mode).toBe('skip');
    expect(report.plan).toMatchObject({ mode: 'skip', base: branchPoint, head: docsHead, changedFiles: 1 });
    expect(report.modules).toEqual([]);
  });

  it("the action's base and head inputs", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qg-range-action-'));
    const { env } = actionFiles(dir);
    const reportPath = join(dir, 'report.json');
    const inputs = ActionInputsSchema.parse({
      command: 'run',
      workingDirectory: repo.dir,
      base: 'main',
      head: 'docs',
      commitStatus: 'false',
      reportPath,
    });
    await runRunAction(inputs, env);
    expect(readReport(reportPath).plan).toMatchObject({ mode: 'skip', base: branchPoint, head: docsHead });
  });
});
