import { RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import type { SharedRedis } from "../redis/shared-redis";
import { REDIS_KEY_PREFIX } from "../redis/redis.config";
import type { RateLimitStoreFactory } from "./caller-rate-limits";
import { rateLimiterStore } from "./memory-rate-limit.store";

/**
 * Rate-limit counters shared by every replica (rate-limiter-flexible's `RateLimiterRedis`: one
 * atomic INCR-with-expiry per unit, a fixed window per key, the same as the memory store's).
 *
 * Redis trouble fails open to a local limit, not closed: the library's `insuranceLimiter`, a
 * `RateLimiterMemory` allowing `ceil(allowance / replicas)`, answers whenever Redis is not ready
 * (`rejectIfRedisNotReady`: no command waits for a connection) or a command fails or times out.
 * With `replicas` set to the real count, a caller spread over every replica still gets at most its
 * allowance; one that sticks to one replica gets less, which is the conservative side.
 */
export function redisRateLimitStores(redis: SharedRedis, replicas: number): RateLimitStoreFactory {
  return (allowance, windowSeconds, counter) => {
    const fallback = new CountedMemoryLimiter({ points: Math.max(1, Math.ceil(allowance / replicas)), duration: windowSeconds }, () =>
      redis.noteFailure(`rate limit (${counter})`, new Error("Redis not ready or too slow")),
    );
    const shared = new RateLimiterRedis({
      storeClient: redis.commands,
      points: allowance,
      duration: windowSeconds,
      // The allowance and window are in the key: replicas configured differently during a rolling
      // change count apart instead of reading each other's counters with the wrong limit.
      keyPrefix: `${REDIS_KEY_PREFIX}rl:${counter}:${allowance}:${windowSeconds}`,
      rejectIfRedisNotReady: true,
      insuranceLimiter: fallback,
    });
    return rateLimiterStore(shared, allowance, (error) => redis.noteFailure(`rate limit (${counter})`, error));
  };
}

/** The local fallback, counting each time it is used (the library calls it only when Redis failed). */
class CountedMemoryLimiter extends RateLimiterMemory {
  constructor(
    options: ConstructorParameters<typeof RateLimiterMemory>[0],
    private readonly onUse: () => void,
  ) {
    super(options);
  }

  override consume(...args: Parameters<RateLimiterMemory["consume"]>): ReturnType<RateLimiterMemory["consume"]> {
    this.onUse();
    return super.consume(...args);
  }

  override penalty(...args: Parameters<RateLimiterMemory["penalty"]>): ReturnType<RateLimiterMemory["penalty"]> {
    this.onUse();
    return super.penalty(...args);
  }

  override get(...args: Parameters<RateLimiterMemory["get"]>): ReturnType<RateLimiterMemory["get"]> {
    this.onUse();
    return super.get(...args);
  }
}
