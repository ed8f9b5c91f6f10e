import type { HeapGraph } from './snapshot-reader.js';

/** The dominator tree of a snapshot and every node's retained size (DevTools' definitions). */
export interface DominatorTree {
  /** First edge offset (into graph.edges) of each node ordinal; `nodeCount + 1` entries. */
  firstEdge: Uint32Array;
  /** Immediate dominator (node ordinal) of each node; the root dominates itself. */
  dominator: Uint32Array;
  /** Self size plus everything only reachable through the node, in bytes. */
  retained: Float64Array;
  /** Dominator-tree children as CSR: childrenOf(n) = children[childStart[n] .. childStart[n + 1]). */
  childStart: Uint32Array;
  children: Uint32Array;
}

const ROOT = 0;

/**
 * Whether an edge holds its target alive, as Chrome DevTools decides: weak edges do not, and
 * shortcut edges only count from the synthetic root (they mark the user's global objects).
 */
export function isEssentialEdge(graph: HeapGraph, fromOrdinal: number, edgeOffset: number): boolean {
  const type = graph.edgeTypes[graph.edges[edgeOffset + graph.edgeOffsets.type]];
  return type !== 'weak' && (type !== 'shortcut' || fromOrdinal === ROOT);
}

/** Prefix sums of the nodes' edge counts: where each node's edges start in graph.edges. */
export function firstEdgeOffsets(graph: HeapGraph): Uint32Array {
  const first = new Uint32Array(graph.nodeCount + 1);
  let offset = 0;
  for (let ordinal = 0; ordinal < graph.nodeCount; ordinal++) {
    first[ordinal] = offset;
    offset += graph.nodes[ordinal * graph.nodeFieldCount + graph.offsets.edgeCount] * graph.edgeFieldCount;
  }
  first[graph.nodeCount] = offset;
  return first;
}

/**
 * Computes dominators with the iterative algorithm of Cooper, Harvey and Kennedy ("A Simple,
 * Fast Dominance Algorithm") over a post-order of the essential edges, the same algorithm
 * DevTools uses, then retained sizes bottom-up. Nodes not reachable from the root (garbage
 * the snapshot kept) are dominated by the root.
 */
export function buildDominatorTree(graph: HeapGraph): DominatorTree {
  const firstEdge = firstEdgeOffsets(graph);
  const { order, postIndex } = postOrder(graph, firstEdge);
  const { retainerStart, retainers } = essentialRetainers(graph, firstEdge);
  const dominatorPost = iterateDominators(graph, firstEdge, order, postIndex, retainerStart, retainers);
  const count = graph.nodeCount;
  const dominator = new Uint32Array(count);
  const retained = new Float64Array(count);
  for (let ordinal = 0; ordinal < count; ordinal++) {
    dominator[ordinal] = order[dominatorPost[postIndex[ordinal]]]!;
    retained[ordinal] = graph.nodes[ordinal * graph.nodeFieldCount + graph.offsets.selfSize]!;
  }
  // A dominator comes after everything it dominates in post-order.
  for (let post = 0; post < count - 1; post++) {
    const ordinal = order[post];
    retained[dominator[ordinal]] += retained[ordinal];
  }
  const { childStart, children } = childrenOf(dominator);
  return { firstEdge, dominator, retained, childStart, children };
}

/** Post-order of a depth-first walk from the root; unreachable nodes go just before the root. */
function postOrder(graph: HeapGraph, firstEdge: Uint32Array): { order: Uint32Array; postIndex: Uint32Array } {
  const count = graph.nodeCount;
  const order = new Uint32Array(count);
  const postIndex = new Uint32Array(count);
  const visited = new Uint8Array(count);
  const stackNode = new Uint32Array(count);
  const stackEdge = new Uint32Array(count);
  const toNode = graph.edgeOffsets.toNode;
  let next = 0;
  let top = 0;
  stackNode[0] = ROOT;
  stackEdge[0] = firstEdge[ROOT]!;
  visited[ROOT] = 1;
  while (top >= 0) {
    const ordinal = stackNode[top];
    const edge = stackEdge[top];
    if (edge < firstEdge[ordinal + 1]) {
      stackEdge[top] = edge + graph.edgeFieldCount;
      const target = graph.edges[edge + toNode] / graph.nodeFieldCount;
      if (visited[target] || !isEssentialEdge(graph, ordinal, edge)) continue;
      visited[target] = 1;
      top++;
      stackNode[top] = target;
      stackEdge[top] = firstEdge[target]!;
    } else {
      if (ordinal !== ROOT) {
        postIndex[ordinal] = next;
        order[next++] = ordinal;
      }
      top--;
    }
  }
  for (let ordinal = 0; ordinal < count; ordinal++) {
    if (visited[ordinal]) continue;
    postIndex[ordinal] = next;
    order[next++] = ordinal;
  }
  postIndex[ROOT] = next;
  order[next] = ROOT;
  return { order, postIndex };
}

/** Who holds each node (essential edges only), as CSR over node ordinals. */
function essentialRetainers(graph: HeapGraph, firstEdge: Uint32Array) {
  const count = graph.nodeCount;
  const retainerStart = new Uint32Array(count + 1);
  const toNode = graph.edgeOffsets.toNode;
  const forEachEssential = (visit: (from: number, to: number) => void) => {
    for (let from = 0; from < count; from++) {
      for (let edge = firstEdge[from]; edge < firstEdge[from + 1]; edge += graph.edgeFieldCount) {
        if (isEssentialEdge(graph, from, edge)) visit(from, graph.edges[edge + toNode] / graph.nodeFieldCount);
      }
    }
  };
  forEachEssential((_from, to) => retainerStart[to + 1]++);
  for (let ordinal = 0; ordinal < count; ordinal++) retainerStart[ordinal + 1] += retainerStart[ordinal];
  const retainers = new Uint32Array(retainerStart[count]);
  const fill = retainerStart.slice(0, count);
  forEachEssential((from, to) => (retainers[fill[to]++] = from));
  return { retainerStart, retainers };
}

/** Immediate dominators by post-order index, iterated to a fixed point. */
function iterateDominators(
  graph: HeapGraph,
  firstEdge: Uint32Array,
  order: Uint32Array,
  postIndex: Uint32Array,
  retainerStart: Uint32Array,
  retainers: Uint32Array,
): Uint32Array {
  const count = graph.nodeCount;
  const rootPost = count - 1;
  const none = count;
  const dominators = new Uint32Array(count).fill(none);
  dominators[rootPost] = rootPost;
  const affected = new Uint8Array(count);
  const markSuccessors = (ordinal: number) => {
    for (let edge = firstEdge[ordinal]; edge < firstEdge[ordinal + 1]; edge += graph.edgeFieldCount) {
      if (isEssentialEdge(graph, ordinal, edge))
        affected[postIndex[graph.edges[edge + graph.edgeOffsets.toNode] / graph.nodeFieldCount]] = 1;
    }
  };
  markSuccessors(ROOT);
  for (let changed = true; changed;) {
    changed = false;
    for (let post = rootPost - 1; post >= 0; post--) {
      if (!affected[post]) continue;
      affected[post] = 0;
      if (dominators[post] === rootPost) continue;
      const ordinal = order[post];
      let candidate = none;
      for (let index = retainerStart[ordinal]; index < retainerStart[ordinal + 1]; index++) {
        let retainer = postIndex[retainers[index]];
        if (dominators[retainer] === none) continue;
        if (candidate === none) candidate = retainer;
        else {
          while (retainer !== candidate) {
            while (retainer < candidate) retainer = dominators[retainer]!;
            while (candidate < retainer) candidate = dominators[candidate]!;
          }
        }
        if (candidate === rootPost) break;
      }
      if (candidate !== none && dominators[post] !== candidate) {
        dominators[post] = candidate;
        changed = true;
        markSuccessors(ordinal);
      }
    }
  }
  for (let post = 0; post < rootPost; post++) if (dominators[post] === none) dominators[post] = rootPost;
  return dominators;
}

/** The dominator tree's child lists (CSR), from each node's immediate dominator. */
function childrenOf(dominator: Uint32Array): { childStart: Uint32Array; children: Uint32Array } {
  const count = dominator.length;
  const childStart = new Uint32Array(count + 1);
  for (let ordinal = 1; ordinal < count; ordinal++) childStart[dominator[ordinal] + 1]++;
  for (let ordinal = 0; ordinal < count; ordinal++) childStart[ordinal + 1] += childStart[ordinal];
  const children = new Uint32Array(Math.max(0, count - 1));
  const fill = childStart.slice(0, count);
  for (let ordinal = 1; ordinal < count; ordinal++) children[fill[dominator[ordinal]]++] = ordinal;
  return { childStart, children };
}
