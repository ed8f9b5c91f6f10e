import { classFigures, classifyNodes, highestNodeId, type ClassFigures, type NodeClasses } from './class-stats.js';
import { measureContainment } from './containment.js';
import { buildDominatorTree, type DominatorTree } from './dominators.js';
import { formatRetainerPath, retainerTree } from './retainer-path.js';
import { readHeapSnapshot, type HeapGraph } from './snapshot-reader.js';
import { growthCandidates, largestClasses, rankSuspects } from './suspects.js';
import type { AnalysedSnapshot, LeakAnalysis, LeakSuspect } from './types.js';

const MB = 1024 * 1024;

/**
 * Compares heap snapshots of one process, given in time order: the constructors whose
 * instance count and retained size grew in every step, with one retainer path each. With a
 * single snapshot, the largest constructors instead (`comparison: 'single'`). Reads one
 * snapshot at a time (the previous one's graph is dropped before the next is read), so the
 * memory needed is about that of the largest snapshot's graph. Throws HeapSnapshotError for
 * a file that is missing or not a (complete) heap snapshot.
 */
export function analyzeSnapshots(paths: string[]): LeakAnalysis {
  if (paths.length === 0) throw new RangeError('analyzeSnapshots: give at least one snapshot');
  const started = performance.now();
  const snapshots: AnalysedSnapshot[] = [];
  const series: Map<string, ClassFigures>[] = [];
  let suspects: LeakSuspect[] = [];
  let firstHighestId = 0;
  paths.forEach((path, index) => {
    const graph = readHeapSnapshot(path);
    if (index === 0 && paths.length > 1) firstHighestId = highestNodeId(graph);
    const tree = buildDominatorTree(graph);
    const classes = classifyNodes(graph);
    series.push(classFigures(graph, tree, classes));
    snapshots.push({ path, heapMB: round(tree.retained[0] / MB), nodes: graph.nodeCount });
    if (index === paths.length - 1) suspects = suspectsOf({ graph, tree, classes }, series, firstHighestId);
  });
  return {
    comparison: paths.length === 1 ? 'single' : 'growth',
    snapshots,
    suspects,
    analysisMs: Math.round(performance.now() - started),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/**
 * The suspects, from the figures of every snapshot and the graph of the last: growth (or,
 * with one snapshot, size) picks the candidates, their places in the last dominator tree
 * order them, and the last graph gives each its retainer path.
 */
function suspectsOf(
  last: { graph: HeapGraph; tree: DominatorTree; classes: NodeClasses },
  series: Map<string, ClassFigures>[],
  firstHighestId: number,
): LeakSuspect[] {
  const { graph, tree, classes } = last;
  const heapBytes = tree.retained[0];
  const candidates = series.length === 1 ? largestClasses(series[0], heapBytes) : growthCandidates(series, heapBytes);
  const names = candidates.map((candidate) => candidate.name);
  const { insideOf, representative, largest } = measureContainment(graph, tree, classes, names, firstHighestId);
  const ranked = rankSuspects(candidates, insideOf);
  const retainers = ranked.length > 0 ? retainerTree(graph, tree.firstEdge) : undefined;
  return ranked.map((candidate) => {
    // A container's path leads to the container (the array the stores are parked on).
    const instance = (candidate.holds ? largest : representative).get(candidate.name);
    return {
      name: candidate.name,
      countDelta: candidate.countDelta,
      sizeDeltaMB: round(candidate.sizeDelta / MB),
      count: candidate.count,
      sizeMB: round(candidate.size / MB),
      retainers: retainers && instance !== undefined ? formatRetainerPath(graph, retainers, instance) : '',
      ...(candidate.inside ? { inside: candidate.inside } : {}),
      ...(candidate.holds ? { holds: candidate.holds } : {}),
    };
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
