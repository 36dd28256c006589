import type { ServerResponse } from "node:http";
import type { GatewayRequest, HttpHandler } from "./http.router";
import { RATE_LIMITED_CODE, type CallerRateLimits, type RateLimitExceeded } from "../rate-limit/caller-rate-limits";
import { sendRefusal, type Refusal } from "./refusal.response";
import { callerKeyOf } from "../auth/principal";

/** The HTTP answer past a rate limit: 429 with `Retry-After`. */
export function rateLimitRefusal(exceeded: RateLimitExceeded): Refusal {
  return {
    httpStatus: 429,
    code: RATE_LIMITED_CODE,
    message: exceeded.message,
    extensions: { limit: exceeded.limit, retryAfterSeconds: exceeded.retryAfterSeconds },
    headers: { "Retry-After": String(exceeded.retryAfterSeconds) },
  };
}

/**
 * Counts each request to the GraphQL endpoint against its caller, before the body is read, and
 * answers 429 past the caller's allowance. Sets `req.caller` for the request's upstream view (each
 * attempt counts against the caller's upstream allowance).
 */
export function rateLimitMiddleware(limits: CallerRateLimits): HttpHandler {
  return async (req, res, next) => {
    // An authenticated request counts against its principal (whatever its address), else its address.
    const principal = req.principal;
    const address = limits.callerOf(req.message);
    const caller = principal === undefined ? address : callerKeyOf(principal, address);
    req.caller = caller;
    const exceeded = await limits.admit(caller);
    if (exceeded === null) next();
    else sendRefusal(req, res, rateLimitRefusal(exceeded));
  };
}

/**
 * For the authentication middleware: a request whose credentials were refused counts against its
 * client address (a key of its own, apart from the address's other requests), and past that
 * allowance gets 429 instead of 401, so guessing keys or tokens is throttled. True when answered.
 */
export function failedAuthenticationThrottle(limits: CallerRateLimits): (req: GatewayRequest, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const exceeded = await limits.admit(`unauthenticated:${limits.callerOf(req.message)}`);
    if (exceeded === null) return false;
    sendRefusal(req, res, rateLimitRefusal(exceeded));
    return true;
  };
}
