import type { Logger } from "../../shared/logging/logger.types";
import type { UnknownValueReporter } from "./provider-enum.mapper";

/** Distinct unknown values remembered, so that each is logged once (bounded: a hostile upstream cannot grow it). */
const MAX_REMEMBERED = 256;
/** Longest part of a raw value written to the log. */
const MAX_LOGGED_VALUE = 100;

/** The `msg` of the warning (docs/read-model.md). */
const UNKNOWN_PROVIDER_VALUE_MESSAGE = "upstream sent a value this gateway does not know; answered as UNKNOWN";

/**
 * One gateway's record of the enum values its upstream sent that the gateway does not know (a new
 * ESS lifecycle state, say), answered as `UNKNOWN` with the value in the `…Raw` field. The first
 * time a gateway sees each value it logs a warning on the logger of the request that saw it (so
 * with that request's correlation id); after `MAX_REMEMBERED` distinct values, later new ones are
 * still logged but no longer remembered.
 */
export class UnknownProviderValueLog {
  private readonly seen = new Set<string>();

  /** The reporter of one request, warning on its logger. */
  reporterFor(requestLogger: Logger): UnknownValueReporter {
    return ({ what, value }) => {
      const key = `${what}\u0000${value}`;
      if (this.seen.has(key)) return;
      if (this.seen.size < MAX_REMEMBERED) this.seen.add(key);
      requestLogger.warn(UNKNOWN_PROVIDER_VALUE_MESSAGE, { what, value: value.slice(0, MAX_LOGGED_VALUE) });
    };
  }
}
