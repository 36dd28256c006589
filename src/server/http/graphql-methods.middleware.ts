import type { RequestHandler } from "express";

/** The methods the GraphQL endpoint answers (GraphQL over HTTP); CORS preflights are answered before it. */
const GRAPHQL_METHODS: readonly string[] = Object.freeze(["GET", "POST"]);

/**
 * 405 with `Allow: GET, POST` for any other method, in the gateway's error shape, before the CSRF
 * check: a PUT without a Content-Type is not a potential CSRF but a wrong method, and says so.
 */
export function graphqlMethodsOnly(): RequestHandler {
  return (req, res, next) => {
    if (GRAPHQL_METHODS.includes(req.method)) {
      next();
      return;
    }
    res
      .status(405)
      .set("Allow", GRAPHQL_METHODS.join(", "))
      .json({
        errors: [
          {
            message: `The GraphQL endpoint answers ${GRAPHQL_METHODS.join(" and ")} only.`,
            extensions: { code: "METHOD_NOT_ALLOWED", correlationId: String(res.locals.correlationId) },
          },
        ],
      });
  };
}
