import type { ActivityTiming } from "../../emulator/emulator-core.types";
import type { UpstreamConfig } from "../../upstream/upstream.config";
import type { LogLevel } from "../../shared/logging/logger.types";
import type { HttpSettings } from "../http/http.config";
import type { SubscriptionCaps } from "../http/subscription-caps";
import type { RateLimitSettings } from "../rate-limit/rate-limit.config";
import type { OperationLimits } from "../limits/operation-limits.config";
import type { RedisSettings } from "../redis/redis.config";
import type { AccessSettings } from "../auth/access.config";
import type { TelemetrySettings } from "../telemetry/gateway-telemetry";

/** How the upstream client behaves, whichever upstream it talks to. */
export type UpstreamClientSettings = Pick<UpstreamConfig, "signatureVersion" | "timeoutMs" | "connectTimeoutMs" | "retry">;

/**
 * Default mode: the gateway starts the embedded ESS/ECS emulator in-process on a loopback
 * ephemeral port and calls it with the first AccessKey of the world's first account.
 */
interface EmulatorUpstreamSettings {
  kind: "emulator";
  /** SQLite state file, or ":memory:". A file that already holds state wins over `worldPath`. */
  dbPath: string;
  /** A world file (docs/world-file.md); absent: the shipped demo world. */
  worldPath?: string;
  activity: ActivityTiming;
  client: UpstreamClientSettings;
}

/** Real mode: Alibaba Cloud's public (or overridden) endpoints. */
export interface AliyunUpstreamSettings {
  kind: "aliyun";
  connection: Omit<UpstreamConfig, keyof UpstreamClientSettings>;
  client: UpstreamClientSettings;
  /**
   * Every region the account uses, `connection.regionId` included. The attach preflight looks a
   * missing instance up in the others (one DescribeInstances per other region and batch) to report
   * `InvalidInstanceId.RegionMismatch` rather than `NotFound`. Absent: just `connection.regionId`.
   */
  regionIds?: readonly string[];
}

/** Everything the gateway needs to start, validated (see docs/configuration.md). */
export interface GatewayConfig {
  host: string;
  /** 0 picks an ephemeral port (tests). */
  port: number;
  logLevel: LogLevel;
  upstream: EmulatorUpstreamSettings | AliyunUpstreamSettings;
  /** CORS, IDE, persisted queries, readiness, subscriptions (docs/http.md). Absent: `readHttpSettings({})`, the defaults. */
  http?: HttpSettings;
  /** Depth, alias, cost, token and fan-out limits, introspection (docs/limits.md). Absent: `defaultOperationLimits` for the NODE_ENV in `StartGatewayOptions.env`. */
  limits?: OperationLimits;
  /** Authentication, policy, profiles, audit (docs/security.md). Absent: no authentication (loopback only, anonymous caller). */
  access?: AccessSettings;
  /** `/metrics` and OpenTelemetry tracing (docs/operations.md). Absent: `TELEMETRY_OFF`. */
  telemetry?: TelemetrySettings;
  /** How long a shutdown may drain before the process exits anyway (src/server/shutdown). Absent: `DEFAULT_SHUTDOWN_TIMEOUT_MS`. */
  shutdownTimeoutMs?: number;
  /** Host names the gateway answers to besides those of its bound address (`defaultAllowedHosts`); `["*"]`: any (docs/security.md). */
  allowedHosts?: readonly string[];
  /** Per-caller rate limits (docs/limits.md). Absent: `DEFAULT_RATE_LIMITS`. */
  rateLimits?: RateLimitSettings;
  /** Operations at once over the subscription socket (docs/limits.md). Absent: `DEFAULT_SUBSCRIPTION_CAPS`. */
  subscriptionCaps?: SubscriptionCaps;
  /** Redis shared by several replicas (docs/scaling.md). Absent: a single process, nothing shared. */
  redis?: RedisSettings;
}
