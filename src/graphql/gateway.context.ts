import type { EssUpstream } from "../upstream/upstream.types";
import { UpstreamCallScope } from "../upstream/upstream-call.scope";
import type { Logger } from "../shared/logging/logger.types";
import { createLoaders, type RequestLoaders } from "./request-loaders";
import { withGroupVisibility } from "./access/group-visibility";
import { ANONYMOUS_PRINCIPAL, type Principal } from "./access/principal";
import { UNRESTRICTED_ACCESS, type RequestAccess } from "./access/request-access";
import type { AuditTrail } from "./audit-event/audit-trail.types";
import type { ContextTelemetry, ContextTelemetryFactory, HeaderCarrier } from "./context-telemetry.types";
import type { UnknownValueReporter } from "./common/provider-enum.mapper";
import { UnknownProviderValueLog } from "./common/unknown-provider-value.log";

/**
 * What every resolver receives. One per GraphQL request: the loaders' caches and the correlation
 * id never cross requests.
 */
export interface GatewayContext<TTelemetry extends ContextTelemetry = ContextTelemetry> {
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
  telemetry?: TTelemetry;
  /**
   * This operation's upstream budget and end (docs/limits.md, "Upstream budget"): every attempt
   * `upstream` makes is counted against it, and none is made after `upstreamCalls.end()`. The
   * transports end it when the answer has been sent or the client went away.
   */
  upstreamCalls: UpstreamCallScope;
  /** Aborted when the operation ends (`upstreamCalls.signal`): queued loads, pages and retry sleeps stop then. */
  signal: AbortSignal;
  /** Who is calling (docs/security.md); the anonymous principal when the gateway runs without authentication. */
  principal: Principal;
  /** What `principal` may do, and the credential profile the request acts as (its `upstream` and `loaders` are that profile's). */
  access: RequestAccess;
  /** The peer address of the caller's connection, for the audit trail. */
  clientAddress: string | undefined;
  /** The cloud account of `access.profile`, when known (audit trail). */
  accountId: string | null;
  /** Where mutation attempts are recorded (docs/security.md "Audit trail"). */
  audit: AuditTrail;
  /** Told of each enum value the upstream sent that the gateway does not know; warns once per gateway, on `logger` (docs/read-model.md). */
  reportUnknownValue: UnknownValueReporter;
}

/** Who a request is from, as authentication established it. */
export interface RequestCaller {
  /** Undefined when the gateway authenticates no one: the anonymous principal. */
  principal: Principal | undefined;
  clientAddress: string | undefined;
  /** Who the rate limits count the request against (src/server/rate-limit/): `callerKeyOf(principal, address)`. */
  rateKey?: string;
}

/** The long-lived parts every request context is built from. */
export interface ContextDependencies<TTelemetry extends ContextTelemetry = ContextTelemetry> {
  upstream: EssUpstream;
  logger: Logger;
  /**
   * The upstream one request uses, given the request's logger (bound to its correlation id): the
   * gateway passes a view of `upstream` that logs the request's upstream attempts there. Default:
   * `upstream` itself, whose own hooks (if any) then observe every request's calls. `profile` is
   * the credential profile the request acts as (its own upstream client); `caller` the rate
   * limits' key of the request (src/server/rate-limit), when it has one.
   */
  upstreamForRequest?: (
    requestLogger: Logger,
    request: { profile: string; caller: string | undefined; scope: UpstreamCallScope; telemetry: TTelemetry | undefined },
  ) => EssUpstream;
  /** Makes each request's telemetry from its headers (a W3C `traceparent` is continued). */
  telemetry?: ContextTelemetryFactory<TTelemetry>;
  /**
   * Upstream attempts one operation may make (`ESS_GATEWAY_MAX_UPSTREAM_CALLS`), enforced by the
   * view `upstreamForRequest` returns. Default: no budget.
   */
  maxUpstreamCalls?: number;
  /** The rights of a principal under the current policy. Default: everything (no authentication). */
  accessFor?: (principal: Principal) => RequestAccess;
  /** See `GatewayContext.audit`. Default: records are dropped (embedding without an audit trail). */
  audit?: AuditTrail;
  /** The cloud account of a profile, when known. */
  accountOf?: (profile: string) => string | null;
  /** See `GatewayContext.regionIds`. Default: none (a missing instance is reported as not found). */
  regionIds?: readonly string[];
  /** Which unknown provider values this gateway has already logged. Default: a record per request (each value once per request). */
  unknownValues?: UnknownProviderValueLog;
}

const NO_AUDIT: AuditTrail = { record: async () => undefined, recent: () => [], close: async () => undefined };

/**
 * The context of one request. Everything the request logs goes through `logger`, bound to
 * `correlationId`, including its upstream attempts (via `upstreamForRequest`): the correlation id
 * is passed explicitly rather than through async context tracking, which on Node 20 would slow
 * every promise in the process.
 */
export function createContext<TTelemetry extends ContextTelemetry = never>(
  dependencies: ContextDependencies<TTelemetry>,
  correlationId: string,
  caller?: RequestCaller,
  headers?: HeaderCarrier,
): GatewayContext<TTelemetry> {
  const telemetry = dependencies.telemetry?.forRequest(correlationId, headers);
  if (telemetry !== undefined && caller?.rateKey !== undefined) telemetry.caller = caller.rateKey;
  const logger = dependencies.logger.child(telemetry === undefined ? { correlationId } : { correlationId, ...telemetry.logFields });
  const principal = caller?.principal ?? ANONYMOUS_PRINCIPAL;
  const access = (dependencies.accessFor ?? UNRESTRICTED_ACCESS)(principal);
  const upstreamCalls = new UpstreamCallScope(dependencies.maxUpstreamCalls);
  // The profile's upstream, and loaders over it: nothing read for one account answers another.
  const upstream =
    dependencies.upstreamForRequest?.(logger, { profile: access.profile, caller: caller?.rateKey, scope: upstreamCalls, telemetry }) ??
    dependencies.upstream;
  return {
    telemetry,
    principal,
    access,
    clientAddress: caller?.clientAddress,
    accountId: dependencies.accountOf?.(access.profile) ?? null,
    audit: dependencies.audit ?? NO_AUDIT,
    correlationId,
    upstream,
    // Groups the principal may not read look as if they did not exist (docs/security.md).
    loaders: withGroupVisibility(createLoaders(upstream), access),
    logger,
    regionIds: dependencies.regionIds ?? [],
    reportUnknownValue: (dependencies.unknownValues ?? new UnknownProviderValueLog()).reporterFor(logger),
    upstreamCalls,
    signal: upstreamCalls.signal,
  };
}
