import { setMaxListeners } from "node:events";
import { InFlightTracker } from "./in-flight.tracker";
import type { UpstreamProduct } from "./upstream.hooks";
import type { UpstreamError } from "./upstream.error";

/** `code` of the refusal of an attempt past the operation's upstream budget. */
export const UPSTREAM_BUDGET_EXCEEDED_CODE = "UPSTREAM_BUDGET_EXCEEDED";
/** `code` of the refusal of an attempt after the operation has ended (answered, or its client left). */
const OPERATION_ENDED_CODE = "OPERATION_ENDED";

/**
 * An attempt the client refused to send for the operation that asked for it. Deliberately not an
 * `UpstreamError`: nothing was asked of Alibaba Cloud, so no resolver may present it as an
 * upstream refusal (a union member); it stays a top-level error.
 */
export abstract class UpstreamCallRefusedError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly product: UpstreamProduct,
    readonly action: string,
  ) {
    super(message);
  }
}

/** The operation has used its whole budget of upstream attempts. */
export class UpstreamBudgetExceededError extends UpstreamCallRefusedError {
  readonly code = UPSTREAM_BUDGET_EXCEEDED_CODE;
  constructor(
    /** The operation's budget: attempts allowed, retries and pages included. */
    readonly allowed: number,
    product: UpstreamProduct,
    action: string,
    /** The code of the attempt that would have been retried, when this refusal stopped a retry. */
    readonly lastUpstreamCode: string | null,
  ) {
    super(
      `${product} ${action} was not sent: the operation has used its budget of ${allowed} upstream calls` +
        (lastUpstreamCode === null ? "." : ` (the previous attempt failed with ${lastUpstreamCode} and was not retried).`),
      product,
      action,
    );
    this.name = "UpstreamBudgetExceededError";
  }
}

/** The operation has ended: its answer was sent, or its client went away. */
export class OperationEndedError extends UpstreamCallRefusedError {
  readonly code = OPERATION_ENDED_CODE;
  constructor(product: UpstreamProduct, action: string) {
    super(`${product} ${action} was not sent: the operation has already ended.`, product, action);
    this.name = "OperationEndedError";
  }
}

/** The `reason` of every ended operation's signal (shared and frozen: it carries no request data). */
const OPERATION_ENDED = Object.freeze({ operationEnded: true });

/**
 * What one GraphQL operation may still send upstream: a budget of attempts (every attempt counts,
 * retries and pages included) and an end. Once `end()` is called (the answer is sent, the client
 * left, the subscription finished) no attempt starts and retry sleeps are cut short.
 *
 * One per operation, shared by every call of the operation's upstream view.
 */
export class UpstreamCallScope {
  private readonly controller = new AbortController();
  private attempts = 0;
  private readonly inFlight = new InFlightTracker();

  /** @param maxAttempts the budget; `Infinity` for none. */
  constructor(private maxAttempts: number = Number.POSITIVE_INFINITY) {
    if (!(maxAttempts >= 1)) throw new RangeError("An upstream budget allows at least 1 call.");
    // Every retry wait of the operation listens for its end at once (an eligibility query waits
    // on many loads together): bounded by the budget, not a leak, so no listener warning.
    setMaxListeners(0, this.controller.signal);
  }

  /** Aborted when the operation ends. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Attempts started so far. */
  get attemptsMade(): number {
    return this.attempts;
  }

  /** The budget (`Infinity` when unlimited). */
  get allowed(): number {
    return this.maxAttempts;
  }

  /**
   * Lifts the budget. For a subscription: its polls are bounded by the subscription limits (poll
   * interval, lifetime), not by the budget of one answer.
   */
  unlimit(): void {
    this.maxAttempts = Number.POSITIVE_INFINITY;
  }

  /** Ends the operation: nothing more is sent. Idempotent. */
  end(): void {
    // A reason of our own: without one, abort() builds a DOMException with a stack trace on every
    // request, for a value nothing reads (listeners only learn that the operation ended).
    this.controller.abort(OPERATION_ENDED);
  }

  /**
   * Ends the operation and resolves once the attempts already on the wire have settled, so that
   * nothing of it reaches the upstream after its answer has gone out.
   */
  async settle(): Promise<void> {
    this.end();
    await this.inFlight.drain();
  }

  /**
   * Runs one attempt if the operation may still send it, else throws the refusal (`OperationEndedError`
   * after `end()`, `UpstreamBudgetExceededError` past the budget) without sending anything.
   * `previousFailure` is the failure of the attempt this one would retry.
   */
  run<T>(product: UpstreamProduct, action: string, previousFailure: UpstreamError | null, attempt: () => Promise<T>): Promise<T> {
    if (this.controller.signal.aborted) throw new OperationEndedError(product, action);
    if (this.attempts >= this.maxAttempts)
      throw new UpstreamBudgetExceededError(this.maxAttempts, product, action, previousFailure?.code ?? null);
    this.attempts++;
    return this.inFlight.track(attempt());
  }
}
