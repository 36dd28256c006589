/** Promises still running, so that a closing or ending owner can wait for them to settle. */
export class InFlightTracker {
  private readonly pending = new Set<Promise<unknown>>();

  /** Tracks `running` until it settles; returns it unchanged. */
  track<T>(running: Promise<T>): Promise<T> {
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return running;
  }

  /** Resolves once nothing tracked is running (including what was tracked while waiting). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled(this.pending);
  }
}
