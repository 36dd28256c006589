import { WIRE_ERRORS } from "./wire-errors.contract";

/**
 * The code families of Alibaba Cloud's transient answers (ess-api.md §3.5): the gateway retries
 * them, and a mutation failing with one of them may or may not have been carried out.
 */

/** Server errors: the code itself or a dotted refinement of it (`ServiceUnavailable.RegionMaintaining`). */
const SERVER_ERROR_FAMILIES: readonly string[] = [WIRE_ERRORS.serviceUnavailable.code, WIRE_ERRORS.internalError.code];

/** Whether `code` is a server error (500 `InternalError*`, 503 `ServiceUnavailable*`). */
export function isServerErrorCode(code: string): boolean {
  return SERVER_ERROR_FAMILIES.some((family) => code === family || code.startsWith(`${family}.`));
}

/** What every throttling code contains, wherever in the code (`Throttling.User`, `Rejected.Throttling`); answered with HTTP 400. */
const THROTTLING_MARK = WIRE_ERRORS.throttling.code;

/** Whether `code` is a throttling answer: the request was refused before anything ran. */
export function isThrottlingCode(code: string): boolean {
  return code.includes(THROTTLING_MARK);
}
