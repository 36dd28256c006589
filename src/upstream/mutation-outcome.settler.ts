import { isServerErrorCode, isThrottlingCode } from "../contract/retryable-codes.contract";
import { backoffDelayMs, sleepUnlessAborted, type RetryRuntime } from "./retry-policy";
import { DEFAULT_UPSTREAM_RETRY, type UpstreamRetrySettings } from "./upstream.config";
import { TransportErrorCode, UpstreamError } from "./upstream.error";
import { UpstreamCallRefusedError } from "./upstream-call.scope";
import type { UpstreamCallEvent, UpstreamHooks, UpstreamProduct } from "./upstream.hooks";

/**
 * Whether a mutation took effect, after the client's retries ended in a failure.
 *
 * A tokened mutation (AttachInstances, DetachInstances) can be committed by ESS although its caller
 * saw a failure: the answer timed out, the connection dropped after ESS wrote the activity, the
 * upstream died after committing. The attempts after that may then fail differently (throttled,
 * refused), and their error says nothing about the earlier attempt. Reporting such an error as
 * "the attach failed" would be false. The settler tells the cases apart and, when the outcome is
 * open, replays the call with the same ClientToken (which ESS answers with the original activity,
 * or a definite error) for a bounded time.
 */

/** Codes of a failure after which the request may have been processed: no answer, or a server-side failure. */
const MAY_HAVE_ACTED_CODES: ReadonlySet<string> = new Set([
  TransportErrorCode.RequestTimeout,
  TransportErrorCode.ConnectionReset,
  TransportErrorCode.NetworkError,
  TransportErrorCode.InvalidResponse,
  TransportErrorCode.ClientFailure,
]);

/**
 * Whether one failed attempt may have been carried out by ESS. Throttling and refused connections
 * are answered before anything runs; a timeout, a reset, an unreadable body or a 5xx may come
 * after the commit.
 */
function attemptMayHaveActed(code: string, httpStatus: number | null | undefined): boolean {
  if (MAY_HAVE_ACTED_CODES.has(code) || isServerErrorCode(code)) return true;
  return code === TransportErrorCode.UnknownError && (httpStatus ?? 0) >= 500;
}

/**
 * Whether a failure is ESS's definite answer to this mutation: an Alibaba code about the request
 * (not found, wrong state, MaxSize, …) rather than about the transport or the service's health.
 * With the same ClientToken ESS answers a committed request with its original activity, so a
 * definite refusal means nothing was attached.
 */
export function isDefiniteAnswer(code: string): boolean {
  if (Object.values<string>(TransportErrorCode).includes(code)) return false;
  return !isThrottlingCode(code) && !isServerErrorCode(code);
}

/**
 * What a failed mutation means: ESS refused it (a definite answer), no attempt can have been
 * processed (every one was throttled, refused a connection, …), or nobody can tell yet.
 */
function failureOutcome(error: UpstreamError, anyAttemptMayHaveActed: boolean): "refused" | "notProcessed" | "unknown" {
  if (isDefiniteAnswer(error.code)) return "refused";
  return anyAttemptMayHaveActed ? "unknown" : "notProcessed";
}

/** One call of the mutation: `maxAttempts` attempts (the settler asks for one at a time), reported to `hooks`. */
export type TokenedCall<R> = (hooks: UpstreamHooks, maxAttempts: number | undefined) => Promise<R>;

export interface SettleOptions {
  product: UpstreamProduct;
  action: string;
  retry: UpstreamRetrySettings;
  /** How long the settler replays the call before giving up; 0 never replays. */
  settleMs: number;
  runtime: RetryRuntime;
  /** The request's hooks: every attempt, replays included, is reported there. */
  hooks: UpstreamHooks;
  /** The operation's end (`UpstreamCallScope.signal`): a replay's wait is cut short then (and the replay refused). */
  signal?: AbortSignal;
}

/** How long an open outcome is settled for: `retry.settleMs`, or the default. */
export function settleWindowMs(retry: UpstreamRetrySettings): number {
  return retry.settleMs ?? DEFAULT_UPSTREAM_RETRY.settleMs;
}

/**
 * Most replays one settling makes: two per `maxDelayMs` of the settle window (a replay waits half
 * the backoff ceiling on average). Bounded by count as well as by time, so that a zero backoff
 * cannot turn the window into a tight loop, and so that an operation's upstream estimate can
 * count them (src/server/limits/upstream-cost.table.ts).
 */
export function maxSettleReplays(retry: UpstreamRetrySettings, settleMs: number = settleWindowMs(retry)): number {
  if (settleMs <= 0) return 0;
  return 2 * Math.ceil(settleMs / Math.max(1, retry.maxDelayMs));
}

/**
 * Runs a tokened mutation with the client's retries; when they end in a failure whose outcome is
 * open, replays it (one attempt at a time, with the retry backoff at its ceiling) until it gets a
 * definite answer or `settleMs` have passed. Resolves with the mapped answer (the original
 * activity when an earlier attempt had committed); rejects with the definite `UpstreamError`, with
 * the error of a call that was never processed, or with `OutcomeUnknown` when no answer could be
 * had, or when an answer arrived but `map` cannot read it (a replay would only repeat it).
 */
export async function runSettled<R, T>(call: TokenedCall<R>, map: (answer: R) => T, options: SettleOptions): Promise<T> {
  let mayHaveActed = false;
  const hooks: UpstreamHooks = {
    onCall(event: UpstreamCallEvent) {
      if (event.outcome === "error" && attemptMayHaveActed(event.code ?? "", event.httpStatus)) mayHaveActed = true;
      options.hooks.onCall?.(event);
    },
  };
  const answered = (answer: R): T => {
    try {
      return map(answer);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      throw outcomeUnknown(error, options, `Alibaba Cloud answered, but the answer could not be read (${error.message})`);
    }
  };
  let last: UpstreamError | null = null;
  // An attempt the operation may not send any more (its budget is used up, it has ended) after one
  // that may have acted: the outcome is open, and must be reported as such, not as a refusal.
  const openAfterRefusal = (error: unknown): unknown =>
    error instanceof UpstreamCallRefusedError && mayHaveActed
      ? outcomeUnknown(last ?? refusedAttempt(error, options), options, `an attempt may have reached Alibaba Cloud, and ${error.message}`)
      : error;
  try {
    return answered(await call(hooks, undefined));
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw openAfterRefusal(error);
    if (error.code === TransportErrorCode.OutcomeUnknown) throw error;
    last = error;
  }
  const startedAt = performance.now();
  const maxReplays = maxSettleReplays(options.retry, options.settleMs);
  for (let replay = 0; failureOutcome(last, mayHaveActed) === "unknown"; replay++) {
    const delay = backoffDelayMs(Math.max(options.retry.maxAttempts - 1, replay), options.retry, options.runtime.random);
    if (replay >= maxReplays || performance.now() - startedAt + delay >= options.settleMs) {
      throw outcomeUnknown(
        last,
        options,
        `an attempt may have reached Alibaba Cloud, and no attempt (the retries and ${replay} replays, within ${options.settleMs} ms) got a definite answer (last: ${last.code})`,
      );
    }
    await sleepUnlessAborted(options.runtime, delay, options.signal);
    try {
      return answered(await call(hooks, 1));
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw openAfterRefusal(error);
      if (error.code === TransportErrorCode.OutcomeUnknown) throw error;
      last = error;
    }
  }
  throw last;
}

/** Stands for the last failure when the refusal came before any attempt failed with an error of its own. */
function refusedAttempt(refusal: UpstreamCallRefusedError, options: SettleOptions): UpstreamError {
  return new UpstreamError({
    code: refusal.code,
    httpStatus: null,
    requestId: null,
    message: refusal.message,
    retryable: true,
    product: options.product,
    action: options.action,
  });
}

function outcomeUnknown(last: UpstreamError, options: SettleOptions, why: string): UpstreamError {
  return new UpstreamError({
    code: TransportErrorCode.OutcomeUnknown,
    httpStatus: last.httpStatus,
    requestId: last.requestId,
    message: `${options.product} ${options.action}: ${why}. Whether it took effect is unknown: send the same request again with the same ClientToken to settle it; it cannot act twice.`,
    retryable: true,
    product: options.product,
    action: options.action,
    cause: last,
  });
}
