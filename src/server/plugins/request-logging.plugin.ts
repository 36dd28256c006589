import type { ApolloServerPlugin } from "@apollo/server";
import type { GatewayContext } from "../context";

/** One log line per GraphQL request: operation, duration and how it ended (never variables: they may hold tokens). */
export function requestLoggingPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const startedAt = performance.now();
      return {
        async willSendResponse({ response, operationName, operation }) {
          const errors = response.body.kind === "single" ? (response.body.singleResult.errors?.length ?? 0) : 0;
          contextValue.logger.info("graphql request", {
            operationName: operationName ?? null,
            operationType: operation?.operation ?? null,
            errorCount: errors,
            httpStatus: response.http.status ?? 200,
            durationMs: Math.round(performance.now() - startedAt),
          });
        },
      };
    },
  };
}
