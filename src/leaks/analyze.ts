import { classFigures, classifyNodes, highestNodeId, type ClassFigures } from './class-stats.js';
import { measureContainment } from './containment.js';
import { buildDominatorTree } from './dominators.js';
import { formatRetainerPath, retainerTree } from './retainer-path.js';
import { readHeapSnapshot } from './snapshot-reader.js';
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
    const heapBytes = tree.retained[0];
    snapshots.push({ path, heapMB: round(heapBytes / MB), nodes: graph.nodeCount });
    if (index < paths.length - 1) return;
    const candidates = paths.length === 1 ? largestClasses(series[0], heapBytes) : growthCandidates(series, heapBytes);
    const { insideOf, representative } = measureContainment(
      graph,
      tree,
      classes,
      candidates.map((candidate) => candidate.name),
      firstHighestId,
    );
    const ranked = rankSuspects(candidates, insideOf);
    const paths_ = ranked.length > 0 ? retainerTree(graph, tree.firstEdge) : undefined;
    suspects = ranked.map((candidate) => {
      const instance = representative.get(candidate.name);
      return {
        name: candidate.name,
        countDelta: candidate.countDelta,
        sizeDeltaMB: round(candidate.sizeDelta / MB),
        count: candidate.count,
        sizeMB: round(candidate.size / MB),
        retainers: paths_ && instance !== undefined ? formatRetainerPath(graph, paths_, instance) : '',
        ...(candidate.inside ? { inside: candidate.inside } : {}),
        ...(candidate.holds ? { holds: candidate.holds } : {}),
      };
    });
  });
  return {
    comparison: paths.length === 1 ? 'single' : 'growth',
    snapshots,
    suspects,
    analysisMs: Math.round(performance.now() - started),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
