import { Document, isNode, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

/** A value with a comment line (or lines) above it, and optionally one after it on its line. */
export class Commented {
  constructor(
    readonly value: unknown,
    readonly before?: string,
    readonly after?: string,
  ) {}
}

/** Wraps `value` so that it is written with `before` as a comment above it. */
export function commented(before: string, value: unknown): Commented {
  return new Commented(value, before);
}

/** Wraps `value` so that it is written with `after` as a comment at the end of its line. */
export function trailing(value: unknown, after: string | undefined): unknown {
  return after === undefined ? value : new Commented(value, undefined, after);
}

/**
 * Turns a tree of plain objects, arrays, scalars and `Commented` wrappers into YAML text.
 * Object key order is kept, lists of scalars are written in flow style (`[a, b]`), `null` is
 * written as an empty value (`pull_request:`), and top-level keys are separated by blank
 * lines, as are the entries of `spacedKeys` (e.g. the jobs). Deterministic: the same tree
 * always gives the same bytes.
 */
export function renderYaml(tree: Record<string, unknown>, header: string, spacedKeys: string[] = []): string {
  const doc = new Document();
  doc.commentBefore = header;
  const root = toNode(doc, tree, 0, spacedKeys, true) as YAMLMap;
  doc.contents = root;
  return doc.toString({ lineWidth: 0, nullStr: '', indentSeq: true, flowCollectionPadding: false });
}

function toNode(doc: Document, value: unknown, depth: number, spacedKeys: string[], spaced: boolean): Node {
  if (value instanceof Commented) {
    const node = toNode(doc, value.value, depth, spacedKeys, false);
    if (value.before !== undefined) node.commentBefore = prefix(value.before);
    if (value.after !== undefined) node.comment = ` ${value.after}`;
    return node;
  }
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    seq.flow = value.length > 0 && value.every((item) => item === null || typeof item !== 'object');
    for (const item of value) seq.items.push(toNode(doc, item, depth + 1, spacedKeys, false));
    return seq;
  }
  if (value !== null && typeof value === 'object') {
    const map = new YAMLMap();
    let index = 0;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (child === undefined) continue;
      const keyNode = new Scalar(key);
      const childNode = toNode(
        doc,
        child instanceof Commented ? child.value : child,
        depth + 1,
        spacedKeys,
        spacedKeys.includes(key),
      );
      if (child instanceof Commented) {
        // A comment above a mapping entry belongs to its key; a trailing one to its value.
        if (child.before !== undefined) keyNode.commentBefore = prefix(child.before);
        if (child.after !== undefined) childNode.comment = ` ${child.after}`;
      }
      if (spaced && index > 0) keyNode.spaceBefore = true;
      map.items.push(new Pair(keyNode, childNode));
      index++;
    }
    return map;
  }
  const node = doc.createNode(value);
  if (!isNode(node)) throw new Error(`cannot write ${String(value)} as YAML`);
  return node;
}

function prefix(comment: string): string {
  return comment
    .split('\n')
    .map((line) => (line === '' ? '' : ` ${line}`))
    .join('\n');
}
