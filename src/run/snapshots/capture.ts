import type { ModuleLeak } from '../../report/schema.js';
import { moduleFinder, type PackModule } from '../attribution.js';
import type { ReporterRecords } from '../child-output.js';
import type { SnapshotEvent } from './events.js';

/**
 * The module each event belongs to. Pure. A process of one module: that one. A pack: the
 * module of the test file that started last at or before the event (a snapshot after a
 * file is written just after its window ends, one inside a file or near the heap limit
 * within it), as the rest of a pack's figures are cut by time (attribution.ts). An event
 * before any file started goes to the first module.
 */
export function attributeSnapshotEvents(
  modules: readonly PackModule[],
  records: Pick<ReporterRecords, 'timings'>,
  events: readonly SnapshotEvent[],
): Map<string, SnapshotEvent[]> {
  const byModule = new Map<string, SnapshotEvent[]>(modules.map((module) => [module.name, []]));
  if (modules.length === 0) return byModule;
  const starts = [...records.timings.entries()]
    .flatMap(([file, timing]) => (timing.startedAt !== undefined ? [{ file, at: timing.startedAt }] : []))
    .sort((a, b) => a.at - b.at);
  const find = moduleFinder(modules);
  for (const event of events) {
    let owner = modules[0].name;
    if (modules.length > 1) {
      const started = starts.filter((start) => start.at <= event.t).at(-1);
      owner = (started && find(started.file)) ?? owner;
    }
    byModule.get(owner)?.push(event);
  }
  return byModule;
}

/**
 * A module's leak forensics as captured (before any analysis). Pure. Flagged when the watch
 * asked for a snapshot (written or skipped) or V8 wrote one near the heap limit; the growth
 * figures are those of the last climb the watch saw.
 */
export function capturedLeak(events: readonly SnapshotEvent[]): ModuleLeak {
  const snapshots = events.flatMap((event) => (event.kind !== 'skipped' && event.path ? [event.path] : []));
  const climb = events.filter((event) => event.growthMB !== undefined).at(-1);
  const skipped = events.find((event) => event.kind === 'skipped');
  const nearLimit = events.some((event) => event.kind === 'near-heap-limit');
  const steps = climb?.steps;
  return {
    flagged: events.length > 0,
    ...(climb?.series ? { across: climb.series } : nearLimit ? { across: 'limit' as const } : {}),
    growthMB: climb?.growthMB ?? null,
    ...(steps !== undefined ? { steps, perStepMB: steps > 0 ? round((climb?.growthMB ?? 0) / steps) : null } : {}),
    snapshots,
    ...(skipped?.reason ? { skipped: skipped.reason } : {}),
    suspects: [],
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
