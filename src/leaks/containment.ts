import { walkDominatorTree, type NodeClasses } from './class-stats.js';
import type { DominatorTree } from './dominators.js';
import type { HeapGraph } from './snapshot-reader.js';

/** Where the candidates' new instances sit in the dominator tree of the last snapshot. */
export interface Containment {
  /** insideOf.get(a).get(c): bytes retained by a's new top-level instances that an instance of c dominates. */
  insideOf: Map<string, Map<string, number>>;
  /**
   * The instance (node ordinal) whose path is shown for each candidate: the new instances are
   * grouped by the classes of their dominator and its dominator (the arrays of the stores,
   * say), and the
   * largest instance of the group that retains the most is taken, so one odd large object
   * (a lazily built table) does not stand for thousands of leaked ones.
   */
  representative: Map<string, number>;
  /** The largest top-level instance of each candidate, new or not: for a container, the container. */
  largest: Map<string, number>;
}

/**
 * One walk of the dominator tree. For every new top-level instance of a candidate class (no
 * ancestor of its own class; new: its node id is above `newerThanId`, the first snapshot's
 * highest, as V8 keeps an object's id across the snapshots of one process), adds its
 * retained size under every other candidate class with an instance among its ancestors,
 * and remembers each class's largest new instance. So containment measures the growth.
 */
export function measureContainment(
  graph: HeapGraph,
  tree: DominatorTree,
  classes: NodeClasses,
  candidates: string[],
  newerThanId: number,
): Containment {
  const slot = new Int32Array(classes.names.length).fill(-1);
  const ids: number[] = [];
  for (const name of candidates) {
    const id = classes.names.indexOf(name);
    if (id < 0) continue;
    slot[id] = ids.length;
    ids.push(id);
  }
  const inside = ids.map(() => new Float64Array(ids.length));
  const groups = ids.map(() => new Map<number, { bytes: number; ordinal: number; retained: number }>());
  const biggest = ids.map(() => ({ ordinal: -1, retained: -1 }));
  walkDominatorTree(tree, classes, (ordinal, topLevel, active) => {
    const own = slot[classes.classOf[ordinal]];
    if (own < 0 || !topLevel) return;
    const retained = tree.retained[ordinal];
    if (retained > biggest[own].retained) biggest[own] = { ordinal, retained };
    if (graph.nodes[ordinal * graph.nodeFieldCount + graph.offsets.id] <= newerThanId) return;
    const holder = tree.dominator[ordinal];
    const holders = classes.classOf[holder] * classes.names.length + classes.classOf[tree.dominator[holder]];
    const group = groups[own].get(holders);
    if (!group) groups[own].set(holders, { bytes: retained, ordinal, retained });
    else {
      group.bytes += retained;
      if (retained > group.retained) Object.assign(group, { ordinal, retained });
    }
    for (let other = 0; other < ids.length; other++) {
      if (other !== own && active[ids[other]] > 0) inside[own][other] += retained;
    }
  });
  const insideOf = new Map<string, Map<string, number>>();
  const representative = new Map<string, number>();
  const largest = new Map<string, number>();
  ids.forEach((id, index) => {
    const name = classes.names[id];
    insideOf.set(
      name,
      new Map(
        ids
          .map((otherId, other) => [classes.names[otherId], inside[index][other]] as const)
          .filter(([, bytes]) => bytes > 0),
      ),
    );
    const heaviest = [...groups[index].values()].sort((a, b) => b.bytes - a.bytes).at(0);
    if (heaviest) representative.set(name, heaviest.ordinal);
    if (biggest[index].ordinal >= 0) largest.set(name, biggest[index].ordinal);
  });
  return { insideOf, representative, largest };
}
