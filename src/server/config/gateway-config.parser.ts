import { parseArgs } from "node:util";
import { z } from "zod";
import {
  activityTimingSetting,
  booleanSetting,
  endpointSetting,
  hostNameSetting,
  integerSetting,
  listSetting,
  oneOfSetting,
  patternSetting,
  readSettings,
  settingDefaultText,
  settingInputs,
  settingIssue,
  settingsSchema,
  textSetting,
  type SettingEntry,
} from "../../shared/config/setting.schemas";
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

interface SettingSpec extends SettingEntry {
  env: string;
  /** CLI flag without dashes; secrets have none (command lines are visible to every local user). */
  flag?: string;
  scope: SettingScope;
  /** Never echoed, in `--help` or in a message. */
  secret?: boolean;
  help: string;
}

const UPSTREAM_KINDS = ["emulator", "aliyun"] as const;
const PROTOCOLS = ["https", "http"] as const;
const SIGNATURE_VERSIONS = ["v3", "v1"] as const;
/** Named in another setting's message, so written before the table. */
const PROTOCOL_ENV = "ESS_GATEWAY_PROTOCOL";
const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;
const MIN_METRICS_TOKEN_LENGTH = 16;

// The gateway's wording of a bad value; ConfigError puts the setting's name in front.
const quoted = (raw: string): string => JSON.stringify(raw);
const integer = (min: number, max: number) =>
  integerSetting({ min, max }, (raw) => `${quoted(raw)} is not an integer from ${min} to ${max}.`);
const oneOf = <const Value extends string>(values: readonly Value[]) =>
  oneOfSetting(values, (raw) => `${quoted(raw)} is not one of ${values.join(", ")}.`);
const boolean = () => booleanSetting((raw) => `${quoted(raw)} is not true, false, 1 or 0.`);
const hostName = () => hostNameSetting((raw) => `${quoted(raw)} is not a host name or IP address.`);
const regionId = () => patternSetting(REGION_ID, (raw) => `${quoted(raw)} is not a region ID such as cn-hangzhou.`);
const endpoint = () =>
  endpointSetting((raw) => `${quoted(raw)} must be host[:port], without a scheme or path (set the scheme with ${PROTOCOL_ENV}).`);
const activityTiming = () => {
  const problem = (raw: string) => `${quoted(raw)} is not realtime:MS, immediate or manual.`;
  return activityTimingSetting({ maxMs: 9_999_999, problem, durationProblem: (_digits, raw) => problem(raw) });
};
// The token is a secret: the message never shows it.
const metricsToken = () => z.string().min(MIN_METRICS_TOKEN_LENGTH, { error: `must be at least ${MIN_METRICS_TOKEN_LENGTH} characters.` });
/** `ESS_GATEWAY_ALLOWED_HOSTS`: host names without ports, or `*` alone. */
const allowedHosts = () =>
  listSetting(
    z
      .string()
      .refine(isHostEntry, {
        error: (issue) => `${quoted(String(issue.input))} is not a host name or IP address (without a port), such as gateway.example.com.`,
      })
      .transform(normalizeHostName),
    { empty: "names no host.", alone: { entry: ANY_HOST, problem: `"*" allows every host and cannot be combined with a list.` } },
  );
// redis-url.ts knows which URLs ioredis reads as meant; its reasons never contain the URL's secret parts.
const redisUrl = () =>
  z.string().superRefine((url, ctx) => {
    const problem = redisUrlProblem(url);
    if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
  });

/** Every setting the gateway reads. `--help` prints this table; docs/configuration.md documents it. */
export const GATEWAY_SETTINGS = {
  port: {
    env: "PORT",
    flag: "port",
    scope: "any",
    default: DEFAULT_GATEWAY_PORT,
    schema: integer(0, 65535),
    help: "TCP port to listen on (0: ephemeral)",
  },
  host: { env: "HOST", flag: "host", scope: "any", default: "127.0.0.1", schema: hostName(), help: "interface to listen on" },
  logLevel: {
    env: "ESS_GATEWAY_LOG_LEVEL",
    flag: "log-level",
    scope: "any",
    default: "info",
    schema: oneOf(LOG_LEVELS),
    help: "debug | info | warn | error",
  },
  upstream: {
    env: "ESS_GATEWAY_UPSTREAM",
    flag: "upstream",
    scope: "any",
    default: "emulator",
    schema: oneOf(UPSTREAM_KINDS),
    help: "emulator | aliyun",
  },
  emulatorDb: {
    env: "ESS_GATEWAY_EMULATOR_DB",
    flag: "emulator-db",
    scope: "emulator",
    default: "./data/emulator.db",
    schema: textSetting(),
    help: "emulator state file, or :memory:",
  },
  emulatorWorld: {
    env: "ESS_GATEWAY_EMULATOR_WORLD",
    flag: "emulator-world",
    scope: "emulator",
    defaultText: "(the demo world)",
    schema: textSetting(),
    help: "world file for the emulator",
  },
  emulatorActivity: {
    env: "ESS_GATEWAY_EMULATOR_ACTIVITY",
    flag: "emulator-activity",
    scope: "emulator",
    default: "realtime:3000",
    schema: activityTiming(),
    help: "realtime:MS | immediate | manual",
  },
  region: {
    env: "ESS_GATEWAY_REGION",
    flag: "region",
    scope: "aliyun",
    default: "cn-hangzhou",
    schema: regionId(),
    help: "Alibaba Cloud region",
  },
  regions: {
    env: "ESS_GATEWAY_REGIONS",
    flag: "regions",
    scope: "aliyun",
    defaultText: "(just ESS_GATEWAY_REGION)",
    schema: listSetting(regionId()),
    help: "comma list of the account's regions, ESS_GATEWAY_REGION included (preflight tells RegionMismatch from NotFound)",
  },
  essEndpoint: {
    env: "ESS_GATEWAY_ESS_ENDPOINT",
    flag: "ess-endpoint",
    scope: "aliyun",
    defaultText: "(public, per region)",
    schema: endpoint(),
    help: "ESS host[:port]",
  },
  ecsEndpoint: {
    env: "ESS_GATEWAY_ECS_ENDPOINT",
    flag: "ecs-endpoint",
    scope: "aliyun",
    defaultText: "(public, per region)",
    schema: endpoint(),
    help: "ECS host[:port]",
  },
  slbEndpoint: {
    env: "ESS_GATEWAY_SLB_ENDPOINT",
    flag: "slb-endpoint",
    scope: "aliyun",
    defaultText: "(public, per region)",
    schema: endpoint(),
    help: "SLB host[:port]",
  },
  rdsEndpoint: {
    env: "ESS_GATEWAY_RDS_ENDPOINT",
    flag: "rds-endpoint",
    scope: "aliyun",
    defaultText: "(public, per region)",
    schema: endpoint(),
    help: "RDS host[:port]",
  },
  protocol: { env: PROTOCOL_ENV, flag: "protocol", scope: "aliyun", default: "https", schema: oneOf(PROTOCOLS), help: "https | http" },
  accessKeyId: {
    env: "ESS_GATEWAY_ACCESS_KEY_ID",
    scope: "aliyun",
    defaultText: "(credentials default chain)",
    schema: textSetting(),
    help: "explicit AccessKey ID (with ESS_GATEWAY_ACCESS_KEY_SECRET)",
  },
  accessKeySecret: {
    env: "ESS_GATEWAY_ACCESS_KEY_SECRET",
    scope: "aliyun",
    secret: true,
    defaultText: "(credentials default chain)",
    schema: textSetting(),
    help: "explicit AccessKey secret",
  },
  securityToken: {
    env: "ESS_GATEWAY_SECURITY_TOKEN",
    scope: "aliyun",
    secret: true,
    defaultText: "(none)",
    schema: textSetting(),
    help: "STS token for a temporary AccessKey",
  },
  signatureVersion: {
    env: "ESS_GATEWAY_SIGNATURE_VERSION",
    flag: "signature-version",
    scope: "any",
    default: "v3",
    schema: oneOf(SIGNATURE_VERSIONS),
    help: "v3 (ACS3-HMAC-SHA256) | v1 (HMAC-SHA1)",
  },
  timeoutMs: {
    env: "ESS_GATEWAY_TIMEOUT_MS",
    flag: "timeout-ms",
    scope: "any",
    default: DEFAULT_UPSTREAM_TIMEOUTS.timeoutMs,
    schema: integer(1, 600_000),
    help: "per-attempt upstream timeout",
  },
  connectTimeoutMs: {
    env: "ESS_GATEWAY_CONNECT_TIMEOUT_MS",
    flag: "connect-timeout-ms",
    scope: "any",
    default: DEFAULT_UPSTREAM_TIMEOUTS.connectTimeoutMs,
    schema: integer(1, 600_000),
    help: "per-attempt connect timeout",
  },
  retryMaxAttempts: {
    env: "ESS_GATEWAY_RETRY_MAX_ATTEMPTS",
    flag: "retry-max-attempts",
    scope: "any",
    default: DEFAULT_UPSTREAM_RETRY.maxAttempts,
    schema: integer(1, 20),
    help: "attempts per upstream call, the first included",
  },
  retryBaseDelayMs: {
    env: "ESS_GATEWAY_RETRY_BASE_DELAY_MS",
    flag: "retry-base-delay-ms",
    scope: "any",
    default: DEFAULT_UPSTREAM_RETRY.baseDelayMs,
    schema: integer(0, 60_000),
    help: "backoff ceiling before the first retry (doubles per retry, full jitter)",
  },
  retryMaxDelayMs: {
    env: "ESS_GATEWAY_RETRY_MAX_DELAY_MS",
    flag: "retry-max-delay-ms",
    scope: "any",
    default: DEFAULT_UPSTREAM_RETRY.maxDelayMs,
    schema: integer(0, 600_000),
    help: "backoff ceiling cap",
  },
  retrySettleMs: {
    env: "ESS_GATEWAY_RETRY_SETTLE_MS",
    flag: "retry-settle-ms",
    scope: "any",
    default: DEFAULT_UPSTREAM_RETRY.settleMs,
    schema: integer(0, 600_000),
    help: "how long a mutation whose outcome is open is replayed with its ClientToken (0: never)",
  },
  maxDepth: {
    env: "ESS_GATEWAY_MAX_DEPTH",
    flag: "max-depth",
    scope: "any",
    default: DEFAULT_OPERATION_LIMITS.maxDepth,
    schema: integer(1, 1_000),
    help: "deepest field nesting of an operation",
  },
  maxAliases: {
    env: "ESS_GATEWAY_MAX_ALIASES",
    flag: "max-aliases",
    scope: "any",
    default: DEFAULT_OPERATION_LIMITS.maxAliases,
    schema: integer(1, 10_000),
    help: "aliases per operation",
  },
  maxDirectives: {
    env: "ESS_GATEWAY_MAX_DIRECTIVES",
    flag: "max-directives",
    scope: "any",
    default: DEFAULT_OPERATION_LIMITS.maxDirectives,
    schema: integer(1, 10_000),
    help: "directives per operation",
  },
  maxCost: {
    env: "ESS_GATEWAY_MAX_COST",
    flag: "max-cost",
    scope: "any",
    default: DEFAULT_OPERATION_LIMITS.maxCost,
    schema: integer(1, 10_000_000),
    help: "structural cost of an operation (docs/limits.md)",
  },
  maxTokens: {
    env: "ESS_GATEWAY_MAX_TOKENS",
    flag: "max-tokens",
    scope: "any",
    default: DEFAULT_OPERATION_LIMITS.maxTokens,
    schema: integer(1, 10_000_000),
    help: "lexical tokens per document",
  },
  maxListItems: {
    env: "ESS_GATEWAY_MAX_LIST_ITEMS",
    flag: "max-list-items",
    scope: "any",
    default: DEFAULT_OPERATION_LIMITS.maxListItems,
    schema: integer(1, 10_000_000),
    help: "IDs in list arguments plus page sizes, multiplied through nesting",
  },
  maxDocumentBytes: {
    env: "ESS_GATEWAY_MAX_DOCUMENT_BYTES",
    flag: "max-document-bytes",
    scope: "any",
    default: DEFAULT_OPERATION_LIMITS.maxDocumentBytes,
    schema: integer(1, 1_000_000),
    help: "bytes of a GraphQL document, checked before parsing",
  },
  maxUpstreamCalls: {
    env: "ESS_GATEWAY_MAX_UPSTREAM_CALLS",
    flag: "max-upstream-calls",
    scope: "any",
    default: DEFAULT_OPERATION_LIMITS.maxUpstreamCalls,
    schema: integer(1, 1_000_000),
    help: "upstream attempts per operation, retries and pages included (estimated before execution)",
  },
  introspection: {
    env: "ESS_GATEWAY_INTROSPECTION",
    flag: "introspection",
    scope: "any",
    defaultText: "true (false with NODE_ENV=production)",
    schema: boolean(),
    help: 'schema introspection; false also hides "Did you mean" hints',
  },
  metrics: {
    env: "ESS_GATEWAY_METRICS",
    flag: "metrics",
    scope: "any",
    default: "separate",
    schema: oneOf(METRICS_EXPOSURES),
    help: "where /metrics is served: separate (own port) | main (GraphQL port, token required) | off",
  },
  metricsPort: {
    env: "ESS_GATEWAY_METRICS_PORT",
    flag: "metrics-port",
    scope: "any",
    defaultText: `${DEFAULT_METRICS_PORT} (0 when PORT is 0)`,
    schema: integer(0, 65535),
    help: "port of the separate /metrics listener",
  },
  metricsHost: {
    env: "ESS_GATEWAY_METRICS_HOST",
    flag: "metrics-host",
    scope: "any",
    defaultText: "(HOST)",
    schema: hostName(),
    help: "interface of the separate /metrics listener",
  },
  metricsToken: {
    env: "ESS_GATEWAY_METRICS_TOKEN",
    scope: "any",
    secret: true,
    defaultText: "(none)",
    schema: metricsToken(),
    help: "bearer token scrapers must send (16+ characters); required with ESS_GATEWAY_METRICS=main",
  },
  metricsMaxOperationNames: {
    env: "ESS_GATEWAY_METRICS_MAX_OPERATION_NAMES",
    flag: "metrics-max-operation-names",
    scope: "any",
    default: DEFAULT_MAX_OPERATION_NAMES,
    schema: integer(1, 10_000),
    help: "distinct operation_name label values before the rest count as other",
  },
  shutdownTimeoutMs: {
    env: "ESS_GATEWAY_SHUTDOWN_TIMEOUT_MS",
    flag: "shutdown-timeout-ms",
    scope: "any",
    default: DEFAULT_SHUTDOWN_TIMEOUT_MS,
    schema: integer(100, 3_600_000),
    help: "after SIGTERM/SIGINT, drain for at most this long, then exit",
  },
  allowedHosts: {
    env: "ESS_GATEWAY_ALLOWED_HOSTS",
    flag: "allowed-hosts",
    scope: "any",
    defaultText: "(none: only the bound address's own names, docs/security.md)",
    schema: allowedHosts(),
    help: "comma-separated more host names the gateway answers to (Host header), or *",
  },
  rateLimitRequests: {
    env: "ESS_GATEWAY_RATE_LIMIT_REQUESTS",
    flag: "rate-limit-requests",
    scope: "any",
    default: DEFAULT_RATE_LIMITS.requests,
    schema: integer(0, 100_000_000),
    help: "requests per caller and window (0: no limit)",
  },
  rateLimitUpstreamCalls: {
    env: "ESS_GATEWAY_RATE_LIMIT_UPSTREAM_CALLS",
    flag: "rate-limit-upstream-calls",
    scope: "any",
    default: DEFAULT_RATE_LIMITS.upstreamCalls,
    schema: integer(0, 100_000_000),
    help: "upstream attempts per caller and window (0: no limit)",
  },
  rateLimitWindowSeconds: {
    env: "ESS_GATEWAY_RATE_LIMIT_WINDOW_SECONDS",
    flag: "rate-limit-window-seconds",
    scope: "any",
    default: DEFAULT_RATE_LIMITS.windowSeconds,
    schema: integer(1, 86_400),
    help: "the rate limits' window",
  },
  trustProxyHops: {
    env: "ESS_GATEWAY_TRUST_PROXY_HOPS",
    flag: "trust-proxy-hops",
    scope: "any",
    default: DEFAULT_RATE_LIMITS.trustedProxyHops,
    schema: integer(0, 10),
    help: "proxies in front whose X-Forwarded-For is believed (0: none)",
  },
  maxSubscriptionsPerSocket: {
    env: "ESS_GATEWAY_MAX_SUBSCRIPTIONS_PER_SOCKET",
    flag: "max-subscriptions-per-socket",
    scope: "any",
    default: DEFAULT_SUBSCRIPTION_CAPS.perSocket,
    schema: integer(1, 100_000),
    help: "operations running at once on one subscription socket",
  },
  maxSubscriptions: {
    env: "ESS_GATEWAY_MAX_SUBSCRIPTIONS",
    flag: "max-subscriptions",
    scope: "any",
    default: DEFAULT_SUBSCRIPTION_CAPS.perProcess,
    schema: integer(1, 1_000_000),
    help: "operations running at once over every subscription socket",
  },
  redisUrl: {
    env: "ESS_GATEWAY_REDIS_URL",
    scope: "any",
    secret: true,
    defaultText: "(none: one process, nothing shared)",
    schema: redisUrl(),
    help: "redis[s]://[user:password@]host[:port][/db] shared by the replicas (docs/scaling.md)",
  },
  redisCommandTimeoutMs: {
    env: "ESS_GATEWAY_REDIS_COMMAND_TIMEOUT_MS",
    flag: "redis-command-timeout-ms",
    scope: "any",
    default: DEFAULT_REDIS_SETTINGS.commandTimeoutMs,
    schema: integer(10, 60_000),
    help: "per Redis command; slower counts as Redis down for that call",
  },
  replicas: {
    env: "ESS_GATEWAY_REPLICAS",
    flag: "replicas",
    scope: "any",
    default: DEFAULT_REDIS_SETTINGS.replicas,
    schema: integer(1, 1_000),
    help: "replicas sharing the Redis; while it is down each allows 1/N of each rate limit",
  },
  redisLeaseMs: {
    env: "ESS_GATEWAY_REDIS_LEASE_MS",
    flag: "redis-lease-ms",
    scope: "any",
    default: DEFAULT_REDIS_SETTINGS.leaseMs,
    schema: integer(300, 600_000),
    help: "an activity poller's lease; a dead holder is replaced within it",
  },
} as const satisfies Record<string, SettingSpec>;

type SettingName = keyof typeof GATEWAY_SETTINGS;
const SETTING_NAMES = Object.keys(GATEWAY_SETTINGS) as SettingName[];

/** Every value of the table, each read by its own schema. */
const GATEWAY_VALUES = settingsSchema(GATEWAY_SETTINGS);
type GatewayValues = z.output<typeof GATEWAY_VALUES>;

/** The metrics settings, and those an exposure reads: `off` reads none of them, `main` no listener of its own. */
const METRICS_SETTINGS = ["metricsPort", "metricsHost", "metricsToken", "metricsMaxOperationNames"] as const satisfies SettingName[];
const METRICS_SETTINGS_READ: Record<(typeof METRICS_EXPOSURES)[number], ReadonlyArray<SettingName>> = {
  off: [],
  main: ["metricsToken", "metricsMaxOperationNames"],
  separate: METRICS_SETTINGS,
};
/** The Redis settings that mean nothing without `ESS_GATEWAY_REDIS_URL`. */
const REDIS_DEPENDENTS = ["redisCommandTimeoutMs", "replicas", "redisLeaseMs"] as const satisfies SettingName[];

/**
 * Which settings apply, decided before any other value is read (a setting that does not apply is
 * reported as such, whatever its value): a setting of the other upstream mode, or a Redis setting
 * without Redis, is refused; the metrics settings the exposure does not use are not read at all.
 */
function applicableInputs(
  input: { [name: string]: unknown } & Pick<GatewayValues, "upstream" | "metrics">,
  ctx: z.RefinementCtx,
): Record<string, unknown> {
  for (const name of SETTING_NAMES) {
    const spec: SettingSpec = GATEWAY_SETTINGS[name];
    if (spec.scope !== "any" && spec.scope !== input.upstream && input[name] !== undefined) {
      return settingIssue(
        ctx,
        name,
        `only applies when ${GATEWAY_SETTINGS.upstream.env}=${spec.scope} (the upstream is ${input.upstream}).`,
      );
    }
  }
  if (input.redisUrl === undefined) {
    const given = REDIS_DEPENDENTS.find((name) => input[name] !== undefined);
    if (given !== undefined) return settingIssue(ctx, given, `only applies with ${GATEWAY_SETTINGS.redisUrl.env}.`);
  }
  const read = METRICS_SETTINGS_READ[input.metrics];
  const unread = METRICS_SETTINGS.filter((name) => !read.includes(name)).map((name) => [name, undefined]);
  return { ...input, ...Object.fromEntries(unread) };
}

/** The gateway's part of the configuration: what applies, every value, then the rules between values. */
function gatewaySchema(nodeEnv: string | undefined) {
  return GATEWAY_VALUES.pick({ upstream: true, metrics: true })
    .loose()
    .pipe(z.transform(applicableInputs))
    .pipe(GATEWAY_VALUES)
    .pipe(z.transform((values, ctx) => gatewaySettings(values, nodeEnv, ctx)));
}

/** What the command line asked for: start with a configuration, or print the usage. */
export type GatewayCommand = { kind: "start"; config: GatewayConfig } | { kind: "help"; usage: string };

/**
 * Reads and validates the configuration from environment variables and CLI flags (flags win).
 * Throws `ConfigError` naming the first bad setting; nothing is started before this succeeds.
 */
export function parseGatewayCommand(env: Readonly<Record<string, string | undefined>>, argv: readonly string[]): GatewayCommand {
  const flags = parseFlags(argv);
  if (flags.help === true) return { kind: "help", usage: gatewayUsage() };
  const input = settingInputs(SETTING_NAMES, (name) => {
    const spec: SettingSpec = GATEWAY_SETTINGS[name];
    const fromFlag = spec.flag === undefined ? undefined : flags[spec.flag];
    return typeof fromFlag === "string" ? fromFlag : env[spec.env];
  });
  const { metrics, ...settings } = readSettings(
    gatewaySchema(env.NODE_ENV),
    input,
    (name, problem) => new ConfigError(settingLabel(name as SettingName), problem),
  );
  return {
    kind: "start",
    config: {
      ...settings,
      http: readHttpSettings(env),
      access: readAccessSettings(env),
      telemetry: { metrics, tracing: readTracingSettings(env) },
    },
  };
}

/** The rules between values, and the defaults that depend on another setting. */
function gatewaySettings(values: GatewayValues, nodeEnv: string | undefined, ctx: z.RefinementCtx) {
  if (values.retryMaxDelayMs < values.retryBaseDelayMs) {
    return settingIssue(ctx, "retryMaxDelayMs", `must be at least ${settingLabel("retryBaseDelayMs")} (${values.retryBaseDelayMs}).`);
  }
  const client: UpstreamClientSettings = {
    signatureVersion: values.signatureVersion,
    timeoutMs: values.timeoutMs,
    connectTimeoutMs: values.connectTimeoutMs,
    retry: {
      maxAttempts: values.retryMaxAttempts,
      baseDelayMs: values.retryBaseDelayMs,
      maxDelayMs: values.retryMaxDelayMs,
      settleMs: values.retrySettleMs,
    },
  };
  const upstream =
    values.upstream === "emulator"
      ? {
          kind: "emulator" as const,
          dbPath: values.emulatorDb,
          worldPath: values.emulatorWorld,
          activity: values.emulatorActivity,
          client,
        }
      : aliyunSettings(values, client, ctx);
  const metrics = metricsSettings(values, ctx);
  if (upstream === z.NEVER || metrics === z.NEVER) return z.NEVER;
  return {
    host: values.host,
    port: values.port,
    logLevel: values.logLevel,
    upstream,
    limits: operationLimits(values, nodeEnv),
    metrics,
    shutdownTimeoutMs: values.shutdownTimeoutMs,
    ...(values.allowedHosts === undefined ? {} : { allowedHosts: values.allowedHosts }),
    rateLimits: {
      requests: values.rateLimitRequests,
      upstreamCalls: values.rateLimitUpstreamCalls,
      windowSeconds: values.rateLimitWindowSeconds,
      trustedProxyHops: values.trustProxyHops,
    },
    subscriptionCaps: { perSocket: values.maxSubscriptionsPerSocket, perProcess: values.maxSubscriptions },
    ...redisSettings(values),
  };
}

/** `{ redis }` when `ESS_GATEWAY_REDIS_URL` is set (the other Redis settings need it: `applicableInputs`). */
function redisSettings(values: GatewayValues): { redis?: RedisSettings } {
  if (values.redisUrl === undefined) return {};
  return {
    redis: {
      url: values.redisUrl,
      commandTimeoutMs: values.redisCommandTimeoutMs,
      replicas: values.replicas,
      leaseMs: values.redisLeaseMs,
    },
  };
}

/** `/metrics` exposure: its own port by default; the GraphQL port only behind a bearer token (docs/operations.md). */
function metricsSettings(values: GatewayValues, ctx: z.RefinementCtx): MetricsSettings | typeof z.NEVER {
  const { metrics: exposure, metricsMaxOperationNames: maxOperationNames } = values;
  if (exposure === "off") return { exposure };
  const token = values.metricsToken ?? null;
  if (exposure === "main") {
    if (token === null) {
      return settingIssue(
        ctx,
        "metrics",
        `main serves /metrics on the GraphQL port, which needs ${GATEWAY_SETTINGS.metricsToken.env} (or use separate).`,
      );
    }
    return { exposure, token, maxOperationNames };
  }
  const port = values.metricsPort ?? (values.port === 0 ? 0 : DEFAULT_METRICS_PORT);
  if (port !== 0 && port === values.port) {
    return settingIssue(
      ctx,
      "metricsPort",
      `must differ from ${settingLabel("port")} (${values.port}); use ${GATEWAY_SETTINGS.metrics.env}=main to serve both on one port.`,
    );
  }
  return { exposure, host: values.metricsHost ?? values.host, port, token, maxOperationNames };
}

function aliyunSettings(
  values: GatewayValues,
  client: UpstreamClientSettings,
  ctx: z.RefinementCtx,
): AliyunUpstreamSettings | typeof z.NEVER {
  const regionId = values.region;
  const credentials = credentialsOf(values, ctx);
  if (credentials === z.NEVER) return z.NEVER;
  const defaults = defaultEndpoints(regionId);
  const connection: AliyunUpstreamSettings["connection"] = {
    regionId,
    endpoints: {
      ess: values.essEndpoint ?? defaults.ess,
      ecs: values.ecsEndpoint ?? defaults.ecs,
      slb: values.slbEndpoint ?? defaults.slb,
      rds: values.rdsEndpoint ?? defaults.rds,
    },
    protocol: values.protocol,
    credentials,
  };
  // ESS_GATEWAY_REGIONS: distinct region IDs that include the main region, which comes first.
  const regions = values.regions ?? [regionId];
  if (!regions.includes(regionId)) {
    return settingIssue(ctx, "regions", `must include the main region ${regionId} (${settingLabel("region")}).`);
  }
  return { kind: "aliyun", connection, client, regionIds: [regionId, ...new Set(regions.filter((entry) => entry !== regionId))] };
}

function operationLimits(values: GatewayValues, nodeEnv: string | undefined): OperationLimits {
  return {
    maxDepth: values.maxDepth,
    maxAliases: values.maxAliases,
    maxDirectives: values.maxDirectives,
    maxCost: values.maxCost,
    maxTokens: values.maxTokens,
    maxListItems: values.maxListItems,
    // Up to the request body limit (1 MB): a larger document could not arrive anyway.
    maxDocumentBytes: values.maxDocumentBytes,
    maxUpstreamCalls: values.maxUpstreamCalls,
    introspection: values.introspection ?? nodeEnv !== "production",
  };
}

function credentialsOf(values: GatewayValues, ctx: z.RefinementCtx): UpstreamCredentials | typeof z.NEVER {
  const { accessKeyId, accessKeySecret, securityToken } = values;
  if (accessKeyId === undefined && accessKeySecret === undefined) {
    if (securityToken !== undefined) {
      return settingIssue(ctx, "securityToken", `needs ${GATEWAY_SETTINGS.accessKeyId.env} and ${GATEWAY_SETTINGS.accessKeySecret.env}.`);
    }
    return { kind: "defaultChain" };
  }
  if (accessKeyId === undefined) {
    return settingIssue(ctx, "accessKeyId", `is required when ${GATEWAY_SETTINGS.accessKeySecret.env} is set.`);
  }
  if (accessKeySecret === undefined) {
    return settingIssue(ctx, "accessKeySecret", `is required when ${GATEWAY_SETTINGS.accessKeyId.env} is set.`);
  }
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
