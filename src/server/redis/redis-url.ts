/**
 * `ESS_GATEWAY_REDIS_URL` as shown to people: the password (and a user name, which some
 * deployments use as a secret too) replaced by `***`. The URL itself is never logged, shown in
 * `/readyz` or in an error: only this.
 */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    if (parsed.username !== "" && parsed.password === "") parsed.username = "***";
    return parsed.href;
  } catch {
    return "(an unparsable Redis URL)";
  }
}

/** The password of a Redis URL, for the logger's list of known secrets; "" when there is none. */
export function redisUrlPassword(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return "";
  }
}

/**
 * Why a Redis URL is not usable, or null when it is: `redis://` or `rediss://` (TLS), a host, an
 * optional port and database number (`/0`…`/15`), no query or fragment (ioredis would ignore or
 * misread them). The reason never contains the URL's secret parts.
 */
export function redisUrlProblem(value: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return "is not a URL such as redis://redis.internal:6379 (or rediss:// for TLS).";
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    return `has scheme ${JSON.stringify(parsed.protocol.slice(0, 16))}; use redis:// or rediss:// (TLS).`;
  }
  if (parsed.hostname === "") return "names no host (redis://host:port).";
  if (parsed.search !== "" || parsed.hash !== "")
    return "must not have a query or fragment: options are gateway settings (docs/configuration.md).";
  if (parsed.pathname !== "" && parsed.pathname !== "/" && !/^\/(\d|1[0-5])$/.test(parsed.pathname)) {
    return "has a path other than a database number /0 to /15.";
  }
  return null;
}
