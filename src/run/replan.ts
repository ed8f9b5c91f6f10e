import { estimates as estimatesOf } from '../history/estimates.js';
import type { HistoryModuleInput } from '../history/update.js';
import { historyWith } from './history-record.js';
import type { WorkItem } from './schedule/work-items.js';
import { choosePacking, oneSlotOrder, type BusySlot, type RunWorkPlan } from './work-plan.js';

/**
 * Packs the queued items' modules again with what the processes that ended so far measured
 * (`ranSoFar`, added to the history read before the run, as the run will record it), under
 * the plan's own packing options and heap budget. Returns the new items, in the order the
 * scheduler is to run them, only when they are fewer processes than `queued`; undefined
 * otherwise, or when the plan packs nothing.
 *
 * Why: after a cold run of one-file modules, history cannot tell what a module keeps only
 * because it runs first in its process (what every test file loads once: the runner's
 * expect, a shared library). The second run then packs as if each module loaded it again:
 * date-fns's 248 modules went into 36 processes, 3.3× its own vitest run. Each pack that
 * ends shows more modules behind another one, and the rest of the queue packs tighter: on
 * date-fns three re-plans made 20, 12 and then 2 processes of what was queued, 7 in all.
 */
export function replanQueue(
  plan: RunWorkPlan,
  ranSoFar: readonly HistoryModuleInput[],
  queued: readonly WorkItem[],
  context: { after: string; usedIds: Iterable<string>; busy?: readonly BusySlot[] },
): WorkItem[] | undefined {
  if (!plan.packing || queued.length < 2) return undefined;
  const history = historyWith(plan, ranSoFar, new Set());
  if (history === undefined) return undefined;
  const modules = queued.flatMap((item) => item.modules);
  const all = estimatesOf(history, { runner: plan.runner });
  const known = new Map(
    modules.flatMap((name) => {
      const estimate = all.get(name);
      return plan.tasks.get(name)?.kind === 'module' && estimate ? [[name, estimate] as const] : [];
    }),
  );
  const { options, room } = plan.packing;
  const repacked = choosePacking(
    modules.map((name) => ({ name })),
    known,
    options,
    room,
    context.busy,
  );
  if (repacked.items.length >= queued.length) return undefined;
  let next = nextItemNumber(context.usedIds);
  const items = repacked.items.map((item) => ({
    ...item,
    id: `w${String(next++)}`,
    reason: `${item.reason} (re-planned when ${context.after} ended)`,
  }));
  return plan.slots.slots === 1 ? oneSlotOrder(items, room.headroomMB) : items;
}

/** One more than the highest `wN` in use (re-runs' `w3/orders` count as w3). */
function nextItemNumber(ids: Iterable<string>): number {
  let highest = 0;
  for (const id of ids) {
    const number = /^w(\d+)/.exec(id)?.[1];
    if (number !== undefined) highest = Math.max(highest, Number(number));
  }
  return highest + 1;
}
