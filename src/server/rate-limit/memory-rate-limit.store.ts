import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { RateLimitDecision, RateLimitStore } from "./rate-limit.store";

/**
 * A `RateLimitStore` in this process' memory (rate-limiter-flexible's `RateLimiterMemory`): a
 * fixed window per key that starts at the key's first unit; expired keys are dropped.
 */
export function memoryRateLimitStore(allowance: number, windowSeconds: number): RateLimitStore {
  return rateLimiterStore(new RateLimiterMemory({ points: allowance, duration: windowSeconds }), allowance);
}

/** The three `RateLimitStore` methods over any rate-limiter-flexible limiter of `allowance` points. */
export function rateLimiterStore(
  limiter: RateLimiterAbstract,
  allowance: number,
  onRecordFailure: (error: unknown) => void = () => {},
): RateLimitStore {
  const refused = (result: RateLimiterRes): RateLimitDecision => ({ allowed: false, retryAfterMs: result.msBeforeNext });
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (failure) {
        // The library rejects with its result when the allowance is used up, with an Error otherwise.
        if (failure instanceof RateLimiterRes) return refused(failure);
        throw failure;
      }
    },
    record(key, units) {
      limiter.penalty(key, units).catch(onRecordFailure);
    },
    async check(key) {
      const result = await limiter.get(key);
      return result !== null && result.consumedPoints >= allowance ? refused(result) : { allowed: true };
    },
  };
}
