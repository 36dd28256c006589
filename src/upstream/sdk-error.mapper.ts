import { AttemptTimeoutError } from "./attempt-deadline.guard";
import { redactSecretPatterns } from "../shared/redaction/secret-patterns";
import type { SecretRedactor } from "../shared/redaction/secret-redactor";
import { isRetryableFailure, type RetryContext } from "./retry-policy";
import { TransportErrorCode, UpstreamError } from "./upstream.error";
import type { UpstreamProduct } from "./upstream.hooks";

/** Raised by the client's credential provider wrapper, so the mapper can tell it from transport failures. */
export class CredentialsUnavailableError extends Error {
  constructor(readonly safeDetail: string) {
    super(safeDetail);
    this.name = "CredentialsUnavailableError";
  }
}

export interface CallDescription extends RetryContext {
  product: UpstreamProduct;
  action: string;
  /** For the timeout message. */
  timeoutMs: number;
  /** Removes the client's secret values from messages; without one, only what looks like a secret goes. */
  redactor?: SecretRedactor;
}

/** Socket error codes (Node `err.code`) → the client's transport codes. */
const SOCKET_ERROR_CODES: Readonly<Record<string, string>> = {
  ECONNRESET: TransportErrorCode.ConnectionReset,
  EPIPE: TransportErrorCode.ConnectionReset,
  ECONNABORTED: TransportErrorCode.ConnectionReset,
  ERR_STREAM_PREMATURE_CLOSE: TransportErrorCode.ConnectionReset,
  ECONNREFUSED: TransportErrorCode.ConnectionRefused,
  ENOTFOUND: TransportErrorCode.EndpointNotFound,
  EAI_AGAIN: TransportErrorCode.EndpointNotFound,
  ETIMEDOUT: TransportErrorCode.RequestTimeout,
  ESOCKETTIMEDOUT: TransportErrorCode.RequestTimeout,
  EHOSTUNREACH: TransportErrorCode.NetworkError,
  ENETUNREACH: TransportErrorCode.NetworkError,
  ENETDOWN: TransportErrorCode.NetworkError,
  EHOSTDOWN: TransportErrorCode.NetworkError,
};

function describeTransport(code: string, call: CallDescription): string {
  const subject = `${call.product} ${call.action}`;
  switch (code) {
    case TransportErrorCode.RequestTimeout:
      return `${subject} got no complete response within ${call.timeoutMs} ms.`;
    case TransportErrorCode.ConnectionReset:
      return `${subject}: the connection was closed before a complete response arrived.`;
    case TransportErrorCode.ConnectionRefused:
      return `${subject}: the endpoint refused the connection (nothing listens there).`;
    case TransportErrorCode.EndpointNotFound:
      return `${subject}: the endpoint's host name does not resolve.`;
    case TransportErrorCode.NetworkError:
      return `${subject}: the network failed before a response arrived.`;
    case TransportErrorCode.InvalidResponse:
      return `${subject}: the response body is not the expected JSON.`;
    default:
      return `${subject} failed.`;
  }
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
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

/**
 * Turns whatever `callApi` threw into an `UpstreamError`. Only Alibaba's `Code`, `Message`,
 * `RequestId` and the HTTP status are read from API errors; transport failures get a message
 * written here. The SDK's own `message` and `stack` are never used: httpx appends the full request
 * URL to them, and for V1 signatures that URL holds AccessKeyId, SecurityToken and Signature.
 */
export function toUpstreamError(thrown: unknown, call: CallDescription, observedHttpStatus?: number): UpstreamError {
  if (thrown instanceof UpstreamError) return thrown;
  if (thrown instanceof CredentialsUnavailableError) {
    const message = `${call.product} ${call.action}: ${thrown.safeDetail}.`;
    return build(call, TransportErrorCode.CredentialsUnavailable, null, null, message);
  }
  if (thrown instanceof AttemptTimeoutError) {
    return build(call, TransportErrorCode.RequestTimeout, null, null, `${call.product} ${call.action}: ${thrown.message}.`);
  }
  const error = asRecord(thrown) ?? {};
  const data = asRecord(error.data);

  // An HTTP 4xx/5xx that the SDK parsed: `statusCode` is on the error and `data` is the JSON body.
  const httpStatus = typeof error.statusCode === "number" ? error.statusCode : null;
  if (httpStatus !== null && data) {
    const code = nonEmptyString(data.Code) ?? nonEmptyString(data.code) ?? TransportErrorCode.UnknownError;
    const requestId = nonEmptyString(data.RequestId) ?? nonEmptyString(data.requestId);
    const message =
      nonEmptyString(data.Message) ?? nonEmptyString(data.message) ?? `${call.product} ${call.action} failed with HTTP ${httpStatus}.`;
    return build(call, code, httpStatus, requestId, message);
  }

  const name = typeof error.name === "string" ? error.name : "";
  const socketCode = typeof error.code === "string" ? error.code : "";
  // httpx names its timeouts RequestTimeoutError (read timer, and the socket inactivity timer).
  if (name.endsWith("RequestTimeoutError")) {
    return build(call, TransportErrorCode.RequestTimeout, null, null, describeTransport(TransportErrorCode.RequestTimeout, call));
  }
  const transportCode = SOCKET_ERROR_CODES[socketCode];
  if (transportCode) return build(call, transportCode, null, null, describeTransport(transportCode, call));
  if (typeof error.message === "string" && /socket hang up|aborted/i.test(error.message) && !name.endsWith("ResponseError")) {
    return build(call, TransportErrorCode.ConnectionReset, null, null, describeTransport(TransportErrorCode.ConnectionReset, call));
  }
  // tea-util parses bodies with JSON.parse, and asserts the result is an object.
  if (thrown instanceof SyntaxError || (typeof error.message === "string" && /is not a object/.test(error.message))) {
    // An HTTP error whose body is not JSON (a proxy's 413/431 page, say): the status decides, as for
    // an uncoded JSON error, so a definite refusal is not retried as if the body were garbled.
    if (observedHttpStatus !== undefined && observedHttpStatus >= 400) {
      const message = `${call.product} ${call.action} failed with HTTP ${observedHttpStatus}; the body is not the expected JSON.`;
      return build(call, TransportErrorCode.InvalidResponse, observedHttpStatus, null, message);
    }
    return build(call, TransportErrorCode.InvalidResponse, null, null, describeTransport(TransportErrorCode.InvalidResponse, call));
  }
  if (/^E[A-Z_]+$/.test(socketCode)) {
    return build(call, TransportErrorCode.NetworkError, null, null, `${describeTransport(TransportErrorCode.NetworkError, call)} (${socketCode})`);
  }
  // The SDK percent-encodes every parameter before it opens a connection: a URIError means the
  // request never left the process.
  if (thrown instanceof URIError) {
    const message = `${call.product} ${call.action}: a parameter could not be encoded (malformed Unicode); nothing was sent.`;
    return build(call, TransportErrorCode.RequestNotEncodable, null, null, message);
  }
  const kind = /^[A-Za-z]+$/.test(name) ? name : "Error";
  const message = `${call.product} ${call.action}: the Alibaba Cloud SDK failed unexpectedly (${kind}).`;
  return build(call, TransportErrorCode.ClientFailure, null, null, message);
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
