import type { LockLostError } from '../errors.js';

/** The `lost` promise of a LockHandle and the function that rejects it (once). */
export interface LostSignal {
  readonly promise: Promise<never>;
  /** Rejects `promise` with the error; later calls are ignored. */
  fire(error: LockLostError): void;
  readonly fired: boolean;
}

/**
 * Creates the `lost` promise. It carries a no-op handler so that a lock lost while nobody
 * races against it (e.g. during release) is not an unhandled rejection; every caller that
 * does await it still sees the rejection.
 */
export function createLostSignal(): LostSignal {
  let reject!: (error: LockLostError) => void;
  let fired = false;
  const promise = new Promise<never>((_, rejectPromise) => {
    reject = rejectPromise;
  });
  promise.catch(() => {});
  return {
    promise,
    fire(error) {
      if (fired) return;
      fired = true;
      reject(error);
    },
    get fired() {
      return fired;
    },
  };
}
