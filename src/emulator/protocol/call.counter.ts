/**
 * Calls received per action name, counted once a request is authenticated and routed (before
 * fault injection, so throttled, failed and dropped calls count too: the counter says what
 * clients sent, not what succeeded).
 */
export class CallCounter {
  private readonly counts = new Map<string, number>();

  increment(action: string): void {
    this.counts.set(action, (this.counts.get(action) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  reset(): void {
    this.counts.clear();
  }
}
