import type { Request, RequestHandler, Response } from "express";
import { RATE_LIMITED_CODE, type CallerRateLimits, type RateLimitExceeded } from "../rate-limit/caller-rate-limits";
import { sendRefusal, type Refusal } from "./refusal.response";
import { callerKeyOf } from "../auth/principal";
import type { Principal } from "../../graphql/access/principal";

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
 * answers 429 past the caller's allowance. Sets `res.locals.caller` for the request's upstream
 * view (each attempt counts against the caller's upstream allowance).
 */
export function rateLimitMiddleware(limits: CallerRateLimits): RequestHandler {
  return async (req, res, next) => {
    // An authenticated request counts against its principal (whatever its address), else its address.
    const principal = res.locals.principal as Principal | undefined;
    const caller = principal === undefined ? limits.callerOf(req) : callerKeyOf(principal, limits.callerOf(req));
    res.locals.caller = caller;
    try {
      const exceeded = await limits.admit(caller);
      if (exceeded === null) next();
      else sendRefusal(res, rateLimitRefusal(exceeded));
    } catch (error) {
      next(error);
    }
  };
}

/**
 * For the authentication middleware: a request whose credentials were refused counts against its
 * client address (a key of its own, apart from the address's other requests), and past that
 * allowance gets 429 instead of 401, so guessing keys or tokens is throttled. True when answered.
 */
export function failedAuthenticationThrottle(limits: CallerRateLimits): (req: Request, res: Response) => Promise<boolean> {
  return async (req, res) => {
    const exceeded = await limits.admit(`unauthenticated:${limits.callerOf(req)}`);
    if (exceeded === null) return false;
    sendRefusal(res, rateLimitRefusal(exceeded));
    return true;
  };
}
