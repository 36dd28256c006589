import type { IncomingMessage } from "node:http";
import type { UpstreamHooks } from "../../upstream/upstream.hooks";
import { callerKeyOf } from "./caller-key";
import type { RateLimitSettings } from "./rate-limit.config";
import type { RateLimitStore } from "./rate-limit.store";
import { memoryRateLimitStore } from "./memory-rate-limit.store";

/** `extensions.code` of a request refused by a rate limit. */
export const RATE_LIMITED_CODE = "RATE_LIMITED";

/** Why a caller must wait: which allowance is used up, and until when. */
export interface RateLimitExceeded {
  limit: "requests" | "upstreamCalls";
  /** Whole seconds, at least 1 (the `Retry-After` header's value). */
  retryAfterSeconds: number;
  message: string;
}

export interface CallerRateLimits {
  /** The rate limits' key of a request (`callerKeyOf` with the configured proxy hops). */
  callerOf(request: IncomingMessage): string;
  /**
   * Counts a new request of `caller`, or refuses it (null: go on). Refused while the caller's
   * requests or its upstream calls of this window are used up.
   */
  admit(caller: string): Promise<RateLimitExceeded | null>;
  /** `hooks`, plus counting every upstream attempt against `caller`'s upstream allowance. */
  countingUpstreamCalls(caller: string, hooks: UpstreamHooks): UpstreamHooks;
}

/**
 * Each counter's store; default in memory. A shared store (Redis, `redisRateLimitStores`) can be
 * passed instead; `counter` names which allowance it counts, for a shared store's keys.
 */
export type RateLimitStoreFactory = (allowance: number, windowSeconds: number, counter: RateLimitExceeded["limit"]) => RateLimitStore;

export function createCallerRateLimits(
  settings: RateLimitSettings,
  storeFor: RateLimitStoreFactory = memoryRateLimitStore,
): CallerRateLimits {
  const requests = settings.requests > 0 ? storeFor(settings.requests, settings.windowSeconds, "requests") : null;
  const upstreamCalls = settings.upstreamCalls > 0 ? storeFor(settings.upstreamCalls, settings.windowSeconds, "upstreamCalls") : null;
  const exceeded = (limit: RateLimitExceeded["limit"], retryAfterMs: number): RateLimitExceeded => {
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    const what = limit === "requests" ? `${settings.requests} requests` : `${settings.upstreamCalls} upstream calls`;
    return {
      limit,
      retryAfterSeconds,
      message: `Rate limit: this caller made ${what} in ${settings.windowSeconds} s. Retry after ${retryAfterSeconds} s.`,
    };
  };
  return {
    callerOf: (request) => callerKeyOf(request, settings.trustedProxyHops),
    async admit(caller) {
      // The upstream allowance is checked first and without counting, so a caller waiting for it
      // does not also burn its request allowance.
      const upstream = upstreamCalls === null ? null : await upstreamCalls.check(caller);
      if (upstream !== null && !upstream.allowed) return exceeded("upstreamCalls", upstream.retryAfterMs);
      const request = requests === null ? null : await requests.consume(caller);
      if (request !== null && !request.allowed) return exceeded("requests", request.retryAfterMs);
      return null;
    },
    countingUpstreamCalls: (caller, hooks) =>
      upstreamCalls === null
        ? hooks
        : {
            onCall: (event) => {
              upstreamCalls.record(caller, 1);
              hooks.onCall?.(event);
            },
          },
  };
}
