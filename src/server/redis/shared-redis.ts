import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "../../shared/logging/logger.types";
import type { RedisSettings } from "./redis.config";
import { redactRedisUrl } from "./redis-url";

/** What `/readyz` says about Redis: connected, or since when it is not, and how many operations fell back. */
export interface RedisHealth {
  status: "up" | "down";
  /** When the current status began (ISO 8601). */
  since: string;
  /** Redis operations that failed (down, slow, refused) since start, each served by the degraded path. */
  failures: number;
}

/**
 * The gateway's two Redis connections and their health. Every piece that uses Redis goes through
 * here so that a Redis that is down or slow is one thing: commands fail at once (no offline queue)
 * or after `commandTimeoutMs`, the caller takes its degraded path and reports it with `noteFailure`.
 */
export interface SharedRedis {
  /** For commands (GET, SET, EVAL, PUBLISH). */
  commands: Redis;
  /** For SUBSCRIBE only (a connection in subscriber mode takes no other command). */
  subscriber: Redis;
  /** The URL with its password redacted. */
  label: string;
  /** Both connections are ready: shared mode. */
  isUp(): boolean;
  health(): RedisHealth;
  /** Counts a failed Redis operation whose caller fell back to its local path; logs the first of each outage. */
  noteFailure(what: string, error: unknown): void;
  /** Runs `listener` each time both connections are ready again after being down (re-take leases, re-register). */
  onRecovered(listener: () => void): void;
  close(): Promise<void>;
}

/** Reconnection backoff: quick at first, then every 2 s, forever (ioredis keeps trying while this returns a number). */
const reconnectDelayMs = (attempt: number): number => Math.min(100 * attempt, 2_000);

export function connectSharedRedis(settings: RedisSettings, logger: Logger): SharedRedis {
  const label = redactRedisUrl(settings.url);
  const options: RedisOptions = {
    // Degraded, never stalled: no command waits for a connection, none waits longer than the timeout.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: settings.commandTimeoutMs,
    connectTimeout: Math.max(1_000, settings.commandTimeoutMs),
    retryStrategy: reconnectDelayMs,
    autoResubscribe: true,
    // Keys are prefixed where they are built (REDIS_KEY_PREFIX): the subscriber's channels too.
  };
  const commands = new Redis(settings.url, { ...options, connectionName: "ess-gateway" });
  const subscriber = new Redis(settings.url, { ...options, connectionName: "ess-gateway-sub" });
  let failures = 0;
  let status: RedisHealth["status"] = "down";
  let since = new Date().toISOString();
  let announcedDown = false;
  let lastWarnedAt = 0;
  const recovered: Array<() => void> = [];

  const update = (): void => {
    const now = commands.status === "ready" && subscriber.status === "ready" ? "up" : "down";
    if (now === status) return;
    status = now;
    since = new Date().toISOString();
    if (now === "up") {
      logger.info("redis connected: shared mode", { redis: label });
      announcedDown = false;
      for (const listener of recovered) listener();
    } else {
      announceDown("connection lost");
    }
  };
  const announceDown = (reason: string): void => {
    if (announcedDown) return;
    announcedDown = true;
    logger.warn("redis unavailable: degraded mode (per-replica rate limits, polling and persisted queries) until it returns", {
      redis: label,
      reason,
    });
  };
  for (const connection of [commands, subscriber]) {
    for (const event of ["ready", "close", "end", "reconnecting"]) connection.on(event, update);
    // ioredis emits every failed connection attempt; without a listener Node would crash on it.
    connection.on("error", (error: Error) => announceDown(error.message));
  }

  return {
    commands,
    subscriber,
    label,
    isUp: () => status === "up",
    health: () => ({ status, since, failures }),
    noteFailure(what, error) {
      failures += 1;
      // While up, a slow or refused command is logged at most every 10 s: under load it may be many.
      if (status === "up" && Date.now() - lastWarnedAt >= 10_000) {
        lastWarnedAt = Date.now();
        logger.warn("redis operation failed; served by the local path", {
          redis: label,
          what,
          error: error instanceof Error ? error.message : String(error),
        });
      } else if (status === "down") announceDown(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    },
    onRecovered: (listener) => void recovered.push(listener),
    async close() {
      await Promise.allSettled([commands.quit(), subscriber.quit()]);
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}
