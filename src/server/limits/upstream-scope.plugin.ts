import type { ApolloServerPlugin } from "@apollo/server";
import type { ServerContext } from "../server.context";

/**
 * Ends each HTTP operation's upstream scope when its answer is ready (`willSendResponse`), and
 * holds the answer until the attempts already on the wire have settled: loads nobody waits for any
 * more (a preflight's side read, a retry's backoff) stop, and no call of the operation reaches the
 * upstream after its answer has gone out. A client that leaves early ends the scope too (the
 * response's `close`, see `createApp`).
 */
export function upstreamScopePlugin(): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          await contextValue.upstreamCalls?.settle();
        },
      };
    },
  };
}
