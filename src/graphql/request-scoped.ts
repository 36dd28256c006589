/**
 * Names one request-scoped object whose factory needs more than the upstream (usually the whole
 * request context), so `createLoaders` cannot build it up front. The owner of the object declares
 * its slot once, beside the code that uses it.
 */
export class RequestScopedSlot<T> {
  declare private readonly type: T;

  constructor(readonly description: string) {}
}

/**
 * The request's own objects built on first use (batchers over the context, say): they live and die
 * with the request's loaders, so nothing in them outlives it or reaches another caller.
 */
export class RequestScoped {
  private readonly values = new Map<RequestScopedSlot<unknown>, unknown>();

  obtain<T>(slot: RequestScopedSlot<T>, create: () => T): T {
    const existing = this.values.get(slot);
    if (existing !== undefined || this.values.has(slot)) return existing as T;
    const value = create();
    this.values.set(slot, value);
    return value;
  }
}
