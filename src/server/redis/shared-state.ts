import { createHash, randomUUID } from "node:crypto";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { SharedActivityPollers } from "../../graphql/scaling-activity/shared-activity.poller";
import type { UpstreamConfig } from "../../upstream/upstream.config";
import type { ReadinessDegradation } from "../http/readiness.probe";
import type { Logger } from "../logging/logger";
import type { RateLimitStoreFactory } from "../rate-limit/caller-rate-limits";
import { redisRateLimitStores } from "../rate-limit/redis-rate-limit.store";
import { createRedisActivityPollers } from "./redis-activity.poller";
import { createRedisPersistedQueryCache } from "./redis-persisted-query.cache";
import type { RedisSettings } from "./redis.config";
import { connectSharedRedis, type RedisHealth } from "./shared-redis";

/** What replicas share through Redis (docs/scaling.md); each piece falls back to its local kind while Redis is unreachable. */
export interface SharedState {
  rateLimitStores: RateLimitStoreFactory;
  persistedQueryCache: KeyValueCache<string>;
  activityPollers(intervalMs: number): SharedActivityPollers;
  /** This replica's name in the activity leases (random per process). */
  replicaId: string;
  /** Redis, as `/readyz` shows it: never its URL's password. */
  redis(): RedisHealth & { url: string };
  /** What `/readyz` lists as degraded: Redis, while it is unreachable. */
  degradations(): ReadinessDegradation[];
  close(): Promise<void>;
}

export function startSharedState(settings: RedisSettings, logger: Logger, upstream: UpstreamConfig): SharedState {
  const redis = connectSharedRedis(settings, logger);
  const account = accountIdentity(upstream);
  const replicaId = randomUUID();
  return {
    replicaId,
    rateLimitStores: redisRateLimitStores(redis, settings.replicas),
    persistedQueryCache: createRedisPersistedQueryCache(redis),
    // One upstream client per gateway today; with several accounts, each client maps to its own identity here.
    activityPollers: (intervalMs) => createRedisActivityPollers({ redis, intervalMs, leaseMs: settings.leaseMs, accountOf: () => account, replicaId }),
    redis: () => ({ url: redis.label, ...redis.health() }),
    degradations: () =>
      redis.isUp()
        ? []
        : [
            {
              component: "redis",
              message: `Shared state unreachable since ${redis.health().since}: rate limits count on this replica alone (1/${settings.replicas} of each allowance), activities are polled by this replica, persisted queries are this replica's. Shared mode resumes when Redis answers.`,
            },
          ],
    close: () => redis.close(),
  };
}

/**
 * A stable, non-secret name of the account an upstream client calls: a hash of its AccessKey ID
 * (or "the default credential chain") and its ESS endpoint. Replicas configured alike agree on it;
 * it reveals neither the key nor the secret.
 */
export function accountIdentity(upstream: UpstreamConfig): string {
  const who = upstream.credentials.kind === "accessKey" ? upstream.credentials.accessKeyId : "default-chain";
  return createHash("sha256").update(JSON.stringify([who, upstream.protocol, upstream.endpoints.ess])).digest("hex").slice(0, 16);
}
