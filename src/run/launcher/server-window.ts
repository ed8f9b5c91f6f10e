import { peaksInWindow } from '../attribution.js';
import { readProbeDir, readTimelines, toMB, type MemoryFigures, type TimelineSample } from '../child-output.js';

/**
 * What one work item of a long-lived vitest (see slot-server.ts) left in the slot's probe
 * folder: the timelines of the processes that lived during its time window, and its memory
 * figures over that window. The folder holds every process the server ever had (the server
 * itself, and a fresh pool worker per run): a process belongs to the item when its timeline
 * overlaps [from, to] (a live process writes a line at least every heartbeat, and one at its
 * exit), so the worker of the run before, which exited before this run began, is left out.
 * The peaks are those of {@link peaksInWindow}: the sample in force at `from` counts.
 */
export function itemWindow(
  dir: string,
  from: number,
  to: number,
): { timelines: TimelineSample[][]; memory: MemoryFigures } {
  const timelines = readTimelines(dir).filter(
    (samples) => samples.length > 0 && samples[0].t <= to && samples[samples.length - 1].t >= from,
  );
  const peaks = peaksInWindow(timelines, from, to);
  const limits = readProbeDir(dir)
    .map((reading) => reading.heapLimit)
    .filter((limit) => limit > 0);
  const heapLimitMB = limits.length > 0 ? toMB(Math.min(...limits)) : null;
  return {
    timelines,
    memory: {
      peakHeapMB: peaks.heapMB,
      heapLimitMB,
      peakRssMB: peaks.rssMB,
      peakTreeRssMB:
        peaks.treeRssMB !== null && peaks.rssMB !== null ? Math.max(peaks.treeRssMB, peaks.rssMB) : peaks.treeRssMB,
      nearHeapLimit: heapLimitMB !== null && peaks.heapMB !== null && peaks.heapMB >= heapLimitMB * 0.9,
    },
  };
}

/** The server's RSS right now with its workers (its probe's last tree figure), MB; null before a sample. */
export function serverRssMB(dir: string, pid: number | undefined): number | null {
  if (pid === undefined) return null;
  const reading = readProbeDir(dir).find((candidate) => candidate.pid === pid);
  if (!reading) return null;
  return toMB(reading.treeRss ?? reading.rss ?? reading.peakRss);
}
