import { ConfigError } from "../config/config.errors";

/**
 * The gateway's HTTP-facing settings: CORS, the IDE, persisted queries, readiness and
 * subscription polling. Read from the environment by `readHttpSettings`; documented in
 * docs/http.md and docs/ide.md.
 */
export interface HttpSettings {
  cors: CorsSettings;
  ide: IdeSettings;
  persistedQueries: PersistedQuerySettings;
  readiness: ReadinessSettings;
  subscriptions: SubscriptionSettings;
}

export interface CorsSettings {
  /**
   * Exact origins (`scheme://host[:port]`) allowed to call the gateway from a browser. Empty: no
   * cross-origin access (same-origin pages such as the bundled IDE need none). `["*"]`: any origin.
   */
  allowedOrigins: readonly string[];
  /** How long browsers may cache a preflight answer, in seconds. */
  preflightMaxAgeSeconds: number;
}

interface IdeSettings {
  enabled: boolean;
  /** Where the IDE is served besides `GET /graphql` for browsers. */
  path: string;
}

export interface PersistedQuerySettings {
  /** Apollo's Automatic Persisted Queries. */
  enabled: boolean;
  /** How long a registered query is kept; null: until the cache evicts it (LRU). */
  ttlSeconds: number | null;
}

interface ReadinessSettings {
  /** How long one upstream probe result is reused, so probes cannot hammer the upstream. */
  cacheMs: number;
  /** A probe that takes longer counts as "not ready". */
  timeoutMs: number;
}

interface SubscriptionSettings {
  /** Pause between upstream reads of a watched scaling activity. */
  activityPollIntervalMs: number;
  /** A watch ends (the subscription completes) after this long, even if the activity has not. */
  activityMaxWatchMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

interface HttpSettingSpec {
  env: string;
  help: string;
  default?: string | number | boolean;
  /** Shown in `--help` instead of `default` when that is absent or depends on something else. */
  defaultText?: string;
}

interface IntegerHttpSettingSpec extends HttpSettingSpec {
  default?: number;
  min: number;
  max: number;
}

/**
 * Every HTTP setting once: its variable, its `--help` line, its default and its bounds. The reader
 * and `HTTP_SETTINGS_USAGE` both come from here, so a default cannot differ between them.
 */
const HTTP_SETTINGS = {
  corsOrigins: { env: "ESS_GATEWAY_CORS_ORIGINS", help: "comma-separated origins allowed from browsers, or *", defaultText: "(none)" },
  corsMaxAge: { env: "ESS_GATEWAY_CORS_MAX_AGE_SECONDS", help: "preflight cache lifetime", default: 600, min: 0, max: 86_400 },
  ideEnabled: { env: "ESS_GATEWAY_IDE_ENABLED", help: "serve the GraphiQL IDE", defaultText: "true (false with NODE_ENV=production)" },
  idePath: { env: "ESS_GATEWAY_IDE_PATH", help: "the IDE's own path", default: "/ide" },
  apqEnabled: { env: "ESS_GATEWAY_APQ_ENABLED", help: "automatic persisted queries", default: true },
  apqTtl: {
    env: "ESS_GATEWAY_APQ_TTL_SECONDS",
    help: "how long a persisted query is kept",
    defaultText: "(until LRU eviction)",
    min: 1,
    max: 31_536_000,
  },
  readinessCache: {
    env: "ESS_GATEWAY_READINESS_CACHE_MS",
    help: "reuse of one /readyz probe result",
    default: 5_000,
    min: 0,
    max: 600_000,
  },
  readinessTimeout: {
    env: "ESS_GATEWAY_READINESS_TIMEOUT_MS",
    help: "a slower /readyz probe means not ready",
    default: 3_000,
    min: 100,
    max: 60_000,
  },
  activityPoll: {
    env: "ESS_GATEWAY_ACTIVITY_POLL_MS",
    help: "scalingActivityUpdates polling interval",
    default: 1_000,
    min: 50,
    max: 60_000,
  },
  activityMax: {
    env: "ESS_GATEWAY_ACTIVITY_MAX_MS",
    help: "scalingActivityUpdates completes after this",
    default: 3_600_000,
    min: 1_000,
    max: 86_400_000,
  },
} as const satisfies Record<string, HttpSettingSpec | IntegerHttpSettingSpec>;

export const HTTP_SETTINGS_DEFAULTS = {
  idePath: HTTP_SETTINGS.idePath.default,
  preflightMaxAgeSeconds: HTTP_SETTINGS.corsMaxAge.default,
  readinessCacheMs: HTTP_SETTINGS.readinessCache.default,
  readinessTimeoutMs: HTTP_SETTINGS.readinessTimeout.default,
  activityPollIntervalMs: HTTP_SETTINGS.activityPoll.default,
  activityMaxWatchMs: HTTP_SETTINGS.activityMax.default,
} as const;

/** The variables `readHttpSettings` reads, for `--help` (all environment-only). */
export const HTTP_SETTINGS_USAGE: ReadonlyArray<{ env: string; help: string; defaultText: string }> = Object.values(HTTP_SETTINGS).map(
  (spec: HttpSettingSpec) => ({ env: spec.env, help: spec.help, defaultText: spec.defaultText ?? String(spec.default) }),
);

/**
 * Reads the HTTP settings from `env`. Throws `ConfigError` (naming the variable) on the first unusable value.
 *
 * The IDE defaults to on, except with `NODE_ENV=production`, where it defaults to off (as Apollo
 * does with introspection); `ESS_GATEWAY_IDE_ENABLED` overrides either way.
 */
export function readHttpSettings(env: Env): HttpSettings {
  return {
    cors: {
      allowedOrigins: readOrigins(env, HTTP_SETTINGS.corsOrigins.env),
      preflightMaxAgeSeconds: readInteger(env, HTTP_SETTINGS.corsMaxAge),
    },
    ide: {
      enabled: readBoolean(env, HTTP_SETTINGS.ideEnabled.env, env.NODE_ENV !== "production"),
      path: readPath(env, HTTP_SETTINGS.idePath.env, HTTP_SETTINGS_DEFAULTS.idePath),
    },
    persistedQueries: {
      enabled: readBoolean(env, HTTP_SETTINGS.apqEnabled.env, HTTP_SETTINGS.apqEnabled.default),
      ttlSeconds: readOptionalInteger(env, HTTP_SETTINGS.apqTtl),
    },
    readiness: {
      cacheMs: readInteger(env, HTTP_SETTINGS.readinessCache),
      timeoutMs: readInteger(env, HTTP_SETTINGS.readinessTimeout),
    },
    subscriptions: {
      activityPollIntervalMs: readInteger(env, HTTP_SETTINGS.activityPoll),
      activityMaxWatchMs: readInteger(env, HTTP_SETTINGS.activityMax),
    },
  };
}

function readBoolean(env: Env, variable: string, fallback: boolean): boolean {
  const raw = env[variable]?.trim().toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (raw === "true" || raw === "1") return true;
  if (raw === "false" || raw === "0") return false;
  throw new ConfigError(variable, `expected true, false, 1 or 0, got ${JSON.stringify(env[variable])}`);
}

function readInteger(env: Env, spec: IntegerHttpSettingSpec & { default: number }): number {
  return readOptionalInteger(env, spec) ?? spec.default;
}

/** null when the variable is unset or empty. */
function readOptionalInteger(env: Env, { env: variable, min, max }: IntegerHttpSettingSpec): number | null {
  const raw = env[variable]?.trim();
  if (raw === undefined || raw === "") return null;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(variable, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(env[variable])}`);
  }
  return Number(raw);
}

function readPath(env: Env, variable: string, fallback: string): string {
  const raw = env[variable]?.trim();
  if (raw === undefined || raw === "") return fallback;
  if (!/^\/[A-Za-z0-9._~/-]*$/.test(raw) || raw === "/" || raw.includes("//")) {
    throw new ConfigError(variable, `expected an absolute URL path such as "/ide", got ${JSON.stringify(raw)}`);
  }
  return raw.length > 1 && raw.endsWith("/") ? raw.slice(0, -1) : raw;
}

/** Origins are compared exactly (browsers send them normalized), so each entry must already be one. */
function readOrigins(env: Env, variable: string): string[] {
  const raw = env[variable]?.trim();
  if (raw === undefined || raw === "") return [];
  const entries = raw
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.includes("*")) {
    if (entries.length > 1) throw new ConfigError(variable, `"*" allows every origin and cannot be combined with a list`);
    return ["*"];
  }
  return entries.map((entry) => {
    let origin: string;
    try {
      origin = new URL(entry).origin;
    } catch {
      throw new ConfigError(variable, `${JSON.stringify(entry)} is not an origin such as https://console.example.com`);
    }
    if (origin !== entry.replace(/\/$/, "") || origin === "null") {
      throw new ConfigError(
        variable,
        `${JSON.stringify(entry)} is not an origin: use scheme://host[:port] with no path (the origin is ${JSON.stringify(origin)})`,
      );
    }
    return origin;
  });
}
