import http from "node:http";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import Provider from "oidc-provider";
import { stringify as toYaml } from "yaml";
import type { WorldFile } from "../../src/emulator/world/world.types";
import type { ActivityTiming } from "../../src/emulator/emulator-core.types";
import { readAccessSettings } from "../../src/server/auth/access.config";
import { apiKeyHash, newApiKey } from "../../src/server/auth/api-key.store";
import { startGateway, type RunningGateway } from "../../src/server/gateway";
import { readHttpSettings } from "../../src/server/http/http.config";
import type { RateLimitSettings } from "../../src/server/rate-limit/rate-limit.config";

/** The audience the gateway requires; the issuer puts it in `aud` through a resource indicator. */
export const AUDIENCE = "https://ess-gateway.test";

export interface TestIssuer {
  issuer: string;
  /** The issuer's signing key (private), so tests can forge tokens the issuer would never sign. */
  privateJwk: JWK;
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
  publicJwk: JWK;
  /** GET requests of the JWKS document so far. */
  jwksFetches(): number;
  /** A real client-credentials access token (JWT) for a client registered with `register`. */
  token(clientId: string): Promise<string>;
  close(): Promise<void>;
}

/** Clients of the test issuer: id → groups claim put in its access tokens. */
export type IssuerClients = Record<string, string[]>;

/**
 * A real OIDC issuer (oidc-provider) on a loopback port, issuing JWT access tokens for `AUDIENCE`
 * by client credentials. Each client's secret is `<id>-secret`; its groups claim is set per client.
 */
export async function startTestIssuer(clients: IssuerClients): Promise<TestIssuer> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid: "test-key-1", alg: "RS256", use: "sig" };
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: Object.keys(clients).map((clientId) => ({
      client_id: clientId,
      client_secret: `${clientId}-secret`,
      grant_types: ["client_credentials"],
      redirect_uris: [],
      response_types: [],
    })),
    jwks: { keys: [privateJwk] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: "",
          audience: AUDIENCE,
          accessTokenFormat: "jwt",
          accessTokenTTL: 600,
          jwt: { sign: { alg: "RS256" } },
        }),
      },
    },
    extraTokenClaims: (_ctx: unknown, token: { clientId?: string }) => ({ groups: clients[token.clientId ?? ""] ?? [] }),
  } as never);
  let fetches = 0;
  const callback = provider.callback();
  server.on("request", (request, response) => {
    if (request.method === "GET" && request.url?.startsWith("/jwks")) fetches += 1;
    callback(request, response);
  });
  return {
    issuer,
    privateJwk,
    privateKey,
    publicJwk,
    jwksFetches: () => fetches,
    async token(clientId) {
      const response = await fetch(`${issuer}/token`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from(`${clientId}:${clientId}-secret`).toString("base64")}`,
        },
        body: new URLSearchParams({ grant_type: "client_credentials", resource: AUDIENCE }).toString(),
      });
      const body = (await response.json()) as { access_token?: string };
      if (typeof body.access_token !== "string") throw new Error(`no token: ${JSON.stringify(body)}`);
      return body.access_token;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface AuthGateway {
  gateway: RunningGateway;
  url: string;
  dir: string;
  /** API key name → the plaintext key (the file holds only hashes). */
  apiKeys: Record<string, string>;
  logLines: string[];
  /** POSTs a GraphQL document with the given headers. */
  graphql(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: any }>;
  close(): Promise<void>;
}

export interface AuthGatewayOptions {
  policy: unknown;
  /** API key names to create; names listed in `revoked` are written with `revoked: true`. */
  apiKeyNames?: string[];
  revoked?: string[];
  issuer?: TestIssuer;
  profiles?: unknown;
  world?: WorldFile;
  env?: Record<string, string>;
  /** The emulator's activity timing; default immediate. */
  activity?: ActivityTiming;
  /** Per-caller rate limits; default: the gateway's defaults. */
  rateLimits?: RateLimitSettings;
}

/** Files an access configuration needs, written to a fresh directory, and the settings naming them. */
export function writeAccessFiles(options: Pick<AuthGatewayOptions, "policy" | "apiKeyNames" | "revoked" | "profiles">): {
  dir: string;
  env: Record<string, string>;
  apiKeys: Record<string, string>;
} {
  const dir = mkdtempSync(path.join(tmpdir(), "ess-auth-"));
  const apiKeys: Record<string, string> = {};
  for (const name of options.apiKeyNames ?? []) apiKeys[name] = newApiKey();
  writeFileSync(
    path.join(dir, "api-keys.yaml"),
    toYaml({
      keys: Object.entries(apiKeys).map(([name, key]) => ({
        name,
        sha256: apiKeyHash(key),
        ...(options.revoked?.includes(name) ? { revoked: true } : {}),
      })),
    }),
  );
  writeFileSync(path.join(dir, "policy.yaml"), toYaml(options.policy));
  if (options.profiles !== undefined) writeFileSync(path.join(dir, "profiles.yaml"), toYaml(options.profiles));
  const env: Record<string, string> = {
    ESS_GATEWAY_AUTH_API_KEYS_FILE: path.join(dir, "api-keys.yaml"),
    ESS_GATEWAY_POLICY_FILE: path.join(dir, "policy.yaml"),
    ESS_GATEWAY_AUDIT_LOG: path.join(dir, "audit.jsonl"),
    ...(options.profiles === undefined ? {} : { ESS_GATEWAY_PROFILES_FILE: path.join(dir, "profiles.yaml") }),
  };
  return { dir, env, apiKeys };
}

/** Starts the gateway on the emulator with API keys, a policy, and optionally an OIDC issuer, through the real settings reader. */
export async function startAuthGateway(options: AuthGatewayOptions): Promise<AuthGateway> {
  const files = writeAccessFiles(options);
  const { dir, apiKeys } = files;
  const env: Record<string, string> = {
    ...files.env,
    ...(options.issuer === undefined
      ? {}
      : { ESS_GATEWAY_AUTH_OIDC_ISSUER: options.issuer.issuer, ESS_GATEWAY_AUTH_OIDC_AUDIENCE: AUDIENCE }),
    ...options.env,
  };
  const logLines: string[] = [];
  const gateway = await startGateway(
    {
      host: "127.0.0.1",
      port: 0,
      logLevel: "debug",
      http: readHttpSettings({ ESS_GATEWAY_ACTIVITY_POLL_MS: "50" }),
      access: readAccessSettings(env),
      ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
      upstream: {
        kind: "emulator",
        dbPath: ":memory:",
        activity: options.activity ?? { mode: "immediate" },
        client: {
          signatureVersion: "v3",
          timeoutMs: 5_000,
          connectTimeoutMs: 5_000,
          retry: { maxAttempts: 2, baseDelayMs: 2, maxDelayMs: 10, settleMs: 200 },
        },
      },
    },
    { logSink: (line) => logLines.push(line), emulator: { world: options.world, admin: true, faultSeed: 1 }, env: process.env },
  );
  return {
    gateway,
    url: gateway.url,
    dir,
    apiKeys,
    logLines,
    async graphql(query, variables = {}, headers = {}) {
      const response = await fetch(gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: JSON.parse(text) };
    },
    close: () => gateway.close(),
  };
}

/** `Authorization: Bearer <credential>`. */
export function bearer(credential: string): Record<string, string> {
  return { authorization: `Bearer ${credential}` };
}
