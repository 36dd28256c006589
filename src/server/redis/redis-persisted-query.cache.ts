import { createHash } from "node:crypto";
import type { KeyValueCache, KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";
import { createPersistedQueryCache } from "../limits/document-cache";
import { REDIS_KEY_PREFIX } from "./redis.config";
import type { SharedRedis } from "./shared-redis";

/**
 * How long a query registered in Redis is kept when APQ has no TTL of its own: a week. Entries are
 * content-addressed (the hash of the query, checked by Apollo before registering), so age never
 * makes one wrong; the TTL only bounds what the gateway leaves in Redis.
 */
const SHARED_PERSISTED_QUERY_TTL_SECONDS = 7 * 24 * 3600;

/**
 * The APQ store of replicas sharing Redis: this replica's bounded LRU (the same as without Redis)
 * in front of Redis. A hash registered on any replica is found by every other.
 *
 * Fails open to the local cache: Redis down or slow makes a lookup a local one (a miss answers
 * `PERSISTED_QUERY_NOT_FOUND` and the client sends the full query, as APQ clients do), and a
 * registration a local one. What a replica keeps in memory is bounded as without Redis; what it
 * writes to Redis is one entry per query that passed the document size limit, each with a TTL.
 */
export function createRedisPersistedQueryCache(redis: SharedRedis): KeyValueCache<string> {
  const local = createPersistedQueryCache();
  // Apollo's keys already say what they are ("apq:<hash>").
  const keyOf = (key: string) => `${REDIS_KEY_PREFIX}${key}`;
  return {
    async get(key) {
      const cached = await local.get(key);
      if (cached !== undefined || !redis.isUp()) return cached;
      try {
        const shared = await redis.commands.get(keyOf(key));
        if (shared === null || !matchesItsHash(key, shared)) return undefined;
        await local.set(key, shared);
        return shared;
      } catch (error) {
        redis.noteFailure("persisted query lookup", error);
        return undefined;
      }
    },
    async set(key, value, options?: KeyValueCacheSetOptions) {
      await local.set(key, value, options);
      if (!redis.isUp()) return;
      const ttl = options?.ttl ?? SHARED_PERSISTED_QUERY_TTL_SECONDS;
      try {
        await redis.commands.set(keyOf(key), value, "EX", Math.max(1, Math.ceil(ttl)));
      } catch (error) {
        redis.noteFailure("persisted query registration", error);
      }
    },
    async delete(key) {
      await local.delete(key);
      if (!redis.isUp()) return;
      try {
        await redis.commands.del(keyOf(key));
      } catch (error) {
        redis.noteFailure("persisted query removal", error);
      }
    },
  };
}

/**
 * Whether a query read from Redis is the one its key's SHA-256 names. Apollo checks the hash when a
 * client registers a query, not when the store answers a lookup: whoever can write to the shared
 * Redis could otherwise make a hash run another query. Keys not of the `apq:<sha256>` shape are
 * taken as they are.
 */
function matchesItsHash(key: string, query: string): boolean {
  const hash = /^apq:([0-9a-f]{64})$/.exec(key)?.[1];
  return hash === undefined || createHash("sha256").update(query).digest("hex") === hash;
}
