import { randomUUID } from "node:crypto";
import type { HeaderCarrier } from "../../graphql/context-telemetry.types";

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
