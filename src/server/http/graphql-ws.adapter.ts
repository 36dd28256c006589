import type { IncomingMessage } from "node:http";
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from "graphql-ws";
import type { Extra } from "graphql-ws/use/ws";
import type { WebSocket, WebSocketServer } from "ws";
import type { Logger } from "../../shared/logging/logger.types";

/** How often an idle socket is pinged; one that does not answer within as long is dropped (graphql-ws' default). */
const KEEP_ALIVE_MS = 12_000;

/**
 * graphql-ws over a `ws` server: what `graphql-ws/use/ws`'s `useServer` does, owned here so that
 * what a client causes is logged through the gateway's logger, as a client's problem, instead of
 * `console.error` with a stack trace (a frame over the size limit, invalid UTF-8: ws refuses it
 * and closes the socket itself, 1009 / 1007). Only a failure of our own is an error.
 */
export function serveGraphqlWs<P extends Record<string, unknown> | undefined>(
  options: ServerOptions<P, Extra>,
  webSocketServer: WebSocketServer,
  logger: Logger,
): { dispose(): Promise<void> } {
  const server = makeServer(options);
  webSocketServer.options.handleProtocols = handleProtocols;
  webSocketServer.on("error", (error) => {
    logger.error("the subscription server failed; closing its sockets", { error });
    for (const client of webSocketServer.clients) client.close(CloseCode.InternalServerError, "Internal server error");
  });
  webSocketServer.on("connection", (socket: WebSocket, request: IncomingMessage) => {
    socket.once("error", (error) => {
      logger.info("subscription socket closed on a protocol error", { reason: error.message });
      if (socket.readyState === socket.OPEN) socket.close(CloseCode.BadRequest, "Bad request");
    });
    let pongWait: NodeJS.Timeout | undefined;
    const keepAlive = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), KEEP_ALIVE_MS);
      socket.once("pong", () => clearTimeout(pongWait));
      socket.ping();
    }, KEEP_ALIVE_MS);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (error) => (error ? reject(error) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on("message", async (data) => {
            try {
              await handle(String(data));
            } catch (error) {
              logger.error("subscription message handling failed", { error });
              socket.close(CloseCode.InternalServerError, "Internal server error");
            }
          }),
      },
      { socket, request } as Extra,
    );
    socket.once("close", (code, reason) => {
      clearInterval(keepAlive);
      clearTimeout(pongWait);
      void closed(code, String(reason));
    });
  });
  return {
    async dispose() {
      for (const client of webSocketServer.clients) client.close(1001, "Going away");
      webSocketServer.removeAllListeners();
      await new Promise<void>((resolve, reject) => webSocketServer.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
