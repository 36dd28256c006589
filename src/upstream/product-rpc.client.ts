import { PRODUCT_API_VERSIONS } from "../contract/api-versions.contract";
import { runWithRetry, type RetryContext, type RetryRuntime } from "./retry-policy";
import type { RpcQuery } from "./rpc-params.builder";
import { AttemptTimeoutError, type AttemptLimits, type RpcHttpTransport } from "./rpc-http.transport";
import { signRpcRequest, type RpcAction } from "./rpc-request.signer";
import { invalidResponse, readResponse, toUpstreamError, type CallDescription } from "./transport-error.mapper";
import type { UpstreamCallScope } from "./upstream-call.scope";
import { currentSigningKey, type CredentialSource } from "./upstream.credentials";
import type { UpstreamConfig } from "./upstream.config";
import type { UpstreamHooks, UpstreamProduct } from "./upstream.hooks";
import { WireShapeError, type WireObject } from "./wire-values.reader";

export interface ProductRpcClientOptions {
  product: UpstreamProduct;
  endpoint: string;
  config: UpstreamConfig;
  credentials: CredentialSource;
  retryRuntime: RetryRuntime;
  /** The client's own keep-alive transport, shared by its four products. */
  transport: RpcHttpTransport;
}

/** A parsed success body plus its RequestId. */
export interface RpcResult {
  body: WireObject;
  requestId: string | null;
}

/**
 * Calls the RPC actions of one product the way the generated Alibaba SDKs do (`POST /`, the
 * parameters in the query string, a JSON answer), signed by `signRpcRequest` and sent through the
 * client's own transport. It adds ESS-aware bounded retries with full jitter, typed errors with
 * redacted messages, and per-attempt hooks.
 *
 * Every attempt is signed afresh (new nonce, timestamp and signature) with the same parameters (the
 * same ClientToken included).
 */
export class ProductRpcClient {
  private readonly attemptLimits: AttemptLimits;

  constructor(private readonly options: ProductRpcClientOptions) {
    const { config } = options;
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
    const target: RpcAction = {
      action,
      version: PRODUCT_API_VERSIONS[product],
      endpoint: this.options.endpoint,
      signatureVersion: config.signatureVersion,
    };
    return runWithRetry(
      async () => {
        try {
          const body = await this.attempt(target, query, call);
          return { body, requestId: typeof body.RequestId === "string" ? body.RequestId : null };
        } catch (thrown) {
          throw toUpstreamError(thrown, call);
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

  /**
   * One attempt: the signing key (the credential chain may fetch it), the signature, the exchange.
   * `timeoutMs` runs from the attempt's start, so slow credentials count toward it.
   */
  private async attempt(target: RpcAction, query: RpcQuery, call: CallDescription): Promise<WireObject> {
    const deadline = Date.now() + this.attemptLimits.timeoutMs;
    const key = await withinDeadline(currentSigningKey(this.options.credentials), deadline, this.attemptLimits);
    const request = signRpcRequest(target, query, key);
    const response = await this.options.transport.post(target.endpoint, request, this.attemptLimits, deadline);
    return readResponse(response, call);
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

/** `work`, or `AttemptTimeoutError` once `deadline` passes (the timer is cleared either way). */
async function withinDeadline<T>(work: Promise<T>, deadline: number, limits: AttemptLimits): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new AttemptTimeoutError("response", limits.timeoutMs)), Math.max(0, deadline - Date.now()));
  });
  // Past the deadline the work's own outcome no longer matters.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
