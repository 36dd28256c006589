/**
 * Codes the client uses when the failure did not come with an Alibaba error code. Every other
 * `UpstreamError.code` is Alibaba's own (`InvalidScalingGroupId.NotFound`, `Throttling.User`, …).
 */
export const TransportErrorCode = {
  /** No complete response within `timeoutMs` (or the connection did not open in time). httpStatus null. */
  RequestTimeout: "RequestTimeout",
  /** The connection was reset or closed before a complete response arrived. httpStatus null. */
  ConnectionReset: "ConnectionReset",
  /** Nothing listens at the endpoint (TCP refused). httpStatus null. */
  ConnectionRefused: "ConnectionRefused",
  /** The endpoint's host name does not resolve. httpStatus null. */
  EndpointNotFound: "EndpointNotFound",
  /** Any other socket-level failure (TLS, unreachable network, …). httpStatus null. */
  NetworkError: "NetworkError",
  /** The body could not be read as the expected JSON (e.g. a proxy's HTML error page), or lacks required fields. */
  InvalidResponse: "InvalidResponse",
  /** An HTTP error without an Alibaba `Code` in its body. httpStatus set. */
  UnknownError: "UnknownError",
  /** The credential chain found no usable credentials. httpStatus null. */
  CredentialsUnavailable: "CredentialsUnavailable",
  /** The call was made after `close()`. httpStatus null. */
  ClientClosed: "ClientClosed",
  /** The SDK failed in a way the client does not recognize. httpStatus null. */
  ClientFailure: "ClientFailure",
  /** A parameter could not be encoded into a request (malformed Unicode): nothing was sent. httpStatus null. */
  RequestNotEncodable: "RequestNotEncodable",
  /**
   * A tokened mutation may have taken effect, and no attempt (replays included) got a definite
   * answer in time: resend it with the same ClientToken to learn which. `cause` is the last failure.
   */
  OutcomeUnknown: "OutcomeUnknown",
} as const;

export interface UpstreamErrorInit {
  code: string;
  message: string;
  httpStatus: number | null;
  requestId: string | null;
  retryable: boolean;
  product: string;
  action: string;
  /** The failure this one sums up (`OutcomeUnknown` carries the last attempt's). */
  cause?: UpstreamError;
}

/**
 * Every failure of an upstream call, API error or transport failure alike. Its message is safe to
 * log and to show: it is built from Alibaba's `Message` (or a description of the transport
 * failure) and passed through the client's redactor; nothing of the SDK's own message, URL or stack is
 * carried over, because those can hold signed URLs, AccessKey ids and security tokens.
 */
export class UpstreamError extends Error {
  /** Alibaba's error code, or one of `TransportErrorCode`. */
  readonly code: string;
  /** The HTTP status, or null when no HTTP response was received. */
  readonly httpStatus: number | null;
  /** Alibaba's RequestId (quote it to Alibaba support), when the upstream answered. */
  readonly requestId: string | null;
  /** Whether the client treated this as transient. When thrown by a method, retries are already used up. */
  readonly retryable: boolean;
  /** `Ess` | `Ecs` | `Slb` | `Rds` */
  readonly product: string;
  readonly action: string;

  constructor(init: UpstreamErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "UpstreamError";
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
    this.retryable = init.retryable;
    this.product = init.product;
    this.action = init.action;
  }

  /** A plain, loggable record (what JSON.stringify(error) gives, plus the message). */
  toJSON(): UpstreamErrorInit & { name: string } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      httpStatus: this.httpStatus,
      requestId: this.requestId,
      retryable: this.retryable,
      product: this.product,
      action: this.action,
    };
  }
}
