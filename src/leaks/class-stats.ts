import type { DominatorTree } from './dominators.js';
import type { HeapGraph } from './snapshot-reader.js';

/** Per-constructor figures of one snapshot. */
export interface ClassFigures {
  count: number;
  /** Sum of the instances' own sizes, bytes. */
  selfSize: number;
  /**
   * Retained size of the instances that no other instance of the same class dominates
   * (DevTools' Summary rule: a list of Arrays is not counted twice), bytes.
   */
  retainedSize: number;
  /** Instances that no other instance of the same class dominates. */
  topLevelCount: number;
}

/** The nodes grouped by constructor: a class id per node and the names of the ids. */
export interface NodeClasses {
  classOf: Uint32Array;
  names: string[];
}

/**
 * Class names as Chrome DevTools' Summary view shows them: objects and native objects by
 * their constructor name, the rest by their node type in parentheses: `(system)` for hidden
 * nodes, `(compiled code)`, `(closure)`, `(string)`, `(array)`, `(concatenated string)`…
 */
export function classifyNodes(graph: HeapGraph): NodeClasses {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const typeNames = graph.nodeTypes.map((type) =>
    type === 'hidden' ? '(system)' : type === 'code' ? '(compiled code)' : `(${type})`,
  );
  const byName = new Set(['object', 'native']);
  const classOf = new Uint32Array(graph.nodeCount);
  for (let ordinal = 0; ordinal < graph.nodeCount; ordinal++) {
    const base = ordinal * graph.nodeFieldCount;
    const type = graph.nodes[base + graph.offsets.type];
    const name = byName.has(graph.nodeTypes[type])
      ? graph.strings[graph.nodes[base + graph.offsets.name]]
      : typeNames[type];
    let id = ids.get(name);
    if (id === undefined) {
      id = names.length;
      ids.set(name, id);
      names.push(name);
    }
    classOf[ordinal] = id;
  }
  return { classOf, names };
}

/**
 * Visits the dominator tree top-down from the root. `onEnter(node, topLevel)` is told whether
 * no ancestor is of the node's class; `active[c]` counts the ancestors-or-self of class c.
 */
export function walkDominatorTree(
  tree: DominatorTree,
  classes: NodeClasses,
  onEnter: (ordinal: number, topLevel: boolean, active: Uint32Array) => void,
): void {
  const active = new Uint32Array(classes.names.length);
  // Each node is pushed once as itself and once, complemented, as its exit marker.
  const stack = new Int32Array(2 * tree.dominator.length + 1);
  let top = 0;
  stack[0] = 0;
  while (top >= 0) {
    const entry = stack[top--];
    if (entry < 0) {
      active[classes.classOf[~entry]]--;
      continue;
    }
    const classId = classes.classOf[entry];
    onEnter(entry, active[classId] === 0, active);
    active[classId]++;
    stack[++top] = ~entry;
    for (let index = tree.childStart[entry]; index < tree.childStart[entry + 1]; index++)
      stack[++top] = tree.children[index]!;
  }
}

/** Count, self size and (top-level) retained size of every class in a snapshot. */
export function classFigures(graph: HeapGraph, tree: DominatorTree, classes: NodeClasses): Map<string, ClassFigures> {
  const figures = classes.names.map(() => ({ count: 0, selfSize: 0, retainedSize: 0, topLevelCount: 0 }));
  walkDominatorTree(tree, classes, (ordinal, topLevel) => {
    const entry = figures[classes.classOf[ordinal]];
    entry.count++;
    entry.selfSize += graph.nodes[ordinal * graph.nodeFieldCount + graph.offsets.selfSize];
    if (!topLevel) return;
    entry.retainedSize += tree.retained[ordinal];
    entry.topLevelCount++;
  });
  return new Map(classes.names.map((name, id) => [name, figures[id]]));
}

/**
 * The highest id of a JavaScript heap object in a snapshot: objects with higher ids in a
 * later snapshot of the same process were allocated since. Native (embedder) and synthetic
 * nodes are left out: Node gives them ids derived from addresses, not from a counter.
 */
export function highestNodeId(graph: HeapGraph): number {
  const skipped = new Set(['native', 'synthetic'].map((type) => graph.nodeTypes.indexOf(type)));
  let highest = 0;
  for (let base = 0; base < graph.nodes.length; base += graph.nodeFieldCount) {
    if (skipped.has(graph.nodes[base + graph.offsets.type])) continue;
    highest = Math.max(highest, graph.nodes[base + graph.offsets.id]);
  }
  return highest;
}
