import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { oxc } from './oxc.js';

/** A value the static reader could not compute (a function call, a variable from elsewhere). */
export const UNKNOWN = Symbol('unknown');

/** A regular expression literal, kept as source and flags. */
export interface RegexValue {
  regex: string;
  flags: string;
}

/** What a config expression evaluates to without running it. */
export type StaticValue =
  string | number | boolean | null | RegexValue | StaticValue[] | { [key: string]: StaticValue } | typeof UNKNOWN;

interface Node {
  type: string;
  [key: string]: unknown;
}

/** Wrappers that return their argument: `defineConfig({...})`, `defineProject`, `satisfies`. */
const IDENTITY_CALLS = new Set(['defineConfig', 'defineProject', 'defineWorkspace']);

/**
 * Reads the exported config object of a JS/TS config file without running it: `export default
 * {…}`, `module.exports = {…}`, either through `defineConfig(…)` or a top-level `const` of the
 * file. Values may be literals, arrays, objects, regex literals, `__dirname`, `path.resolve`/
 * `path.join`, `fileURLToPath(new URL('./x', import.meta.url))` and other top-level consts.
 * Anything else (function calls, spreads, imports) evaluates to UNKNOWN, which callers report.
 */
export function readStaticConfig(absolutePath: string, source: string): StaticValue {
  const program = oxc.parseSync(absolutePath, source, { sourceType: 'unambiguous' }).program as unknown as {
    body: Node[];
  };
  const consts = new Map<string, Node>();
  let exported: Node | undefined;
  for (const statement of program.body) {
    if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations as Node[]) {
        const id = declarator.id as Node;
        if (id.type === 'Identifier' && declarator.init) consts.set(id.name as string, declarator.init as Node);
      }
    } else if (statement.type === 'ExportDefaultDeclaration') exported = statement.declaration as Node;
    else if (statement.type === 'ExpressionStatement') {
      const expression = statement.expression as Node;
      if (expression.type === 'AssignmentExpression' && isModuleExports(expression.left as Node))
        exported = expression.right as Node;
    }
  }
  if (exported === undefined) return UNKNOWN;
  const context = { dir: dirname(absolutePath), file: absolutePath, consts, depth: 0 };
  return evaluate(exported, context);
}

interface Context {
  dir: string;
  file: string;
  consts: Map<string, Node>;
  depth: number;
}

function isModuleExports(node: Node): boolean {
  return (
    node.type === 'MemberExpression' &&
    (node.object as Node).type === 'Identifier' &&
    (node.object as Node).name === 'module' &&
    (node.property as Node).name === 'exports'
  );
}

function evaluate(node: Node, context: Context): StaticValue {
  switch (node.type) {
    case 'Literal':
      if (node.regex)
        return {
          regex: (node.regex as RegexValue & { pattern: string }).pattern,
          flags: (node.regex as { flags: string }).flags,
        };
      return node.value as string | number | boolean | null;
    case 'TemplateLiteral':
      return (node.expressions as Node[]).length === 0
        ? ((node.quasis as Node[])[0].value as { cooked: string }).cooked
        : UNKNOWN;
    case 'ArrayExpression':
      return (node.elements as (Node | null)[]).map((element) =>
        element === null || element.type === 'SpreadElement' ? UNKNOWN : evaluate(element, context),
      );
    case 'ObjectExpression':
      return evaluateObject(node, context);
    case 'Identifier':
      return evaluateIdentifier(node.name as string, context);
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'ParenthesizedExpression':
      return evaluate(node.expression as Node, context);
    case 'CallExpression':
      return evaluateCall(node, context);
    case 'MemberExpression':
      return evaluateMember(node, context);
    default:
      return UNKNOWN;
  }
}

function evaluateObject(node: Node, context: Context): StaticValue {
  const result: { [key: string]: StaticValue } = {};
  for (const property of node.properties as Node[]) {
    if (property.type !== 'Property' || property.computed) return UNKNOWN;
    const key = property.key as Node;
    const name =
      key.type === 'Identifier' ? (key.name as string) : key.type === 'Literal' ? String(key.value) : undefined;
    if (name === undefined) return UNKNOWN;
    result[name] = evaluate(property.value as Node, context);
  }
  return result;
}

function evaluateIdentifier(name: string, context: Context): StaticValue {
  if (name === '__dirname') return context.dir;
  if (name === '__filename') return context.file;
  const init = context.consts.get(name);
  if (init === undefined || context.depth > 20) return UNKNOWN;
  return evaluate(init, { ...context, depth: context.depth + 1 });
}

function evaluateMember(node: Node, context: Context): StaticValue {
  const object = node.object as Node;
  const property = (node.property as Node).name;
  // import.meta.dirname / import.meta.filename (Node 20.11+)
  if (object.type === 'MetaProperty' && property === 'dirname') return context.dir;
  if (object.type === 'MetaProperty' && property === 'filename') return context.file;
  if (object.type === 'MetaProperty' && property === 'url') return pathToFileURL(context.file).href;
  if (property === 'pathname' && object.type === 'NewExpression') return evaluateUrl(object, context);
  return UNKNOWN;
}

function evaluateCall(node: Node, context: Context): StaticValue {
  const callee = node.callee as Node;
  const name =
    callee.type === 'Identifier'
      ? (callee.name as string)
      : callee.type === 'MemberExpression'
        ? ((callee.property as Node).name as string)
        : undefined;
  const args = (node.arguments as Node[]).map((arg) => evaluate(arg, context));
  if (name !== undefined && IDENTITY_CALLS.has(name) && args.length === 1) return args[0]!;
  if (name === 'fileURLToPath' && (node.arguments as Node[])[0]?.type === 'NewExpression')
    return evaluateUrl((node.arguments as Node[])[0], context);
  if (
    (name === 'resolve' || name === 'join') &&
    args.length > 0 &&
    args.every((a): a is string => typeof a === 'string')
  ) {
    return name === 'resolve' ? resolve(context.dir, ...args) : join(...args);
  }
  return UNKNOWN;
}

/** `new URL('./src', import.meta.url)` → the absolute path. */
function evaluateUrl(node: Node, context: Context): StaticValue {
  const [relative, base] = (node.arguments as Node[]).map((arg) => evaluate(arg, context));
  if (typeof relative !== 'string' || typeof base !== 'string' || !base.startsWith('file://')) return UNKNOWN;
  return fileURLToPath(new URL(relative, base));
}
