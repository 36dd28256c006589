import type { ServerResponse } from "node:http";

/** The media type of every JSON answer the gateway writes itself (Apollo sets its own). */
export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/**
 * Ends the response with `body` and its Content-Length (never chunked: every body the gateway
 * writes itself is small and complete). A HEAD answer gets the headers only.
 */
export function sendBody(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.statusCode = status;
  response.setHeader("Content-Type", contentType);
  response.setHeader("Content-Length", Buffer.byteLength(body));
  response.end(response.req?.method === "HEAD" ? undefined : body);
}

/** Ends the response with `value` as JSON. */
export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  sendBody(response, status, JSON_CONTENT_TYPE, JSON.stringify(value));
}

/** The gateway's error shape: one top-level error with a code (and the correlation id when known). */
export function sendJsonError(
  response: ServerResponse,
  status: number,
  error: { message: string; code: string; correlationId?: string },
): void {
  const extensions = error.correlationId === undefined ? { code: error.code } : { code: error.code, correlationId: error.correlationId };
  sendJson(response, status, { errors: [{ message: error.message, extensions }] });
}

/** Adds `field` to the response's `Vary` header unless it is there already. */
export function appendVary(response: ServerResponse, field: string): void {
  const current = response.getHeader("Vary");
  if (current === undefined) {
    response.setHeader("Vary", field);
    return;
  }
  const listed = String(current);
  const lower = field.toLowerCase();
  if (listed === "*" || listed.split(",").some((entry) => entry.trim().toLowerCase() === lower)) return;
  response.setHeader("Vary", `${listed}, ${field}`);
}
