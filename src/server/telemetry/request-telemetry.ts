import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from "@opentelemetry/api";
import type { ObservableEssUpstream } from "../../upstream/ess-upstream.client";
import { UpstreamCallRefusedError } from "../../upstream/upstream-call.scope";
import type { UpstreamCallEvent, UpstreamHooks } from "../../upstream/upstream.hooks";
import type { EssUpstream } from "../../upstream/upstream.types";
import type { ContextTelemetry, HeaderCarrier } from "../../graphql/context-telemetry.types";
import type { LogFields } from "../../shared/logging/logger.types";
import type { GatewayMetrics, OperationOutcome, OperationRecord } from "../metrics/gateway-metrics";
import type { GatewayTracer } from "../tracing/gateway-tracer";
import {
  ATTR_ATTEMPT,
  ATTR_BATCH_IDS,
  ATTR_CORRELATION_ID,
  ATTR_ERROR_TYPE,
  ATTR_FIELD,
  ATTR_GRAPHQL_OPERATION_NAME,
  ATTR_GRAPHQL_OPERATION_TYPE,
  ATTR_HTTP_REQUEST_RESEND_COUNT,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_OUTCOME,
  ATTR_REQUEST_ID,
  ATTR_RPC_METHOD,
  ATTR_RPC_SERVICE,
  ATTR_RPC_SYSTEM,
  ATTR_TYPED_ERRORS,
  ATTR_UPSTREAM_ATTEMPTS,
  ATTR_UPSTREAM_METHOD,
  ATTR_WILL_RETRY,
  RPC_SYSTEM_ALIBABA_CLOUD,
} from "../tracing/span-attributes";

/** A running root field resolver; call it when the field has resolved (with its typed error member, if it returned one). */
export type RootFieldEnd = (typedError: string | null, error: unknown) => void;

/**
 * What one GraphQL request (or subscription) reports about itself: the upstream calls it made,
 * its spans, its metrics. Passed explicitly in the context rather than through async context
 * tracking (src/graphql/gateway.context.ts explains why).
 */
export interface RequestTelemetry extends ContextTelemetry {
  /** Bound to every log line of the request: the trace ID, when there is one. */
  readonly logFields: LogFields;
  /** Who the request counts against (the rate limits' caller key: the client's address, the principal once access control lands); logged, never a metric label. */
  caller: string | null;
  /** Upstream calls (attempts) this request has made so far. */
  readonly upstreamCalls: number;
  readonly upstreamAttempts: number;
  /** Typed error members root fields resolved to, in order. */
  readonly typedErrors: readonly string[];
  /**
   * The request's upstream: a view made by `viewWith` (the operation's view of the client, with
   * its budget) reporting every attempt to `hooks` (the request's logging and rate limits), to the
   * request's counts, to the metrics and to its spans.
   */
  upstreamView(viewWith: (hooks: UpstreamHooks) => ObservableEssUpstream, hooks: UpstreamHooks): EssUpstream;
  /** The operation is known (after validation). */
  operationResolved(operationType: string, operationName: string | null): void;
  /** A root field's resolver starts. */
  rootFieldStarted(parentType: string, fieldName: string): RootFieldEnd;
  /** The response is being sent: records the operation's metrics and ends its span. */
  finish(record: OperationRecord, httpStatus: number): void;
  /**
   * Wraps a subscription's source stream: counts the subscription as active while it runs and
   * ends the subscription's span when the stream ends. (Pollers are shared between subscriptions
   * and report themselves: `ActivityPollerObserver`.)
   */
  watchActivity<T>(stream: AsyncIterableIterator<T>): AsyncIterableIterator<T>;
}

// version-traceid-parentid-flags; the trace ID of an all-zero header is invalid (W3C Trace Context §3.2.2.3).
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;
const INVALID_TRACE_ID = "0".repeat(32);

/** The caller's trace ID from a `traceparent` header, for log lines when the gateway itself does not trace. */
function traceIdFromHeaders(headers: HeaderCarrier | undefined): string | null {
  const header = headers?.traceparent;
  const value = Array.isArray(header) ? header[0] : header;
  const match = value === undefined ? null : TRACEPARENT.exec(value.trim());
  return match === null || match[1] === INVALID_TRACE_ID ? null : match[1]!;
}

/** Upstream client members that are not calls. */
const NOT_CALLS: ReadonlySet<PropertyKey> = new Set(["close", "withHooks"]);

export class GatewayRequestTelemetry implements RequestTelemetry {
  readonly logFields: LogFields;
  caller: string | null = null;
  upstreamCalls = 0;
  upstreamAttempts = 0;
  readonly typedErrors: string[] = [];
  private readonly operationSpan: Span | null;
  private readonly openRootSpans = new Set<Span>();
  private finished = false;

  constructor(
    private readonly metrics: GatewayMetrics | null,
    private readonly tracer: GatewayTracer | null,
    correlationId: string,
    headers: HeaderCarrier | undefined,
  ) {
    if (tracer === null) {
      this.operationSpan = null;
      const traceId = traceIdFromHeaders(headers);
      this.logFields = traceId === null ? {} : { traceId };
      return;
    }
    const parent = headers === undefined ? ROOT_CONTEXT : tracer.extract(headers);
    this.operationSpan = tracer.tracer.startSpan(
      "graphql.operation",
      { kind: SpanKind.SERVER, attributes: { [ATTR_CORRELATION_ID]: correlationId } },
      parent,
    );
    this.logFields = { traceId: this.operationSpan.spanContext().traceId };
  }

  upstreamView(viewWith: (hooks: UpstreamHooks) => ObservableEssUpstream, hooks: UpstreamHooks): EssUpstream {
    const counting: UpstreamHooks = {
      onCall: (event) => {
        this.upstreamAttempts++;
        if (event.willRetry !== true) this.upstreamCalls++;
        hooks.onCall?.(event);
        this.metrics?.upstreamHooks.onCall?.(event);
      },
    };
    const view = viewWith(counting);
    if (this.metrics === null && this.tracer === null) return view;
    // Each call gets a view of its own, so its attempts become children of its span.
    const calls = new Map<PropertyKey, unknown>();
    return new Proxy(view, {
      get: (target, property, receiver) => {
        const member: unknown = Reflect.get(target, property, receiver);
        if (typeof member !== "function" || NOT_CALLS.has(property) || typeof property !== "string") return member;
        let wrapped = calls.get(property);
        if (wrapped === undefined) {
          wrapped = (...args: unknown[]) => this.observeCall(viewWith, counting, view, property, args);
          calls.set(property, wrapped);
        }
        return wrapped;
      },
    });
  }

  private async observeCall(
    viewWith: (hooks: UpstreamHooks) => ObservableEssUpstream,
    counting: UpstreamHooks,
    view: ObservableEssUpstream,
    method: string,
    args: unknown[],
  ): Promise<unknown> {
    const ids = idListLength(args[0]);
    const ended = this.metrics?.upstreamCallStarted(method, ids);
    const span = this.tracer?.tracer.startSpan(
      `EssUpstream.${method}`,
      { kind: SpanKind.INTERNAL, attributes: { [ATTR_UPSTREAM_METHOD]: method, ...(ids === null ? {} : { [ATTR_BATCH_IDS]: ids }) } },
      this.parentContext(),
    );
    const client = span === undefined ? view : viewWith({ onCall: (event) => (counting.onCall?.(event), this.attemptSpan(span, event)) });
    try {
      return await (client[method as keyof ObservableEssUpstream] as (...callArgs: unknown[]) => Promise<unknown>)(...args);
    } catch (error) {
      // Refused by the operation's budget or end: nothing was sent (no attempt event).
      if (error instanceof UpstreamCallRefusedError) this.metrics?.upstreamRefused(error.code);
      span?.setStatus({ code: SpanStatusCode.ERROR, message: codeOf(error) });
      if (span !== undefined) span.setAttribute(ATTR_ERROR_TYPE, codeOf(error));
      throw error;
    } finally {
      ended?.();
      span?.end();
    }
  }

  /** One attempt, reported after it settled: its span is back-dated by its duration. */
  private attemptSpan(parent: Span, event: UpstreamCallEvent): void {
    const end = Date.now();
    const span = this.tracer!.tracer.startSpan(
      `${event.product} ${event.action}`,
      {
        kind: SpanKind.CLIENT,
        startTime: end - event.durationMs,
        attributes: {
          [ATTR_RPC_SYSTEM]: RPC_SYSTEM_ALIBABA_CLOUD,
          [ATTR_RPC_SERVICE]: event.product,
          [ATTR_RPC_METHOD]: event.action,
          [ATTR_ATTEMPT]: event.attempt,
          [ATTR_HTTP_REQUEST_RESEND_COUNT]: event.attempt - 1,
          ...(event.requestId ? { [ATTR_REQUEST_ID]: event.requestId } : {}),
          ...(typeof event.httpStatus === "number" ? { [ATTR_HTTP_RESPONSE_STATUS_CODE]: event.httpStatus } : {}),
          ...(event.outcome === "error"
            ? { [ATTR_ERROR_TYPE]: event.code ?? "UnknownError", [ATTR_WILL_RETRY]: event.willRetry === true }
            : {}),
        },
      },
      trace.setSpan(ROOT_CONTEXT, parent),
    );
    if (event.outcome === "error") span.setStatus({ code: SpanStatusCode.ERROR, message: event.code });
    span.end(end);
  }

  /**
   * The parent of an upstream call's span: the root field resolver that runs, when exactly one
   * does (always so for a mutation, whose fields run one by one); otherwise the operation.
   */
  private parentContext(): Context {
    const only = this.openRootSpans.size === 1 ? this.openRootSpans.values().next().value : undefined;
    const parent = only ?? this.operationSpan;
    return parent === null ? ROOT_CONTEXT : trace.setSpan(ROOT_CONTEXT, parent);
  }

  operationResolved(operationType: string, operationName: string | null): void {
    if (this.operationSpan === null) return;
    this.operationSpan.updateName(operationName === null ? operationType : `${operationType} ${operationName}`);
    this.operationSpan.setAttribute(ATTR_GRAPHQL_OPERATION_TYPE, operationType);
    if (operationName !== null) this.operationSpan.setAttribute(ATTR_GRAPHQL_OPERATION_NAME, operationName);
  }

  rootFieldStarted(parentType: string, fieldName: string): RootFieldEnd {
    const span =
      this.operationSpan === null
        ? null
        : this.tracer!.tracer.startSpan(
            `${parentType}.${fieldName}`,
            { attributes: { [ATTR_FIELD]: fieldName } },
            trace.setSpan(ROOT_CONTEXT, this.operationSpan),
          );
    if (span !== null) this.openRootSpans.add(span);
    return (typedError, error) => {
      if (typedError !== null) this.typedErrors.push(typedError);
      if (span === null) return;
      this.openRootSpans.delete(span);
      if (typedError !== null) span.setAttribute(ATTR_ERROR_TYPE, typedError);
      if (error !== null && error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: codeOf(error) });
      span.end();
    };
  }

  finish(record: OperationRecord, httpStatus: number): void {
    if (this.finished) return;
    this.finished = true;
    this.metrics?.recordOperation(record);
    this.endOperationSpan(record.outcome, httpStatus);
  }

  private endOperationSpan(outcome: OperationOutcome, httpStatus: number | null): void {
    const span = this.operationSpan;
    if (span === null) return;
    span.setAttributes({
      [ATTR_OUTCOME]: outcome,
      [ATTR_UPSTREAM_ATTEMPTS]: this.upstreamAttempts,
      ...(httpStatus === null ? {} : { [ATTR_HTTP_RESPONSE_STATUS_CODE]: httpStatus }),
    });
    if (this.typedErrors.length > 0) span.setAttribute(ATTR_TYPED_ERRORS, this.typedErrors);
    if (outcome === "internal_error" || outcome === "request_error") span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
    span.end();
  }

  watchActivity<T>(stream: AsyncIterableIterator<T>): AsyncIterableIterator<T> {
    const metrics = this.metrics;
    if (metrics === null && this.operationSpan === null) return stream;
    this.operationResolved("subscription", null);
    const endSubscription = metrics?.subscriptionOpened();
    const end = (outcome: OperationOutcome): void => {
      if (this.finished) return;
      this.finished = true;
      endSubscription?.();
      this.endOperationSpan(outcome, null);
    };
    const wrapped: AsyncIterableIterator<T> = {
      next: async () => {
        try {
          const result = await stream.next();
          if (result.done === true) end("success");
          return result;
        } catch (error) {
          end("internal_error");
          throw error;
        }
      },
      return: async (value?: unknown) => {
        end("success");
        return (await stream.return?.(value)) ?? { value: undefined, done: true };
      },
      throw: async (error?: unknown) => {
        end("internal_error");
        if (stream.throw === undefined) throw error;
        return stream.throw(error);
      },
      [Symbol.asyncIterator]: () => wrapped,
    };
    return wrapped;
  }
}

/** The length of the first ID list in a client call's argument (`{ regionId, instanceIds: [...] }`), or null. */
function idListLength(argument: unknown): number | null {
  if (typeof argument !== "object" || argument === null) return null;
  for (const value of Object.values(argument)) if (Array.isArray(value)) return value.length;
  return null;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code !== "" ? code : error instanceof Error ? error.name : "UnknownError";
}
