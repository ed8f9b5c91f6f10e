/** Why the tool stops a running process: a signal to forward, or a lost lock. */
export type StopReason = { kind: 'signal'; signal: NodeJS.Signals } | { kind: 'lock-lost'; message: string };

/** A tiny one-shot event: the batch fires it on a termination signal or a lost lock. */
export class StopSignal {
  reason: StopReason | undefined;
  private readonly listeners = new Set<(reason: StopReason) => void>();

  /** Fires once; later calls are ignored (the first reason is the one reported). */
  stop(reason: StopReason): void {
    if (this.reason) return;
    this.reason = reason;
    for (const listener of this.listeners) listener(reason);
  }

  /** Calls `listener` on the stop (at once when it already happened); returns the unsubscribe. */
  subscribe(listener: (reason: StopReason) => void): () => void {
    if (this.reason) {
      listener(this.reason);
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
