import { randomUUID } from "node:crypto";
import diagnosticsChannel from "node:diagnostics_channel";
import type { Agent, ClientRequest } from "node:http";
import type { Socket } from "node:net";

/**
 * Marks this client's requests so their sockets can be told apart from other HTTP traffic in
 * the process. Not signed (V3 signs only `host`, `content-type` and `x-acs-*`), not secret.
 */
export const CLIENT_MARKER_HEADER = "x-ess-gateway-client";

const REQUEST_START_CHANNEL = "http.client.request.start";

/**
 * Finds and releases the keep-alive sockets this client opened.
 *
 * Why this exists: `@alicloud/openapi-client` sends through `@alicloud/tea-typescript` and
 * `httpx`, which use one process-wide `http(s).Agent({ keepAlive: true })` and offer no way to
 * pass an agent of our own (tea only builds a fresh agent, per request, when a `keepAlive`
 * runtime option is set, and openapi-client never forwards one). Sockets are therefore reused
 * across calls, which is what we want, but nothing in the SDK can close them. Node publishes every
 * outgoing request on the `http.client.request.start` diagnostics channel; the tracker keeps the
 * sockets of requests that carry this client's marker header and, on `releaseIdle()`, destroys
 * those that sit idle in their agent's pool. A socket another client in the process has picked up
 * from the shared pool in the meantime is left alone.
 */
export class KeepAliveSocketTracker {
  /** The value of `CLIENT_MARKER_HEADER` on this client's requests. */
  readonly marker = randomUUID();
  private readonly sockets = new Map<Socket, Agent | undefined>();
  private subscribed = true;

  private readonly onRequestStart = (message: unknown): void => {
    const request = (message as { request?: ClientRequest }).request;
    if (!request || request.getHeader(CLIENT_MARKER_HEADER) !== this.marker) return;
    const agent = (request as unknown as { agent?: Agent }).agent;
    const track = (socket: Socket) => {
      if (this.sockets.has(socket)) return;
      this.sockets.set(socket, agent);
      socket.once("close", () => this.sockets.delete(socket));
    };
    // Node publishes the channel when the request is ended; by then a socket is usually assigned.
    if (request.socket) track(request.socket as Socket);
    else request.once("socket", track);
  };

  constructor() {
    diagnosticsChannel.subscribe(REQUEST_START_CHANNEL, this.onRequestStart);
  }

  /**
   * Stops tracking and destroys this client's idle keep-alive sockets. Call it once no request of
   * this client is in flight. Returns how many sockets it destroyed.
   */
  releaseIdle(): number {
    if (this.subscribed) {
      diagnosticsChannel.unsubscribe(REQUEST_START_CHANNEL, this.onRequestStart);
      this.subscribed = false;
    }
    let destroyed = 0;
    for (const [socket, agent] of this.sockets) {
      if (!socket.destroyed && agent && isIdleIn(agent, socket)) {
        socket.destroy();
        destroyed++;
      }
    }
    this.sockets.clear();
    return destroyed;
  }
}

function isIdleIn(agent: Agent, socket: Socket): boolean {
  return Object.values(agent.freeSockets).some((pool) => pool?.includes(socket) ?? false);
}
