import type { Context } from "graphql-ws";
import type { Extra } from "graphql-ws/use/ws";
import type { WebSocket } from "ws";
import type { AccessRuntime } from "../access/access.runtime";
import type { Logger } from "../logging/logger";
import { SOCKET_UNAUTHENTICATED_CLOSE } from "./auth.middleware";
import type { Principal } from "./principal";

/**
 * Authentication of a graphql-ws socket: the `connection_init` payload carries the credential as
 * `Authorization` (what GraphiQL sends from its headers editor), the trusted header comes from the
 * upgrade request. Bad or missing credentials close the socket with 4401 before any subscription.
 */
export function socketAuthentication(access: AccessRuntime, logger: Logger) {
  const principals = new WeakMap<WebSocket, Principal>();
  return {
    async onConnect(ctx: Context<Record<string, unknown> | undefined, Extra>): Promise<boolean> {
      const params = ctx.connectionParams ?? {};
      const authorization = params.Authorization ?? params.authorization;
      const request = ctx.extra.request;
      const outcome = await access.authenticate({
        authorization: typeof authorization === "string" ? authorization : undefined,
        header: (name) => {
          const value = request.headers[name];
          return Array.isArray(value) ? value[0] : value;
        },
        remoteAddress: request.socket.remoteAddress,
      });
      if ("principal" in outcome) {
        principals.set(ctx.extra.socket, outcome.principal);
        return true;
      }
      logger.info("subscription socket refused: not authenticated", { reason: outcome.refused });
      ctx.extra.socket.close(SOCKET_UNAUTHENTICATED_CLOSE, "Unauthorized");
      return false;
    },
    principalOf(socket: WebSocket): Principal | undefined {
      return principals.get(socket);
    },
  };
}
