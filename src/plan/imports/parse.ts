import type { EcmaScriptModule, ParserOptions } from 'oxc-parser';
import { oxc } from './oxc.js';

/** What one source file loads, as the parser sees it. Plain data: cached as JSON. */
export interface ParsedImports {
  /** Literal specifiers, sorted, deduplicated: `./a`, `@scope/pkg/sub`, `../data.json`. */
  specifiers: string[];
  /** Loads whose target the parser cannot know: `require(name) at line 12`. */
  dynamic: string[];
  /** Set when the file has syntax errors: its imports may be incomplete. */
  error?: string;
}

/** File extensions parsed as JavaScript or TypeScript. */
export const CODE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** Whether a path is a JavaScript/TypeScript source the graph parses. */
export function isCodePath(path: string): boolean {
  return CODE_EXTENSIONS.some((ext) => path.endsWith(ext));
}

/** jest.X / vi.X calls whose first argument is a module path. */
const MOCK_OBJECTS = new Set(['jest', 'vi']);
const MOCK_METHODS = new Set([
  'mock',
  'doMock',
  'unmock',
  'doUnmock',
  'dontMock',
  'setMock',
  'requireActual',
  'requireMock',
  'importActual',
  'importMock',
  'createMockFromModule',
]);
/** Only files mentioning one of these need the full AST walk (the top level or the module record covers ESM). */
const NEEDS_WALK =
  /\brequire\b|\.(?:mock|doMock|unmock|doUnmock|dontMock|setMock|requireActual|requireMock|importActual|importMock|createMockFromModule)\s*\(/;
/** `import(` / `import (` / `import /* … *\/ (`: the AST path finds import() only by walking. */
const MAY_IMPORT_CALL = /\bimport\s*[(/]/;

/**
 * Where the static imports come from. `module`: oxc's module record, built in Rust (the
 * fastest with the native bindings, whose objects are cheap). `program`: the top level of the
 * AST, read from its JSON (the WebAssembly build makes every module-record object through
 * emnapi's JS calls, which costs more than parsing the whole program's JSON).
 */
export type ImportSource = 'module' | 'program';

function langOf(path: string): ParserOptions['lang'] {
  if (path.endsWith('.tsx')) return 'tsx';
  if (path.endsWith('.ts') || path.endsWith('.mts') || path.endsWith('.cts'))
    return path.endsWith('.d.ts') ? 'dts' : 'ts';
  return 'jsx';
}

/**
 * Extracts what a JS/TS file imports with oxc-parser (TypeScript, JSX and decorators
 * included): static `import`/`export … from` (type-only ones too: jest's own dependency
 * extractor counts them, and counting more never runs fewer tests), `import()`,
 * `require()`/`require.resolve()`, `import x = require()`, and `jest.mock`/`vi.mock`-style
 * paths. A non-literal `require(x)`/`import(x)` is reported in `dynamic`. Only a file whose
 * text mentions `require`, a mock method or (from the program) `import(` is walked whole.
 */
export function parseImports(
  path: string,
  source: string,
  from: ImportSource = oxc.binding === 'wasm' ? 'program' : 'module',
): ParsedImports {
  const result = oxc.parseSync(path, source, { lang: langOf(path), sourceType: 'unambiguous' });
  const specifiers = new Set<string>();
  const dynamic: string[] = [];
  const error = result.errors.find((e) => (e.severity as string) === 'Error');
  // After a syntax error oxc returns an empty program but keeps the module record it had.
  if (from === 'module' || error !== undefined) {
    addModuleRecord(result.module, source, specifiers, dynamic);
    if (NEEDS_WALK.test(source)) walk(result.program, source, { specifiers, dynamic, importCalls: false });
  } else {
    const program = result.program as unknown as Node;
    if (NEEDS_WALK.test(source) || MAY_IMPORT_CALL.test(source))
      walk(program, source, { specifiers, dynamic, importCalls: true });
    else addTopLevel(program, specifiers);
  }
  const parsed: ParsedImports = { specifiers: [...specifiers].sort(), dynamic: dynamic.sort() };
  if (error) parsed.error = error.message;
  return parsed;
}

/** Static imports, `export … from` and import() as oxc's module record lists them. */
function addModuleRecord(module: EcmaScriptModule, source: string, specifiers: Set<string>, dynamic: string[]): void {
  for (const item of module.staticImports) specifiers.add(item.moduleRequest.value);
  for (const item of module.staticExports) {
    for (const entry of item.entries) if (entry.moduleRequest) specifiers.add(entry.moduleRequest.value);
  }
  for (const item of module.dynamicImports) {
    const text = source.slice(item.moduleRequest.start, item.moduleRequest.end);
    const literal = literalText(text);
    if (literal !== undefined) specifiers.add(literal);
    else dynamic.push(importCallText(text, source, item.start));
  }
}

/** The sources of the program's top-level `import`/`export … from` declarations (type-only ones too). */
function addTopLevel(program: Node, specifiers: Set<string>): void {
  for (const statement of program.body as Node[]) {
    const from = declarationSource(statement);
    if (from !== undefined) specifiers.add(from);
  }
}

function declarationSource(node: Node): string | undefined {
  if (
    node.type !== 'ImportDeclaration' &&
    node.type !== 'ExportAllDeclaration' &&
    node.type !== 'ExportNamedDeclaration'
  )
    return undefined;
  const from = node.source as Node | null | undefined;
  return typeof from?.value === 'string' ? from.value : undefined;
}

function importCallText(argument: string, source: string, start: number): string {
  return `import(${argument.slice(0, 40)}) at line ${lineAt(source, start)}`;
}

/** The value of a string literal or an expression-free template literal, else undefined. */
function literalText(text: string): string | undefined {
  const trimmed = text.trim();
  const quote = trimmed[0];
  if ((quote === '"' || quote === "'") && trimmed.endsWith(quote) && trimmed.length >= 2) {
    const body = trimmed.slice(1, -1);
    if (!body.includes('\\')) return body;
    try {
      return JSON.parse(`"${body.replace(/\\'/g, "'").replace(/(?<!\\)"/g, '\\"')}"`) as string;
    } catch {
      return undefined;
    }
  }
  if (quote === '`' && trimmed.endsWith('`') && !trimmed.includes('${') && trimmed.length >= 2)
    return trimmed.slice(1, -1);
  return undefined;
}

function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

interface Node {
  type?: string;
  start?: number;
  end?: number;
  [key: string]: unknown;
}

/** What a walk collects; `importCalls` when import() and the declarations come from the AST too. */
interface Found {
  specifiers: Set<string>;
  dynamic: string[];
  importCalls: boolean;
}

/** Visits every node of an ESTree program for calls, `import x = require()` and, when asked, imports. */
function walk(program: unknown, source: string, found: Found): void {
  const stack: unknown[] = [program];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const node = value as Node;
    if (node.type === 'CallExpression') visitCall(node, source, found.specifiers, found.dynamic);
    else if (node.type === 'TSExternalModuleReference') {
      const expression = node.expression as Node | undefined;
      if (expression?.type === 'Literal' && typeof expression.value === 'string')
        found.specifiers.add(expression.value);
    } else if (found.importCalls) visitImport(node, source, found);
    for (const key in node) {
      const child = node[key];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
}

function visitImport(node: Node, source: string, found: Found): void {
  if (node.type === 'ImportExpression') {
    const argument = node.source as Node;
    const literal = literalNode(argument, source);
    if (literal !== undefined) found.specifiers.add(literal);
    else found.dynamic.push(importCallText(source.slice(argument.start, argument.end), source, node.start ?? 0));
    return;
  }
  const from = declarationSource(node);
  if (from !== undefined) found.specifiers.add(from);
}

/** A string literal's value, or an expression-free template literal's text. */
function literalNode(node: Node, source: string): string | undefined {
  if (node.type === 'Literal') return typeof node.value === 'string' ? node.value : undefined;
  if (node.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0)
    return literalText(source.slice(node.start, node.end));
  return undefined;
}

function visitCall(node: Node, source: string, specifiers: Set<string>, dynamic: string[]): void {
  const callee = node.callee as Node;
  const kind = callKind(callee);
  if (kind === undefined) return;
  const first = (node.arguments as (Node | undefined)[])[0];
  if (first === undefined || first.type === 'ImportExpression') return;
  const literal = literalNode(first, source);
  if (literal !== undefined) specifiers.add(literal);
  // A mock of a computed path mocks something else; only a computed require/resolve loads it.
  else if (kind === 'require')
    dynamic.push(`${source.slice(node.start, node.end).slice(0, 60)} at line ${lineAt(source, node.start ?? 0)}`);
}

function callKind(callee: Node): 'require' | 'mock' | undefined {
  if (callee.type === 'Identifier' && callee.name === 'require') return 'require';
  if (callee.type !== 'MemberExpression' || callee.computed) return undefined;
  const object = callee.object as Node;
  const property = (callee.property as Node).name as string | undefined;
  if (object.type !== 'Identifier' || property === undefined) return undefined;
  if (object.name === 'require' && property === 'resolve') return 'require';
  if (MOCK_OBJECTS.has(object.name as string) && MOCK_METHODS.has(property)) return 'mock';
  return undefined;
}
