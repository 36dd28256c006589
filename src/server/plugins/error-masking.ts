import type { GraphQLFormattedError } from "graphql";
import { GraphQLError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import type { ApolloServerPlugin } from "@apollo/server";
import { UpstreamError } from "../../upstream/upstream.error";
import { UpstreamBudgetExceededError, UpstreamCallRefusedError } from "../../upstream/upstream-call.scope";
import type { ServerContext } from "../server.context";

/** `extensions.code` of a top-level error caused by an upstream failure (e.g. while reading a field). */
export const UPSTREAM_ERROR_CODE = "UPSTREAM_ERROR";
export const INTERNAL_SERVER_ERROR_CODE = "INTERNAL_SERVER_ERROR";
export const UNEXPECTED_ERROR_MESSAGE = "Unexpected error. Quote the correlationId when reporting it.";

/**
 * What a top-level error is, for masking and logging:
 * - `request`: a GraphQLError raised on purpose (syntax, validation, variable coercion, Apollo's
 *   own); its message is written for the caller and passes through;
 * - `upstream`: an upstream call failed while resolving a field (e.g. a read after its retries);
 *   the caller sees the upstream code and RequestId, which are safe;
 * - `refused`: the gateway did not send a call the field needed (the operation's upstream budget
 *   was used up, or the operation had ended); the caller sees the refusal's own code;
 * - `unexpected`: anything else, i.e. a bug; the caller sees a generic message only.
 */
type ErrorKind = "request" | "upstream" | "refused" | "unexpected";

function classifyError(error: unknown): { kind: ErrorKind; original: unknown } {
  const original = unwrapResolverError(error);
  if (original instanceof UpstreamError) return { kind: "upstream", original };
  if (original instanceof UpstreamCallRefusedError) return { kind: "refused", original };
  if (original instanceof GraphQLError && isRequestError(original)) return { kind: "request", original };
  return { kind: "unexpected", original };
}

/**
 * Apollo tags the errors it raises about the request itself with a code (`GRAPHQL_PARSE_FAILED`,
 * `GRAPHQL_VALIDATION_FAILED`, `BAD_USER_INPUT`, `BAD_REQUEST`, …); graphql-js' own request errors
 * carry no cause and no path. Anything else (a GraphQLError wrapping a thrown error, or one
 * raised while completing a field) is not something the caller caused.
 */
function isRequestError(error: GraphQLError): boolean {
  const code = error.extensions?.code;
  if (typeof code === "string") return code !== INTERNAL_SERVER_ERROR_CODE;
  return error.originalError === undefined && error.path === undefined;
}

/**
 * Apollo `formatError`: masks everything the caller should not see. Unexpected errors keep only
 * their path and locations, with a generic message and `INTERNAL_SERVER_ERROR`; the details are
 * logged by `errorReportingPlugin`, which also adds the correlation id to every error of the response.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { kind, original } = classifyError(error);
  switch (kind) {
    case "request":
      return formatted;
    case "upstream": {
      const failure = original as UpstreamError;
      return {
        message: `Alibaba Cloud ${failure.product} ${failure.action} failed with ${failure.code}.`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: {
          code: UPSTREAM_ERROR_CODE,
          upstreamCode: failure.code,
          httpStatus: failure.httpStatus,
          requestId: failure.requestId,
          retryable: failure.retryable,
        },
      };
    }
    case "refused": {
      const refusal = original as UpstreamCallRefusedError;
      return {
        message: refusal.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions:
          refusal instanceof UpstreamBudgetExceededError
            ? { code: refusal.code, allowed: refusal.allowed, lastUpstreamCode: refusal.lastUpstreamCode }
            : { code: refusal.code },
      };
    }
    case "unexpected":
      return {
        message: UNEXPECTED_ERROR_MESSAGE,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: INTERNAL_SERVER_ERROR_CODE },
      };
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/**
 * Logs every upstream and unexpected error of a request with its correlation id, and adds the
 * correlation id to every error of the response, so a caller can quote it and an operator can
 * find the details.
 */
export function errorReportingPlugin(): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, operationName }) {
          for (const error of errors) {
            const { kind, original } = classifyError(error);
            if (kind === "request") continue;
            const fields = { operationName, path: error.path, error: original };
            if (kind === "refused") contextValue.logger.info("upstream call not sent for a field", fields);
            else if (kind === "upstream") contextValue.logger.warn("upstream failure while resolving a field", fields);
            else contextValue.logger.error("unexpected error (masked in the response)", fields);
          }
        },
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== "single") return;
          const errors = response.body.singleResult.errors;
          if (errors === undefined) return;
          response.body.singleResult.errors = errors.map((error) => ({
            ...error,
            extensions: { ...error.extensions, correlationId: contextValue.correlationId },
          }));
        },
      };
    },
  };
}
