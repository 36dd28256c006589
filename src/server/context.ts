import { randomUUID } from "node:crypto";
import type { EssUpstream } from "../upstream/upstream.types";
import { createLoaders, type RequestLoaders } from "../graphql/request-loaders";
import type { Logger } from "./logging/logger";

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
  upstreamForRequest?: (requestLogger: Logger, caller: string | undefined) => EssUpstream;
  /** See `GatewayContext.regionIds`. Default: none (a missing instance is reported as not found). */
  regionIds?: readonly string[];
}

/** Header a caller (or a proxy in front of the gateway) may send to choose the correlation id. */
export const CORRELATION_ID_HEADER = "x-correlation-id";

// Accept a caller-chosen id only when it is short and plain, so it is safe in logs and headers.
const ACCEPTABLE_CORRELATION_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The caller's correlation id when acceptable, else a fresh UUID. */
export function correlationIdFrom(headerValue: string | string[] | undefined): string {
  const candidate = Array.isArray(headerValue) ? headerValue[0] : headerValue;
  return candidate !== undefined && ACCEPTABLE_CORRELATION_ID.test(candidate) ? candidate : randomUUID();
}

/**
 * The context of one request. Everything the request logs goes through `logger`, bound to
 * `correlationId`, including its upstream attempts (via `upstreamForRequest`): the correlation id
 * is passed explicitly rather than through async context tracking, which on Node 20 would slow
 * every promise in the process.
 */
export function createContext(dependencies: ContextDependencies, correlationId: string, caller?: string): GatewayContext {
  const logger = dependencies.logger.child({ correlationId });
  const upstream = dependencies.upstreamForRequest?.(logger, caller) ?? dependencies.upstream;
  return {
    correlationId,
    upstream,
    loaders: createLoaders(upstream),
    logger,
    regionIds: dependencies.regionIds ?? [],
  };
}
