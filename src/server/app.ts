import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import type { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { graphqlMethodsOnly } from "./http/graphql-methods.middleware";
import { requestShapeMiddleware } from "./http/request-shape.middleware";
import { csrfPrevention } from "./plugins/csrf-prevention.middleware";
import { INTERNAL_SERVER_ERROR_CODE, UNEXPECTED_ERROR_MESSAGE } from "./plugins/error-masking";
import { CORRELATION_ID_HEADER, correlationIdOf, REQUEST_ID_HEADER } from "./http/correlation-id";
import type { ServerContextDependencies, ServerContext } from "./server.context";
import { createContext } from "../graphql/gateway.context";

/** Where the GraphQL endpoint is mounted. */
export const GRAPHQL_PATH = "/graphql";

/** Largest accepted request body; an attach of 20 instances is under 3 KB. */
const MAX_BODY = "1mb";

export interface AppOptions {
  /** A started Apollo server. */
  apollo: ApolloServer<ServerContext>;
  dependencies: ServerContextDependencies;
  /**
   * Adds routes and middleware before the GraphQL endpoint (an IDE, health checks, CORS, …).
   * Runs after the correlation-id middleware, so every route has `res.locals.correlationId`.
   */
  extend?: (app: Express) => void;
  /** Run on `/graphql` after the body is read, before Apollo parses anything (e.g. the document size limit). */
  guards?: RequestHandler[];
}

/**
 * Assembles the Express app: a correlation id for every request (echoed in the
 * `x-correlation-id` header), `/graphql`, and JSON errors for anything Express itself rejects
 * (e.g. a malformed JSON body), so no request ever gets an HTML stack trace.
 */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  // No ETag on Express' own responses (GraphQL results, health, errors, the IDE page): it hashes
  // every body (~2 µs for a small result, ~18 µs for 20 KB) for a header a POST never uses, and a
  // GET query is executed against the live upstream whether or not a 304 follows. The IDE's static
  // assets keep theirs (express.static sets its own). docs/http.md, "Caching".
  app.set("etag", false);
  app.use((req, res, next) => {
    const correlationId = correlationIdOf(req.headers);
    res.locals.correlationId = correlationId;
    res.setHeader(CORRELATION_ID_HEADER, correlationId);
    res.setHeader(REQUEST_ID_HEADER, correlationId);
    next();
  });
  options.extend?.(app);
  app.use(
    GRAPHQL_PATH,
    graphqlMethodsOnly(),
    csrfPrevention(),
    express.json({ limit: MAX_BODY }),
    requestShapeMiddleware(),
    ...(options.guards ?? []),
    expressMiddleware(options.apollo, {
      context: async ({ req, res }) => {
        // `res.locals.principal`: who authentication says is calling (src/server/auth);
        // `res.locals.caller`: who the rate limits count this request against (src/server/rate-limit).
        const context = createContext(
          options.dependencies,
          String(res.locals.correlationId),
          { principal: res.locals.principal, clientAddress: req.socket.remoteAddress, rateKey: res.locals.caller as string | undefined },
          req.headers,
        );
        // Answered, or the client went away: nothing more of this operation is sent upstream.
        res.once("close", () => context.upstreamCalls.end());
        return context;
      },
    }),
  );
  app.use(notFound);
  app.use(jsonErrorHandler(options.dependencies));
  return app;
}

/** `extensions.code` of the answer to a path nothing is served at. */
export const NOT_FOUND_CODE = "NOT_FOUND";

/**
 * A JSON 404 for any path no route serves (Express' own is an HTML page). The path is not echoed:
 * the answer must not reflect caller input.
 */
const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({
    errors: [
      {
        message: `Nothing is served at this path; the GraphQL endpoint is ${GRAPHQL_PATH}.`,
        extensions: { code: NOT_FOUND_CODE, correlationId: String(res.locals.correlationId) },
      },
    ],
  });
};

function jsonErrorHandler(dependencies: ServerContextDependencies): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const correlationId = String(res.locals.correlationId);
    const status = httpStatusOf(error);
    if (status >= 500) dependencies.logger.error("request failed before GraphQL execution", { correlationId, error });
    else dependencies.logger.info("request rejected before GraphQL execution", { correlationId, httpStatus: status });
    res.status(status).json({
      errors: [
        {
          message: status >= 500 ? UNEXPECTED_ERROR_MESSAGE : requestProblem(error),
          extensions: { code: status >= 500 ? INTERNAL_SERVER_ERROR_CODE : "BAD_REQUEST", correlationId },
        },
      ],
    });
  };
}

function httpStatusOf(error: unknown): number {
  const status =
    (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status >= 400 && status <= 599 ? status : 500;
}

/**
 * The message for a request Express refused before GraphQL saw it, from body-parser's error
 * `type`. Never the error's own message: it may quote the body.
 */
function requestProblem(error: unknown): string {
  const type = (error as { type?: unknown } | null)?.type;
  switch (type) {
    case "entity.parse.failed":
      return "The request body is not valid JSON (it must be a JSON object).";
    case "entity.too.large":
      return `The request body is larger than ${MAX_BODY}.`;
    case "encoding.unsupported":
      return "Unsupported Content-Encoding of the request body.";
    case "charset.unsupported":
      return "Unsupported charset of the request body (use UTF-8).";
    case "request.aborted":
    case "request.size.invalid":
      return "The request body ended early or does not match its Content-Length.";
    default:
      return "The request could not be read.";
  }
}
