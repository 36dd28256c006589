import { AsyncLocalStorage } from "node:async_hooks";
import type { LogFields } from "./logger";

const scope = new AsyncLocalStorage<LogFields>();

/**
 * Runs `fn` with `fields` added to every log line written while it (and everything it awaits)
 * runs. This is how lines written far from the request, such as the upstream client's per-attempt
 * events, still carry the request's correlation id.
 */
export function runWithLogFields<T>(fields: LogFields, fn: () => T): T {
  return scope.run({ ...scope.getStore(), ...fields }, fn);
}

/** The fields of the innermost `runWithLogFields`, if any. */
export function currentLogFields(): LogFields | undefined {
  return scope.getStore();
}
