import { rmdirSync } from 'node:fs';
import type { ModuleResult } from '../../report/schema.js';
import type { PackModule, ProcessTrace } from '../attribution.js';
import type { ItemOutcome } from '../schedule/launcher.js';
import { attributeSnapshotEvents, capturedLeak } from './capture.js';
import { readSnapshotEvents } from './events.js';

/**
 * With --heap-snapshots (`snapshots` set), gives every module that ran in the process its
 * `leak`: the snapshots and skips its process recorded while its files ran. Off: the outcome
 * as it is.
 */
export function withCapturedLeaks(
  outcome: ItemOutcome<ModuleResult>,
  modules: readonly PackModule[],
  trace: ProcessTrace,
  snapshots: { dir: string } | undefined,
): ItemOutcome<ModuleResult> {
  if (!snapshots) return outcome;
  const events = readSnapshotEvents(snapshots.dir);
  if (events.length === 0) removeIfEmpty(snapshots.dir);
  const byModule = attributeSnapshotEvents(modules, trace.records, events);
  return {
    ...outcome,
    modules: outcome.modules.map(({ name, result }) => ({
      name,
      result: { ...result, leak: capturedLeak(byModule.get(name) ?? []) },
    })),
  };
}

/** A process that wrote nothing leaves no empty folder behind (the artifact then has nothing to upload). */
function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty (a file of the user's --diagnostic-dir use, say) or gone: leave it.
  }
}
