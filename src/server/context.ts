import { randomUUID } from "node:crypto";
import type { EssUpstream } from "../upstream/upstream.types";
import { UpstreamCallScope } from "../upstream/upstream-call.scope";
import { createLoaders, type RequestLoaders } from "../graphql/request-loaders";
import type { Logger } from "./logging/logger";
import type { HeaderCarrier, RequestTelemetry } from "./telemetry/request-telemetry";

/**
 * What every resolver receives. One per GraphQL request: the loaders' caches and the correlation
 * id never cross requests.
 */
export interface GatewayContext {
  /** Ties a response to its log lines; echoed in the `x-correlation-id` response header and in masked errors. */
  correlationId: string;
  /** The upstream this request calls (its attempts are logged with `correlationId`). */
  upstream: EssUpstream;
  loaders: RequestLoaders;
  /** Bound to `correlationId`. */
  logger: Logger;
  /**
   * The regions the upstream serves. The attach preflight looks an instance up in these when it is
   * missing from the group's region, to tell `InvalidInstanceId.RegionMismatch` from `NotFound`.
   */
  regionIds: readonly string[];
  /** Counts, spans and metrics of this request (docs/operations.md); absent when built without telemetry. */
  telemetry?: RequestTelemetry;
  /**
   * This operation's upstream budget and end (docs/limits.md, "Upstream budget"): every attempt
   * `upstream` makes is counted against it, and none is made after `upstreamCalls.end()`. The
   * transports end it when the answer has been sent or the client went away.
   */
  upstreamCalls: UpstreamCallScope;
  /** Aborted when the operation ends (`upstreamCalls.signal`): queued loads, pages and retry sleeps stop then. */
  signal: AbortSignal;
}

/** The long-lived parts every request context is built from. */
export interface ContextDependencies {
  upstream: EssUpstream;
  logger: Logger;
  /**
   * The upstream one request uses, given the request's logger (bound to its correlation id): the
   * gateway passes a view of `upstream` that logs the request's upstream attempts there. Default:
   * `upstream` itself, whose own hooks (if any) then observe every request's calls. `caller` is
   * the rate limits' key of the request (src/server/rate-limit), when it has one.
   */
  upstreamForRequest?: (requestLogger: Logger, scope: UpstreamCallScope, caller: string | undefined, telemetry: RequestTelemetry | undefined) => EssUpstream;
  /** Makes each request's telemetry from its headers (a W3C `traceparent` is continued). */
  telemetry?: { forRequest(correlationId: string, headers: HeaderCarrier | undefined): RequestTelemetry };
  /**
   * Upstream attempts one operation may make (`ESS_GATEWAY_MAX_UPSTREAM_CALLS`), enforced by the
   * view `upstreamForRequest` returns. Default: no budget.
   */
  maxUpstreamCalls?: number;
  /** See `GatewayContext.regionIds`. Default: none (a missing instance is reported as not found). */
  regionIds?: readonly string[];
}

/** Header a caller (or a proxy in front of the gateway) may send to choose the correlation id. */
export const CORRELATION_ID_HEADER = "x-correlation-id";
/** The same, under the name most proxies and tracing tools use; taken when no correlation id is sent, and echoed. */
export const REQUEST_ID_HEADER = "x-request-id";

// Accept a caller-chosen id only when it is short and plain, so it is safe in logs and headers.
const ACCEPTABLE_CORRELATION_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The caller's correlation id when acceptable, else a fresh UUID. */
export function correlationIdFrom(headerValue: string | string[] | undefined): string {
  const candidate = Array.isArray(headerValue) ? headerValue[0] : headerValue;
  return candidate !== undefined && ACCEPTABLE_CORRELATION_ID.test(candidate) ? candidate : randomUUID();
}

/** The correlation id of a request from its headers (`x-correlation-id`, else `x-request-id`), else a fresh UUID. */
export function correlationIdOf(headers: HeaderCarrier): string {
  return correlationIdFrom(headers[CORRELATION_ID_HEADER] ?? headers[REQUEST_ID_HEADER]);
}

/**
 * The context of one request. Everything the request logs goes through `logger`, bound to
 * `correlationId`, including its upstream attempts (via `upstreamForRequest`): the correlation id
 * is passed explicitly rather than through async context tracking, which on Node 20 would slow
 * every promise in the process.
 */
export function createContext(dependencies: ContextDependencies, correlationId: string, caller?: string, headers?: HeaderCarrier): GatewayContext {
  const telemetry = dependencies.telemetry?.forRequest(correlationId, headers);
  if (telemetry !== undefined && caller !== undefined) telemetry.caller = caller;
  const logger = dependencies.logger.child(telemetry === undefined ? { correlationId } : { correlationId, ...telemetry.logFields });
  const upstreamCalls = new UpstreamCallScope(dependencies.maxUpstreamCalls);
  const upstream = dependencies.upstreamForRequest?.(logger, upstreamCalls, caller, telemetry) ?? dependencies.upstream;
  return {
    telemetry,
    correlationId,
    upstream,
    loaders: createLoaders(upstream),
    logger,
    regionIds: dependencies.regionIds ?? [],
    upstreamCalls,
    signal: upstreamCalls.signal,
  };
}
