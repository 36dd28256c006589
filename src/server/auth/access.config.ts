import { isIP } from "node:net";
import { z } from "zod";
import {
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
  urlSetting,
  type SettingEntry,
} from "../../shared/config/setting.schemas";
import { ConfigError } from "../config/config.errors";

/**
 * Authentication, authorization, credential profiles and the audit trail (docs/security.md).
 * Read from the environment by `readAccessSettings`; every variable is listed in
 * `ACCESS_SETTINGS_USAGE` (for `--help`) and documented in docs/configuration.md.
 */
export interface AccessSettings {
  /** OIDC / JWT bearer tokens; null: not accepted. */
  oidc: OidcSettings | null;
  /** The API keys file (names and SHA-256 hashes only); null: API keys are not accepted. */
  apiKeysFile: string | null;
  /** Identity from a header set by an authenticating proxy; null (the default): never trusted. */
  trustedHeader: TrustedHeaderSettings | null;
  /** Who may do what, as whom (docs/security.md "Policy file"). Required once any authentication is configured. */
  policyFile: string | null;
  /** Named credential profiles the policy maps principals to; null: only the `default` profile (the gateway's own credentials). */
  profilesFile: string | null;
  audit: AuditSettings;
  /** `NODE_ENV=production`: authentication is then required whatever the address. */
  production: boolean;
}

export interface OidcSettings {
  /** Compared exactly with the token's `iss`. */
  issuer: string;
  /** The token's `aud` must contain this. */
  audience: string;
  /** Where the issuer's keys are; absent with `jwksFile`: discovered from `<issuer>/.well-known/openid-configuration`. */
  jwksUrl: string | null;
  /** A local JWKS file instead of the issuer's URL. */
  jwksFile: string | null;
  /** Accepted `alg` values: asymmetric only (no `none`, no HS*: a public key must never verify an HMAC). */
  algorithms: readonly string[];
  clockToleranceSeconds: number;
  /** The claim holding the caller's groups or roles (an array of strings, or one string). */
  groupsClaim: string;
  /** An unknown `kid` refetches the remote JWKS at most this often (a flood of forged kids cannot hammer the issuer). */
  jwksRefreshCooldownSeconds: number;
}

interface TrustedHeaderSettings {
  /** Header naming the principal, e.g. `x-forwarded-user`. */
  header: string;
  /** Header with comma-separated groups; null: none. */
  groupsHeader: string | null;
  /** Only requests from these addresses may use the headers (exact IPs). */
  proxies: readonly string[];
}

export type AuditSettings = { sink: "stdout" } | { sink: "file"; path: string };

/** Asymmetric JWS algorithms the gateway can accept. */
const ASYMMETRIC_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"] as const;

const ACCESS_SETTINGS_DEFAULTS = {
  algorithms: ["RS256", "PS256", "ES256", "EdDSA"],
  clockToleranceSeconds: 30,
  jwksRefreshCooldownSeconds: 30,
  groupsClaim: "groups",
  audit: "stdout",
} as const;

interface AccessSettingSpec extends SettingEntry {
  env: string;
  help: string;
}

// The wording of a bad access setting; ConfigError puts the variable's name in front.
const seconds = (max: number) =>
  integerSetting({ min: 0, max }, (raw) => `expected a whole number from 0 to ${max}, got ${JSON.stringify(raw)}.`);
const httpUrl = (problem: string) => urlSetting(["https:", "http:"], { notUrl: () => problem, protocol: () => problem });
const HEADER_NAME = /^[a-z0-9-]{1,64}$/;
const headerName = (problem: (header: string) => string) => z.string().toLowerCase().pipe(patternSetting(HEADER_NAME, problem));

/** Every access variable once: `--help` and the reader both come from here (all environment-only: some name files with secrets). */
const ACCESS_SETTINGS = {
  oidcIssuer: {
    env: "ESS_GATEWAY_AUTH_OIDC_ISSUER",
    help: "accept JWT bearer tokens from this OIDC issuer (exact iss)",
    defaultText: "(none)",
    schema: httpUrl("must be an http(s) URL (the exact `iss` of the tokens)."),
  },
  oidcAudience: {
    env: "ESS_GATEWAY_AUTH_OIDC_AUDIENCE",
    help: "required aud of tokens (with the issuer)",
    defaultText: "(none)",
    schema: textSetting(),
  },
  oidcJwksUrl: {
    env: "ESS_GATEWAY_AUTH_OIDC_JWKS_URL",
    help: "the issuer's JWKS URL",
    defaultText: "(discovered from the issuer)",
    schema: httpUrl("must be an http(s) URL."),
  },
  oidcJwksFile: {
    env: "ESS_GATEWAY_AUTH_OIDC_JWKS_FILE",
    help: "a local JWKS file instead of the URL",
    defaultText: "(none)",
    schema: textSetting(),
  },
  oidcAlgorithms: {
    env: "ESS_GATEWAY_AUTH_OIDC_ALGORITHMS",
    help: "accepted alg values, asymmetric only",
    default: ACCESS_SETTINGS_DEFAULTS.algorithms.join(","),
    schema: listSetting(
      oneOfSetting(
        ASYMMETRIC_ALGORITHMS,
        (raw) => `${JSON.stringify(raw)} is not accepted; use asymmetric algorithms only: ${ASYMMETRIC_ALGORITHMS.join(", ")}.`,
      ),
      { empty: "names no algorithm." },
    ),
  },
  oidcClockTolerance: {
    env: "ESS_GATEWAY_AUTH_OIDC_CLOCK_TOLERANCE_S",
    help: "leeway for exp/nbf",
    default: ACCESS_SETTINGS_DEFAULTS.clockToleranceSeconds,
    schema: seconds(300),
  },
  oidcJwksCooldown: {
    env: "ESS_GATEWAY_AUTH_OIDC_JWKS_COOLDOWN_S",
    help: "least time between two JWKS refetches for unknown kids",
    default: ACCESS_SETTINGS_DEFAULTS.jwksRefreshCooldownSeconds,
    schema: seconds(3600),
  },
  oidcGroupsClaim: {
    env: "ESS_GATEWAY_AUTH_OIDC_GROUPS_CLAIM",
    help: "claim with the caller's groups/roles",
    default: ACCESS_SETTINGS_DEFAULTS.groupsClaim,
    schema: textSetting(),
  },
  apiKeysFile: {
    env: "ESS_GATEWAY_AUTH_API_KEYS_FILE",
    help: "API keys file (names + SHA-256 hashes; reloaded on SIGHUP)",
    defaultText: "(none)",
    schema: textSetting(),
  },
  trustedHeader: {
    env: "ESS_GATEWAY_AUTH_TRUSTED_HEADER",
    help: "header naming the principal, set by an authenticating proxy",
    defaultText: "(off)",
    schema: headerName((header) => `${JSON.stringify(header)} is not a usable header name.`).refine(
      (header) => header !== "authorization",
      {
        error: `"authorization" is not a usable header name.`,
      },
    ),
  },
  trustedGroupsHeader: {
    env: "ESS_GATEWAY_AUTH_TRUSTED_GROUPS_HEADER",
    help: "header with the principal's comma-separated groups",
    defaultText: "(none)",
    schema: headerName((header) => `${JSON.stringify(header)} is not a header name.`),
  },
  trustedProxies: {
    env: "ESS_GATEWAY_AUTH_TRUSTED_PROXIES",
    help: "comma list of proxy IPs allowed to send the trusted headers",
    defaultText: "(none)",
    schema: listSetting(
      z.string().refine((proxy) => isIP(proxy) !== 0, { error: (issue) => `${JSON.stringify(issue.input)} is not an IP address.` }),
    ),
  },
  policyFile: {
    env: "ESS_GATEWAY_POLICY_FILE",
    help: "policy (JSON or YAML): principals -> profile + grants; reloaded on SIGHUP",
    defaultText: "(none: no auth, loopback only)",
    schema: textSetting(),
  },
  profilesFile: {
    env: "ESS_GATEWAY_PROFILES_FILE",
    help: "named credential profiles (JSON or YAML)",
    defaultText: "(only the default profile)",
    schema: textSetting(),
  },
  auditLog: {
    env: "ESS_GATEWAY_AUDIT_LOG",
    help: "audit sink: stdout, or a file path (JSON lines, fsync per record)",
    default: ACCESS_SETTINGS_DEFAULTS.audit,
    schema: textSetting(),
  },
} as const satisfies Record<string, AccessSettingSpec>;

type AccessSettingName = keyof typeof ACCESS_SETTINGS;
const ACCESS_SETTING_NAMES = Object.keys(ACCESS_SETTINGS) as AccessSettingName[];
const ACCESS_VALUES = settingsSchema(ACCESS_SETTINGS);
type AccessValues = z.output<typeof ACCESS_VALUES>;

/** The variables `readAccessSettings` reads, for `--help`. */
export const ACCESS_SETTINGS_USAGE: ReadonlyArray<{ env: string; help: string; defaultText: string }> = Object.values(ACCESS_SETTINGS).map(
  (spec: AccessSettingSpec) => ({ env: spec.env, help: spec.help, defaultText: settingDefaultText(spec) }),
);

/** The settings each method's first setting must be there for: given alone, they are refused. */
const NEEDS = {
  oidcIssuer: ["oidcAudience", "oidcJwksUrl", "oidcJwksFile", "oidcAlgorithms"],
  trustedHeader: ["trustedGroupsHeader", "trustedProxies"],
} as const satisfies Partial<Record<AccessSettingName, AccessSettingName[]>>;
/** Settings of the OIDC method that are not read (whatever their value) when there is no issuer. */
const UNREAD_WITHOUT_ISSUER = ["oidcClockTolerance", "oidcJwksCooldown", "oidcGroupsClaim"] as const satisfies AccessSettingName[];

/** Which settings apply, decided before any value is read: a method's setting without the method is refused. */
type AccessInputs = Partial<Record<AccessSettingName, string>>;

function applicableInputs(input: AccessInputs, ctx: z.RefinementCtx): AccessInputs {
  for (const [method, dependents] of Object.entries(NEEDS) as Array<[AccessSettingName, readonly AccessSettingName[]]>) {
    if (input[method] !== undefined) continue;
    const given = dependents.find((name) => input[name] !== undefined);
    if (given !== undefined) return settingIssue(ctx, given, `needs ${ACCESS_SETTINGS[method].env}.`);
  }
  if (input.oidcIssuer !== undefined) return input;
  return { ...input, ...Object.fromEntries(UNREAD_WITHOUT_ISSUER.map((name) => [name, undefined])) };
}

const ACCESS_SCHEMA = z
  .record(z.string(), z.string().optional())
  .pipe(z.transform((input, ctx) => applicableInputs(input as AccessInputs, ctx)))
  .pipe(ACCESS_VALUES)
  .pipe(z.transform(accessSettings));

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the access settings from `env`. Throws `ConfigError` naming the variable.
 */
export function readAccessSettings(env: Env): AccessSettings {
  return {
    production: env.NODE_ENV === "production",
    ...readSettings(
      ACCESS_SCHEMA,
      settingInputs(ACCESS_SETTING_NAMES, (name) => env[ACCESS_SETTINGS[name].env]),
      (name, problem) => new ConfigError(ACCESS_SETTINGS[name as AccessSettingName].env, problem),
    ),
  };
}

/** The rules between values: what each method requires, and a policy exactly when something authenticates. */
function accessSettings(values: AccessValues, ctx: z.RefinementCtx): Omit<AccessSettings, "production"> {
  const oidc = oidcSettings(values, ctx);
  const trustedHeader = trustedHeaderSettings(values, ctx);
  if (oidc === z.NEVER || trustedHeader === z.NEVER) return z.NEVER;
  const apiKeysFile = values.apiKeysFile ?? null;
  const policyFile = values.policyFile ?? null;
  const authenticates = oidc !== null || apiKeysFile !== null || trustedHeader !== null;
  if (authenticates && policyFile === null) {
    return settingIssue(ctx, "policyFile", "is required once authentication is configured (it says what each principal may do).");
  }
  if (!authenticates && policyFile !== null) {
    return settingIssue(
      ctx,
      "policyFile",
      `needs an authentication method to identify principals: ${ACCESS_SETTINGS.apiKeysFile.env}, ${ACCESS_SETTINGS.oidcIssuer.env} or ${ACCESS_SETTINGS.trustedHeader.env}.`,
    );
  }
  return {
    oidc,
    apiKeysFile,
    trustedHeader,
    policyFile,
    profilesFile: values.profilesFile ?? null,
    audit: values.auditLog === "stdout" ? { sink: "stdout" } : { sink: "file", path: values.auditLog },
  };
}

function oidcSettings(values: AccessValues, ctx: z.RefinementCtx): OidcSettings | null {
  const issuer = values.oidcIssuer;
  if (issuer === undefined) return null;
  if (values.oidcAudience === undefined) {
    return settingIssue(
      ctx,
      "oidcAudience",
      `is required with ${ACCESS_SETTINGS.oidcIssuer.env} (a token for another API must not be accepted here).`,
    );
  }
  const jwksUrl = values.oidcJwksUrl ?? null;
  const jwksFile = values.oidcJwksFile ?? null;
  if (jwksUrl !== null && jwksFile !== null) {
    return settingIssue(ctx, "oidcJwksFile", `conflicts with ${ACCESS_SETTINGS.oidcJwksUrl.env} (set one).`);
  }
  return {
    issuer,
    audience: values.oidcAudience,
    jwksUrl,
    jwksFile,
    algorithms: values.oidcAlgorithms,
    clockToleranceSeconds: values.oidcClockTolerance,
    jwksRefreshCooldownSeconds: values.oidcJwksCooldown,
    groupsClaim: values.oidcGroupsClaim,
  };
}

function trustedHeaderSettings(values: AccessValues, ctx: z.RefinementCtx): TrustedHeaderSettings | null {
  const header = values.trustedHeader;
  if (header === undefined) return null;
  const proxies = values.trustedProxies ?? [];
  if (proxies.length === 0) {
    return settingIssue(
      ctx,
      "trustedProxies",
      `is required with ${ACCESS_SETTINGS.trustedHeader.env}: only those addresses may assert an identity.`,
    );
  }
  return { header, groupsHeader: values.trustedGroupsHeader ?? null, proxies };
}

/** Whether the settings turn authentication on (else the gateway serves the anonymous principal, loopback only). */
export function authenticationConfigured(settings: AccessSettings | undefined): settings is AccessSettings & { policyFile: string } {
  return settings !== undefined && settings.policyFile !== null;
}

/**
 * The secure defaults, checked when the gateway starts: without any authentication it may only
 * listen on a loopback address, and never with `NODE_ENV=production`. Throws `ConfigError` naming
 * the setting to add.
 */
export function assertSecureDefaults(settings: AccessSettings | undefined, host: string): void {
  const authenticates = authenticationConfigured(settings);
  if (!authenticates && settings?.production === true) {
    throw new ConfigError(
      "ESS_GATEWAY_POLICY_FILE",
      "NODE_ENV=production requires authentication: set ESS_GATEWAY_POLICY_FILE and ESS_GATEWAY_AUTH_API_KEYS_FILE or ESS_GATEWAY_AUTH_OIDC_ISSUER (docs/security.md).",
    );
  }
  if (!authenticates && !isLoopbackHost(host)) {
    throw new ConfigError(
      "ESS_GATEWAY_POLICY_FILE",
      `HOST ${JSON.stringify(host)} is not a loopback address, and without authentication anyone who reaches the port acts with the gateway's cloud credentials: set ESS_GATEWAY_POLICY_FILE and ESS_GATEWAY_AUTH_API_KEYS_FILE or ESS_GATEWAY_AUTH_OIDC_ISSUER (docs/security.md), or listen on 127.0.0.1.`,
    );
  }
}

/** 127.0.0.0/8, ::1 and `localhost`. */
function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (bare === "localhost") return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  return bare === "::1" || bare === "::ffff:127.0.0.1";
}
