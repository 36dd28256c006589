import { PRODUCT_API_VERSIONS } from "../contract/api-versions.contract";
import OpenApiClient, { Config, GlobalParameters, OpenApiRequest, Params } from "@alicloud/openapi-client";
import { RuntimeOptions } from "@alicloud/tea-util";
import type { AttemptDeadlines, AttemptLimits, AttemptObservation } from "./attempt-deadline.guard";
import { CLIENT_MARKER_HEADER } from "./keep-alive-socket.tracker";
import { runWithRetry, type RetryContext, type RetryRuntime } from "./retry-policy";
import type { RpcQuery } from "./rpc-params.builder";
import type { UpstreamCallScope } from "./upstream-call.scope";
import { invalidResponse, toUpstreamError, type CallDescription } from "./sdk-error.mapper";
import type { SdkCredentialFields } from "./upstream.credentials";
import type { UpstreamConfig } from "./upstream.config";
import type { UpstreamHooks, UpstreamProduct } from "./upstream.hooks";
import { asObject, WireShapeError, type WireObject } from "./wire-values.reader";

export interface ProductRpcClientOptions {
  product: UpstreamProduct;
  endpoint: string;
  config: UpstreamConfig;
  credentials: SdkCredentialFields;
  retryRuntime: RetryRuntime;
  /** The keep-alive tracker's marker, sent as `CLIENT_MARKER_HEADER`. */
  clientMarker: string;
  /** Enforces `timeoutMs` / `connectTimeoutMs` per attempt (the SDK's own read timeout is unreliable). */
  deadlines: AttemptDeadlines;
}

/** A parsed success body plus its RequestId. */
export interface RpcResult {
  body: WireObject;
  requestId: string | null;
}

const USER_AGENT = "ess-graphql-gateway";

/**
 * One `@alicloud/openapi-client` client for one product, created once, calling RPC actions the
 * way the generated Alibaba SDKs do: `callApi` with `Params` (style RPC, POST, formData, json).
 * It adds what the SDK lacks: ESS-aware bounded retries with full jitter (the SDK's autoretry is
 * off), typed errors with redacted messages, and per-attempt hooks.
 *
 * The SDK builds a new nonce, timestamp and signature for every `callApi`, so each retry is a
 * freshly signed request with the same parameters (the same ClientToken included).
 */
export class ProductRpcClient {
  private readonly sdk: OpenApiClient;
  private readonly runtimeOptions: RuntimeOptions;
  private readonly attemptLimits: AttemptLimits;

  constructor(private readonly options: ProductRpcClientOptions) {
    const { config } = options;
    this.sdk = new OpenApiClient(
      new Config({
        ...options.credentials,
        endpoint: options.endpoint,
        protocol: config.protocol,
        regionId: config.regionId,
        userAgent: USER_AGENT,
        // "v2" is the SDK's name for the classic RPC HMAC-SHA1 signature (what Alibaba's docs call V1).
        ...(config.signatureVersion === "v1" ? { signatureAlgorithm: "v2" } : {}),
        globalParameters: new GlobalParameters({ headers: { [CLIENT_MARKER_HEADER]: options.clientMarker } }),
      }),
    );
    // The client enforces both limits itself (AttemptDeadlines); the SDK's are a backstop. httpx
    // applies connectTimeout as a socket inactivity timer, so it must not be below timeoutMs.
    this.runtimeOptions = new RuntimeOptions({
      readTimeout: config.timeoutMs,
      connectTimeout: Math.max(config.connectTimeoutMs, config.timeoutMs),
      autoretry: false,
    });
    this.attemptLimits = { timeoutMs: config.timeoutMs, connectTimeoutMs: config.connectTimeoutMs };
  }

  /**
   * Calls `action` with `query` (all values strings), retrying transient failures; resolves with
   * the JSON body or rejects with an `UpstreamError`. Every attempt is reported to `hooks`: they
   * come with the call, not the client, so that each caller (e.g. each GraphQL request) can
   * observe its own calls on a shared client. With a `scope`, every attempt must fit the
   * operation's budget and come before its end (see `UpstreamCallScope`).
   */
  async call(action: string, query: RpcQuery, context: RetryContext, hooks: UpstreamHooks, scope?: UpstreamCallScope): Promise<RpcResult> {
    const { product, config, retryRuntime } = this.options;
    const call: CallDescription = { product, action, timeoutMs: config.timeoutMs, redactor: config.redactor, ...context };
    const params = new Params({
      action,
      version: PRODUCT_API_VERSIONS[product],
      protocol: config.protocol.toUpperCase(),
      pathname: "/",
      method: "POST",
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    });
    return runWithRetry(
      async () => {
        const observation: AttemptObservation = {};
        try {
          const response = await this.options.deadlines.run(
            this.attemptLimits,
            (headers) => this.sdk.callApi(params, new OpenApiRequest({ query: { ...query }, headers }), this.runtimeOptions),
            observation,
          );
          const body = asObject(response.body, "response body");
          return { body, requestId: typeof body.RequestId === "string" ? body.RequestId : null };
        } catch (thrown) {
          if (thrown instanceof WireShapeError) throw invalidResponse(call, null, thrown.message);
          throw toUpstreamError(thrown, call, observation.httpStatus);
        }
      },
      context.maxAttempts === undefined ? config.retry : { ...config.retry, maxAttempts: context.maxAttempts },
      retryRuntime,
      (report) => {
        if (!hooks.onCall) return;
        const base = { product, action, attempt: report.attempt, durationMs: Math.round(report.durationMs) };
        const event = report.result.ok
          ? { ...base, outcome: "ok" as const, requestId: report.result.value.requestId }
          : {
              ...base,
              outcome: "error" as const,
              code: report.result.error.code,
              httpStatus: report.result.error.httpStatus,
              requestId: report.result.error.requestId,
              willRetry: report.willRetry,
            };
        try {
          hooks.onCall(event);
        } catch {
          // An observer must not change the outcome of a call.
        }
      },
      scope === undefined
        ? undefined
        : { admit: (previousFailure, attempt) => scope.run(product, action, previousFailure, attempt), signal: scope.signal },
    );
  }

  /** Maps a success body with `map`, reporting a body that lacks required fields as `InvalidResponse`. */
  static mapBody<T>(product: UpstreamProduct, action: string, result: RpcResult, map: (body: WireObject) => T): T {
    try {
      return map(result.body);
    } catch (thrown) {
      if (thrown instanceof WireShapeError) throw invalidResponse({ product, action }, result.requestId, thrown.message);
      throw thrown;
    }
  }
}
