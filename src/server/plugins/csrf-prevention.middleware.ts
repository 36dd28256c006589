import { preferredMediaType } from "../http/accept.negotiation";
import type { HttpHandler } from "../http/http.router";
import { sendBody } from "../http/http.response";
import { mediaTypeOf } from "../http/json-body.reader";

/**
 * A request carrying a non-empty value for one of these headers cannot have been sent cross-site
 * without a CORS preflight. Also given to Apollo's own CSRF prevention (`csrfPrevention`), which
 * stays on behind this middleware as a second line.
 */
export const CSRF_PREFLIGHT_HEADERS: readonly string[] = Object.freeze(["x-apollo-operation-name", "apollo-require-preflight"]);

/** The content types a browser sends cross-site without a preflight (Fetch standard, CORS-safelisted). */
const SIMPLE_CONTENT_TYPES: ReadonlySet<string> = new Set(["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]);

const CSRF_REFUSAL_MESSAGE =
  "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Send a Content-Type other than " +
  `${[...SIMPLE_CONTENT_TYPES].join(", ")} (e.g. application/json), or a non-empty ${CSRF_PREFLIGHT_HEADERS.join(" or ")} header.`;

/**
 * Apollo Server's CSRF rule, answered by the gateway: a request a browser could send cross-site
 * without a preflight (no Content-Type or a simple one, e.g. any GET) is refused with 400 unless it
 * carries a preflight header. Apollo's own refusal has no correlation id (it runs before the
 * request's context exists) and a message ending in a newline, so this refuses first, in the
 * gateway's error shape.
 */
export function csrfPrevention(): HttpHandler {
  return (req, res, next) => {
    if (!mayBeCrossSite(req.headers["content-type"]) || CSRF_PREFLIGHT_HEADERS.some((header) => hasValue(req.headers[header]))) {
      next();
      return;
    }
    // The media type Apollo would answer with (GraphQL over HTTP: the one the client prefers).
    const mediaType = preferredMediaType(req.headers.accept, REFUSAL_MEDIA_TYPES) ?? "application/json";
    const body = { errors: [{ message: CSRF_REFUSAL_MESSAGE, extensions: { code: "BAD_REQUEST", correlationId: req.correlationId } }] };
    sendBody(res, 400, `${mediaType}; charset=utf-8`, JSON.stringify(body));
  };
}

/** What the refusal may be written as, in Apollo's order. */
const REFUSAL_MEDIA_TYPES = ["application/json", "application/graphql-response+json"] as const;

function mayBeCrossSite(contentType: string | undefined): boolean {
  return contentType === undefined || SIMPLE_CONTENT_TYPES.has(mediaTypeOf(contentType));
}

function hasValue(value: string | string[] | undefined): boolean {
  return Array.isArray(value) ? value.some((item) => item.length > 0) : value !== undefined && value.length > 0;
}
