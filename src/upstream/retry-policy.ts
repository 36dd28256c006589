import { isServerErrorCode, isThrottlingCode } from "../contract/retryable-codes.contract";
import { WIRE_ERRORS } from "../contract/wire-errors.contract";
import { TransportErrorCode, UpstreamError } from "./upstream.error";
import type { UpstreamRetrySettings } from "./upstream.config";

/**
 * When and how long to wait before repeating an upstream call.
 *
 * Every call the gateway makes is safe to repeat: reads are idempotent, and the two mutations
 * (AttachInstances, DetachInstances) always carry a ClientToken that the client reuses on every
 * attempt, so a repeat returns the original ScalingActivityId instead of acting twice. What is
 * retried is therefore decided by whether the failure can be transient, not by the action.
 */

/** Sources of randomness and time, injectable so that tests are deterministic. */
export interface RetryRuntime {
  /** Uniform in [0, 1). Default Math.random. */
  random: () => number;
  /** Default setTimeout-based. May ignore `signal`: `runWithRetry` stops waiting when it aborts anyway. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_RETRY_RUNTIME: RetryRuntime = Object.freeze({
  random: Math.random,
  sleep: (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
});

/**
 * Decides, before each attempt, whether it may be sent (the operation's budget and end: see
 * `UpstreamCallScope`), and runs it; throws its refusal instead of sending. `signal` cuts retry
 * sleeps short.
 */
export interface AttemptGate {
  admit<T>(previousFailure: UpstreamError | null, attempt: () => Promise<T>): Promise<T>;
  signal: AbortSignal;
}

/** What the call is, for the one code whose retry depends on it. */
export interface RetryContext {
  /**
   * True for a mutation that carries a ClientToken: `ScalingActivityInProgress` then only means
   * "the group is busy now", and a repeat with the same token cannot act twice.
   */
  retriesBusyGroup: boolean;
  /** Attempts for this call instead of the configured `maxAttempts` (the outcome settler replays one at a time). */
  maxAttempts?: number;
}

const RETRYABLE_TRANSPORT_CODES: ReadonlySet<string> = new Set([
  TransportErrorCode.RequestTimeout,
  TransportErrorCode.ConnectionReset,
  // An unparsable body is almost always an intermediary's error page (502/503/504 HTML).
  TransportErrorCode.InvalidResponse,
]);

/** The codes of an HTTP error that came without an Alibaba code (JSON without `Code`, or no JSON at all). */
const UNCODED_CODES: ReadonlySet<string> = new Set([TransportErrorCode.UnknownError, TransportErrorCode.InvalidResponse]);

/** HTTP statuses that mean "try again" when the body names no Alibaba code. */
const RETRYABLE_UNCODED_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

/**
 * Whether a failure is worth repeating:
 * - any code containing `Throttling` (`Throttling`, `Throttling.User`, `Throttling.Api`, `Rejected.Throttling`; HTTP 400!);
 * - `ServiceUnavailable*` (503) and `InternalError*` (500);
 * - timeouts, connection resets, unparsable success bodies;
 * - an HTTP 500/502/503/504 without an Alibaba code (JSON or not); any other uncoded 4xx/5xx
 *   (413, 431, an HTML 400 page…) is a definite refusal;
 * - `ScalingActivityInProgress` for mutations carrying a ClientToken.
 * Everything else (other 4xx: validation, not found, state, auth; connection refused; unknown host) is final.
 */
export function isRetryableFailure(code: string, httpStatus: number | null, context: RetryContext): boolean {
  if (isThrottlingCode(code)) return true;
  // An HTTP error whose body names no Alibaba code: its status is all there is to go by (a 413 or
  // 431 from a proxy is a definite refusal; a 502 page is transient).
  if (UNCODED_CODES.has(code) && httpStatus !== null) return RETRYABLE_UNCODED_STATUSES.has(httpStatus);
  if (isServerErrorCode(code)) return true;
  if (RETRYABLE_TRANSPORT_CODES.has(code)) return true;
  if (code === WIRE_ERRORS.scalingActivityInProgress.code) return context.retriesBusyGroup;
  return false;
}

/**
 * The full-jitter backoff ("Exponential Backoff And Jitter", AWS Architecture Blog): before retry
 * number `retryIndex` (0 for the first retry) wait a uniformly random time in
 * [0, min(maxDelayMs, baseDelayMs · 2^retryIndex)). Full jitter spreads clients that were throttled
 * together, so they do not come back together.
 */
export function backoffDelayMs(retryIndex: number, settings: UpstreamRetrySettings, random: () => number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** retryIndex);
  const unit = Math.min(Math.max(random(), 0), 1);
  return Math.floor(unit * ceiling);
}

/** What `runWithRetry` reports after each attempt (the client turns it into an `onCall` event). */
export interface AttemptReport<T> {
  attempt: number;
  durationMs: number;
  result: { ok: true; value: T } | { ok: false; error: UpstreamError };
  willRetry: boolean;
}

/**
 * Runs `attemptOnce` until it succeeds, fails with a non-retryable error, or `maxAttempts` is used
 * up; then resolves with the value or rejects with the last `UpstreamError`. `attemptOnce` must
 * turn every failure into an `UpstreamError` whose `retryable` is already decided.
 *
 * With a `gate`, every attempt (the first and each retry) must be admitted by it first. A retry it
 * refuses (the budget is used up, or the operation ended during the backoff) is not sent: the
 * refusal is thrown instead of the last upstream error, because it is why the call stopped (the
 * upstream failure was transient and would have been retried).
 */
export async function runWithRetry<T>(
  attemptOnce: (attempt: number) => Promise<T>,
  settings: UpstreamRetrySettings,
  runtime: RetryRuntime,
  onAttempt: (report: AttemptReport<T>) => void,
  gate?: AttemptGate,
): Promise<T> {
  let previousFailure: UpstreamError | null = null;
  for (let attempt = 1; ; attempt++) {
    const startedAt = performance.now();
    try {
      const value = await (gate === undefined ? attemptOnce(attempt) : gate.admit(previousFailure, () => attemptOnce(attempt)));
      onAttempt({ attempt, durationMs: performance.now() - startedAt, result: { ok: true, value }, willRetry: false });
      return value;
    } catch (thrown) {
      if (!(thrown instanceof UpstreamError)) throw thrown;
      const willRetry = thrown.retryable && attempt < settings.maxAttempts;
      onAttempt({ attempt, durationMs: performance.now() - startedAt, result: { ok: false, error: thrown }, willRetry });
      if (!willRetry) throw thrown;
      previousFailure = thrown;
      await sleepUnlessAborted(runtime, backoffDelayMs(attempt - 1, settings, runtime.random), gate?.signal);
    }
  }
}

/** `runtime.sleep`, cut short when `signal` aborts (whether or not the runtime honours it). */
export async function sleepUnlessAborted(runtime: RetryRuntime, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return runtime.sleep(ms);
  if (signal.aborted) return;
  let onAbort!: () => void;
  const aborted = new Promise<void>((resolve) => {
    onAbort = resolve;
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    await Promise.race([runtime.sleep(ms, signal), aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}
