/**
 * The lifecycles of the scheduler, as explicit states with the transitions allowed
 * between them (a bug that breaks one throws at once instead of leaving a process behind).
 */

/**
 * A work item:
 * - `queued`: waiting for a slot and memory;
 * - `held`: its process is booted on a slot and waits at its gate (early start);
 * - `running`: its process runs its modules;
 * - `discarding`: a held process is being killed (memory got tight, or a stop);
 * - `done`: its process ended, its modules have results (or re-runs);
 * - `not-run`: the run stopped before it ran.
 */
export type ItemState = 'queued' | 'held' | 'running' | 'discarding' | 'done' | 'not-run';

export const ITEM_TRANSITIONS: Readonly<Record<ItemState, readonly ItemState[]>> = {
  queued: ['held', 'running', 'not-run'],
  held: ['running', 'discarding'],
  discarding: ['queued', 'not-run'],
  running: ['done'],
  done: [],
  'not-run': [],
};

/**
 * A slot:
 * - `free`: nothing on it;
 * - `running`: an item runs on it (another may be held behind it);
 * - `waiting`: its item ended and the held one waits for memory to start;
 * - `closed`: the schedule is over.
 */
export type SlotState = 'free' | 'running' | 'waiting' | 'closed';

export const SLOT_TRANSITIONS: Readonly<Record<SlotState, readonly SlotState[]>> = {
  free: ['running', 'closed'],
  running: ['free', 'waiting', 'running'],
  waiting: ['running', 'free', 'closed'],
  closed: [],
};

/** Moves `subject` to `to`, or throws when the lifecycle does not allow it. */
export function transition<S extends string>(
  subject: { state: S },
  to: S,
  allowed: Readonly<Record<S, readonly S[]>>,
  what: string,
): void {
  if (!allowed[subject.state].includes(to))
    throw new Error(`scheduler bug: ${what} cannot go from ${subject.state} to ${to}`);
  subject.state = to;
}
