import { describe, expect, it } from 'vitest';
import { selectByImports } from '../../../src/plan/imports/select.js';

const moduleOf = (path: string) => /^packages\/([^/]+)\/tests\//.exec(path)?.[1];

describe('selectByImports', () => {
  it('names the test, the chain and the module', () => {
    const selection = selectByImports(
      'packages/utils/src/mergeDeep.ts',
      {
        kind: 'imported',
        tests: [
          { test: 'packages/merge/tests/merge.spec.ts', via: ['packages/utils/src/index.ts'] },
          { test: 'packages/merge/tests/other.spec.ts', via: ['packages/utils/src/index.ts'] },
          { test: 'scripts/check.test.ts', via: [] },
        ],
        uncertain: [],
      },
      moduleOf,
    );
    expect(selection).toEqual({
      kind: 'modules',
      modules: ['merge'],
      why: 'packages/utils/src/mergeDeep.ts ← imported by packages/merge/tests/merge.spec.ts via packages/utils/src/index.ts (module merge) and 1 more test file',
    });
  });

  it('selects nothing for a file no test imports, and only tests outside modules count as none', () => {
    expect(selectByImports('src/a.ts', { kind: 'unimported', uncertain: [] }, moduleOf)).toEqual({
      kind: 'none',
      why: 'src/a.ts is imported by no test',
    });
    expect(
      selectByImports(
        'src/a.ts',
        { kind: 'imported', tests: [{ test: 'scripts/x.test.ts', via: [] }], uncertain: [] },
        moduleOf,
      ),
    ).toEqual({
      kind: 'none',
      why: 'src/a.ts is imported only by tests outside every module (scripts/x.test.ts)',
    });
  });

  it('runs the modules whose tests have dynamic requires', () => {
    expect(
      selectByImports(
        'src/a.ts',
        {
          kind: 'unimported',
          uncertain: [{ test: 'packages/plugins/tests/load.spec.ts', why: 'src/load.ts has require(name) at line 2' }],
        },
        moduleOf,
      ),
    ).toEqual({
      kind: 'modules',
      modules: ['plugins'],
      why: 'src/a.ts is imported by no test; module plugins runs too: its test packages/plugins/tests/load.spec.ts has dynamic requires (src/load.ts has require(name) at line 2)',
    });
  });

  it('leaves what the graph cannot speak for to the other rules', () => {
    expect(
      selectByImports(
        'db/schema.sql',
        { kind: 'unknown', why: 'db/schema.sql is not a JavaScript/TypeScript file and no file imports it' },
        moduleOf,
      ).kind,
    ).toBe('unknown');
    expect(selectByImports('db/schema.sql', undefined, moduleOf)).toEqual({
      kind: 'unknown',
      why: 'db/schema.sql is not in the import graph',
    });
  });
});
