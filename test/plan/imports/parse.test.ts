import { describe, expect, it } from 'vitest';
import { parseImports, type ImportSource } from '../../../src/plan/imports/parse.js';

describe.each<ImportSource>(['module', 'program'])('parseImports, imports from the %s', (from) => {
  it('finds static, type-only, re-exported, dynamic, required, import-equals and mocked specifiers', () => {
    const source = [
      "import a from './a';",
      "import type { B } from '@scope/b';",
      "export * from './c';",
      "export { d } from './d';",
      "const e = () => import('./e');",
      "const f = require('./f.json');",
      "jest.mock('./g');",
      'vi.mock(`./h`, () => ({}));',
      "import i = require('./i');",
      'const r = require.resolve("./r");',
      '@Injectable() export class K<T extends object> { constructor(private readonly t: T) {} }',
      'export const q = 1;',
    ].join('\n');
    expect(parseImports('src/a.ts', source, from)).toEqual({
      specifiers: ['./a', './c', './d', './e', './f.json', './g', './h', './i', './r', '@scope/b'],
      dynamic: [],
    });
  });

  it('reports non-literal require and import() as dynamic, with the line', () => {
    const parsed = parseImports(
      'src/loader.js',
      "const name = 'x';\nmodule.exports = require(`./plugins/${name}`);\nimport(name);\n",
      from,
    );
    expect(parsed.specifiers).toEqual([]);
    expect(parsed.dynamic).toEqual(['import(name) at line 3', 'require(`./plugins/${name}`) at line 2']);
  });

  it('parses JSX in .js files and escapes in string literals', () => {
    expect(
      parseImports('src/view.js', "const A = () => <div>it's {require('./x')}</div>;\nimport('./y\\u0041');", from)
        .specifiers,
    ).toEqual(['./x', './yA']);
  });

  it('marks a file with syntax errors', () => {
    const parsed = parseImports('src/broken.ts', "import { a } from './a';\nexport const = ;", from);
    expect(parsed.specifiers).toEqual(['./a']);
    expect(parsed.error).toBeDefined();
  });

  // Each file below takes one route: ESM only (no walk), require/mocks (the walk), a computed load.
  it('reads an ESM-only file (static, type-only, re-exports, import()) without the walk', () => {
    const source = [
      "import a, { b } from './a';",
      "import type { T } from './types';",
      "import './side-effect.css';",
      "export * as ns from './ns';",
      "export type { U } from './u';",
      "export { v as default } from './v';",
      'declare const f: () => Promise<unknown>;',
      'export const lazy = () => import(`./lazy`);',
      "export const later = async () => import ( './later' );",
      'export class C { x = b; }',
    ].join('\n');
    expect(parseImports('src/esm.ts', source, from)).toEqual({
      specifiers: ['./a', './later', './lazy', './ns', './side-effect.css', './types', './u', './v'],
      dynamic: [],
    });
  });

  it('reads require, require.resolve, import = require and jest/vi mocks in nested code', () => {
    const source = [
      "import { real } from './real';",
      "import legacy = require('./legacy');",
      "jest.mock('./mocked', () => ({ ...jest.requireActual('./actual') }));",
      "vi.doMock('./vi-mocked');",
      'describe("x", () => { it("y", async () => {',
      "  const m = require('./inner');",
      '  const p = require.resolve(`./resolved`);',
      "  await import('./dyn');",
      '}); });',
    ].join('\n');
    expect(parseImports('src/a.test.ts', source, from)).toEqual({
      specifiers: ['./actual', './dyn', './inner', './legacy', './mocked', './real', './resolved', './vi-mocked'],
      dynamic: [],
    });
  });

  it('flags a computed require and import() but not a computed mock', () => {
    const source =
      "import './a';\nconst name = process.env.X;\nrequire(name);\njest.mock(name);\nexport const load = () => import(`./p/${name}`);\n";
    expect(parseImports('src/plugins.ts', source, from)).toEqual({
      specifiers: ['./a'],
      dynamic: ['import(`./p/${name}`) at line 5', 'require(name) at line 3'],
    });
  });
});
