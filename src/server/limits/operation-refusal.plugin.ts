import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { ServerContext } from "../server.context";
import type { OperationRefusal } from "./operation-limits";

/**
 * Refuses, before execution, an HTTP operation that `refuse` refuses (the list fan-out and the
 * upstream estimate): its top-level error, with HTTP status 400. It runs at `didResolveOperation`,
 * the first hook that has both the parsed operation and the variables.
 */
export function operationRefusalPlugin(refuse: OperationRefusal): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (operation === undefined) return;
          const refusal = refuse(schema, document, operation, request.variables);
          if (refusal === null) return;
          // Apollo answers with a GraphQLError thrown here, taking the status from `extensions.http`
          // (and removing `http` from the body).
          throw new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, http: { status: 400 } } });
        },
      };
    },
  };
}
