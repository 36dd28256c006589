import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { ADMIN_PREFIX, handleAdminRequest } from "../admin/admin.routes";
import type { EmulatorAdminControl } from "../admin/emulator.control";
import { protocolErrors } from "../protocol/protocol.errors";
import { newRequestId, renderError } from "../protocol/response.renderer";
import { writeResponse } from "./http-response.writer";
import { describeUnexpectedError } from "./log-text.formatter";
import { handleRpcRequest, type RpcPipelineContext } from "./rpc-request.handler";

export interface EmulatorHttpServerOptions {
  rpc: Omit<RpcPipelineContext, "fallbackHostId">;
  /** Present when the admin surface is enabled. */
  admin?: EmulatorAdminControl;
  /** PEM key and certificate: serve HTTPS instead of HTTP. */
  tls?: { key: string; cert: string };
}

/**
 * The emulator's HTTP server: `/_emulator/…` goes to the admin surface when it is enabled (and
 * is a 404 otherwise), everything else is an RPC request.
 *
 * It tracks its sockets so that `close()` really closes: keep-alive connections of SDK clients
 * would otherwise keep the process (and a test run) alive for their idle timeout.
 */
export class EmulatorHttpServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private closing?: Promise<void>;

  constructor(private readonly options: EmulatorHttpServerOptions) {
    const handler = (request: IncomingMessage, response: ServerResponse) => this.dispatch(request, response);
    this.server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, handler) : createServer(handler);
    // "connection" is the TCP socket for both: destroying it closes a TLS session too.
    this.server.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once("error", onError);
      this.server.listen(port, host, () => {
        this.server.off("error", onError);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /** Stops accepting, cancels injected delays, destroys every open socket. Idempotent. */
  close(): Promise<void> {
    this.closing ??= new Promise((resolve) => {
      this.options.rpc.delays.cancelAll();
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
      this.sockets.clear();
    });
    return this.closing;
  }

  private dispatch(request: IncomingMessage, response: ServerResponse): void {
    const isAdminPath = (request.url ?? "").startsWith(ADMIN_PREFIX) || (request.url ?? "").split("?", 1)[0] === "/_emulator";
    const work =
      isAdminPath && this.options.admin
        ? handleAdminRequest(request, response, this.options.admin, this.options.rpc.log)
        : handleRpcRequest(request, response, { ...this.options.rpc, fallbackHostId: () => this.hostId() });
    work.catch((error: unknown) => {
      // Both handlers answer every failure themselves; reaching this is a bug. Answer and log.
      const requestId = newRequestId();
      this.options.rpc.log?.(`[emulator] ${requestId} InternalError outside a handler: ${describeUnexpectedError(error)}`);
      const rendered = renderError(protocolErrors.internalError(), requestId, "JSON", undefined, this.hostId());
      writeResponse(response, rendered.status, rendered.contentType, rendered.body);
    });
  }

  private hostId(): string {
    const address = this.server.address() as AddressInfo | null;
    return address ? `${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}` : "localhost";
  }
}
