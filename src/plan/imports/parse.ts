import type { ParserOptions } from 'oxc-parser';
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
/** Only files mentioning one of these need the full AST (the module record covers ESM). */
const NEEDS_WALK =
  /\brequire\b|\.(?:mock|doMock|unmock|doUnmock|dontMock|setMock|requireActual|requireMock|importActual|importMock|createMockFromModule)\s*\(/;

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
 * paths. A non-literal `require(x)`/`import(x)` is reported in `dynamic`.
 */
export function parseImports(path: string, source: string): ParsedImports {
  const result = oxc.parseSync(path, source, { lang: langOf(path), sourceType: 'unambiguous' });
  const specifiers = new Set<string>();
  const dynamic: string[] = [];
  for (const item of result.module.staticImports) specifiers.add(item.moduleRequest.value);
  for (const item of result.module.staticExports) {
    for (const entry of item.entries) if (entry.moduleRequest) specifiers.add(entry.moduleRequest.value);
  }
  for (const item of result.module.dynamicImports) {
    const literal = literalText(source.slice(item.moduleRequest.start, item.moduleRequest.end));
    if (literal !== undefined) specifiers.add(literal);
    else
      dynamic.push(
        `import(${source.slice(item.moduleRequest.start, item.moduleRequest.end).slice(0, 40)}) at line ${lineAt(source, item.start)}`,
      );
  }
  if (NEEDS_WALK.test(source)) walkCalls(result.program, source, specifiers, dynamic);
  const parsed: ParsedImports = { specifiers: [...specifiers].sort(), dynamic: dynamic.sort() };
  const error = result.errors.find((e) => e.severity === 'Error');
  if (error) parsed.error = error.message;
  return parsed;
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

/** Visits every CallExpression / TSImportEqualsDeclaration of an ESTree program. */
function walkCalls(program: unknown, source: string, specifiers: Set<string>, dynamic: string[]): void {
  const stack: unknown[] = [program];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const node = value as Node;
    if (node.type === 'CallExpression') visitCall(node, source, specifiers, dynamic);
    else if (node.type === 'TSExternalModuleReference') {
      const expression = node.expression as Node | undefined;
      if (expression?.type === 'Literal' && typeof expression.value === 'string') specifiers.add(expression.value);
    }
    for (const key in node) {
      const child = node[key];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
}

function visitCall(node: Node, source: string, specifiers: Set<string>, dynamic: string[]): void {
  const callee = node.callee as Node;
  const kind = callKind(callee);
  if (kind === undefined) return;
  const first = (node.arguments as Node[])[0];
  if (first === undefined || first.type === 'ImportExpression') return;
  const literal =
    first.type === 'Literal' && typeof first.value === 'string'
      ? first.value
      : first.type === 'TemplateLiteral' && (first.expressions as unknown[]).length === 0
        ? literalText(source.slice(first.start, first.end))
        : undefined;
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
