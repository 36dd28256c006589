import type { HttpHandler } from "./http.router";
import { sendJsonError } from "./http.response";

/** The methods the GraphQL endpoint answers (GraphQL over HTTP); CORS preflights are answered before it. */
const GRAPHQL_METHODS: readonly string[] = Object.freeze(["GET", "POST"]);

/**
 * 405 with `Allow: GET, POST` for any other method, in the gateway's error shape, before the CSRF
 * check: a PUT without a Content-Type is not a potential CSRF but a wrong method, and says so.
 */
export function graphqlMethodsOnly(): HttpHandler {
  return (req, res, next) => {
    if (GRAPHQL_METHODS.includes(req.method)) {
      next();
      return;
    }
    res.setHeader("Allow", GRAPHQL_METHODS.join(", "));
    sendJsonError(res, 405, {
      message: `The GraphQL endpoint answers ${GRAPHQL_METHODS.join(" and ")} only.`,
      code: "METHOD_NOT_ALLOWED",
      correlationId: req.correlationId,
    });
  };
}
