import type { RequestHandler } from "express";
import { RATE_LIMITED_CODE, type CallerRateLimits, type RateLimitExceeded } from "../rate-limit/caller-rate-limits";
import { sendRefusal, type Refusal } from "./refusal.response";

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
    const caller = limits.callerOf(req);
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
