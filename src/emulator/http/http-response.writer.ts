import type { ServerResponse } from "node:http";

/**
 * Writes a complete response unless the client is already gone. A write to a destroyed socket is
 * not an error worth reporting: the client hung up.
 */
export function writeResponse(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  extraHeaders: Record<string, string> = {},
): void {
  if (response.destroyed || response.headersSent) return;
  const bytes = Buffer.from(body, "utf8");
  response.writeHead(status, { "content-type": contentType, "content-length": bytes.length, ...extraHeaders });
  response.end(bytes);
}
