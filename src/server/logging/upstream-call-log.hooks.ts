import type { UpstreamHooks } from "../../upstream/upstream.hooks";
import type { Logger } from "../../shared/logging/logger.types";

/**
 * Upstream hooks that log every attempt to `logger`: successes at debug, failures (with the code,
 * HTTP status and whether the client retries) at info. The gateway installs them on its upstream
 * client with its root logger, for calls made outside any request (the readiness probe), and on
 * each request's view of the client with the request's logger, so those lines carry the
 * request's correlation id.
 */
export function upstreamCallLogHooks(logger: Logger): UpstreamHooks {
  return {
    onCall: (event) =>
      event.outcome === "ok" ? logger.debug("upstream call", { ...event }) : logger.info("upstream call failed", { ...event }),
  };
}
