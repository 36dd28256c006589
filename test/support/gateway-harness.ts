import assert from "node:assert/strict";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import type { ActivityTiming, EmulatorControl, RunningEmulator } from "../../src/emulator/emulator-core.types";
import { loadDemoWorld } from "../../src/emulator/world/demo-world";
import type { WorldFile } from "../../src/emulator/world/world.types";
import type { GatewayConfig, UpstreamClientSettings } from "../../src/server/config/gateway.config";
import { startGateway, type RunningGateway } from "../../src/server/gateway";
import type { LogLevel } from "../../src/shared/logging/logger.types";
import type { HttpSettings } from "../../src/server/http/http.config";
import type { TelemetrySettings } from "../../src/server/telemetry/gateway-telemetry";
import type { UpstreamTestOverrides } from "../../src/upstream/ess-upstream.client";
import type { OperationLimits } from "../../src/server/limits/operation-limits.config";
import type { EssUpstream } from "../../src/upstream/upstream.types";

export interface GatewayHarnessOptions {
  /** The emulator's world. Default: the shipped demo world. */
  world?: WorldFile;
  /** Default `{ mode: "immediate" }`: attach activities finish within the request. */
  activity?: ActivityTiming;
  /** Seed of the emulator's fault injection. Default 1. */
  faultSeed?: number;
  /** Upstream client settings; the defaults retry fast (tests must not sleep long). */
  client?: Partial<Omit<UpstreamClientSettings, "retry">> & { retry?: Partial<UpstreamClientSettings["retry"]> };
  /** Default "debug", so that every line the gateway can write is captured and checked. */
  logLevel?: LogLevel;
  /** CORS, IDE, APQ, readiness and subscription settings. Default: `readHttpSettings({})`. */
  http?: HttpSettings;
  /** Metrics and tracing. Default: both off. */
  telemetry?: TelemetrySettings;
  /** The upstream client's retry seams (its backoff sleep, its randomness). */
  upstreamOverrides?: UpstreamTestOverrides;
  /** More of the gateway's configuration (limits, Host allow-list, rate limits, subscription caps, Redis). Default: the defaults. */
  config?: Pick<GatewayConfig, "limits" | "allowedHosts" | "rateLimits" | "subscriptionCaps" | "redis">;
  /** Operation limits (depth, …, upstream budget); wins over `config.limits`. Default: `defaultOperationLimits(undefined)`. */
  limits?: OperationLimits;
  /** False skips the pre-execution upstream estimate (the run-time budget alone). Default true. */
  estimateUpstreamCalls?: boolean;
}

/** A JSON GraphQL response, parsed into plain objects. */
export interface GraphQLResponse<TData> {
  httpStatus: number;
  correlationId: string | null;
  data?: TData | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface GatewayHarness extends GraphQLClient {
  gateway: RunningGateway;
  /** The GraphQL endpoint. */
  url: string;
  emulator: RunningEmulator;
  control: EmulatorControl;
  /** The gateway's own upstream client, for checking state through the real API (e.g. DescribeScalingInstances). */
  upstream: EssUpstream;
  /** Every log line written so far (gateway and emulator), in order. */
  logLines: string[];
  /** Every raw HTTP response body received so far. */
  responseBodies: string[];
  /**
   * Stops everything. Before that, checks that no secret of the world (AccessKey secrets, security
   * tokens) and no signature appeared in any captured log line or response; a leak fails the suite.
   */
  close(): Promise<void>;
}

/** Fast retries: the behaviour (bounded attempts, same ClientToken) is what matters, not the pacing. */
export const TEST_CLIENT: UpstreamClientSettings = {
  signatureVersion: "v3",
  timeoutMs: 5_000,
  connectTimeoutMs: 5_000,
  // A short settle window: an open outcome is replayed for 500 ms, not the default 15 s.
  retry: { maxAttempts: 4, baseDelayMs: 2, maxDelayMs: 20, settleMs: 500 },
};

/**
 * Starts the gateway in emulator mode over a fresh in-memory emulator (`:memory:`, chosen activity
 * timing, seeded faults, admin control), on ephemeral loopback ports, capturing every log line.
 */
export async function startGatewayHarness(options: GatewayHarnessOptions = {}): Promise<GatewayHarness> {
  const logLines: string[] = [];
  const responseBodies: string[] = [];
  const client: UpstreamClientSettings = {
    ...TEST_CLIENT,
    ...options.client,
    retry: { ...TEST_CLIENT.retry, ...options.client?.retry },
  };
  const gateway = await startGateway(
    {
      host: "127.0.0.1",
      port: 0,
      logLevel: options.logLevel ?? "debug",
      http: options.http,
      telemetry: options.telemetry,
      ...options.config,
      ...(options.limits === undefined ? {} : { limits: options.limits }),
      upstream: { kind: "emulator", dbPath: ":memory:", activity: options.activity ?? { mode: "immediate" }, client },
    },
    {
      logSink: (line) => logLines.push(line),
      upstreamOverrides: options.upstreamOverrides,
      emulator: { world: options.world, faultSeed: options.faultSeed ?? 1, admin: true },
      estimateUpstreamCalls: options.estimateUpstreamCalls,
    },
  );
  const emulator = gateway.emulator!;
  const secrets = secretsOf(options.world);

  const graphql = createGraphQLClient(gateway.url, responseBodies);
  return {
    gateway,
    url: gateway.url,
    emulator,
    control: emulator.control,
    upstream: gateway.upstream,
    logLines,
    responseBodies,
    ...graphql,
    async close() {
      await gateway.close();
      assertNoSecretLeaks([...logLines, ...responseBodies], secrets);
    },
  };
}

export interface GraphQLClient {
  /** Sends a typed document (as a codegen-typed frontend would) and parses the response. */
  execute<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<GraphQLResponse<TData>>;
  /** Sends a raw body (for malformed requests). */
  post(body: string, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; text: string }>;
}

/** A minimal fetch-based GraphQL client that keeps every raw response body in `responseBodies`. */
export function createGraphQLClient(url: string, responseBodies: string[]): GraphQLClient {
  const post = async (body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    const text = await response.text();
    responseBodies.push(text);
    return { status: response.status, headers: response.headers, text };
  };
  return {
    post,
    async execute<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables) {
      const response = await post(JSON.stringify({ query: print(document), variables }));
      const parsed = JSON.parse(response.text) as Omit<GraphQLResponse<TData>, "httpStatus" | "correlationId">;
      return { httpStatus: response.status, correlationId: response.headers.get("x-correlation-id"), ...parsed };
    },
  };
}

/** The secret values of a world (the demo world when none is given). */
export function secretsOf(world: WorldFile | undefined): string[] {
  return (world ?? loadDemoWorld()).accounts.flatMap((account) =>
    account.accessKeys.flatMap((key) => [key.accessKeySecret, ...(key.securityToken ? [key.securityToken] : [])]),
  );
}

// Signature material in any notation: V1 query/form parameter, V3 Authorization header value.
const SIGNATURE_PATTERNS = [/Signature=/i, /Signature%3D/i, /ACS3-HMAC-SHA256\s+Credential/i];

/** Fails when any captured text holds a secret value or signature material. */
export function assertNoSecretLeaks(texts: readonly string[], secrets: readonly string[]): void {
  for (const text of texts) {
    for (const secret of secrets) {
      assert.ok(!text.includes(secret), `a secret value appeared in captured output: ${text.slice(0, 200)}`);
    }
    for (const pattern of SIGNATURE_PATTERNS) {
      assert.ok(!pattern.test(text), `signature material (${pattern}) appeared in captured output: ${text.slice(0, 200)}`);
    }
  }
}
