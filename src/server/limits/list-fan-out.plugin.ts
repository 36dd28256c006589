import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { GatewayContext } from "../context";
import { listFanOutRefusal, measureListFanOut } from "./list-fan-out";

/**
 * Refuses, before execution, an HTTP operation whose list fan-out (`measureListFanOut`) exceeds
 * `maxListItems`: a top-level `GRAPHQL_VALIDATION_FAILED` error with `extensions.limit =
 * "maxListItems"` and HTTP status 400. It runs at `didResolveOperation`, the first hook that has
 * both the parsed operation and the variables.
 */
export function listFanOutPlugin(maxListItems: number): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (operation === undefined) return;
          const refusal = listFanOutRefusal(measureListFanOut(schema, document, operation, request.variables), maxListItems);
          if (refusal === null) return;
          // Apollo answers with a GraphQLError thrown here, taking the status from `extensions.http`
          // (and removing `http` from the body).
          throw new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, http: { status: 400 } } });
        },
      };
    },
  };
}
