/** The shared state of several gateway replicas (docs/scaling.md). Absent from the config: one process, nothing shared. */
export interface RedisSettings {
  /** `redis://[user:password@]host[:port][/db]` or `rediss://…`; contains a secret: shown only through `redactRedisUrl`. */
  url: string;
  /** Per Redis command; a slower answer counts as a failure and that piece degrades for that call. */
  commandTimeoutMs: number;
  /**
   * How many replicas share the Redis. While Redis is unreachable each replica counts rate limits
   * alone, allowing this share of each allowance (`ceil(allowance / replicas)`), so the caller's
   * total across replicas stays within its limit.
   */
  replicas: number;
  /** How long a replica holds an activity's poller lease without renewing it (a dead holder is replaced within this). */
  leaseMs: number;
}

export const DEFAULT_REDIS_SETTINGS: Readonly<Omit<RedisSettings, "url">> = {
  commandTimeoutMs: 500,
  replicas: 3,
  leaseMs: 5_000,
};

/** Prefix of every key and channel the gateway uses, so that a Redis can be shared with other software. */
export const REDIS_KEY_PREFIX = "ess-gw:";
