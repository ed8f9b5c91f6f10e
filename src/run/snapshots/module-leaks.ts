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
  const byModule = attributeSnapshotEvents(modules, trace.records, readSnapshotEvents(snapshots.dir));
  return {
    ...outcome,
    modules: outcome.modules.map(({ name, result }) => ({
      name,
      result: { ...result, leak: capturedLeak(byModule.get(name) ?? []) },
    })),
  };
}
