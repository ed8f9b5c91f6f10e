import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/cli.js';
import { pullRequestPayload, pushPayload, TempRepo } from '../helpers/git.js';

/**
 * The bundled action driven the way the runner drives it: `node index.js` with INPUT_*
 * variables for every input (action.yml defaults filled in, as the runner does), the event
 * payload file, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files. The bundle is built fresh
 * into a temp dir, so the test does not depend on whether dist/ was rebuilt.
 */
const ROOT = 'testing/backend/integration';
let bundleDir: string;
let origin: TempRepo;
let base: string;
let prHead: string;
const repos: TempRepo[] = [];
const scratch: string[] = [];

beforeAll(() => {
  bundleDir = mkdtempSync(join(tmpdir(), 'qg-bundle-'));
  scratch.push(bundleDir);
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/bundle.mjs'), '--outdir', bundleDir], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
  });

  origin = TempRepo.init();
  repos.push(origin);
  base = origin.commit('base', {
    'package.json': '{}',
    [`${ROOT}/billing/a.test.ts`]: 'a',
    [`${ROOT}/orders/a.test.ts`]: 'a',
    [`${ROOT}/users/a.test.ts`]: 'a',
    [`${ROOT}/search/a.test.ts`]: 'a',
  });
  origin.checkout('feature', base);
  prHead = origin.commit('billing change', { [`${ROOT}/billing/a.test.ts`]: 'changed <b>|`x`' });
  origin.checkout('main');
  origin.commit('main moves on', { 'package.json': '{"v":2}' });
  origin.checkout('merge-tmp', 'main');
  origin.git('merge', '--quiet', '--no-ff', '-m', 'Merge feature', 'feature');
  origin.git('update-ref', 'refs/pull/7/merge', origin.sha());
  origin.git('update-ref', 'refs/pull/7/head', prHead);
  origin.checkout('main');
  origin.git('branch', '-D', 'merge-tmp');
});

afterAll(() => {
  for (const r of repos) r.remove();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** INPUT_* for every input of action.yml with its default (expressions such as ${{ github.token }} become ''). */
function defaultInputs(): Record<string, string> {
  const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const env: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) {
    const value = input.default ?? '';
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value.includes('${{') ? '' : value;
  }
  return env;
}

/** Parses the GITHUB_OUTPUT file (`name<<delimiter` blocks, as @actions/core writes them). */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]);
    outputs[name] = value.join('\n');
  }
  return outputs;
}

function runAction(workspace: TempRepo, event: string, payload: unknown, inputs: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'qg-runner-'));
  scratch.push(dir);
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary'), event: join(dir, 'event.json') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  writeFileSync(files.event, JSON.stringify(payload));
  const result = spawnSync(process.execPath, [join(bundleDir, 'index.js')], {
    cwd: workspace.dir,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: event,
      GITHUB_EVENT_PATH: files.event,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_WORKSPACE: workspace.dir,
      GITHUB_REPOSITORY: 'owner/repo',
      RUNNER_TEMP: dir,
      ...defaultInputs(),
      INPUT_COMMAND: 'plan',
      'INPUT_WORKING-DIRECTORY': workspace.dir,
      ...inputs,
    },
  });
  return {
    ...result,
    outputs: parseOutputs(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
  };
}

describe('the bundled action, command: plan', () => {
  it('plans a pull request from a depth-1 checkout of the merge ref and writes every output', () => {
    const workspace = TempRepo.checkoutLikeActions(origin, 'refs/pull/7/merge');
    repos.push(workspace);
    const result = runAction(
      workspace,
      'pull_request',
      pullRequestPayload({ number: 7, baseSha: origin.sha('main'), headSha: prHead }),
    );
    expect(result.stdout).not.toMatch(/::error::/);
    expect(result.status).toBe(0);
    expect(result.outputs.mode).toBe('passthrough');
    expect(JSON.parse(result.outputs.modules)).toEqual(['billing']);
    expect(JSON.parse(result.outputs.matrix)).toEqual({ include: [{ module: 'billing' }] });
    expect(result.outputs.reason).toMatch(/billing/);
    expect(result.outputs['changed-files']).toBe('1');
    expect(result.summary).toMatch(/quality-gates plan/);
    expect(result.summary).toMatch(/passthrough/);
    expect(result.stdout).toMatch(/deepening by 10 commits/);
  });

  it('plans a Gitea pull request (GITEA_ACTIONS=true, checkout of refs/pull/N/head)', () => {
    const workspace = TempRepo.checkoutLikeActions(origin, 'refs/pull/7/head');
    repos.push(workspace);
    const payload = pullRequestPayload({
      number: 7,
      baseSha: origin.sha('main'),
      headSha: prHead,
      extra: { merge_base: base },
    });
    const result = runAction(workspace, 'pull_request', payload, {
      GITEA_ACTIONS: 'true',
      GITHUB_SERVER_URL: 'https://gitea.example.com',
    });
    expect(result.status).toBe(0);
    expect(result.outputs.mode).toBe('passthrough');
    expect(JSON.parse(result.outputs.modules)).toEqual(['billing']);
    expect(result.stdout).toMatch(/pull_request event \(Gitea\)/);
  });

  it('plans a push from before..after', () => {
    const workspace = TempRepo.clone(origin, { branch: 'main' });
    repos.push(workspace);
    const after = origin.sha('main');
    const before = origin.sha('main~1');
    const result = runAction(workspace, 'push', pushPayload({ ref: 'refs/heads/main', before, after }));
    expect(result.status).toBe(0);
    // main's last commit changed package.json, a global file.
    expect(result.outputs.mode).toBe('full');
    expect(JSON.parse(result.outputs.modules)).toEqual(['billing', 'orders', 'search', 'users']);
    expect(result.outputs.reason).toMatch(/package\.json/);
    expect(result.summary).toMatch(/full/);
  });

  it('fails with exit code 1 and an ::error:: naming a bad input', () => {
    const result = runAction(
      origin,
      'push',
      pushPayload({ ref: 'refs/heads/main', before: base, after: origin.sha('main') }),
      { INPUT_FULL: 'maybe' },
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^::error::input 'full': expected true or false, got "maybe"$/m);
    expect(result.outputs).toEqual({});
  });
});
