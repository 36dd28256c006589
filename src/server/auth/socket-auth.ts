import type { Context } from "graphql-ws";
import type { Extra } from "graphql-ws/use/ws";
import type { WebSocket } from "ws";
import type { AccessRuntime } from "../access/access.runtime";
import type { Logger } from "../../shared/logging/logger.types";
import { SOCKET_UNAUTHENTICATED_CLOSE } from "./auth.middleware";
import type { Principal } from "../../graphql/access/principal";

/**
 * Authentication of a graphql-ws socket: the `connection_init` payload carries the credential as
 * `Authorization` (what GraphiQL sends from its headers editor), the trusted header comes from the
 * upgrade request. Bad or missing credentials close the socket with 4401 before any subscription.
 */
export function socketAuthentication(access: AccessRuntime, logger: Logger) {
  const principals = new WeakMap<WebSocket, Principal>();
  /** What each socket authenticated with: checked again for every operation (see `stillAuthenticated`). */
  const credentials = new WeakMap<WebSocket, Parameters<AccessRuntime["authenticate"]>[0]>();
  const credentialOf = (ctx: Context<Record<string, unknown> | undefined, Extra>): Parameters<AccessRuntime["authenticate"]>[0] => {
    const params = ctx.connectionParams ?? {};
    const authorization = params.Authorization ?? params.authorization;
    const request = ctx.extra.request;
    return {
      authorization: typeof authorization === "string" ? authorization : undefined,
      header: (name) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value[0] : value;
      },
      remoteAddress: request.socket.remoteAddress,
    };
  };
  const refuse = (ctx: Context<Record<string, unknown> | undefined, Extra>, reason: string, phase: string): false => {
    logger.info(`subscription socket refused: not authenticated (${phase})`, { reason });
    ctx.extra.socket.close(SOCKET_UNAUTHENTICATED_CLOSE, "Unauthorized");
    return false;
  };
  return {
    async onConnect(ctx: Context<Record<string, unknown> | undefined, Extra>): Promise<boolean> {
      const credential = credentialOf(ctx);
      const outcome = await access.authenticate(credential);
      if ("principal" in outcome) {
        principals.set(ctx.extra.socket, outcome.principal);
        credentials.set(ctx.extra.socket, credential);
        return true;
      }
      return refuse(ctx, outcome.refused, "connection_init");
    },
    /**
     * Checks the socket's credential again before one of its operations runs: a key revoked (and
     * reloaded) or a token expired since `connection_init` closes the socket with 4401, as HTTP
     * answers 401 from then on. The principal is refreshed (a reloaded policy may map it anew).
     */
    async stillAuthenticated(ctx: Context<Record<string, unknown> | undefined, Extra>): Promise<boolean> {
      const credential = credentials.get(ctx.extra.socket);
      if (credential === undefined) return refuse(ctx, "no credential", "operation");
      const outcome = await access.authenticate(credential);
      if (!("principal" in outcome)) return refuse(ctx, outcome.refused, "operation");
      principals.set(ctx.extra.socket, outcome.principal);
      return true;
    },
    principalOf(socket: WebSocket): Principal | undefined {
      return principals.get(socket);
    },
  };
}
