import { z } from "zod";
import {
  booleanSetting,
  integerSetting,
  listSetting,
  patternSetting,
  readSettings,
  settingDefaultText,
  settingInputs,
  settingsSchema,
  type SettingEntry,
} from "../../shared/config/setting.schemas";
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

interface HttpSettingSpec extends SettingEntry {
  env: string;
  help: string;
}

// The wording of a bad HTTP setting; ConfigError puts the variable's name in front.
const integer = (min: number, max: number) =>
  integerSetting({ min, max }, (raw) => `expected a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
const boolean = () => booleanSetting((raw) => `expected true, false, 1 or 0, got ${JSON.stringify(raw)}`);
/** An absolute path other than `/`, without `//`; a trailing `/` is dropped. */
const urlPath = () =>
  patternSetting(
    /^\/(?!.*\/\/)[A-Za-z0-9._~-][A-Za-z0-9._~/-]*$/,
    (raw) => `expected an absolute URL path such as "/ide", got ${JSON.stringify(raw)}`,
  ).transform((path) => (path.endsWith("/") ? path.slice(0, -1) : path));
/** Origins are compared exactly (browsers send them normalized), so each entry must already be one. */
const origin = () =>
  z
    .string()
    .refine((entry) => URL.canParse(entry), {
      error: (issue) => `${JSON.stringify(issue.input)} is not an origin such as https://console.example.com`,
    })
    .transform((entry) => ({ entry, origin: new URL(entry).origin }))
    .refine(({ entry, origin }) => origin === entry.replace(/\/$/, "") && origin !== "null", {
      error: (issue) => {
        const { entry, origin } = issue.input as { entry: string; origin: string };
        return `${JSON.stringify(entry)} is not an origin: use scheme://host[:port] with no path (the origin is ${JSON.stringify(origin)})`;
      },
    })
    .transform(({ origin }) => origin);

/**
 * Every HTTP setting once: its variable, its `--help` line, its default and its schema. The reader
 * and `HTTP_SETTINGS_USAGE` both come from here, so a default cannot differ between them.
 */
const HTTP_SETTINGS = {
  corsOrigins: {
    env: "ESS_GATEWAY_CORS_ORIGINS",
    help: "comma-separated origins allowed from browsers, or *",
    defaultText: "(none)",
    schema: listSetting(origin(), { alone: { entry: "*", problem: `"*" allows every origin and cannot be combined with a list` } }),
  },
  corsMaxAge: { env: "ESS_GATEWAY_CORS_MAX_AGE_SECONDS", help: "preflight cache lifetime", default: 600, schema: integer(0, 86_400) },
  ideEnabled: {
    env: "ESS_GATEWAY_IDE_ENABLED",
    help: "serve the GraphiQL IDE",
    defaultText: "true (false with NODE_ENV=production)",
    schema: boolean(),
  },
  idePath: { env: "ESS_GATEWAY_IDE_PATH", help: "the IDE's own path", default: "/ide", schema: urlPath() },
  apqEnabled: { env: "ESS_GATEWAY_APQ_ENABLED", help: "automatic persisted queries", default: true, schema: boolean() },
  apqTtl: {
    env: "ESS_GATEWAY_APQ_TTL_SECONDS",
    help: "how long a persisted query is kept",
    defaultText: "(until LRU eviction)",
    schema: integer(1, 31_536_000),
  },
  readinessCache: {
    env: "ESS_GATEWAY_READINESS_CACHE_MS",
    help: "reuse of one /readyz probe result",
    default: 5_000,
    schema: integer(0, 600_000),
  },
  readinessTimeout: {
    env: "ESS_GATEWAY_READINESS_TIMEOUT_MS",
    help: "a slower /readyz probe means not ready",
    default: 3_000,
    schema: integer(100, 60_000),
  },
  activityPoll: {
    env: "ESS_GATEWAY_ACTIVITY_POLL_MS",
    help: "scalingActivityUpdates polling interval",
    default: 1_000,
    schema: integer(50, 60_000),
  },
  activityMax: {
    env: "ESS_GATEWAY_ACTIVITY_MAX_MS",
    help: "scalingActivityUpdates completes after this",
    default: 3_600_000,
    schema: integer(1_000, 86_400_000),
  },
} as const satisfies Record<string, HttpSettingSpec>;

type HttpSettingName = keyof typeof HTTP_SETTINGS;
const HTTP_VALUES = settingsSchema(HTTP_SETTINGS);

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
  (spec: HttpSettingSpec) => ({ env: spec.env, help: spec.help, defaultText: settingDefaultText(spec) }),
);

/**
 * Reads the HTTP settings from `env`. Throws `ConfigError` (naming the variable) on the first unusable value.
 *
 * The IDE defaults to on, except with `NODE_ENV=production`, where it defaults to off (as Apollo
 * does with introspection); `ESS_GATEWAY_IDE_ENABLED` overrides either way.
 */
export function readHttpSettings(env: Env): HttpSettings {
  const names = Object.keys(HTTP_SETTINGS) as HttpSettingName[];
  const values = readSettings(
    HTTP_VALUES,
    settingInputs(names, (name) => env[HTTP_SETTINGS[name].env]),
    (name, problem) => new ConfigError(HTTP_SETTINGS[name as HttpSettingName].env, problem),
  );
  return {
    cors: { allowedOrigins: values.corsOrigins ?? [], preflightMaxAgeSeconds: values.corsMaxAge },
    ide: { enabled: values.ideEnabled ?? env.NODE_ENV !== "production", path: values.idePath },
    persistedQueries: { enabled: values.apqEnabled, ttlSeconds: values.apqTtl ?? null },
    readiness: { cacheMs: values.readinessCache, timeoutMs: values.readinessTimeout },
    subscriptions: { activityPollIntervalMs: values.activityPoll, activityMaxWatchMs: values.activityMax },
  };
}
