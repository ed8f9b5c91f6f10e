import { isEssentialEdge } from './dominators.js';
import type { HeapGraph } from './snapshot-reader.js';

/** Cost of following an edge: named edges read like code, internal ones are V8's plumbing. */
const NAMED_EDGE_COST = 1;
const INTERNAL_EDGE_COST = 4;
/**
 * Leaving from the stack or a handle scope: true while the snapshot is written, but the
 * code at fault is whatever else holds the object, so such a path is taken only when there
 * is no other.
 */
const TRANSIENT_ROOT_COST = 64;
const TRANSIENT_ROOTS = new Set(['(Stack roots)', '(Handle scope)']);
/** Tokens kept from the end of a path: the part next to the instance says the most. */
const MAX_TOKENS = 4;
const NAMED_EDGES = new Set(['property', 'context', 'shortcut']);

/** Parent links of the cheapest paths from the root to every node (-1: unreachable). */
export interface RetainerTree {
  parentNode: Int32Array;
  parentEdge: Int32Array;
}

/**
 * Cheapest paths from the root over essential edges (Dial's bucket queue), where an edge
 * that has a name or index costs less than an internal one: the path shown is the one a
 * person can follow in their code (`util.__parked[3]`), not V8's feedback and code links.
 */
export function retainerTree(graph: HeapGraph, firstEdge: Uint32Array): RetainerTree {
  const count = graph.nodeCount;
  const parentNode = new Int32Array(count).fill(-1);
  const parentEdge = new Int32Array(count).fill(-1);
  const distance = new Uint32Array(count).fill(0xffffffff);
  const done = new Uint8Array(count);
  const buckets: number[][] = [[0]];
  distance[0] = 0;
  const transient = new Uint8Array(count);
  for (let ordinal = 0; ordinal < count; ordinal++) {
    const base = ordinal * graph.nodeFieldCount;
    if (graph.nodeTypes[graph.nodes[base + graph.offsets.type]] !== 'synthetic') continue;
    if (TRANSIENT_ROOTS.has(graph.strings[graph.nodes[base + graph.offsets.name]])) transient[ordinal] = 1;
  }
  for (let cost = 0; cost < buckets.length; cost++) {
    const bucket = buckets.at(cost) ?? []; // a cost no edge sum reached is a hole
    for (let index = 0; index < bucket.length; index++) {
      const ordinal = bucket[index];
      if (done[ordinal] || distance[ordinal] !== cost) continue;
      done[ordinal] = 1;
      for (let edge = firstEdge[ordinal]; edge < firstEdge[ordinal + 1]; edge += graph.edgeFieldCount) {
        if (!isEssentialEdge(graph, ordinal, edge)) continue;
        const target = graph.edges[edge + graph.edgeOffsets.toNode] / graph.nodeFieldCount;
        const type = graph.edgeTypes[graph.edges[edge + graph.edgeOffsets.type]];
        const step = transient[ordinal]
          ? TRANSIENT_ROOT_COST
          : NAMED_EDGES.has(type) || type === 'element'
            ? NAMED_EDGE_COST
            : INTERNAL_EDGE_COST;
        const next = cost + step;
        if (next >= distance[target]) continue;
        distance[target] = next;
        parentNode[target] = ordinal;
        parentEdge[target] = edge;
        (buckets[next] ??= []).push(target);
      }
    }
    buckets[cost] = [];
  }
  return { parentNode, parentEdge };
}

/**
 * The path from a GC root to `ordinal` in a few words: `util.__parked → Array → LeakyStore`.
 * A property or variable name is chained with dots onto what holds it
 * (`BuiltinModule.exports.__parked`), followed by the constructor of what the chain names;
 * elements and internal links show only the constructor. Synthetic roots are left out; long
 * paths keep their end.
 */
export function formatRetainerPath(graph: HeapGraph, tree: RetainerTree, ordinal: number): string {
  const hops: { ordinal: number; edge: number }[] = [];
  for (let at = ordinal; at > 0 && tree.parentNode[at] >= 0; at = tree.parentNode[at]!)
    hops.push({ ordinal: at, edge: tree.parentEdge[at] });
  if (hops.length === 0) return '';
  hops.reverse();
  const tokens: string[] = [];
  let root = '';
  hops.forEach(({ ordinal: node, edge }, index) => {
    if (nodeType(graph, node) === 'synthetic') {
      root = graph.strings[graph.nodes[node * graph.nodeFieldCount + graph.offsets.name]];
      return;
    }
    const name = namedEdge(graph, edge);
    if (name === undefined) {
      tokens.push(displayName(graph, node));
      return;
    }
    // `holder.name`: a property or variable chained onto what holds it…
    if (tokens.length > 0) tokens[tokens.length - 1] += `.${name}`;
    else tokens.push(name);
    // …and what the chain leads to, shown once where it ends.
    const nextEdge = index + 1 < hops.length ? hops[index + 1].edge : undefined;
    if (nextEdge === undefined || namedEdge(graph, nextEdge) === undefined) tokens.push(displayName(graph, node));
  });
  // Held straight from a root: the root's kind is the only story, `(Strong roots) → (array)`.
  if (tokens.length === 1 && root) tokens.unshift(root);
  const compact = tokens.filter((token, index) => token !== tokens[index - 1]);
  const kept = compact.slice(-MAX_TOKENS);
  // A cut path starts at something a person recognises, not at a V8 kind like (array).
  while (kept.length > 2 && kept.length < compact.length && kept[0].startsWith('(')) kept.shift();
  return (kept.length < compact.length ? ['…', ...kept] : kept).join(' → ');
}

function nodeType(graph: HeapGraph, ordinal: number): string {
  return graph.nodeTypes[graph.nodes[ordinal * graph.nodeFieldCount + graph.offsets.type]];
}

/** A property or closure-variable name fit for a path, or undefined (elements, internal links). */
function namedEdge(graph: HeapGraph, edge: number): string | undefined {
  const type = graph.edgeTypes[graph.edges[edge + graph.edgeOffsets.type]];
  if (!NAMED_EDGES.has(type)) return undefined;
  const name = graph.strings[graph.edges[edge + graph.edgeOffsets.nameOrIndex]];
  return name && /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name) ? name : undefined;
}

/** How a node reads in a path: its constructor, `fn()` for a closure, `(string)` and the like for V8 kinds. */
function displayName(graph: HeapGraph, ordinal: number): string {
  const type = nodeType(graph, ordinal);
  const name = graph.strings[graph.nodes[ordinal * graph.nodeFieldCount + graph.offsets.name]] ?? '';
  if (type === 'object' || type === 'native') return name || '(object)';
  if (type === 'closure') return name ? `${name}()` : '(closure)';
  if (type === 'hidden') return '(system)';
  if (type === 'code') return '(compiled code)';
  return `(${type})`;
}
