import { parseArgs } from "node:util";
import type { ActivityTiming } from "../../emulator/emulator-core.types";
import {
  DEFAULT_UPSTREAM_RETRY,
  DEFAULT_UPSTREAM_TIMEOUTS,
  defaultEndpoints,
  type UpstreamCredentials,
} from "../../upstream/upstream.config";
import { LOG_LEVELS } from "../logging/logger";
import { HTTP_SETTINGS_USAGE, readHttpSettings } from "../http/http.config";
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from "../limits/operation-limits.config";
import { DEFAULT_MAX_OPERATION_NAMES, DEFAULT_METRICS_PORT, METRICS_EXPOSURES, type MetricsSettings } from "../metrics/metrics.config";
import { DEFAULT_SHUTDOWN_TIMEOUT_MS } from "../shutdown/graceful-shutdown";
import { readTracingSettings, TRACING_SETTINGS_USAGE } from "../tracing/tracing.config";
import { ANY_HOST, isHostEntry, normalizeHostName } from "../http/host-allow-list";
import { DEFAULT_SUBSCRIPTION_CAPS } from "../http/subscription-caps";
import { DEFAULT_RATE_LIMITS } from "../rate-limit/rate-limit.config";
import { DEFAULT_REDIS_SETTINGS, type RedisSettings } from "../redis/redis.config";
import { redisUrlProblem } from "../redis/redis-url";
import { ConfigError } from "./config.errors";
import { ACCESS_SETTINGS_USAGE, readAccessSettings } from "../auth/access.config";
import type { AliyunUpstreamSettings, GatewayConfig, UpstreamClientSettings } from "./gateway.config";

/** The GraphQL port when PORT is not set (also in the Dockerfile and deploy/kubernetes; a test checks they agree). */
export const DEFAULT_GATEWAY_PORT = 4000;

/** Which upstream mode a setting belongs to; "any" applies to both. */
type SettingScope = "any" | "emulator" | "aliyun";

interface SettingSpec {
  env: string;
  /** CLI flag without dashes; secrets have none (command lines are visible to every local user). */
  flag?: string;
  scope: SettingScope;
  /** Never echoed, in `--help` or in a message. */
  secret?: boolean;
  /** The value when the setting is not given; `--help` and docs/configuration.md show it. */
  default?: string | number;
  /** What `--help` shows as the default when it is not one fixed value (derived from another setting, or none). */
  defaultText?: string;
  /** Bounds of an integer setting. */
  min?: number;
  max?: number;
  help: string;
}

/** The default `--help` shows for a setting. */
export function settingDefaultText(spec: Pick<SettingSpec, "default" | "defaultText">): string {
  return spec.defaultText ?? String(spec.default);
}

/** Every setting the gateway reads. `--help` prints this table; docs/configuration.md documents it. */
export const GATEWAY_SETTINGS = {
  port: {
    env: "PORT",
    flag: "port",
    scope: "any",
    default: DEFAULT_GATEWAY_PORT,
    min: 0,
    max: 65535,
    help: "TCP port to listen on (0: ephemeral)",
  },
  host: { env: "HOST", flag: "host", scope: "any", default: "127.0.0.1", help: "interface to listen on" },
  logLevel: { env: "ESS_GATEWAY_LOG_LEVEL", flag: "log-level", scope: "any", default: "info", help: "debug | info | warn | error" },
  upstream: { env: "ESS_GATEWAY_UPSTREAM", flag: "upstream", scope: "any", default: "emulator", help: "emulator | aliyun" },
  emulatorDb: {
    env: "ESS_GATEWAY_EMULATOR_DB",
    flag: "emulator-db",
    scope: "emulator",
    default: "./data/emulator.db",
    help: "emulator state file, or :memory:",
  },
  emulatorWorld: {
    env: "ESS_GATEWAY_EMULATOR_WORLD",
    flag: "emulator-world",
    scope: "emulator",
    defaultText: "(the demo world)",
    help: "world file for the emulator",
  },
  emulatorActivity: {
    env: "ESS_GATEWAY_EMULATOR_ACTIVITY",
    flag: "emulator-activity",
    scope: "emulator",
    default: "realtime:3000",
    help: "realtime:MS | immediate | manual",
  },
  region: { env: "ESS_GATEWAY_REGION", flag: "region", scope: "aliyun", default: "cn-hangzhou", help: "Alibaba Cloud region" },
  regions: {
    env: "ESS_GATEWAY_REGIONS",
    flag: "regions",
    scope: "aliyun",
    defaultText: "(just ESS_GATEWAY_REGION)",
    help: "comma list of the account's regions, ESS_GATEWAY_REGION included (preflight tells RegionMismatch from NotFound)",
  },
  essEndpoint: {
    env: "ESS_GATEWAY_ESS_ENDPOINT",
    flag: "ess-endpoint",
    scope: "aliyun",
    defaultText: "(public, per region)",
    help: "ESS host[:port]",
  },
  ecsEndpoint: {
    env: "ESS_GATEWAY_ECS_ENDPOINT",
    flag: "ecs-endpoint",
    scope: "aliyun",
    defaultText: "(public, per region)",
    help: "ECS host[:port]",
  },
  slbEndpoint: {
    env: "ESS_GATEWAY_SLB_ENDPOINT",
    flag: "slb-endpoint",
    scope: "aliyun",
    defaultText: "(public, per region)",
    help: "SLB host[:port]",
  },
  rdsEndpoint: {
    env: "ESS_GATEWAY_RDS_ENDPOINT",
    flag: "rds-endpoint",
    scope: "aliyun",
    defaultText: "(public, per region)",
    help: "RDS host[:port]",
  },
  protocol: { env: "ESS_GATEWAY_PROTOCOL", flag: "protocol", scope: "aliyun", default: "https", help: "https | http" },
  accessKeyId: {
    env: "ESS_GATEWAY_ACCESS_KEY_ID",
    scope: "aliyun",
    defaultText: "(credentials default chain)",
    help: "explicit AccessKey ID (with ESS_GATEWAY_ACCESS_KEY_SECRET)",
  },
  accessKeySecret: {
    env: "ESS_GATEWAY_ACCESS_KEY_SECRET",
    scope: "aliyun",
    secret: true,
    defaultText: "(credentials default chain)",
    help: "explicit AccessKey secret",
  },
  securityToken: {
    env: "ESS_GATEWAY_SECURITY_TOKEN",
    scope: "aliyun",
    secret: true,
    defaultText: "(none)",
    help: "STS token for a temporary AccessKey",
  },
  signatureVersion: {
    env: "ESS_GATEWAY_SIGNATURE_VERSION",
    flag: "signature-version",
    scope: "any",
    default: "v3",
    help: "v3 (ACS3-HMAC-SHA256) | v1 (HMAC-SHA1)",
  },
  timeoutMs: {
    env: "ESS_GATEWAY_TIMEOUT_MS",
    flag: "timeout-ms",
    scope: "any",
    default: DEFAULT_UPSTREAM_TIMEOUTS.timeoutMs,
    min: 1,
    max: 600_000,
    help: "per-attempt upstream timeout",
  },
  connectTimeoutMs: {
    env: "ESS_GATEWAY_CONNECT_TIMEOUT_MS",
    flag: "connect-timeout-ms",
    scope: "any",
    default: DEFAULT_UPSTREAM_TIMEOUTS.connectTimeoutMs,
    min: 1,
    max: 600_000,
    help: "per-attempt connect timeout",
  },
  retryMaxAttempts: {
    env: "ESS_GATEWAY_RETRY_MAX_ATTEMPTS",
    flag: "retry-max-attempts",
    scope: "any",
    default: DEFAULT_UPSTREAM_RETRY.maxAttempts,
    min: 1,
    max: 20,
    help: "attempts per upstream call, the first included",
  },
  retryBaseDelayMs: {
    env: "ESS_GATEWAY_RETRY_BASE_DELAY_MS",
    flag: "retry-base-delay-ms",
    scope: "any",
    default: DEFAULT_UPSTREAM_RETRY.baseDelayMs,
    min: 0,
    max: 60_000,
    help: "backoff ceiling before the first retry (doubles per retry, full jitter)",
  },
  retryMaxDelayMs: {
    env: "ESS_GATEWAY_RETRY_MAX_DELAY_MS",
    flag: "retry-max-delay-ms",
    scope: "any",
    default: DEFAULT_UPSTREAM_RETRY.maxDelayMs,
    min: 0,
    max: 600_000,
    help: "backoff ceiling cap",
  },
  retrySettleMs: {
    env: "ESS_GATEWAY_RETRY_SETTLE_MS",
    flag: "retry-settle-ms",
    scope: "any",
    default: DEFAULT_UPSTREAM_RETRY.settleMs,
    min: 0,
    max: 600_000,
    help: "how long a mutation whose outcome is open is replayed with its ClientToken (0: never)",
  },
  maxDepth: {
    env: "ESS_GATEWAY_MAX_DEPTH",
    flag: "max-depth",
    scope: "any",
    default: DEFAULT_OPERATION_LIMITS.maxDepth,
    min: 1,
    max: 1_000,
    help: "deepest field nesting of an operation",
  },
  maxAliases: {
    env: "ESS_GATEWAY_MAX_ALIASES",
    flag: "max-aliases",
    scope: "any",
    default: DEFAULT_OPERATION_LIMITS.maxAliases,
    min: 1,
    max: 10_000,
    help: "aliases per operation",
  },
  maxDirectives: {
    env: "ESS_GATEWAY_MAX_DIRECTIVES",
    flag: "max-directives",
    scope: "any",
    default: DEFAULT_OPERATION_LIMITS.maxDirectives,
    min: 1,
    max: 10_000,
    help: "directives per operation",
  },
  maxCost: {
    env: "ESS_GATEWAY_MAX_COST",
    flag: "max-cost",
    scope: "any",
    default: DEFAULT_OPERATION_LIMITS.maxCost,
    min: 1,
    max: 10_000_000,
    help: "structural cost of an operation (docs/limits.md)",
  },
  maxTokens: {
    env: "ESS_GATEWAY_MAX_TOKENS",
    flag: "max-tokens",
    scope: "any",
    default: DEFAULT_OPERATION_LIMITS.maxTokens,
    min: 1,
    max: 10_000_000,
    help: "lexical tokens per document",
  },
  maxListItems: {
    env: "ESS_GATEWAY_MAX_LIST_ITEMS",
    flag: "max-list-items",
    scope: "any",
    default: DEFAULT_OPERATION_LIMITS.maxListItems,
    min: 1,
    max: 10_000_000,
    help: "IDs in list arguments plus page sizes, multiplied through nesting",
  },
  maxDocumentBytes: {
    env: "ESS_GATEWAY_MAX_DOCUMENT_BYTES",
    flag: "max-document-bytes",
    scope: "any",
    default: DEFAULT_OPERATION_LIMITS.maxDocumentBytes,
    min: 1,
    max: 1_000_000,
    help: "bytes of a GraphQL document, checked before parsing",
  },
  maxUpstreamCalls: {
    env: "ESS_GATEWAY_MAX_UPSTREAM_CALLS",
    flag: "max-upstream-calls",
    scope: "any",
    default: DEFAULT_OPERATION_LIMITS.maxUpstreamCalls,
    min: 1,
    max: 1_000_000,
    help: "upstream attempts per operation, retries and pages included (estimated before execution)",
  },
  introspection: {
    env: "ESS_GATEWAY_INTROSPECTION",
    flag: "introspection",
    scope: "any",
    defaultText: "true (false with NODE_ENV=production)",
    help: 'schema introspection; false also hides "Did you mean" hints',
  },
  metrics: {
    env: "ESS_GATEWAY_METRICS",
    flag: "metrics",
    scope: "any",
    default: "separate",
    help: "where /metrics is served: separate (own port) | main (GraphQL port, token required) | off",
  },
  metricsPort: {
    env: "ESS_GATEWAY_METRICS_PORT",
    flag: "metrics-port",
    scope: "any",
    defaultText: `${DEFAULT_METRICS_PORT} (0 when PORT is 0)`,
    help: "port of the separate /metrics listener",
  },
  metricsHost: {
    env: "ESS_GATEWAY_METRICS_HOST",
    flag: "metrics-host",
    scope: "any",
    defaultText: "(HOST)",
    help: "interface of the separate /metrics listener",
  },
  metricsToken: {
    env: "ESS_GATEWAY_METRICS_TOKEN",
    scope: "any",
    secret: true,
    defaultText: "(none)",
    help: "bearer token scrapers must send (16+ characters); required with ESS_GATEWAY_METRICS=main",
  },
  metricsMaxOperationNames: {
    env: "ESS_GATEWAY_METRICS_MAX_OPERATION_NAMES",
    flag: "metrics-max-operation-names",
    scope: "any",
    default: DEFAULT_MAX_OPERATION_NAMES,
    min: 1,
    max: 10_000,
    help: "distinct operation_name label values before the rest count as other",
  },
  shutdownTimeoutMs: {
    env: "ESS_GATEWAY_SHUTDOWN_TIMEOUT_MS",
    flag: "shutdown-timeout-ms",
    scope: "any",
    default: DEFAULT_SHUTDOWN_TIMEOUT_MS,
    min: 100,
    max: 3_600_000,
    help: "after SIGTERM/SIGINT, drain for at most this long, then exit",
  },
  allowedHosts: {
    env: "ESS_GATEWAY_ALLOWED_HOSTS",
    flag: "allowed-hosts",
    scope: "any",
    defaultText: "(none: only the bound address's own names, docs/security.md)",
    help: "comma-separated more host names the gateway answers to (Host header), or *",
  },
  rateLimitRequests: {
    env: "ESS_GATEWAY_RATE_LIMIT_REQUESTS",
    flag: "rate-limit-requests",
    scope: "any",
    default: DEFAULT_RATE_LIMITS.requests,
    min: 0,
    max: 100_000_000,
    help: "requests per caller and window (0: no limit)",
  },
  rateLimitUpstreamCalls: {
    env: "ESS_GATEWAY_RATE_LIMIT_UPSTREAM_CALLS",
    flag: "rate-limit-upstream-calls",
    scope: "any",
    default: DEFAULT_RATE_LIMITS.upstreamCalls,
    min: 0,
    max: 100_000_000,
    help: "upstream attempts per caller and window (0: no limit)",
  },
  rateLimitWindowSeconds: {
    env: "ESS_GATEWAY_RATE_LIMIT_WINDOW_SECONDS",
    flag: "rate-limit-window-seconds",
    scope: "any",
    default: DEFAULT_RATE_LIMITS.windowSeconds,
    min: 1,
    max: 86_400,
    help: "the rate limits' window",
  },
  trustProxyHops: {
    env: "ESS_GATEWAY_TRUST_PROXY_HOPS",
    flag: "trust-proxy-hops",
    scope: "any",
    default: DEFAULT_RATE_LIMITS.trustedProxyHops,
    min: 0,
    max: 10,
    help: "proxies in front whose X-Forwarded-For is believed (0: none)",
  },
  maxSubscriptionsPerSocket: {
    env: "ESS_GATEWAY_MAX_SUBSCRIPTIONS_PER_SOCKET",
    flag: "max-subscriptions-per-socket",
    scope: "any",
    default: DEFAULT_SUBSCRIPTION_CAPS.perSocket,
    min: 1,
    max: 100_000,
    help: "operations running at once on one subscription socket",
  },
  maxSubscriptions: {
    env: "ESS_GATEWAY_MAX_SUBSCRIPTIONS",
    flag: "max-subscriptions",
    scope: "any",
    default: DEFAULT_SUBSCRIPTION_CAPS.perProcess,
    min: 1,
    max: 1_000_000,
    help: "operations running at once over every subscription socket",
  },
  redisUrl: {
    env: "ESS_GATEWAY_REDIS_URL",
    scope: "any",
    secret: true,
    defaultText: "(none: one process, nothing shared)",
    help: "redis[s]://[user:password@]host[:port][/db] shared by the replicas (docs/scaling.md)",
  },
  redisCommandTimeoutMs: {
    env: "ESS_GATEWAY_REDIS_COMMAND_TIMEOUT_MS",
    flag: "redis-command-timeout-ms",
    scope: "any",
    default: DEFAULT_REDIS_SETTINGS.commandTimeoutMs,
    min: 10,
    max: 60_000,
    help: "per Redis command; slower counts as Redis down for that call",
  },
  replicas: {
    env: "ESS_GATEWAY_REPLICAS",
    flag: "replicas",
    scope: "any",
    default: DEFAULT_REDIS_SETTINGS.replicas,
    min: 1,
    max: 1_000,
    help: "replicas sharing the Redis; while it is down each allows 1/N of each rate limit",
  },
  redisLeaseMs: {
    env: "ESS_GATEWAY_REDIS_LEASE_MS",
    flag: "redis-lease-ms",
    scope: "any",
    default: DEFAULT_REDIS_SETTINGS.leaseMs,
    min: 300,
    max: 600_000,
    help: "an activity poller's lease; a dead holder is replaced within it",
  },
} as const satisfies Record<string, SettingSpec>;

type SettingName = keyof typeof GATEWAY_SETTINGS;
type IntegerSettingName = { [N in SettingName]: (typeof GATEWAY_SETTINGS)[N] extends { min: number } ? N : never }[SettingName];

/** What the command line asked for: start with a configuration, or print the usage. */
export type GatewayCommand = { kind: "start"; config: GatewayConfig } | { kind: "help"; usage: string };

/**
 * Reads and validates the configuration from environment variables and CLI flags (flags win).
 * Throws `ConfigError` naming the first bad setting; nothing is started before this succeeds.
 */
export function parseGatewayCommand(env: Readonly<Record<string, string | undefined>>, argv: readonly string[]): GatewayCommand {
  const flags = parseFlags(argv);
  if (flags.help === true) return { kind: "help", usage: gatewayUsage() };
  const raw = (name: SettingName): string | undefined => {
    const spec: SettingSpec = GATEWAY_SETTINGS[name];
    const fromFlag = spec.flag === undefined ? undefined : flags[spec.flag];
    const value = typeof fromFlag === "string" ? fromFlag : env[spec.env];
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  };

  const mode = oneOf("upstream", raw("upstream") ?? GATEWAY_SETTINGS.upstream.default, ["emulator", "aliyun"] as const);
  for (const name of Object.keys(GATEWAY_SETTINGS) as SettingName[]) {
    const spec: SettingSpec = GATEWAY_SETTINGS[name];
    if (spec.scope !== "any" && spec.scope !== mode && raw(name) !== undefined) {
      throw new ConfigError(
        settingLabel(name),
        `only applies when ${GATEWAY_SETTINGS.upstream.env}=${spec.scope} (the upstream is ${mode}).`,
      );
    }
  }

  const client: UpstreamClientSettings = {
    signatureVersion: oneOf("signatureVersion", raw("signatureVersion") ?? GATEWAY_SETTINGS.signatureVersion.default, [
      "v3",
      "v1",
    ] as const),
    timeoutMs: integerSetting(raw, "timeoutMs"),
    connectTimeoutMs: integerSetting(raw, "connectTimeoutMs"),
    retry: {
      maxAttempts: integerSetting(raw, "retryMaxAttempts"),
      baseDelayMs: integerSetting(raw, "retryBaseDelayMs"),
      maxDelayMs: integerSetting(raw, "retryMaxDelayMs"),
      settleMs: integerSetting(raw, "retrySettleMs"),
    },
  };
  if (client.retry.maxDelayMs < client.retry.baseDelayMs) {
    throw new ConfigError(
      settingLabel("retryMaxDelayMs"),
      `must be at least ${settingLabel("retryBaseDelayMs")} (${client.retry.baseDelayMs}).`,
    );
  }

  const host = hostName(raw("host") ?? GATEWAY_SETTINGS.host.default);
  const port = integerSetting(raw, "port");
  return {
    kind: "start",
    config: {
      host,
      port,
      logLevel: oneOf("logLevel", raw("logLevel") ?? GATEWAY_SETTINGS.logLevel.default, LOG_LEVELS),
      upstream:
        mode === "emulator"
          ? {
              kind: "emulator",
              dbPath: raw("emulatorDb") ?? GATEWAY_SETTINGS.emulatorDb.default,
              worldPath: raw("emulatorWorld"),
              activity: activityTiming(raw("emulatorActivity") ?? GATEWAY_SETTINGS.emulatorActivity.default),
              client,
            }
          : aliyunSettings(raw, client),
      http: readHttpSettings(env),
      limits: operationLimits(raw, env.NODE_ENV),
      access: readAccessSettings(env),
      telemetry: { metrics: metricsSettings(raw, host, port), tracing: readTracingSettings(env) },
      shutdownTimeoutMs: integerSetting(raw, "shutdownTimeoutMs"),
      ...(raw("allowedHosts") === undefined ? {} : { allowedHosts: allowedHosts(raw("allowedHosts")!) }),
      rateLimits: {
        requests: integerSetting(raw, "rateLimitRequests"),
        upstreamCalls: integerSetting(raw, "rateLimitUpstreamCalls"),
        windowSeconds: integerSetting(raw, "rateLimitWindowSeconds"),
        trustedProxyHops: integerSetting(raw, "trustProxyHops"),
      },
      subscriptionCaps: {
        perSocket: integerSetting(raw, "maxSubscriptionsPerSocket"),
        perProcess: integerSetting(raw, "maxSubscriptions"),
      },
      ...redisSettings(raw),
    },
  };
}

/** `{ redis }` when `ESS_GATEWAY_REDIS_URL` is set; the other Redis settings need it. */
function redisSettings(raw: (name: SettingName) => string | undefined): { redis?: RedisSettings } {
  const url = raw("redisUrl");
  if (url === undefined) {
    for (const name of ["redisCommandTimeoutMs", "replicas", "redisLeaseMs"] as const) {
      if (raw(name) !== undefined) throw new ConfigError(settingLabel(name), `only applies with ${GATEWAY_SETTINGS.redisUrl.env}.`);
    }
    return {};
  }
  // The value is never echoed: it may hold a password.
  const problem = redisUrlProblem(url);
  if (problem !== null) throw new ConfigError(settingLabel("redisUrl"), problem);
  return {
    redis: {
      url,
      commandTimeoutMs: integerSetting(raw, "redisCommandTimeoutMs"),
      replicas: integerSetting(raw, "replicas"),
      leaseMs: integerSetting(raw, "redisLeaseMs"),
    },
  };
}

const MIN_METRICS_TOKEN_LENGTH = 16;

/** `/metrics` exposure: its own port by default; the GraphQL port only behind a bearer token (docs/operations.md). */
function metricsSettings(raw: (name: SettingName) => string | undefined, host: string, port: number): MetricsSettings {
  const exposure = oneOf("metrics", raw("metrics") ?? GATEWAY_SETTINGS.metrics.default, METRICS_EXPOSURES);
  if (exposure === "off") return { exposure };
  const token = raw("metricsToken") ?? null;
  if (token !== null && token.length < MIN_METRICS_TOKEN_LENGTH) {
    throw new ConfigError(settingLabel("metricsToken"), `must be at least ${MIN_METRICS_TOKEN_LENGTH} characters.`);
  }
  const maxOperationNames = integerSetting(raw, "metricsMaxOperationNames");
  if (exposure === "main") {
    if (token === null) {
      throw new ConfigError(
        settingLabel("metrics"),
        `main serves /metrics on the GraphQL port, which needs ${GATEWAY_SETTINGS.metricsToken.env} (or use separate).`,
      );
    }
    return { exposure, token, maxOperationNames };
  }
  const metricsPort = integer("metricsPort", raw("metricsPort"), port === 0 ? 0 : DEFAULT_METRICS_PORT, 0, 65535);
  if (metricsPort !== 0 && metricsPort === port) {
    throw new ConfigError(
      settingLabel("metricsPort"),
      `must differ from ${settingLabel("port")} (${port}); use ${GATEWAY_SETTINGS.metrics.env}=main to serve both on one port.`,
    );
  }
  return { exposure, host: hostName(raw("metricsHost") ?? host, "metricsHost"), port: metricsPort, token, maxOperationNames };
}

function aliyunSettings(raw: (name: SettingName) => string | undefined, client: UpstreamClientSettings): AliyunUpstreamSettings {
  const connection = aliyunConnection(raw);
  return { kind: "aliyun", connection, client, regionIds: regionList(raw("regions"), connection.regionId) };
}

/** `ESS_GATEWAY_REGIONS`: distinct region IDs that include the main region, which comes first. */
function regionList(value: string | undefined, mainRegionId: string): string[] {
  if (value === undefined) return [mainRegionId];
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  for (const entry of entries) {
    if (!REGION_ID.test(entry))
      throw new ConfigError(settingLabel("regions"), `${JSON.stringify(entry)} is not a region ID such as cn-hangzhou.`);
  }
  if (!entries.includes(mainRegionId)) {
    throw new ConfigError(settingLabel("regions"), `must include the main region ${mainRegionId} (${settingLabel("region")}).`);
  }
  return [mainRegionId, ...new Set(entries.filter((entry) => entry !== mainRegionId))];
}

function operationLimits(raw: (name: SettingName) => string | undefined, nodeEnv: string | undefined): OperationLimits {
  const limit = (name: IntegerSettingName & keyof typeof DEFAULT_OPERATION_LIMITS): number => integerSetting(raw, name);
  return {
    maxDepth: limit("maxDepth"),
    maxAliases: limit("maxAliases"),
    maxDirectives: limit("maxDirectives"),
    maxCost: limit("maxCost"),
    maxTokens: limit("maxTokens"),
    maxListItems: limit("maxListItems"),
    // Up to the request body limit (1 MB): a larger document could not arrive anyway.
    maxDocumentBytes: limit("maxDocumentBytes"),
    maxUpstreamCalls: limit("maxUpstreamCalls"),
    introspection: booleanSetting("introspection", raw("introspection"), nodeEnv !== "production"),
  };
}

/** `ESS_GATEWAY_ALLOWED_HOSTS`: host names without ports, or `*` alone. */
function allowedHosts(value: string): string[] {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) throw new ConfigError(settingLabel("allowedHosts"), "names no host.");
  if (entries.includes(ANY_HOST) && entries.length > 1)
    throw new ConfigError(settingLabel("allowedHosts"), `"*" allows every host and cannot be combined with a list.`);
  for (const entry of entries) {
    if (!isHostEntry(entry))
      throw new ConfigError(
        settingLabel("allowedHosts"),
        `${JSON.stringify(entry)} is not a host name or IP address (without a port), such as gateway.example.com.`,
      );
  }
  return entries.map(normalizeHostName);
}

function booleanSetting(name: SettingName, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  switch (value.toLowerCase()) {
    case "true":
    case "1":
      return true;
    case "false":
    case "0":
      return false;
    default:
      throw new ConfigError(settingLabel(name), `${JSON.stringify(value)} is not true, false, 1 or 0.`);
  }
}

const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

function aliyunConnection(raw: (name: SettingName) => string | undefined): AliyunConnection {
  const regionId = raw("region") ?? GATEWAY_SETTINGS.region.default;
  if (!REGION_ID.test(regionId)) {
    throw new ConfigError(settingLabel("region"), `${JSON.stringify(regionId)} is not a region ID such as cn-hangzhou.`);
  }
  const defaults = defaultEndpoints(regionId);
  return {
    regionId,
    endpoints: {
      ess: endpoint("essEndpoint", raw("essEndpoint") ?? defaults.ess),
      ecs: endpoint("ecsEndpoint", raw("ecsEndpoint") ?? defaults.ecs),
      slb: endpoint("slbEndpoint", raw("slbEndpoint") ?? defaults.slb),
      rds: endpoint("rdsEndpoint", raw("rdsEndpoint") ?? defaults.rds),
    },
    protocol: oneOf("protocol", raw("protocol") ?? GATEWAY_SETTINGS.protocol.default, ["https", "http"] as const),
    credentials: credentials(raw("accessKeyId"), raw("accessKeySecret"), raw("securityToken")),
  };
}

type AliyunConnection = Extract<GatewayConfig["upstream"], { kind: "aliyun" }>["connection"];

function credentials(
  accessKeyId: string | undefined,
  accessKeySecret: string | undefined,
  securityToken: string | undefined,
): UpstreamCredentials {
  if (accessKeyId === undefined && accessKeySecret === undefined) {
    if (securityToken !== undefined) {
      throw new ConfigError(
        settingLabel("securityToken"),
        `needs ${GATEWAY_SETTINGS.accessKeyId.env} and ${GATEWAY_SETTINGS.accessKeySecret.env}.`,
      );
    }
    return { kind: "defaultChain" };
  }
  if (accessKeyId === undefined)
    throw new ConfigError(settingLabel("accessKeyId"), `is required when ${GATEWAY_SETTINGS.accessKeySecret.env} is set.`);
  if (accessKeySecret === undefined)
    throw new ConfigError(settingLabel("accessKeySecret"), `is required when ${GATEWAY_SETTINGS.accessKeyId.env} is set.`);
  return securityToken === undefined
    ? { kind: "accessKey", accessKeyId, accessKeySecret }
    : { kind: "accessKey", accessKeyId, accessKeySecret, securityToken };
}

function parseFlags(argv: readonly string[]): Record<string, string | boolean | undefined> {
  const options: Record<string, { type: "string" | "boolean" }> = { help: { type: "boolean" } };
  for (const spec of Object.values(GATEWAY_SETTINGS) as SettingSpec[]) {
    if (spec.flag !== undefined) options[spec.flag] = { type: "string" };
  }
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // parseArgs names the offending flag in its message, but quotes a stray positional argument,
    // which may well be a secret pasted after an env-only setting's would-be flag.
    const code = (error as { code?: unknown } | null)?.code;
    const envOnly = code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? envOnlySettingFlag(argv) : undefined;
    if (envOnly !== undefined) {
      throw new ConfigError(
        `--${envOnly.wouldBeFlag}`,
        `${envOnly.spec.secret ? "secrets are" : "this setting is"} read from the environment only (command lines are visible to every local user): set ${envOnly.spec.env} instead.`,
      );
    }
    const problem =
      code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL"
        ? "unexpected argument (every setting is --name value or --name=value)"
        : error instanceof Error
          ? error.message
          : String(error);
    throw new ConfigError("command line", `${problem} (see --help).`);
  }
}

/** The flag a user would guess for an env-only setting: `ESS_GATEWAY_ACCESS_KEY_SECRET` → `access-key-secret`. */
function guessedFlag(spec: SettingSpec): string {
  return spec.env
    .replace(/^ESS_GATEWAY_/, "")
    .toLowerCase()
    .replaceAll("_", "-");
}

/** The env-only setting (an AccessKey, a secret) whose guessed flag appears in `argv`, if any. The value is never read. */
function envOnlySettingFlag(argv: readonly string[]): { spec: SettingSpec; wouldBeFlag: string } | undefined {
  for (const spec of Object.values(GATEWAY_SETTINGS) as SettingSpec[]) {
    if (spec.flag !== undefined) continue;
    const wouldBeFlag = guessedFlag(spec);
    if (argv.some((arg) => arg === `--${wouldBeFlag}` || arg.startsWith(`--${wouldBeFlag}=`))) return { spec, wouldBeFlag };
  }
  return undefined;
}

function settingLabel(name: SettingName): string {
  const spec: SettingSpec = GATEWAY_SETTINGS[name];
  return spec.flag === undefined ? spec.env : `${spec.env} (--${spec.flag})`;
}

/** An integer setting, read and checked against its default and bounds in GATEWAY_SETTINGS. */
function integerSetting(raw: (name: SettingName) => string | undefined, name: IntegerSettingName): number {
  const spec = GATEWAY_SETTINGS[name];
  return integer(name, raw(name), spec.default, spec.min, spec.max);
}

function integer(name: SettingName, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(settingLabel(name), `${JSON.stringify(value)} is not an integer from ${min} to ${max}.`);
  }
  return parsed;
}

function oneOf<const T extends string>(name: SettingName, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(settingLabel(name), `${JSON.stringify(value)} is not one of ${allowed.join(", ")}.`);
  }
  return value as T;
}

function hostName(value: string, name: SettingName = "host"): string {
  if (!/^[A-Za-z0-9.:_-]+$/.test(value) && !/^\[[0-9a-fA-F:.]+\]$/.test(value)) {
    throw new ConfigError(settingLabel(name), `${JSON.stringify(value)} is not a host name or IP address.`);
  }
  return value;
}

function endpoint(name: SettingName, value: string): string {
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(value)) {
    throw new ConfigError(
      settingLabel(name),
      `${JSON.stringify(value)} must be host[:port], without a scheme or path (set the scheme with ${GATEWAY_SETTINGS.protocol.env}).`,
    );
  }
  return value;
}

function activityTiming(value: string): ActivityTiming {
  if (value === "immediate" || value === "manual") return { mode: value };
  const realtime = /^realtime:(\d{1,7})$/.exec(value);
  if (realtime) return { mode: "realtime", durationMs: Number(realtime[1]) };
  throw new ConfigError(settingLabel("emulatorActivity"), `${JSON.stringify(value)} is not realtime:MS, immediate or manual.`);
}

/** The `--help` text: every setting with its environment variable, flag and default. */
export function gatewayUsage(): string {
  const specs: Array<Pick<SettingSpec, "env" | "flag" | "help" | "default" | "defaultText">> = [
    ...(Object.values(GATEWAY_SETTINGS) as SettingSpec[]),
    ...HTTP_SETTINGS_USAGE,
    ...ACCESS_SETTINGS_USAGE,
    ...TRACING_SETTINGS_USAGE,
  ];
  const flagOf = (spec: Pick<SettingSpec, "flag">) => (spec.flag === undefined ? "(env only)" : `--${spec.flag}`);
  // Columns as wide as their longest entry, so no name runs into the next column.
  const envWidth = Math.max(...specs.map((spec) => spec.env.length));
  const flagWidth = Math.max(...specs.map((spec) => flagOf(spec).length));
  const rows = specs.map(
    (spec) => `  ${spec.env.padEnd(envWidth)} ${flagOf(spec).padEnd(flagWidth)} ${spec.help} [default: ${settingDefaultText(spec)}]`,
  );
  return [
    "Usage: npm start -- [flags]     (or: node dist/src/server/main.js [flags])",
    "",
    "Every setting is an environment variable; most also have a flag, which wins. See docs/configuration.md.",
    "",
    ...rows,
    "  --help                           show this help",
  ].join("\n");
}
