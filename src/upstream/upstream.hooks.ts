/** The Alibaba Cloud products the gateway calls, named as in their API (`Ess` = Auto Scaling). */
export type UpstreamProduct = "Ess" | "Ecs" | "Slb" | "Rds";

/**
 * One HTTP attempt of one upstream call, reported after it settles: a call that is retried
 * reports every attempt. It never carries parameters, URLs, headers or credentials, so it can be
 * logged or turned into metrics as it is.
 */
export interface UpstreamCallEvent {
  product: UpstreamProduct;
  action: string;
  /** 1 for the first attempt. */
  attempt: number;
  durationMs: number;
  outcome: "ok" | "error";
  /** The `UpstreamError` code when `outcome` is "error". */
  code?: string;
  /** null for transport failures (timeouts, resets); absent on success. */
  httpStatus?: number | null;
  /** Alibaba's RequestId, when the upstream answered. */
  requestId?: string | null;
  /** Whether the client will try again after this failed attempt. */
  willRetry?: boolean;
}

/**
 * Observers for logging and metrics. A hook that throws is ignored: observation never changes
 * the outcome of a call.
 */
export interface UpstreamHooks {
  onCall?(event: UpstreamCallEvent): void;
}
