import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { actionlint, actionValidator, findingsThatCount, makeRepo } from './helpers.js';

const SHA = (n: number) => String(n).repeat(40).slice(0, 40);

/** Config variants: the defaults, every optional setting, SHA pins, absolute Gitea URLs. */
const VARIANTS: {
  name: string;
  platforms: ('github' | 'gitea')[];
  strategies?: ('batch' | 'matrix')[];
  config: string;
  flags: string[];
}[] = [
  { name: 'defaults (no config file)', platforms: ['github', 'gitea'], config: '', flags: [] },
  {
    name: 'custom labels, node, install, branch, action ref, no lock, no reset, junit',
    platforms: ['github', 'gitea'],
    config: [
      'workflow:',
      '  runsOn: [self-hosted, linux, x64]',
      '  planRunsOn: ubuntu-latest',
      '  nodeVersion: "22.x"',
      '  install: yarn install --frozen-lockfile',
      '  defaultBranch: trunk',
      '  actionRef: acme/quality-gates/action@v2.1.0',
      '  lock: false',
      '  forceReset: false',
      'report:',
      '  junit: reports/junit.xml',
      '  path: reports/quality-gates.json',
      '',
    ].join('\n'),
    flags: ['--config', 'quality-gates.config.yml'],
  },
  {
    name: 'pinned to SHAs (--pin-sha)',
    platforms: ['github', 'gitea'],
    config: [
      'workflow:',
      '  pins:',
      `    actions/checkout: "${SHA(1)}"`,
      `    actions/setup-node: "${SHA(2)}"`,
      `    actions/upload-artifact: "${SHA(3)}"`,
      `    actions/download-artifact: "${SHA(4)}"`,
      `    actions/cache: "${SHA(6)}"`,
      `    quality-gates/quality-gates: "${SHA(5)}"`,
      '',
    ].join('\n'),
    flags: ['--pin-sha'],
  },
  {
    name: 'absolute uses: URLs, pinned',
    platforms: ['gitea'],
    config: [
      'workflow:',
      '  absoluteUses: true',
      '  usesBaseUrl: https://gitea.example.com/mirror',
      '  pins:',
      `    actions/checkout: "${SHA(1)}"`,
      `    actions/setup-node: "${SHA(2)}"`,
      `    actions/upload-artifact@v3: "${SHA(3)}"`,
      `    actions/download-artifact@v3: "${SHA(4)}"`,
      `    actions/cache: "${SHA(6)}"`,
      `    quality-gates/quality-gates: "${SHA(5)}"`,
      '',
    ].join('\n'),
    flags: ['--pin-sha'],
  },
  { name: 'history: false (no cache steps)', platforms: ['github', 'gitea'], config: 'history: false\n', flags: [] },
  {
    name: 'shards (one job per shard)',
    platforms: ['github', 'gitea'],
    strategies: ['matrix'],
    config: 'workflow:\n  shards: 3\n',
    flags: [],
  },
];

const cases = VARIANTS.flatMap((variant) =>
  variant.platforms.flatMap((platform) =>
    (variant.strategies ?? (['batch', 'matrix'] as const)).map((strategy) => ({ variant, platform, strategy })),
  ),
);

describe('generated workflows pass real actionlint and action-validator', () => {
  const repos = new Map<string, { root: string; remove: () => void }>();
  beforeAll(() => {
    for (const variant of VARIANTS) repos.set(variant.name, makeRepo({ config: variant.config || undefined }));
  });
  afterAll(() => {
    for (const repo of repos.values()) repo.remove();
  });

  it.each(cases)('$platform $strategy, $variant.name', async ({ variant, platform, strategy }) => {
    const repo = repos.get(variant.name)!;
    const out = `.tmp-${platform}-${strategy}.yml`;
    const result = await runCli(
      ['generate', '--platform', platform, '--strategy', strategy, '--out', out, ...variant.flags],
      {
        cwd: repo.root,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = readFileSync(join(repo.root, out), 'utf8');

    const findings = await actionlint(text);
    expect(findingsThatCount(findings, text, platform)).toEqual([]);

    const validated = actionValidator(join(repo.root, out));
    expect(validated.output).toBe('');
    expect(validated.status).toBe(0);

    // Untrusted event values never reach a run: script; the generated ones are static text.
    for (const line of text.split('\n').filter((l) => /^\s+run: /.test(l))) expect(line).not.toContain('${{');
  });

  it('tolerates only the GitHub-only findings on the Gitea flavour (the filter is not a blanket pass)', async () => {
    const gitea = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/upload-artifact@v3\n        with:\n          name: x\n          path: y\n      - run: echo \${{ github.event.pull_request.title }}\n`;
    const findings = await actionlint(gitea);
    expect(findings.map((f) => f.kind).sort()).toEqual(['action', 'expression']);
    expect(findingsThatCount(findings, gitea, 'gitea').map((f) => f.kind)).toEqual(['expression']);
    expect(findingsThatCount(findings, gitea, 'github')).toHaveLength(2);
  });
});

describe("this repository's own files", () => {
  it('.github/workflows/ci.yml passes actionlint and action-validator', async () => {
    const path = join(REPO_ROOT, '.github/workflows/ci.yml');
    expect(await actionlint(readFileSync(path, 'utf8'), '.github/workflows/ci.yml')).toEqual([]);
    const validated = actionValidator(path);
    expect(validated.output).toBe('');
    expect(validated.status).toBe(0);
  });

  // @action-validator/cli 0.6.0 bundles a schema from before runners knew node24 (runner
  // v2.327, 2025): its enum for runs.using stops at node20. So the real action.yml is checked
  // twice: as is, where the one complaint allowed is that enum on runs.using, and with only
  // that value set to node20, where nothing at all may be reported.
  it('action.yml passes action-validator (apart from its schema predating node24)', () => {
    const source = readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8');
    const asIs = actionValidator(join(REPO_ROOT, 'action.yml'));
    if (asIs.status !== 0) {
      expect(source).toMatch(/^ {2}using: node24$/m);
      const report = JSON.parse(asIs.output) as {
        errors: { code: string; path: string; states?: { errors: { code: string; path: string }[] }[] }[];
      };
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0]).toMatchObject({ code: 'one_of', path: '/runs' });
      const nodeBranch = report.errors[0].states?.[0]?.errors ?? [];
      expect(nodeBranch.map(({ code, path }) => ({ code, path }))).toEqual([{ code: 'enum', path: '/runs/using' }]);
    }
    const repo = makeRepo();
    try {
      const copy = join(repo.root, 'action.yml');
      writeFileSync(copy, source.replace(/^( {2}using: )node24$/m, '$1node20'));
      const validated = actionValidator(copy);
      expect(validated.output).toBe('');
      expect(validated.status).toBe(0);
    } finally {
      repo.remove();
    }
  });

  it('action-validator rejects a broken workflow (the validator really runs)', () => {
    const repo = makeRepo();
    try {
      const path = join(repo.root, 'broken.yml');
      writeFileSync(path, 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: 3\n');
      const validated = actionValidator(path);
      expect(validated.status).toBe(1);
      expect(validated.output).toContain('/jobs/a');
    } finally {
      repo.remove();
    }
  });
});
