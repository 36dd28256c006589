import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { ServerResponse } from "node:http";
import type { GatewayRequest } from "./http.router";
import { JSON_CONTENT_TYPE, sendBody } from "./http.response";

/** A request the gateway refuses before GraphQL sees it (Host, document size, rate limit). */
export interface Refusal {
  httpStatus: number;
  code: string;
  message: string;
  /** More `extensions` besides `code` and `correlationId` (e.g. the limit's name and value). */
  extensions?: Readonly<Record<string, unknown>>;
  /** Response headers, e.g. `Retry-After`. */
  headers?: Readonly<Record<string, string>>;
}

/** The JSON body: one top-level error, the same shape as every other refusal of the gateway. */
function refusalBody(refusal: Refusal, correlationId: string | undefined): string {
  return JSON.stringify({
    errors: [
      {
        message: refusal.message,
        extensions: { code: refusal.code, ...refusal.extensions, ...(correlationId === undefined ? {} : { correlationId }) },
      },
    ],
  });
}

/** Answers a request with the refusal. */
export function sendRefusal(req: GatewayRequest, res: ServerResponse, refusal: Refusal): void {
  for (const [name, value] of Object.entries(refusal.headers ?? {})) res.setHeader(name, value);
  res.setHeader("Cache-Control", "no-store");
  sendBody(res, refusal.httpStatus, JSON_CONTENT_TYPE, refusalBody(refusal, req.correlationId));
}

/**
 * Answers a WebSocket upgrade request with the refusal as a plain HTTP response and closes the
 * connection: the socket never opens.
 */
export function writeUpgradeRefusal(socket: Duplex, refusal: Refusal, correlationId: string): void {
  const body = refusalBody(refusal, correlationId);
  const headers = {
    Connection: "close",
    "Content-Type": JSON_CONTENT_TYPE,
    "Content-Length": String(Buffer.byteLength(body)),
    "Cache-Control": "no-store",
    "x-correlation-id": correlationId,
    ...refusal.headers,
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  socket.end(`HTTP/1.1 ${refusal.httpStatus} ${STATUS_CODES[refusal.httpStatus] ?? ""}\r\n${head}\r\n${body}`);
}
