import type { IncomingMessage } from "node:http";

/**
 * Who a request counts against for the rate limits: the client's address. The next step (access
 * control) makes it the authenticated principal; this is the one place that decides.
 *
 * Behind `trustedProxyHops` proxies, each of which appends the address it received the request
 * from to `X-Forwarded-For`, the client is the entry that many hops from the right, as Express'
 * `trust proxy` with a hop count has it. Entries further left were written by the client itself
 * and are never believed.
 */
export function callerKeyOf(request: IncomingMessage, trustedProxyHops: number): string {
  const peer = request.socket.remoteAddress ?? "unknown";
  if (trustedProxyHops === 0) return peer;
  const header = request.headers["x-forwarded-for"];
  const forwarded = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const chain = [peer, ...forwarded.reverse()];
  return chain[Math.min(trustedProxyHops, chain.length - 1)]!;
}
