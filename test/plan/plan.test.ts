import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/schema.js';
import { literalPrefix } from '../../src/plan/globs.js';
import type { ImportFinding } from '../../src/plan/imports/query.js';
import { dependentsResolver, matchChange, planChanges } from '../../src/plan/plan.js';

const ROOT = 'testing/backend/integration';
const MODULES = ['billing', 'customers', 'invoices', 'notifications', 'orders', 'reporting'];

function plan(
  files: string[],
  config: Record<string, unknown> = {},
  extra: Partial<Parameters<typeof planChanges>[0]> = {},
) {
  return planChanges({ files, allModules: MODULES, moduleRoot: ROOT, config: ConfigSchema.parse(config), ...extra });
}

const mapped = {
  modules: {
    map: {
      billing: ['src/billing/**', '!src/billing/**/*.fixture.json'],
      invoices: ['src/invoices/**'],
      orders: ['src/orders/**', 'src/shared/money.ts'],
    },
    dependsOn: { invoices: ['billing'], reporting: ['invoices'] },
  },
};

describe('planChanges', () => {
  it('a file inside a module folder runs that module only', () => {
    const result = plan([`${ROOT}/orders/create.test.ts`]);
    expect(result.mode).toBe('passthrough');
    expect(result.modules).toEqual(['orders']);
    expect(result.reason).toBe('1 of 6 modules affected by 1 changed file: orders.');
    expect(result.triggers).toEqual([
      {
        file: `${ROOT}/orders/create.test.ts`,
        rule: `module folder '${ROOT}/orders/'`,
        effect: 'modules',
        modules: ['orders'],
        why: `${ROOT}/orders/create.test.ts is in module orders`,
      },
    ]);
  });

  it('a global file forces a full run and the reason names file and rule', () => {
    const result = plan(['package-lock.json', `${ROOT}/orders/a.test.ts`]);
    expect(result.mode).toBe('full');
    expect(result.modules).toEqual(MODULES);
    expect(result.reason).toBe("Full run: package-lock.json matched global rule 'package-lock.json'.");
    expect(result.triggers[0]).toMatchObject({
      file: 'package-lock.json',
      rule: "global 'package-lock.json'",
      effect: 'full',
    });
  });

  it.each([
    ['package.json'],
    ['pnpm-lock.yaml'],
    ['tsconfig.build.json'],
    ['quality-gates.config.yml'],
    ['jest.config.cjs'],
    ['apps/api/vitest.config.ts'],
    ['db/migrations/0042_add_invoices.sql'],
    ['testing/scripts/reset-db.sh'],
    ['testing/backend/helpers/factory.ts'],
    [`${ROOT}/setup.ts`],
    [`${ROOT}/helpers/db.ts`],
  ])('%s forces a full run', (file) => {
    expect(plan([file]).mode).toBe('full');
  });

  it('counts how many more files force a full run', () => {
    expect(plan(['package.json', 'yarn.lock', 'pnpm-lock.yaml']).reason).toBe(
      "Full run: package.json matched global rule 'package.json' (and 2 more files that force a full run).",
    );
  });

  it('ignored files alone give a skip with a readable reason', () => {
    const result = plan(['README.md', 'docs/guide/setup.md']);
    expect(result.mode).toBe('skip');
    expect(result.modules).toEqual([]);
    expect(result.reason).toBe(
      "Skipped: none of the 2 changed files affect integration tests (ignore '**/*.md', ignore 'docs/**').",
    );
  });

  it('no changed files at all is a skip', () => {
    expect(plan([]).reason).toBe('Skipped: no files changed between base and head.');
  });

  it('an unmatched file runs everything by default, and nothing under unmatched: ignore', () => {
    const full = plan(['src/unknown/thing.ts']);
    expect(full.mode).toBe('full');
    expect(full.reason).toBe(
      'Full run: src/unknown/thing.ts matched no rule, and unmatched: full runs everything to be safe.',
    );
    const ignored = plan(['src/unknown/thing.ts'], { unmatched: 'ignore' });
    expect(ignored.mode).toBe('skip');
    expect(ignored.triggers[0].effect).toBe('unmatched-ignored');
  });

  it('modules.map globs select modules, and dependsOn adds dependents transitively', () => {
    const result = plan(['src/billing/charge.ts'], mapped);
    expect(result.mode).toBe('passthrough');
    expect(result.modules).toEqual(['billing', 'invoices', 'reporting']);
    expect(result.triggers[0].why).toBe(
      "src/billing/charge.ts matched map billing 'src/billing/**'; dependents add invoices, reporting",
    );
  });

  it('a dependency changed through its module folder also runs the dependents', () => {
    expect(plan([`${ROOT}/invoices/x.test.ts`], mapped).modules).toEqual(['invoices', 'reporting']);
  });

  it('negation is gitignore-like: a !pattern subtracts from the whole group', () => {
    // The negative pattern is listed after the positive one, yet applies to every positive of the group.
    const result = plan(['src/billing/data/sample.fixture.json'], { ...mapped, unmatched: 'ignore' });
    expect(result.mode).toBe('skip');
    const before = plan(['src/billing/data/sample.fixture.json'], {
      modules: { map: { billing: ['!src/billing/**/*.fixture.json', 'src/billing/**'] } },
      unmatched: 'ignore',
    });
    expect(before.mode).toBe('skip');
  });

  it('negation in global removes a file from the global rule', () => {
    const result = plan(['db/migrations/README.txt'], { global: ['!db/migrations/*.txt'], unmatched: 'ignore' });
    expect(result.mode).toBe('skip');
  });

  it('one file can select several modules', () => {
    const config = {
      modules: { map: { orders: ['src/shared/money.ts'], billing: ['src/shared/**', '!src/shared/dates.ts'] } },
      fullRunThreshold: 1,
    };
    expect(plan(['src/shared/money.ts'], config).modules).toEqual(['billing', 'orders']);
    expect(plan(['src/shared/dates.ts'], config).mode).toBe('full');
  });

  it('more than the threshold share of modules affected becomes a full run', () => {
    const files = ['billing', 'customers', 'orders', 'notifications'].map((m) => `${ROOT}/${m}/a.test.ts`);
    const result = plan(files);
    expect(result.mode).toBe('full');
    expect(result.reason).toBe('Full run: 4 of 6 modules are affected, more than fullRunThreshold 50%.');
    expect(plan(files, { fullRunThreshold: 0.7 }).mode).toBe('passthrough');
  });

  it('a forced full run (event or flag) keeps its reason', () => {
    const result = plan(['README.md'], {}, { forceFull: 'Full run: schedule events always run everything.' });
    expect(result.mode).toBe('full');
    expect(result.reason).toBe('Full run: schedule events always run everything.');
  });

  it('warns when there are no modules at all', () => {
    const result = planChanges({ files: ['a.ts'], allModules: [], moduleRoot: ROOT, config: ConfigSchema.parse({}) });
    expect(result.warnings[0]).toMatch(/^no modules found under testing\/backend\/integration\//);
  });

  it('hostile file names are data, never syntax', () => {
    const files = [`${ROOT}/orders/$(touch pwned).test.ts`, `${ROOT}/orders/new\nline.ts`, 'src/<b>|x.md'];
    const result = plan(files);
    expect(result.mode).toBe('passthrough');
    expect(result.modules).toEqual(['orders']);
    expect(result.triggers.map((t) => t.file)).toEqual(files);
  });

  it('deduplicates files (a rename contributes both paths once)', () => {
    expect(plan(['a.md', 'a.md']).changedFiles).toBe(1);
  });

  it('modules list is sorted and triggers keep file order', () => {
    const result = plan([`${ROOT}/orders/a.ts`, `${ROOT}/billing/b.ts`], { fullRunThreshold: 1 });
    expect(result.modules).toEqual(['billing', 'orders']);
    expect(result.triggers.map((t) => t.modules[0])).toEqual(['orders', 'billing']);
  });

  it('a module deleted at head selects nothing, and says so', () => {
    const result = plan([`${ROOT}/legacy/old.test.ts`, `${ROOT}/legacy/helper.ts`]);
    expect(result.mode).toBe('skip');
    expect(result.triggers.map((t) => [t.rule, t.effect])).toEqual([
      [`deleted module '${ROOT}/legacy/'`, 'ignored'],
      [`deleted module '${ROOT}/legacy/'`, 'ignored'],
    ]);
    expect(result.triggers[0].why).toBe(
      `${ROOT}/legacy/old.test.ts: module legacy was deleted at head (${ROOT}/legacy/ no longer exists), so nothing of it is left to run`,
    );
  });

  it("a rename out of a deleted module runs the new side's module only", () => {
    const result = plan([`${ROOT}/legacy/orders.test.ts`, `${ROOT}/orders/orders.test.ts`]);
    expect(result).toMatchObject({ mode: 'passthrough', modules: ['orders'] });
  });

  it('a vanished folder with no test files among the changes was shared code: a full run', () => {
    const result = plan([`${ROOT}/old-helpers/db.ts`]);
    expect(result.mode).toBe('full');
    expect(result.triggers[0].rule).toBe(`module root '${ROOT}/'`);
  });

  it('a change in a shared folder (no test files) is a full run whose reason says so', () => {
    const result = plan([`${ROOT}/fixtures/users.json`], {}, { sharedFolders: ['fixtures'] });
    expect(result.mode).toBe('full');
    expect(result.reason).toBe(
      `Full run: ${ROOT}/fixtures/users.json is in ${ROOT}/fixtures/, which holds no test file (by jest's default testMatch): shared code that may affect every module.`,
    );
    expect(result.sharedFolders).toEqual(['fixtures']);
  });

  it('test files directly in the module root are module (root), with its dependents', () => {
    const config = { modules: { dependsOn: { orders: ['(root)'] } } };
    const result = plan([`${ROOT}/smoke.test.ts`], config, { allModules: [...MODULES, '(root)'] });
    expect(result).toMatchObject({ mode: 'passthrough', modules: ['(root)', 'orders'] });
    expect(result.triggers[0]).toMatchObject({ rule: `module (root) '${ROOT}/*'`, effect: 'modules' });
    // A file directly in the root that is not a test file is still shared: a full run.
    expect(plan([`${ROOT}/setup-db.ts`], {}, { allModules: [...MODULES, '(root)'] }).mode).toBe('full');
  });

  it('a root test file when no (root) module is left was deleted with it', () => {
    const result = plan([`${ROOT}/smoke.test.ts`]);
    expect(result.mode).toBe('skip');
    expect(result.triggers[0].why).toMatch(/module \(root\) was deleted at head \(no test file is left directly in/);
  });

  it('an explicit global glob beats module-folder membership (the built-in ones do not)', () => {
    const config = { global: [`${ROOT}/**/*.sql`] };
    expect(plan([`${ROOT}/orders/seed.sql`], config)).toMatchObject({
      mode: 'full',
      reason: `Full run: ${ROOT}/orders/seed.sql matched global rule '${ROOT}/**/*.sql'.`,
    });
    // Built-in: a module's own helpers/ affect only it.
    expect(plan([`${ROOT}/orders/helpers/db.ts`], config)).toMatchObject({ mode: 'passthrough', modules: ['orders'] });
  });
});

describe('test files', () => {
  it('follows jest testMatch and vitest include, and modules.testMatch when set', async () => {
    const { testFileMatcher } = await import('../../src/plan/test-files.js');
    const jest = testFileMatcher('jest');
    for (const yes of ['a/x.test.js', 'a/b/x.spec.tsx', 'a/__tests__/x.ts', 'x.test.ts', 'a/.hidden/x.test.js'])
      expect(jest(yes), yes).toBe(true);
    for (const no of [
      'a/helpers/db.js',
      'a/fixtures/x.json',
      'a/x.test.mjs',
      'node_modules/p/x.test.js',
      'a/node_modules/x.test.js',
      'a/testing.js',
    ])
      expect(jest(no), no).toBe(false);
    const vitest = testFileMatcher('vitest');
    expect(vitest('a/x.test.mts')).toBe(true);
    expect(vitest('a/__tests__/x.ts')).toBe(false);
    const custom = testFileMatcher('jest', ['**/*.itest.ts']);
    expect([custom('a/b.itest.ts'), custom('a/b.test.ts'), custom.source]).toEqual([true, false, 'modules.testMatch']);
  });
});

describe('helpers', () => {
  it('literalPrefix keeps only the leading literal folders', () => {
    expect(literalPrefix('src/billing/**')).toBe('src/billing');
    expect(literalPrefix('src/*/x.ts')).toBe('src');
    expect(literalPrefix('**/*.md')).toBe('');
    expect(literalPrefix('package.json')).toBe('package.json');
    expect(literalPrefix('src/billing/')).toBe('src/billing');
    expect(literalPrefix('{a,b}/c')).toBe('');
  });

  it('dependentsResolver follows chains and survives cycles', () => {
    const cycle = dependentsResolver({ b: ['a'], c: ['b'], a: ['c'] });
    expect(cycle(['a'])).toEqual(['a', 'b', 'c']);
    expect(cycle(['c'])).toEqual(['a', 'b', 'c']);
    // A chain m0 ← m1 ← … ← m9: a change to m5 runs m5..m9, and nothing before it.
    const names = Array.from({ length: 10 }, (_, i) => `m${i}`);
    const chain = dependentsResolver(Object.fromEntries(names.slice(1).map((name, i) => [name, [names[i]]])));
    expect(chain(['m5'])).toEqual(['m5', 'm6', 'm7', 'm8', 'm9']);
    expect(chain(['m9'])).toEqual(['m9']);
    expect(chain(['m0', 'm8'])).toEqual(names);
    // Only known modules are returned.
    expect(dependentsResolver({ b: ['a'], c: ['b'] }, new Set(['a', 'c']))(['a'])).toEqual(['a', 'c']);
  });

  it('a 10,000-module dependsOn chain plans the whole closure from its first module', () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `m${String(i).padStart(5, '0')}`);
    const dependsOn = Object.fromEntries(names.slice(1).map((name, i) => [name, [names[i]]]));
    const result = planChanges({
      files: [`${ROOT}/m09990/a.test.ts`, `${ROOT}/m00000/a.test.ts`],
      allModules: names,
      moduleRoot: ROOT,
      config: ConfigSchema.parse({ modules: { dependsOn }, fullRunThreshold: 1 }),
    });
    expect(result.modules).toEqual(names);
    expect(result.triggers[0].modules).toEqual(names.slice(9990));
  });
});

describe('GlobIndex agrees with minimatch', () => {
  const patterns = [
    'src/billing/**',
    'src/**/*.ts',
    'packages/a-client/src/**/*.ts',
    '**/*.md',
    'docs/**',
    'package.json',
    'src/x',
    '{a,b}/c/**',
    'src/*/y.ts',
    '**/.gitignore',
    'lib/**/*.d.ts',
    // Shapes tested through a substring pre-check before the regular expression.
    '**/jest.config.*',
    'LICENSE*',
    '**/migrations/**',
    '**/prisma/schema.prisma',
    'src/*/y?.ts',
    '**/[ab]/*.ts',
  ];
  const files = [
    'src/billing/a.ts',
    'src/billing',
    'src/billingx/a.ts',
    'src/a.ts',
    'src/.hidden/b.ts',
    'src/x',
    'src/x/y/z',
    'src/xy',
    'a/c/d',
    'b/c/.e',
    'docs/x/.y.md',
    'README.md',
    'deep/a/.gitignore',
    'package.json',
    'sub/package.json',
    'src/q/y.ts',
    'lib/t.d.ts',
    'lib/a/b.ts',
    'packages/a-client/src/x/y.ts',
    'src/a.ts/b.js',
    'jest.config.js',
    'apps/web/jest.config.ts',
    'apps/jest.configx',
    'LICENSE',
    'LICENSE.md',
    'docs/LICENSE',
    'db/migrations/001.sql',
    'migrations/x/y.sql',
    'prisma/schema.prisma',
    'a/prisma/schema.prisma',
    'a/prisma/schema.prismax',
    'src/q/y1.ts',
    'src/q/y12.ts',
    'x/a/b.ts',
    'x/c/b.ts',
    // Newlines in names: minimatch accepts them, so must the index's regular expressions.
    'a\nb/jest.config.js',
    'src/q\nr/y.ts',
    'x/a\nb/a/b.ts',
  ];
  it.each(patterns)('%s', async (pattern) => {
    const { minimatch } = await import('minimatch');
    const { GlobIndex } = await import('../../src/plan/globs.js');
    const index = new GlobIndex<string>();
    index.add(pattern, pattern);
    for (const file of files) {
      const literal = !/[*?[\]{}()!+@]/.test(pattern);
      const expected = minimatch(file, pattern, { dot: true }) || (literal && file.startsWith(pattern + '/'));
      expect(index.matches(file).length > 0, `${pattern} vs ${file}`).toBe(expected);
    }
  });
});

describe('negations agree with minimatch', () => {
  // Each list is one positive and one negation: a file is selected when the first matches and the second does not.
  const negations = [
    '!src/billing/**/*.snap',
    '!src/billing/legacy',
    '!src/billing/legacy/',
    '!**/*.md',
    '!src/{a,b}',
    '!src/*/fixtures/**',
    '!**/[x]/*.ts',
  ];
  const files = [
    'src/billing/a.ts',
    'src/billing/a.snap',
    'src/billing/deep/b.snap',
    'src/billing/legacy',
    'src/billing/legacy/x.ts',
    'src/billing/legacyx.ts',
    'src/billing/README.md',
    'src/a',
    'src/a/x.ts',
    'src/b',
    'src/q/fixtures/x.json',
    'src/x/y.ts',
  ];
  it.each(negations)('%s', async (negation) => {
    const { minimatch } = await import('minimatch');
    const { splitNegations } = await import('../../src/plan/globs.js');
    const [compiled] = splitNegations([negation]).negatives;
    const body = negation.slice(1);
    // A pattern written without glob syntax is a path: it and everything below it (README).
    const literal = !/[*?[\]{}()!+@]/.test(body) ? body.replace(/\/+$/, '') : undefined;
    for (const file of files) {
      const expected =
        literal !== undefined
          ? file === literal || file.startsWith(literal + '/')
          : minimatch(file, body, { dot: true });
      expect(compiled.matches(file), `${negation} vs ${file}`).toBe(expected);
    }
  });
});

describe('test-file globs as regular expressions', () => {
  it("agree with minimatch's match() on the runners' defaults and custom globs", async () => {
    const { Minimatch } = await import('minimatch');
    const { DEFAULT_TEST_PATTERNS, testFileMatcher } = await import('../../src/plan/test-files.js');
    const custom = ['**/*.itest.ts', 'test/**/*.spec.{js,ts}', '**/__tests__/**', '**/+(a|b).test.js'];
    const paths = [
      'x.test.ts',
      'a/x.test.js',
      'a/b/x.spec.tsx',
      'a/x.spec.cjs',
      'a/x.test.mts',
      'a/__tests__/x.ts',
      'a/__tests__/deep/x.jsx',
      'a/__tests__',
      '__tests__/x.js',
      'a/.hidden/x.test.js',
      'a/.x.test.js',
      'a/x.tests.js',
      'a/test.js',
      'a/x.test.ts.snap',
      'a/x.itest.ts',
      'test/u/x.spec.ts',
      'test/x.spec.js',
      'tests/x.spec.js',
      'a/a.test.js',
      'a/c.test.js',
      'a/b.test.js',
      'a/testing.js',
      // Newlines in names: match() accepts them, so must the regular expressions.
      'a\nb/x.test.ts',
      'a\nb/__tests__/c\nd/x.ts',
      'x\ny/z.spec.js',
    ];
    for (const patterns of [DEFAULT_TEST_PATTERNS.jest, DEFAULT_TEST_PATTERNS.vitest, custom]) {
      const matcher = testFileMatcher('jest', [...patterns]);
      const globs = patterns.map((p) => new Minimatch(p, { dot: true, nocomment: true, nonegate: true }));
      for (const path of paths)
        expect(matcher(path), `${patterns.join(' ')} vs ${path}`).toBe(globs.some((g) => g.match(path)));
    }
  });
});

describe('matchChange', () => {
  const files = [
    `${ROOT}/orders/create.test.ts`, // module folder; the graph adds billing
    `${ROOT}/billing/helpers/db.ts`, // module folder; the graph cannot speak for it
    'src/billing/invoice.ts', // map billing; the graph adds orders
    'src/invoices/a.ts', // map invoices; not in the findings
    'src/unused.ts', // unmatched; no test imports it
    'db/schema.sql', // unmatched; unknown to the graph
    'src/lonely.ts', // unmatched; not in the findings
    `${ROOT}/shared/util.ts`, // under the root, beside the modules; imported by a reporting test
    'docs/guide.md', // ignored
  ];
  const imported = (test: string): ImportFinding => ({ kind: 'imported', tests: [{ test, via: [] }], uncertain: [] });
  const findings = new Map<string, ImportFinding>([
    [`${ROOT}/orders/create.test.ts`, imported(`${ROOT}/billing/invoice.test.ts`)],
    [`${ROOT}/billing/helpers/db.ts`, { kind: 'unknown', why: 'db.ts is not code and no file imports it' }],
    ['src/billing/invoice.ts', imported(`${ROOT}/orders/create.test.ts`)],
    ['src/unused.ts', { kind: 'unimported', uncertain: [] }],
    ['db/schema.sql', { kind: 'unknown', why: 'db/schema.sql is not a JavaScript/TypeScript file' }],
    [`${ROOT}/shared/util.ts`, imported(`${ROOT}/reporting/report.test.ts`)],
  ]);
  const input = {
    files,
    allModules: MODULES,
    moduleRoot: ROOT,
    config: ConfigSchema.parse({ ...mapped, unmatched: 'ignore', fullRunThreshold: 1 }),
    sharedFolders: ['shared'],
    warnings: ['from git'],
  };

  it('plans with the graph exactly as planChanges with imports, after matching each file once', () => {
    const matched = matchChange(input);
    expect(matched.plan()).toEqual(planChanges(input));
    const withGraph = matched.plan(findings, ['from the graph']);
    expect(withGraph).toEqual(planChanges({ ...input, imports: findings, warnings: ['from git', 'from the graph'] }));
    expect(withGraph.modules).toEqual(['billing', 'invoices', 'orders', 'reporting']);
    // The plain plan again, after the graph pass: the reused triggers were not changed by it.
    expect(matched.plan()).toEqual(planChanges(input));
  });

  it('asks the graph only about files no global, ignore or deleted-module rule decided', () => {
    expect(matchChange({ ...input, files: [...files, 'package-lock.json'] }).graphMayChange).toEqual(
      files.filter((f) => f !== 'docs/guide.md'),
    );
  });
});
