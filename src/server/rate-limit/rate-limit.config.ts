/** Per-caller rate limits (docs/limits.md, "Rate limits"). 0 turns a limit off. */
export interface RateLimitSettings {
  /**
   * Requests one caller may make per window: GraphQL requests over HTTP, WebSocket upgrades and
   * operations started over the socket.
   */
  requests: number;
  /** Upstream attempts (retries and pages included) the requests of one caller may make per window. */
  upstreamCalls: number;
  windowSeconds: number;
  /**
   * Proxies in front of the gateway whose `X-Forwarded-For` entries are believed (Express'
   * `trust proxy` as a hop count). 0: the caller is the address of the TCP peer, whatever the header says.
   */
  trustedProxyHops: number;
}

/**
 * Generous for one person or tool (20 requests a second sustained over a minute, bursts of the
 * whole allowance), so that only a runaway or hostile client meets them. The upstream allowance is
 * ten calls per request: a preflight of 1000 instances costs about 60.
 */
export const DEFAULT_RATE_LIMITS: Readonly<RateLimitSettings> = {
  requests: 1_200,
  upstreamCalls: 12_000,
  windowSeconds: 60,
  trustedProxyHops: 0,
};
