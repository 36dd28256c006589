import http from "node:http";
import WebSocket from "ws";

/** A raw HTTP answer. */
export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** An HTTP request with headers fetch would not let a test set (Host, X-Forwarded-For). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? "GET", headers: options.headers, agent: false }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

/** POSTs `{ __typename }` (no upstream call) to the GraphQL endpoint. */
export function postTypename(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return rawRequest(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: "{ __typename }" }),
  });
}

/** Opens (and closes again) a graphql-ws socket: "open", or the HTTP answer that refused the upgrade. */
export function tryUpgrade(url: string, headers: Record<string, string> = {}): Promise<"open" | RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace(/^http/, "ws"), "graphql-transport-ws", { headers });
    socket.once("open", () => {
      socket.close();
      resolve("open");
    });
    socket.once("unexpected-response", (_request, response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
    });
    socket.once("error", (error) => reject(error));
  });
}

/** The first error of a JSON error answer. */
export function firstError(answer: RawAnswer): { message: string; extensions: Record<string, unknown> } {
  const body = JSON.parse(answer.text) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
  return body.errors[0]!;
}
