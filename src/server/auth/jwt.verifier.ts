import { readFileSync } from "node:fs";
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from "jose";
import { ConfigError } from "../config/config.errors";
import type { OidcSettings } from "./access.config";
import type { Principal } from "../../graphql/access/principal";

/** Remote JWKS: a key set is kept for 10 minutes; an unknown `kid` refetches it at most once per cooldown. */
const JWKS_CACHE_MAX_AGE_MS = 600_000;
const JWKS_FETCH_TIMEOUT_MS = 5_000;
/** A JWT larger than this is refused before any parsing. */
export const MAX_TOKEN_LENGTH = 16_384;

export interface JwtVerifier {
  /** The principal of a valid token; null for any invalid one (why is logged, never answered). */
  verify(token: string): Promise<{ principal: Principal } | { refused: string }>;
}

/**
 * Verifies OIDC access tokens with `jose`: signature by a key of the issuer's JWKS (remote, cached,
 * refreshed on an unknown `kid` with a cooldown; or a local file), `iss` exact, `aud` containing
 * the configured audience, `exp`/`nbf` with the clock tolerance, and `alg` in the asymmetric
 * allow-list, so neither `none` nor an HMAC keyed with a public key can pass.
 */
export function createJwtVerifier(settings: OidcSettings): JwtVerifier {
  const keys = keySetOf(settings);
  return {
    async verify(token) {
      if (token.length > MAX_TOKEN_LENGTH) return { refused: "token too long" };
      try {
        const { payload } = await jwtVerify(token, await keys(), {
          issuer: settings.issuer,
          audience: settings.audience,
          algorithms: [...settings.algorithms],
          clockTolerance: settings.clockToleranceSeconds,
          requiredClaims: ["sub", "exp"],
        });
        // RFC 7519: `sub` is a string. An empty, blank or non-string subject names no one (and a
        // number would collide with the string of its digits in grants, audit and rate limits).
        if (typeof payload.sub !== "string" || payload.sub.trim() === "") return { refused: "token without a usable sub" };
        return { principal: { kind: "oidc", id: payload.sub, groups: groupsOf(payload[settings.groupsClaim]) } };
      } catch (error) {
        return { refused: error instanceof joseErrors.JOSEError ? error.code : "unverifiable token" };
      }
    },
  };
}

function groupsOf(claim: unknown): string[] {
  if (typeof claim === "string") return claim.split(/[\s,]+/).filter((entry) => entry !== "");
  return Array.isArray(claim) ? claim.filter((entry): entry is string => typeof entry === "string") : [];
}

/** The key set, resolved once (discovery from the issuer when neither a URL nor a file is set). */
function keySetOf(settings: OidcSettings): () => Promise<JWTVerifyGetKey> {
  if (settings.jwksFile !== null) {
    let jwks: unknown;
    try {
      jwks = JSON.parse(readFileSync(settings.jwksFile, "utf8"));
    } catch {
      throw new ConfigError("ESS_GATEWAY_AUTH_OIDC_JWKS_FILE", `${settings.jwksFile} is not a readable JSON Web Key Set.`);
    }
    const local = createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]);
    return async () => local;
  }
  const remote = (url: string) =>
    createRemoteJWKSet(new URL(url), {
      cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
      cooldownDuration: settings.jwksRefreshCooldownSeconds * 1000,
      timeoutDuration: JWKS_FETCH_TIMEOUT_MS,
    });
  if (settings.jwksUrl !== null) {
    const fixed = remote(settings.jwksUrl);
    return async () => fixed;
  }
  let discovered: Promise<JWTVerifyGetKey> | undefined;
  return () => {
    discovered ??= discoverJwksUri(settings.issuer).then(remote, (error: unknown) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
  };
}

async function discoverJwksUri(issuer: string): Promise<string> {
  const response = await fetch(new URL(".well-known/openid-configuration", issuer.endsWith("/") ? issuer : `${issuer}/`), {
    signal: AbortSignal.timeout(JWKS_FETCH_TIMEOUT_MS),
  });
  const document = (await response.json()) as { jwks_uri?: unknown };
  if (typeof document.jwks_uri !== "string") throw new Error("the issuer's discovery document has no jwks_uri");
  return document.jwks_uri;
}
