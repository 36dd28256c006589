import { createHash, randomUUID } from "node:crypto";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { ActivityPollerObserver, SharedActivityPollers } from "../../graphql/scaling-activity/shared-activity.poller";
import type { UpstreamConfig, UpstreamCredentials } from "../../upstream/upstream.config";
import type { EssUpstream } from "../../upstream/upstream.types";
import type { ReadinessDegradation } from "../http/readiness.probe";
import type { Logger } from "../../shared/logging/logger.types";
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
  activityPollers(intervalMs: number, observer?: ActivityPollerObserver): SharedActivityPollers;
  /** This replica's name in the activity leases (random per process). */
  replicaId: string;
  /** Redis, as `/readyz` shows it: never its URL's password. */
  redis(): RedisHealth & { url: string };
  /** What `/readyz` lists as degraded: Redis, while it is unreachable. */
  degradations(): ReadinessDegradation[];
  close(): Promise<void>;
}

/**
 * Connects to Redis and builds the shared pieces. `accountOf` names the account of each upstream
 * client the pollers may be given (`accountIdentity` of its profile and configuration).
 */
export function startSharedState(settings: RedisSettings, logger: Logger, accountOf: (upstream: EssUpstream) => string): SharedState {
  const redis = connectSharedRedis(settings, logger);
  const replicaId = randomUUID();
  return {
    replicaId,
    rateLimitStores: redisRateLimitStores(redis, settings.replicas),
    persistedQueryCache: createRedisPersistedQueryCache(redis),
    activityPollers: (intervalMs, observer) =>
      createRedisActivityPollers({ redis, intervalMs, leaseMs: settings.leaseMs, accountOf, replicaId, observer }),
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

/** The non-secret part of each kind of credentials that tells one principal from another. */
const CREDENTIAL_IDENTITY: { [K in UpstreamCredentials["kind"]]: (credentials: Extract<UpstreamCredentials, { kind: K }>) => string } = {
  accessKey: (credentials) => credentials.accessKeyId,
  defaultChain: () => "default-chain",
  ramRoleArn: (credentials) => credentials.roleArn,
  ecsRamRole: (credentials) => `ecs-role:${credentials.roleName ?? ""}`,
  oidcRoleArn: (credentials) => credentials.roleArn,
};

/**
 * A stable, non-secret name of the account an upstream client calls: a hash of its credential
 * profile's name, what its credentials name (the AccessKey ID or the role ARN, never a secret) and
 * its ESS endpoint. Replicas configured alike agree on it; it reveals neither key nor secret.
 */
export function accountIdentity(profile: string, upstream: Pick<UpstreamConfig, "credentials" | "protocol" | "endpoints">): string {
  const identify = CREDENTIAL_IDENTITY[upstream.credentials.kind] as (credentials: UpstreamCredentials) => string;
  return createHash("sha256")
    .update(JSON.stringify([profile, identify(upstream.credentials), upstream.protocol, upstream.endpoints.ess]))
    .digest("hex")
    .slice(0, 16);
}
