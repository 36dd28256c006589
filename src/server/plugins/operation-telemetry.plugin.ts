import type { ApolloServerPlugin } from "@apollo/server";
import { operationOutcome } from "../telemetry/operation-outcome";
import type { RequestTelemetry } from "../telemetry/request-telemetry";

/**
 * Feeds each HTTP operation's `RequestTelemetry` (context.telemetry): its name and type once
 * known, then its outcome when the response is sent. Root fields report themselves
 * (src/server/telemetry/root-field.instrumentation.ts); no per-field hook is installed.
 */
export function operationTelemetryPlugin<TContext extends { telemetry?: RequestTelemetry }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const telemetry = contextValue.telemetry;
      if (telemetry === undefined) return;
      const startedAt = performance.now();
      return {
        async didResolveOperation({ operation, operationName }) {
          if (operation !== undefined) telemetry.operationResolved(operation.operation, operationName ?? null);
        },
        async willSendResponse({ response, operation, operationName }) {
          const httpStatus = response.http.status ?? 200;
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
          telemetry.finish(
            {
              operationName: operationName ?? null,
              operationType: operation?.operation ?? null,
              outcome: operationOutcome(errors, httpStatus, telemetry.typedErrors),
              typedErrors: telemetry.typedErrors,
              durationMs: performance.now() - startedAt,
            },
            httpStatus,
          );
        },
      };
    },
  };
}
