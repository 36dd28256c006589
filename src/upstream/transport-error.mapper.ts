import { CredentialsUnavailableError } from "./credentials-unavailable.error";
import { redactSecretPatterns } from "../shared/redaction/secret-patterns";
import type { SecretRedactor } from "../shared/redaction/secret-redactor";
import { isRetryableFailure, type RetryContext } from "./retry-policy";
import { AttemptTimeoutError, SocketFailureError, type RawResponse } from "./rpc-http.transport";
import { RequestNotEncodableError } from "./rpc-request.signer";
import { TransportErrorCode, UpstreamError } from "./upstream.error";
import type { UpstreamProduct } from "./upstream.hooks";
import type { WireObject } from "./wire-values.reader";

export interface CallDescription extends RetryContext {
  product: UpstreamProduct;
  action: string;
  /** For the timeout message. */
  timeoutMs: number;
  /** Removes the client's secret values from messages; without one, only what looks like a secret goes. */
  redactor?: SecretRedactor;
}

/** Socket error codes (Node's `err.code`, a documented API) → the client's transport codes. Any other code is `NetworkError`. */
const SOCKET_ERROR_CODES: Readonly<Record<string, string>> = {
  ECONNRESET: TransportErrorCode.ConnectionReset,
  EPIPE: TransportErrorCode.ConnectionReset,
  ECONNABORTED: TransportErrorCode.ConnectionReset,
  ERR_STREAM_PREMATURE_CLOSE: TransportErrorCode.ConnectionReset,
  ECONNREFUSED: TransportErrorCode.ConnectionRefused,
  ENOTFOUND: TransportErrorCode.EndpointNotFound,
  EAI_AGAIN: TransportErrorCode.EndpointNotFound,
  ETIMEDOUT: TransportErrorCode.RequestTimeout,
};

/** The message of each transport failure, after `<Product> <Action>`. */
const TRANSPORT_MESSAGES: Readonly<Record<string, (call: CallDescription) => string>> = {
  [TransportErrorCode.RequestTimeout]: (call) => ` got no complete response within ${call.timeoutMs} ms.`,
  [TransportErrorCode.ConnectionReset]: () => ": the connection was closed before a complete response arrived.",
  [TransportErrorCode.ConnectionRefused]: () => ": the endpoint refused the connection (nothing listens there).",
  [TransportErrorCode.EndpointNotFound]: () => ": the endpoint's host name does not resolve.",
  [TransportErrorCode.NetworkError]: () => ": the network failed before a response arrived.",
  [TransportErrorCode.InvalidResponse]: () => ": the response body is not the expected JSON.",
};

function describeTransport(code: string, call: CallDescription): string {
  return `${call.product} ${call.action}${TRANSPORT_MESSAGES[code]?.(call) ?? " failed."}`;
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

/** An `UpstreamError` for `call`, its message redacted, retryable as `isRetryableFailure` decides for `code`. */
function build(call: CallDescription, code: string, httpStatus: number | null, requestId: string | null, message: string) {
  return new UpstreamError({
    code,
    httpStatus,
    requestId,
    message: call.redactor?.redact(message) ?? redactSecretPatterns(message),
    retryable: isRetryableFailure(code, httpStatus, call),
    product: call.product,
    action: call.action,
  });
}

/** The body as a JSON object, or null when it is not one (a proxy's HTML page, a truncated body). */
function parseObject(body: string): WireObject | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as WireObject) : null;
  } catch {
    return null;
  }
}

/**
 * Reads a complete response: a 2xx JSON object is the result; an HTTP 4xx/5xx becomes an
 * `UpstreamError` from Alibaba's `Code`, `Message` and `RequestId` (or `UnknownError` when the JSON
 * has no code); a body that is not a JSON object is `InvalidResponse`, keeping an error status.
 */
export function readResponse(response: RawResponse, call: CallDescription): WireObject {
  const { status } = response;
  const body = parseObject(response.body);
  if (status >= 400) {
    if (body === null) {
      // An HTTP error whose body is not JSON (a proxy's 413/431 page, say): the status decides, as for
      // an uncoded JSON error, so a definite refusal is not retried as if the body were garbled.
      const message = `${call.product} ${call.action} failed with HTTP ${status}; the body is not the expected JSON.`;
      throw build(call, TransportErrorCode.InvalidResponse, status, null, message);
    }
    const code = nonEmptyString(body.Code) ?? nonEmptyString(body.code) ?? TransportErrorCode.UnknownError;
    const requestId = nonEmptyString(body.RequestId) ?? nonEmptyString(body.requestId);
    const message =
      nonEmptyString(body.Message) ?? nonEmptyString(body.message) ?? `${call.product} ${call.action} failed with HTTP ${status}.`;
    throw build(call, code, status, requestId, message);
  }
  if (body === null)
    throw build(call, TransportErrorCode.InvalidResponse, null, null, describeTransport(TransportErrorCode.InvalidResponse, call));
  return body;
}

/**
 * Turns what an attempt threw into an `UpstreamError`, from the transport's and the signer's own
 * error types. Transport failures get a message written here; nothing of a request (URL, headers)
 * is ever carried over.
 */
export function toUpstreamError(thrown: unknown, call: CallDescription): UpstreamError {
  if (thrown instanceof UpstreamError) return thrown;
  if (thrown instanceof CredentialsUnavailableError) {
    return build(call, TransportErrorCode.CredentialsUnavailable, null, null, `${call.product} ${call.action}: ${thrown.safeDetail}.`);
  }
  if (thrown instanceof AttemptTimeoutError) {
    return build(call, TransportErrorCode.RequestTimeout, null, null, `${call.product} ${call.action}: ${thrown.message}.`);
  }
  if (thrown instanceof SocketFailureError) {
    const transportCode = (thrown.code !== null && SOCKET_ERROR_CODES[thrown.code]) || TransportErrorCode.NetworkError;
    const detail = transportCode === TransportErrorCode.NetworkError && thrown.code !== null ? ` (${thrown.code})` : "";
    return build(call, transportCode, null, null, `${describeTransport(transportCode, call)}${detail}`);
  }
  if (thrown instanceof RequestNotEncodableError) {
    const message = `${call.product} ${call.action}: a parameter could not be encoded (malformed Unicode); nothing was sent.`;
    return build(call, TransportErrorCode.RequestNotEncodable, null, null, message);
  }
  const kind = thrown instanceof Error && /^[A-Za-z]+$/.test(thrown.name) ? thrown.name : "Error";
  return build(
    call,
    TransportErrorCode.ClientFailure,
    null,
    null,
    `${call.product} ${call.action}: the client failed unexpectedly (${kind}).`,
  );
}

/** For a success body that lacks what the client needs: not retried (the same body would come back). */
export function invalidResponse(call: Pick<CallDescription, "product" | "action">, requestId: string | null, detail: string) {
  return new UpstreamError({
    code: TransportErrorCode.InvalidResponse,
    httpStatus: null,
    requestId,
    message: redactSecretPatterns(`${call.product} ${call.action}: unexpected response: ${detail}`),
    retryable: false,
    product: call.product,
    action: call.action,
  });
}
