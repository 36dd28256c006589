import type { ApolloServerPlugin } from "@apollo/server";
import type { ServerContext } from "../server.context";
import { operationOutcome } from "../telemetry/operation-outcome";

/**
 * One log line per GraphQL request: operation, who called (when known), duration, outcome and
 * upstream calls (never variables: they may hold tokens). The correlation and trace IDs come with
 * the request's logger. docs/operations.md lists the fields.
 */
export function requestLoggingPlugin(): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart({ contextValue }) {
      const startedAt = performance.now();
      return {
        async willSendResponse({ response, operationName, operation }) {
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
          const httpStatus = response.http.status ?? 200;
          const telemetry = contextValue.telemetry;
          const typedErrors = telemetry?.typedErrors ?? [];
          contextValue.logger.info("graphql request", {
            operationName: operationName ?? null,
            operationType: operation?.operation ?? null,
            ...(telemetry?.caller ? { caller: telemetry.caller } : {}),
            outcome: operationOutcome(errors, httpStatus, typedErrors),
            ...(typedErrors.length > 0 ? { typedErrors } : {}),
            errorCount: errors?.length ?? 0,
            httpStatus,
            upstreamCalls: telemetry?.upstreamCalls ?? 0,
            upstreamAttempts: telemetry?.upstreamAttempts ?? 0,
            durationMs: Math.round(performance.now() - startedAt),
          });
        },
      };
    },
  };
}
