import { appendVary, sendJsonError } from "./http.response";
import type { HttpHandler } from "./http.router";
import type { CorsSettings } from "./http.config";

const ALLOWED_METHODS = "GET, POST, OPTIONS";

/** `extensions.code` of a refusal for an Origin outside the allow-list (a CORS preflight, the socket upgrade). */
export const ORIGIN_NOT_ALLOWED_CODE = "ORIGIN_NOT_ALLOWED";

/**
 * Headers a browser app may send. Besides the obvious ones: `apollo-require-preflight` and
 * `x-apollo-operation-name` satisfy Apollo's CSRF prevention, `x-correlation-id` ties a request to
 * the gateway's logs.
 */
const ALLOWED_REQUEST_HEADERS = [
  "content-type",
  "accept",
  "authorization",
  "apollo-require-preflight",
  "x-apollo-operation-name",
  "apollographql-client-name",
  "apollographql-client-version",
  "x-correlation-id",
];

/** Response headers a browser app may read besides the CORS-safelisted ones. */
const EXPOSED_RESPONSE_HEADERS = "x-correlation-id";

/**
 * The test of `CorsSettings.allowedOrigins` (exact origins, or `*` for any), shared by CORS and
 * the subscription socket's origin check.
 */
export function originAllowList(allowedOrigins: readonly string[]): (origin: string) => boolean {
  if (allowedOrigins.includes("*")) return () => true;
  const allowed = new Set(allowedOrigins);
  return (origin) => allowed.has(origin);
}

/**
 * CORS with an allow-list of exact origins. An allowed origin gets its own origin echoed back
 * (never `*` with a list, so a cache keyed on `Vary: Origin` stays correct); a refused origin gets
 * no CORS headers at all, so the browser blocks the response, and a refused preflight answers 403.
 * Requests without an Origin header (curl, servers, same-origin GETs) are not CORS and pass untouched.
 *
 * No `Access-Control-Allow-Credentials`: the gateway authenticates by header, not by cookie, so a
 * cross-site page can never ride on a user's ambient credentials.
 */
export function corsMiddleware(settings: CorsSettings): HttpHandler {
  const anyOrigin = settings.allowedOrigins.includes("*");
  const isAllowed = originAllowList(settings.allowedOrigins);
  const maxAge = String(settings.preflightMaxAgeSeconds);
  return (req, res, next) => {
    const origin = req.headers.origin;
    appendVary(res, "Origin");
    if (origin === undefined) {
      next();
      return;
    }
    const isPreflight = req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined;
    if (!isAllowed(origin)) {
      if (isPreflight) {
        // The gateway's error shape; the Origin is not echoed (the answer must not reflect caller input).
        sendJsonError(res, 403, {
          message: "This Origin is not allowed to call the gateway from a browser (ESS_GATEWAY_CORS_ORIGINS).",
          code: ORIGIN_NOT_ALLOWED_CODE,
          correlationId: req.correlationId,
        });
        return;
      }
      next();
      return;
    }
    res.setHeader("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
    if (isPreflight) {
      res.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
      res.setHeader("Access-Control-Allow-Headers", ALLOWED_REQUEST_HEADERS.join(", "));
      res.setHeader("Access-Control-Max-Age", maxAge);
      res.statusCode = 204;
      res.end();
      return;
    }
    res.setHeader("Access-Control-Expose-Headers", EXPOSED_RESPONSE_HEADERS);
    next();
  };
}
