import { isIP } from "node:net";
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

/** The variables `readAccessSettings` reads, for `--help` (all environment-only: some name files with secrets). */
export const ACCESS_SETTINGS_USAGE: ReadonlyArray<{ env: string; help: string; defaultText: string }> = [
  { env: "ESS_GATEWAY_AUTH_OIDC_ISSUER", help: "accept JWT bearer tokens from this OIDC issuer (exact iss)", defaultText: "(none)" },
  { env: "ESS_GATEWAY_AUTH_OIDC_AUDIENCE", help: "required aud of tokens (with the issuer)", defaultText: "(none)" },
  { env: "ESS_GATEWAY_AUTH_OIDC_JWKS_URL", help: "the issuer's JWKS URL", defaultText: "(discovered from the issuer)" },
  { env: "ESS_GATEWAY_AUTH_OIDC_JWKS_FILE", help: "a local JWKS file instead of the URL", defaultText: "(none)" },
  {
    env: "ESS_GATEWAY_AUTH_OIDC_ALGORITHMS",
    help: "accepted alg values, asymmetric only",
    defaultText: ACCESS_SETTINGS_DEFAULTS.algorithms.join(","),
  },
  {
    env: "ESS_GATEWAY_AUTH_OIDC_CLOCK_TOLERANCE_S",
    help: "leeway for exp/nbf",
    defaultText: String(ACCESS_SETTINGS_DEFAULTS.clockToleranceSeconds),
  },
  {
    env: "ESS_GATEWAY_AUTH_OIDC_JWKS_COOLDOWN_S",
    help: "least time between two JWKS refetches for unknown kids",
    defaultText: String(ACCESS_SETTINGS_DEFAULTS.jwksRefreshCooldownSeconds),
  },
  {
    env: "ESS_GATEWAY_AUTH_OIDC_GROUPS_CLAIM",
    help: "claim with the caller's groups/roles",
    defaultText: ACCESS_SETTINGS_DEFAULTS.groupsClaim,
  },
  { env: "ESS_GATEWAY_AUTH_API_KEYS_FILE", help: "API keys file (names + SHA-256 hashes; reloaded on SIGHUP)", defaultText: "(none)" },
  { env: "ESS_GATEWAY_AUTH_TRUSTED_HEADER", help: "header naming the principal, set by an authenticating proxy", defaultText: "(off)" },
  { env: "ESS_GATEWAY_AUTH_TRUSTED_GROUPS_HEADER", help: "header with the principal's comma-separated groups", defaultText: "(none)" },
  { env: "ESS_GATEWAY_AUTH_TRUSTED_PROXIES", help: "comma list of proxy IPs allowed to send the trusted headers", defaultText: "(none)" },
  {
    env: "ESS_GATEWAY_POLICY_FILE",
    help: "policy (JSON or YAML): principals -> profile + grants; reloaded on SIGHUP",
    defaultText: "(none: no auth, loopback only)",
  },
  { env: "ESS_GATEWAY_PROFILES_FILE", help: "named credential profiles (JSON or YAML)", defaultText: "(only the default profile)" },
  {
    env: "ESS_GATEWAY_AUDIT_LOG",
    help: "audit sink: stdout, or a file path (JSON lines, fsync per record)",
    defaultText: ACCESS_SETTINGS_DEFAULTS.audit,
  },
];

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the access settings from `env`. Throws `ConfigError` naming the variable.
 */
export function readAccessSettings(env: Env): AccessSettings {
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === "" ? undefined : raw;
  };
  const oidc = readOidc(value);
  const apiKeysFile = value("ESS_GATEWAY_AUTH_API_KEYS_FILE") ?? null;
  const trustedHeader = readTrustedHeader(value);
  const policyFile = value("ESS_GATEWAY_POLICY_FILE") ?? null;
  const authenticates = oidc !== null || apiKeysFile !== null || trustedHeader !== null;

  if (authenticates && policyFile === null) {
    throw new ConfigError("ESS_GATEWAY_POLICY_FILE", "is required once authentication is configured (it says what each principal may do).");
  }
  if (!authenticates && policyFile !== null) {
    throw new ConfigError(
      "ESS_GATEWAY_POLICY_FILE",
      "needs an authentication method to identify principals: ESS_GATEWAY_AUTH_API_KEYS_FILE, ESS_GATEWAY_AUTH_OIDC_ISSUER or ESS_GATEWAY_AUTH_TRUSTED_HEADER.",
    );
  }
  const auditLog = value("ESS_GATEWAY_AUDIT_LOG") ?? ACCESS_SETTINGS_DEFAULTS.audit;
  return {
    production: env.NODE_ENV === "production",
    oidc,
    apiKeysFile,
    trustedHeader,
    policyFile,
    profilesFile: value("ESS_GATEWAY_PROFILES_FILE") ?? null,
    audit: auditLog === "stdout" ? { sink: "stdout" } : { sink: "file", path: auditLog },
  };
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

function readOidc(value: (name: string) => string | undefined): OidcSettings | null {
  const issuer = value("ESS_GATEWAY_AUTH_OIDC_ISSUER");
  const audience = value("ESS_GATEWAY_AUTH_OIDC_AUDIENCE");
  const others = ["ESS_GATEWAY_AUTH_OIDC_JWKS_URL", "ESS_GATEWAY_AUTH_OIDC_JWKS_FILE", "ESS_GATEWAY_AUTH_OIDC_ALGORITHMS"].filter(
    (name) => value(name) !== undefined,
  );
  if (issuer === undefined) {
    if (audience !== undefined || others.length > 0)
      throw new ConfigError(audience !== undefined ? "ESS_GATEWAY_AUTH_OIDC_AUDIENCE" : others[0]!, "needs ESS_GATEWAY_AUTH_OIDC_ISSUER.");
    return null;
  }
  if (!isUrl(issuer)) throw new ConfigError("ESS_GATEWAY_AUTH_OIDC_ISSUER", "must be an http(s) URL (the exact `iss` of the tokens).");
  if (audience === undefined)
    throw new ConfigError(
      "ESS_GATEWAY_AUTH_OIDC_AUDIENCE",
      "is required with ESS_GATEWAY_AUTH_OIDC_ISSUER (a token for another API must not be accepted here).",
    );
  const jwksUrl = value("ESS_GATEWAY_AUTH_OIDC_JWKS_URL") ?? null;
  const jwksFile = value("ESS_GATEWAY_AUTH_OIDC_JWKS_FILE") ?? null;
  if (jwksUrl !== null && !isUrl(jwksUrl)) throw new ConfigError("ESS_GATEWAY_AUTH_OIDC_JWKS_URL", "must be an http(s) URL.");
  if (jwksUrl !== null && jwksFile !== null)
    throw new ConfigError("ESS_GATEWAY_AUTH_OIDC_JWKS_FILE", "conflicts with ESS_GATEWAY_AUTH_OIDC_JWKS_URL (set one).");
  const algorithms = (value("ESS_GATEWAY_AUTH_OIDC_ALGORITHMS")?.split(",") ?? [...ACCESS_SETTINGS_DEFAULTS.algorithms])
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  for (const algorithm of algorithms) {
    if (!(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(algorithm)) {
      throw new ConfigError(
        "ESS_GATEWAY_AUTH_OIDC_ALGORITHMS",
        `${JSON.stringify(algorithm)} is not accepted; use asymmetric algorithms only: ${ASYMMETRIC_ALGORITHMS.join(", ")}.`,
      );
    }
  }
  if (algorithms.length === 0) throw new ConfigError("ESS_GATEWAY_AUTH_OIDC_ALGORITHMS", "names no algorithm.");
  const seconds = (name: string, fallback: number, max: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) > max)
      throw new ConfigError(name, `expected a whole number from 0 to ${max}, got ${JSON.stringify(raw)}.`);
    return Number(raw);
  };
  return {
    issuer,
    audience,
    jwksUrl,
    jwksFile,
    algorithms,
    clockToleranceSeconds: seconds("ESS_GATEWAY_AUTH_OIDC_CLOCK_TOLERANCE_S", ACCESS_SETTINGS_DEFAULTS.clockToleranceSeconds, 300),
    jwksRefreshCooldownSeconds: seconds("ESS_GATEWAY_AUTH_OIDC_JWKS_COOLDOWN_S", ACCESS_SETTINGS_DEFAULTS.jwksRefreshCooldownSeconds, 3600),
    groupsClaim: value("ESS_GATEWAY_AUTH_OIDC_GROUPS_CLAIM") ?? ACCESS_SETTINGS_DEFAULTS.groupsClaim,
  };
}

function readTrustedHeader(value: (name: string) => string | undefined): TrustedHeaderSettings | null {
  const header = value("ESS_GATEWAY_AUTH_TRUSTED_HEADER")?.toLowerCase();
  const groupsHeader = value("ESS_GATEWAY_AUTH_TRUSTED_GROUPS_HEADER")?.toLowerCase() ?? null;
  const proxies =
    value("ESS_GATEWAY_AUTH_TRUSTED_PROXIES")
      ?.split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "") ?? [];
  if (header === undefined) {
    if (groupsHeader !== null) throw new ConfigError("ESS_GATEWAY_AUTH_TRUSTED_GROUPS_HEADER", "needs ESS_GATEWAY_AUTH_TRUSTED_HEADER.");
    if (proxies.length > 0) throw new ConfigError("ESS_GATEWAY_AUTH_TRUSTED_PROXIES", "needs ESS_GATEWAY_AUTH_TRUSTED_HEADER.");
    return null;
  }
  const token = /^[a-z0-9-]{1,64}$/;
  if (!token.test(header) || header === "authorization")
    throw new ConfigError("ESS_GATEWAY_AUTH_TRUSTED_HEADER", `${JSON.stringify(header)} is not a usable header name.`);
  if (groupsHeader !== null && !token.test(groupsHeader))
    throw new ConfigError("ESS_GATEWAY_AUTH_TRUSTED_GROUPS_HEADER", `${JSON.stringify(groupsHeader)} is not a header name.`);
  if (proxies.length === 0)
    throw new ConfigError(
      "ESS_GATEWAY_AUTH_TRUSTED_PROXIES",
      "is required with ESS_GATEWAY_AUTH_TRUSTED_HEADER: only those addresses may assert an identity.",
    );
  for (const proxy of proxies) {
    if (isIP(proxy) === 0) throw new ConfigError("ESS_GATEWAY_AUTH_TRUSTED_PROXIES", `${JSON.stringify(proxy)} is not an IP address.`);
  }
  return { header, groupsHeader, proxies };
}

function isUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}
