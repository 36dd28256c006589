/** Whether a caller may go on, and if not, for how long it must wait. */
export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Counters per key over fixed windows. The gateway keeps them in memory
 * (`memoryRateLimitStore`); a store shared by several gateway processes (Redis) implements the same
 * three methods.
 */
export interface RateLimitStore {
  /** Counts one unit against `key`; refused when that goes over the allowance. */
  consume(key: string): Promise<RateLimitDecision>;
  /** Counts `units` of work already done (never refused): they use up the allowance of later calls. */
  record(key: string, units: number): void;
  /** Whether `key` has allowance left, without counting anything. */
  check(key: string): Promise<RateLimitDecision>;
}
