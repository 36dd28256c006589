import type { GraphQLFormattedError } from "graphql";
import type { OperationOutcome } from "../metrics/gateway-metrics";
import { INTERNAL_SERVER_ERROR_CODE, UPSTREAM_ERROR_CODE } from "../plugins/error-masking";

/**
 * How an operation ended, from what was sent (docs/operations.md, "Outcomes"); the worst wins:
 * - `internal_error`: an error the gateway masked as INTERNAL_SERVER_ERROR (a bug of ours);
 * - `upstream_error`: an Alibaba Cloud failure surfaced as a GraphQL error (UPSTREAM_ERROR);
 * - `request_error`: any other error, or an HTTP status of 400 and more: the request was refused
 *   (parse, validation, operation limits, bad variables, CSRF) or a field failed for its input;
 * - `typed_error`: a root field returned a typed error member (`... on UserFacingError`);
 * - `success`.
 */
export function operationOutcome(
  errors: readonly GraphQLFormattedError[] | undefined,
  httpStatus: number,
  typedErrors: readonly string[],
): OperationOutcome {
  let outcome: OperationOutcome = typedErrors.length > 0 ? "typed_error" : "success";
  if (httpStatus >= 400) outcome = "request_error";
  for (const error of errors ?? []) {
    const code = error.extensions?.code;
    if (code === INTERNAL_SERVER_ERROR_CODE) return "internal_error";
    outcome = code === UPSTREAM_ERROR_CODE ? "upstream_error" : outcome === "upstream_error" ? outcome : "request_error";
  }
  return outcome;
}
