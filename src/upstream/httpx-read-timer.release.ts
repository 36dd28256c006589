import type { Socket } from "node:net";

/** The description of the symbol httpx 2.x keys its per-socket read timer with (`Symbol('TIMER::READ_TIMER')`). */
const HTTPX_READ_TIMER_DESCRIPTION = "TIMER::READ_TIMER";

let readTimerKey: symbol | undefined;

/**
 * The read timer httpx armed for the request currently on `socket`, if any.
 *
 * Why this exists: httpx (under `@alicloud/openapi-client`) arms a `readTimeout` timer for every
 * request and only clears it in its own `read()`, which the SDK never calls (`@alicloud/tea-util`
 * reads bodies itself). Every finished call therefore left a pending timer for `timeoutMs`
 * (10 s by default) whose closure holds the `ClientRequest`, its response and the socket: at a few
 * hundred calls per second that is thousands of dead requests kept alive, a heap that grows with
 * load and major GCs that grow with it. When it finally fired, it also cleared the timer of
 * whatever request used the socket then. The symbol is module-private to httpx, hence the lookup
 * by description; httpx is pinned through the SDK's lockfile entry.
 */
export function httpxReadTimerOf(socket: Socket | null | undefined): NodeJS.Timeout | undefined {
  if (!socket) return undefined;
  readTimerKey ??= Object.getOwnPropertySymbols(socket).find((key) => key.description === HTTPX_READ_TIMER_DESCRIPTION);
  if (readTimerKey === undefined) return undefined;
  const timer = (socket as unknown as Record<symbol, unknown>)[readTimerKey];
  return timer === null || typeof timer !== "object" ? undefined : (timer as NodeJS.Timeout);
}
