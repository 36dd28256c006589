import type { LogFields } from "../shared/logging/logger.types";

/** Request headers, as Node gives them. */
export type HeaderCarrier = Readonly<Record<string, string | string[] | undefined>>;

/**
 * The part of a request's telemetry the GraphQL layer uses. The server's request telemetry
 * (src/server/telemetry/request-telemetry.ts) implements it with spans and metrics; resolvers
 * see only this.
 */
export interface ContextTelemetry {
  /** Bound to every log line of the request: the trace ID, when there is one. */
  readonly logFields: LogFields;
  /** Who the request counts against (the rate limits' caller key); logged, never a metric label. */
  caller: string | null;
  /** Wraps a subscription's source stream, so the subscription is observed while it runs. */
  watchActivity<T>(stream: AsyncIterableIterator<T>): AsyncIterableIterator<T>;
}

/** Makes each request's telemetry from its headers (a W3C `traceparent` is continued). */
export interface ContextTelemetryFactory<TTelemetry extends ContextTelemetry> {
  forRequest(correlationId: string, headers: HeaderCarrier | undefined): TTelemetry;
}
