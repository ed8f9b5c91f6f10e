import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commentMarker } from '../../src/report/pr-comment.js';
import { failure, fixtures, module, report, suite } from '../fixtures/report/builder.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { FakeForge } from '../helpers/fake-forge.js';

// The bundled action, run as the runner runs it: `node dist/index.js` with INPUT_* and
// GITHUB_* variables, against a local GitHub/Gitea API.

const TOKEN = 'ghs_TopSecretToken0123456789';
const HEAD_SHA = 'c0ffee'.padEnd(40, '0');
let bundleDir: string;
let work: string;

beforeAll(() => {
  bundleDir = mkdtempSync(join(tmpdir(), 'qg-bundle-'));
  const built = spawnSync(process.execPath, ['scripts/bundle.mjs', '--outdir', join(bundleDir, 'dist')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`bundle failed: ${built.stderr}`);
});
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'qg-action-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function writeReports(reports: Record<string, unknown>): void {
  for (const [path, data] of Object.entries(reports)) {
    mkdirSync(join(work, path, '..'), { recursive: true });
    writeFileSync(join(work, path), JSON.stringify(data));
  }
}

const passing = () => ({
  'reports/billing/quality-gates-report.json': report([module('billing')]),
  'reports/customers/quality-gates-report.json': report([module('customers')]),
});
const failing = () => ({
  'reports/billing/quality-gates-report.json': report([module('billing')]),
  'reports/orders/quality-gates-report.json': report([
    module('orders', {
      suites: [
        suite('testing/backend/integration/orders/create.test.ts', {
          failures: [
            failure(
              'orders › rejects an empty cart',
              'Expected: 400\nReceived: 500',
              'testing/backend/integration/orders/create.test.ts',
              42,
            ),
          ],
        }),
      ],
    }),
  ]),
});

/** Runs the bundled action; resolves with its exit code, output streams, outputs and summary. */
async function runAction(
  forge: FakeForge,
  inputs: Record<string, string>,
  extraEnv: Record<string, string | undefined> = {},
) {
  const outputFile = join(work, 'github-output');
  const summaryFile = join(work, 'step-summary.md');
  const eventFile = join(work, 'event.json');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  writeFileSync(
    eventFile,
    JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7, head: { sha: HEAD_SHA } } }),
  );
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_API_URL: forge.url,
    GITHUB_SERVER_URL: 'https://forge.example',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_RUN_ID: '99',
    GITHUB_SHA: 'f'.repeat(40),
    INPUT_COMMAND: 'merge-reports',
    INPUT_REPORTS: 'reports/**/quality-gates-report.json',
    INPUT_TOKEN: TOKEN,
    INPUT_SUMMARY: 'true',
    'INPUT_COMMIT-STATUS': 'true',
    'INPUT_PR-COMMENT': 'auto',
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    ...extraEnv,
  };
  const child = spawn(process.execPath, [join(bundleDir, 'dist', 'index.js')], {
    cwd: work,
    env: Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined)),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const outputs: Record<string, string> = {};
  for (const match of readFileSync(outputFile, 'utf8').matchAll(/^(.+?)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm))
    outputs[match[1]] = match[3]!;
  return { code, stdout, stderr, outputs, summary: readFileSync(summaryFile, 'utf8') };
}

/** The token may appear only inside the `::add-mask::` command the runner consumes. */
function expectTokenHidden(result: { stdout: string; stderr: string }): void {
  expect(result.stderr).not.toContain(TOKEN);
  for (const line of result.stdout.split('\n')) if (line.includes(TOKEN)) expect(line).toBe(`::add-mask::${TOKEN}`);
}

describe('bundled action, command merge-reports, on GitHub', () => {
  let forge: FakeForge;
  beforeAll(async () => {
    forge = await new FakeForge('github').start();
  });
  afterEach(() => {
    forge.requests.length = 0;
    forge.statuses.length = 0;
    forge.comments.clear();
    forge.failWith = undefined;
  });
  afterAll(() => forge.stop());

  it('writes outputs, summary, annotations, the status and one sticky comment; fails the step; updates the comment on the next run', async () => {
    writeReports(failing());
    const first = await runAction(forge, { 'pr-comment': 'always' });
    expect(first.code, first.stdout + first.stderr).toBe(1);
    expect(first.stdout).toContain('::error::quality-gates: 1 of 2 modules failed: orders');
    expect(first.outputs).toMatchObject({
      mode: 'full',
      modules: '["billing","orders"]',
      'failed-modules': '["orders"]',
      'report-path': 'quality-gates-report.json',
      'summary-path': join(work, 'step-summary.md'),
      'lock-wait-seconds': '2.4',
      'lock-hold-seconds': '364.0',
    });
    expect(first.summary).toContain('## ❌ quality-gates: 1 of 2 modules failed');
    expect(first.summary).toContain('| ❌ failed | orders | 5 | 1 | 0 | 8.2 s | 412 MB | 530 MB |');
    expect(first.stdout).toContain(
      '::error title=orders › orders › rejects an empty cart,file=testing/backend/integration/orders/create.test.ts,line=42::Expected: 400%0AReceived: 500',
    );
    expect(existsSync(join(work, 'quality-gates-report.json'))).toBe(true);
    expect(forge.statuses).toEqual([
      {
        sha: HEAD_SHA,
        state: 'failure',
        context: 'quality-gates / integration',
        description: '1/2 modules passed, 1 failed',
        target_url: 'https://forge.example/acme/shop/actions/runs/99',
      },
    ]);
    const comments = forge.comments.get(7)!;
    expect(comments).toHaveLength(1);
    expect(comments[0].body.startsWith(commentMarker('quality-gates / integration'))).toBe(true);
    expect(forge.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expectTokenHidden(first);

    writeReports(passing());
    rmSync(join(work, 'reports', 'orders'), { recursive: true });
    const second = await runAction(forge, { 'pr-comment': 'always', 'status-context': 'ci / integration' });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(forge.statuses.at(-1)).toMatchObject({
      state: 'success',
      context: 'ci / integration',
      description: '2/2 modules passed',
    });
    const third = await runAction(forge, { 'pr-comment': 'always' });
    expect(third.code).toBe(0);
    expect(
      forge.comments.get(7)!.filter((c) => c.body.includes(commentMarker('quality-gates / integration'))),
    ).toHaveLength(1);
    expect(forge.comments.get(7)![0].body).toContain('2 of 2 modules passed');
    expect(forge.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it('posts only the status with pr-comment auto', async () => {
    writeReports(passing());
    const result = await runAction(forge, {});
    expect(result.code).toBe(0);
    expect(forge.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST /repos/acme/shop/statuses/${HEAD_SHA}`]);
  });

  it('takes the status context, pr-comment and JUnit path from the config file', async () => {
    writeFileSync(
      join(work, 'quality-gates.config.yml'),
      'report:\n  statusContext: ci / db tests\n  prComment: always\n  junit: out/junit.xml\n  path: out/merged.json\n',
    );
    writeReports(passing());
    const result = await runAction(forge, {});
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs['report-path']).toBe('out/merged.json');
    expect(readFileSync(join(work, 'out/junit.xml'), 'utf8')).toContain('<testsuite name="billing"');
    expect(forge.statuses).toMatchObject([{ context: 'ci / db tests', state: 'success' }]);
    expect(forge.comments.get(7)![0].body.startsWith(commentMarker('ci / db tests'))).toBe(true);
  });

  it('turns a 403 into warnings and leaves the result alone', async () => {
    forge.failWith = 403;
    writeReports(passing());
    const passed = await runAction(forge, { 'pr-comment': 'always' });
    expect(passed.code, passed.stdout).toBe(0);
    expect(passed.stdout).toContain(
      `::warning::Commit status not set: POST /repos/acme/shop/statuses/${HEAD_SHA} → HTTP 403: Resource not accessible by integration — the token may not write here`,
    );
    expect(passed.stdout).toContain(
      '::warning::Pull request comment not written: GET /repos/acme/shop/issues/7/comments → HTTP 403',
    );
    expectTokenHidden(passed);
    writeReports(failing());
    const failed = await runAction(forge, { 'pr-comment': 'always' });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('::error::quality-gates: 1 of 3 modules failed: orders');
  });

  it('keeps hostile messages inside their own workflow command', async () => {
    writeReports({ 'reports/x/quality-gates-report.json': fixtures.hostile() });
    const result = await runAction(forge, {});
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines.filter((line) => line.startsWith('::error title=')).length).toBe(1);
    expect(
      lines.some(
        (line) => line.startsWith('::error::injected') || line.startsWith('%0A') || line.startsWith('second line'),
      ),
    ).toBe(false);
    expect(result.summary).not.toMatch(/<img|<script/);
  });

  it('fails with the file and field of an invalid report', async () => {
    const bad = JSON.parse(JSON.stringify(report([module('billing')]))) as {
      modules: Array<{ tests: { passed: unknown } }>;
    };
    bad.modules[0].tests.passed = 'many';
    writeReports({ 'reports/bad/quality-gates-report.json': bad });
    const result = await runAction(forge, {});
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /::error::reports\/bad\/quality-gates-report\.json: modules\[0\]\.tests\.passed: Invalid input: expected number, received string/,
    );
    expect(forge.requests).toEqual([]);
  });
});

describe('bundled action, command merge-reports, on Gitea', () => {
  it('comments by default, uses token auth and finds the existing comment on page 2', async () => {
    const forge = await new FakeForge('gitea').start();
    try {
      forge.seedComments(7, 50);
      forge.seedComments(7, 1, () => `${commentMarker('quality-gates / integration')}\nprevious report`);
      writeReports(passing());
      const result = await runAction(forge, {}, { GITEA_ACTIONS: 'true', GITHUB_STEP_SUMMARY: undefined });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.outputs).not.toHaveProperty('summary-path');
      expect(result.stdout).not.toContain('::warning::');
      expect(forge.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
      expect(forge.requests.map((r) => `${r.method} ${r.path} ${new URLSearchParams(r.query).toString()}`)).toEqual([
        `POST /repos/acme/shop/statuses/${HEAD_SHA} `,
        'GET /repos/acme/shop/issues/7/comments limit=50&page=1',
        'GET /repos/acme/shop/issues/7/comments limit=50&page=2',
        `PATCH /repos/acme/shop/issues/comments/${forge.comments.get(7)![50].id} `,
      ]);
      expect(forge.comments.get(7)).toHaveLength(51);
      expect(forge.comments.get(7)![50].body).toContain('2 of 2 modules passed');
      expectTokenHidden(result);
    } finally {
      await forge.stop();
    }
  });
});
