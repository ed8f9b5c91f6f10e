import { describe, expect, it } from 'vitest';
import { parseImports } from '../../../src/plan/imports/parse.js';

describe('parseImports', () => {
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
    expect(parseImports('src/a.ts', source)).toEqual({
      specifiers: ['./a', './c', './d', './e', './f.json', './g', './h', './i', './r', '@scope/b'],
      dynamic: [],
    });
  });

  it('reports non-literal require and import() as dynamic, with the line', () => {
    const parsed = parseImports(
      'src/loader.js',
      "const name = 'x';\nmodule.exports = require(`./plugins/${name}`);\nimport(name);\n",
    );
    expect(parsed.specifiers).toEqual([]);
    expect(parsed.dynamic).toEqual(['import(name) at line 3', 'require(`./plugins/${name}`) at line 2']);
  });

  it('parses JSX in .js files and escapes in string literals', () => {
    expect(
      parseImports('src/view.js', "const A = () => <div>it's {require('./x')}</div>;\nimport('./y\\u0041');")
        .specifiers,
    ).toEqual(['./x', './yA']);
  });

  it('marks a file with syntax errors', () => {
    const parsed = parseImports('src/broken.ts', "import { a } from './a';\nexport const = ;");
    expect(parsed.specifiers).toEqual(['./a']);
    expect(parsed.error).toBeDefined();
  });
});
