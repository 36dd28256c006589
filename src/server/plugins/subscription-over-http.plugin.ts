import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import { GRAPHQL_PATH } from "../app";
import type { ServerContext } from "../server.context";

/** `extensions.code` of a subscription operation sent over HTTP. */
const SUBSCRIPTION_OVER_HTTP_CODE = "SUBSCRIPTION_REQUIRES_WEBSOCKET";

/**
 * Refuses a subscription operation sent over HTTP (POST; Apollo answers a GET of one with 405
 * before this) with 400 and its own code, before anything runs: Apollo would otherwise execute
 * it as a query, and the subscription resolver, written for the socket, fails as an internal
 * error. Subscriptions are served on the WebSocket endpoint (docs/http.md, "Subscriptions").
 */
export function subscriptionOverHttpPlugin(): ApolloServerPlugin<ServerContext> {
  const message =
    `Subscriptions are served over WebSocket only: connect to ws://<host>${GRAPHQL_PATH} with the graphql-ws protocol ` +
    `(subprotocol graphql-transport-ws). Over HTTP, send queries and mutations.`;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== "subscription") return;
          throw new GraphQLError(message, { extensions: { code: SUBSCRIPTION_OVER_HTTP_CODE, http: { status: 400 } } });
        },
      };
    },
  };
}
