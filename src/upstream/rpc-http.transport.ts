import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Socket } from "node:net";
import type { SignedRpcRequest } from "./rpc-request.signer";

/** What one attempt may take, from its start to the end of the response body / to an open connection. */
export interface AttemptLimits {
  timeoutMs: number;
  /** A reused keep-alive socket skips this step. */
  connectTimeoutMs: number;
}

/** The attempt ran out of time; reported as `RequestTimeout`. */
export class AttemptTimeoutError extends Error {
  constructor(
    readonly phase: "connect" | "response",
    readonly limitMs: number,
  ) {
    super(phase === "connect" ? `could not connect within ${limitMs} ms` : `no complete response within ${limitMs} ms`);
    this.name = "AttemptTimeoutError";
  }
}

/** The socket failed before a complete response arrived; `code` is Node's `err.code` (documented API). */
export class SocketFailureError extends Error {
  constructor(readonly code: string | null) {
    super(code === null ? "the socket failed" : `the socket failed (${code})`);
    this.name = "SocketFailureError";
  }
}

/** A complete HTTP response: its status and its body, read once. */
export interface RawResponse {
  status: number;
  body: string;
}

/**
 * The client's own HTTP transport: one keep-alive agent per client and protocol, so the sockets are
 * this client's and `close()` can destroy them, and per-attempt limits that the transport enforces
 * itself (one timer per attempt that destroys its request, and one while a new socket connects, both
 * cleared when the attempt ends, so a finished request is never kept alive by a pending timer).
 *
 * Idle pooled sockets are `unref`ed by Node's agent, so they never keep the process alive.
 */
export class RpcHttpTransport {
  private readonly agent: HttpAgent;
  private readonly send: typeof httpRequest;

  constructor(private readonly protocol: "http" | "https") {
    this.agent = protocol === "https" ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.send = protocol === "https" ? httpsRequest : httpRequest;
  }

  /**
   * Sends `request` as `POST` to `endpoint` (`host[:port]`) and resolves with the complete response
   * (any status), or rejects with `AttemptTimeoutError` or `SocketFailureError`. `deadline` is the
   * attempt's end (ms since epoch, `Date.now()` clock): the attempt may have started before, e.g.
   * while credentials resolved.
   */
  post(endpoint: string, request: SignedRpcRequest, limits: AttemptLimits, deadline: number): Promise<RawResponse> {
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0) return Promise.reject(new AttemptTimeoutError("response", limits.timeoutMs));
    const { hostname, port } = splitEndpoint(endpoint, this.protocol);
    return new Promise<RawResponse>((resolve, reject) => {
      let settled = false;
      let connectTimer: NodeJS.Timeout | undefined;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(responseTimer);
        clearTimeout(connectTimer);
        outcome();
      };
      const fail = (error: Error) => finish(() => reject(error));
      const abort = (error: AttemptTimeoutError) => {
        fail(error);
        outgoing.destroy();
      };
      const outgoing: ClientRequest = this.send({
        method: "POST",
        hostname,
        port,
        path: request.path,
        headers: { ...request.headers, "content-length": "0" },
        agent: this.agent,
      });
      const responseTimer = setTimeout(() => abort(new AttemptTimeoutError("response", limits.timeoutMs)), remainingMs);
      outgoing.once("socket", (socket: Socket) => {
        if (!socket.connecting || settled) return;
        connectTimer = setTimeout(() => abort(new AttemptTimeoutError("connect", limits.connectTimeoutMs)), limits.connectTimeoutMs);
        socket.once("connect", () => clearTimeout(connectTimer));
      });
      outgoing.on("error", (error: NodeJS.ErrnoException) =>
        fail(new SocketFailureError(typeof error.code === "string" ? error.code : null)),
      );
      outgoing.once("response", (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", (error: NodeJS.ErrnoException) =>
          fail(new SocketFailureError(typeof error.code === "string" ? error.code : null)),
        );
        // A body cut short (the peer closed mid-response) ends with `complete` still false.
        response.once("close", () => {
          if (!response.complete) fail(new SocketFailureError("ECONNRESET"));
        });
        response.once("end", () =>
          finish(() => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") })),
        );
      });
      outgoing.end();
    });
  }

  /** Destroys every socket of this transport (call it once no attempt is in flight). */
  close(): void {
    this.agent.destroy();
  }
}

function splitEndpoint(endpoint: string, protocol: "http" | "https"): { hostname: string; port: number } {
  const url = new URL(`${protocol}://${endpoint}`);
  const port = url.port === "" ? (protocol === "https" ? 443 : 80) : Number(url.port);
  return { hostname: url.hostname.replace(/^\[|\]$/g, ""), port };
}
