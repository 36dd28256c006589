import { isIP } from "node:net";
import { networkInterfaces } from "node:os";
import type { HttpHandler } from "./http.router";
import { sendRefusal, type Refusal } from "./refusal.response";

/** `extensions.code` of a request whose Host header names no allowed host. */
const HOST_NOT_ALLOWED_CODE = "HOST_NOT_ALLOWED";

/** The list entry that turns the check off (for a proxy in front that checks Host itself). */
export const ANY_HOST = "*";

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];
const WILDCARD_ADDRESSES = new Set(["0.0.0.0", "::", "[::]"]);

/**
 * The hosts a gateway bound to `boundHost` answers to when `ESS_GATEWAY_ALLOWED_HOSTS` is unset:
 * the names of the bound address. On loopback: `localhost`, `127.0.0.1`, `[::1]`. On a wildcard
 * address (`0.0.0.0`, `::`): those and every address of the machine's interfaces. On another
 * address: that address. IP addresses are safe defaults because DNS rebinding needs a name the
 * attacker controls; a name the gateway is reached by (behind a proxy, in a cluster) must be listed.
 */
export function defaultAllowedHosts(boundHost: string): string[] {
  const host = normalizeHostName(boundHost);
  if (LOOPBACK_NAMES.includes(host) || host.startsWith("127.")) return [...new Set([...LOOPBACK_NAMES, host])];
  if (WILDCARD_ADDRESSES.has(host)) {
    const addresses = Object.values(networkInterfaces()).flatMap((entries) =>
      (entries ?? []).map((entry) => normalizeHostName(entry.address)),
    );
    return [...new Set([...LOOPBACK_NAMES, ...addresses])];
  }
  return [host];
}

/** A host name as the allow-list compares it: lower case, IPv6 addresses in brackets. */
export function normalizeHostName(value: string): string {
  const lower = value.trim().toLowerCase();
  return isIP(lower) === 6 ? `[${lower}]` : lower;
}

/** Whether an allow-list entry is usable: `*`, a DNS name, an IPv4 address or a bracketed (or bare) IPv6 address, with no port. */
export function isHostEntry(value: string): boolean {
  const lower = value.trim().toLowerCase();
  return (
    lower === ANY_HOST ||
    isIP(lower) !== 0 ||
    (lower.startsWith("[") && lower.endsWith("]") && isIP(lower.slice(1, -1)) === 6) ||
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(lower)
  );
}

/** The test of a `Host` header (with or without its port) against the allowed names. */
export function hostAllowList(allowedHosts: readonly string[]): (hostHeader: string | undefined) => boolean {
  if (allowedHosts.includes(ANY_HOST)) return () => true;
  const allowed = new Set(allowedHosts.map(normalizeHostName));
  return (hostHeader) => hostHeader !== undefined && allowed.has(hostNameOf(hostHeader));
}

/** The name part of a Host header: `[::1]:4000` → `[::1]`, `Example.com:80` → `example.com`. */
function hostNameOf(hostHeader: string): string {
  const lower = hostHeader.trim().toLowerCase();
  if (lower.startsWith("[")) return lower.slice(0, lower.indexOf("]") + 1);
  const colon = lower.indexOf(":");
  return colon === -1 ? lower : lower.slice(0, colon);
}

/** The answer to a request for a host the gateway does not serve: 421 Misdirected Request. The Host is not echoed. */
export const HOST_REFUSAL: Refusal = {
  httpStatus: 421,
  code: HOST_NOT_ALLOWED_CODE,
  message: "This gateway does not answer to the host name in the request's Host header (ESS_GATEWAY_ALLOWED_HOSTS).",
};

/**
 * Refuses a request whose Host is not allowed, before anything else runs (CORS, health, the IDE,
 * GraphQL): a page on a foreign name that resolves to the gateway's address (DNS rebinding) must
 * not reach it as if it were same-origin.
 */
export function hostCheckMiddleware(isAllowed: (hostHeader: string | undefined) => boolean): HttpHandler {
  return (req, res, next) => {
    if (isAllowed(req.headers.host)) next();
    else sendRefusal(req, res, HOST_REFUSAL);
  };
}
