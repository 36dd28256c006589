import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import { METRICS_PATH } from "./metrics.config";

/** A running `/metrics` listener of its own. */
export interface MetricsServer {
  /** e.g. `http://127.0.0.1:9464/metrics`. */
  url: string;
  close(): Promise<void>;
}

type Answer = { status: number; contentType: string; body: string; headers?: Record<string, string> };

/**
 * Answers one scrape: GET (or HEAD) with `Authorization: Bearer <token>` when a token is set.
 * Compared in constant time on digests, so neither the token's content nor its length leaks.
 */
export async function answerScrape(
  registry: Registry,
  token: string | null,
  method: string | undefined,
  authorization: string | undefined,
): Promise<Answer> {
  if (method !== "GET" && method !== "HEAD")
    return { status: 405, contentType: "text/plain", body: "Method not allowed\n", headers: { allow: "GET, HEAD" } };
  if (token !== null && !bearerMatches(authorization, token)) {
    return {
      status: 401,
      contentType: "text/plain",
      body: "A bearer token is required\n",
      headers: { "www-authenticate": 'Bearer realm="metrics"' },
    };
  }
  return { status: 200, contentType: registry.contentType, body: await registry.metrics() };
}

function bearerMatches(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1] ?? "";
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

/** Writes an answer on a node:http response (the separate listener and the main port's route alike). */
export function sendAnswer(response: http.ServerResponse, answer: Answer, method: string | undefined): void {
  response.writeHead(answer.status, { "content-type": answer.contentType, "cache-control": "no-store", ...answer.headers });
  response.end(method === "HEAD" ? undefined : answer.body);
}

/** Serves `/metrics` (and nothing else) on a listener of its own. */
export async function startMetricsServer(options: {
  host: string;
  port: number;
  registry: Registry;
  token: string | null;
  /** The Host allow-list (DNS rebinding): the main port's, with this listener's own address names. */
  isHostAllowed: (hostHeader: string | undefined) => boolean;
}): Promise<MetricsServer> {
  const server = http.createServer((request, response) => {
    if (!options.isHostAllowed(request.headers.host)) {
      sendAnswer(response, { status: 421, contentType: "text/plain", body: "This Host is not served here\n" }, request.method);
      return;
    }
    const path = (request.url ?? "/").split("?")[0];
    if (path !== METRICS_PATH) {
      sendAnswer(response, { status: 404, contentType: "text/plain", body: `Only ${METRICS_PATH} is served here\n` }, request.method);
      return;
    }
    answerScrape(options.registry, options.token, request.method, request.headers.authorization).then(
      (answer) => sendAnswer(response, answer, request.method),
      () => sendAnswer(response, { status: 500, contentType: "text/plain", body: "Metrics could not be collected\n" }, request.method),
    );
  });
  // A scrape is one short request: no reason to keep idle sockets open for long.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `port ${options.port} on ${options.host} (for /metrics) is already in use; choose another with ESS_GATEWAY_METRICS_PORT=<port> or --metrics-port <port> (0 picks a free one), or ESS_GATEWAY_METRICS=off.`,
            )
          : error,
      );
    server.once("error", onError);
    server.listen(options.port, options.host, () => {
      server.off("error", onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}${METRICS_PATH}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
