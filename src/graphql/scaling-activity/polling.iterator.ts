/** How a polling stream reads and when it stops. */
export interface PollingOptions<T> {
  /** Pause between the end of one read and the start of the next. */
  intervalMs: number;
  /** The stream completes (without a final value) once this much time has passed since it started. */
  maxDurationMs: number;
  /** One fresh read. Should not reject: map expected failures to a final value instead. */
  read(): Promise<T>;
  /** Whether `value` ends the stream; it is emitted, then the stream completes. */
  isFinal(value: T): boolean;
  /** Whether two reads show the same state; an unchanged read is not emitted again. */
  isSameState(previous: T, next: T): boolean;
}

/**
 * An async iterator that polls: the first read is emitted at once, later reads only when the state
 * changed, and the stream completes after a final value or `maxDurationMs`.
 *
 * Written as an explicit iterator rather than an `async function*` because a generator cannot be
 * stopped while it awaits its sleep: `return()` queues behind the pending `next()`. When a client
 * unsubscribes (graphql-ws calls `return()`), this one clears its timer and settles at once, so no
 * further upstream call is made for a subscription nobody listens to.
 */
export function pollUntilFinal<T>(options: PollingOptions<T>): AsyncIterableIterator<T> {
  const startedAt = Date.now();
  let previous: { value: T } | undefined;
  let finished = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeSleeper: (() => void) | undefined;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      wakeSleeper = resolve;
      timer = setTimeout(resolve, ms);
    });

  const stop = (): void => {
    finished = true;
    if (timer !== undefined) clearTimeout(timer);
    wakeSleeper?.();
  };

  const iterator: AsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      while (!finished) {
        if (previous !== undefined) {
          const remaining = startedAt + options.maxDurationMs - Date.now();
          if (remaining <= 0) break;
          await sleep(Math.min(options.intervalMs, remaining));
          if (finished || Date.now() - startedAt >= options.maxDurationMs) break;
        }
        const value = await options.read();
        if (finished) break;
        const isFinal = options.isFinal(value);
        const changed = previous === undefined || !options.isSameState(previous.value, value);
        previous = { value };
        if (isFinal) finished = true;
        if (changed || isFinal) return { value, done: false };
      }
      stop();
      return { value: undefined, done: true };
    },
    async return(): Promise<IteratorResult<T>> {
      stop();
      return { value: undefined, done: true };
    },
    async throw(error?: unknown): Promise<IteratorResult<T>> {
      stop();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
