import type { RequestListener, ServerResponse } from "node:http";
import type { ApolloServer } from "@apollo/server";
import { apolloGraphQLHandler } from "./http/apollo-graphql.handler";
import { graphqlMethodsOnly } from "./http/graphql-methods.middleware";
import { createHttpRouter, type GatewayRequest, type HttpErrorHandler, type HttpHandler, type HttpRoutes } from "./http/http.router";
import { sendJsonError } from "./http/http.response";
import { jsonBodyReader } from "./http/json-body.reader";
import { RequestReadError } from "./http/request-read.error";
import { requestShapeMiddleware } from "./http/request-shape.middleware";
import { csrfPrevention } from "./plugins/csrf-prevention.middleware";
import { INTERNAL_SERVER_ERROR_CODE, UNEXPECTED_ERROR_MESSAGE } from "./plugins/error-masking";
import { CORRELATION_ID_HEADER, correlationIdOf, REQUEST_ID_HEADER } from "./http/correlation-id";
import type { ServerContextDependencies, ServerContext } from "./server.context";
import { createContext } from "../graphql/gateway.context";

/** Where the GraphQL endpoint is mounted. */
export const GRAPHQL_PATH = "/graphql";

export interface AppOptions {
  /** A started Apollo server. */
  apollo: ApolloServer<ServerContext>;
  dependencies: ServerContextDependencies;
  /**
   * Adds routes and middleware before the GraphQL endpoint (an IDE, health checks, CORS, …).
   * Every handler sees the request's `correlationId`, already echoed in the response headers.
   */
  extend?: (app: HttpRoutes) => void;
  /** Run on `/graphql` after the body is read, before Apollo parses anything (e.g. the document size limit). */
  guards?: HttpHandler[];
}

/**
 * Assembles the gateway's request listener over node:http (src/server/http/http.router.ts, no
 * framework): a correlation id for every request (echoed in the `x-correlation-id` header),
 * `/graphql`, a JSON 404 for other paths, and JSON errors for anything refused before GraphQL
 * (e.g. a malformed JSON body), so no request ever gets an HTML page or a stack trace.
 *
 * No response of its own carries an ETag (GraphQL results, health, errors, the IDE page): a GET
 * query is executed against the live upstream whether or not a 304 follows, so hashing every body
 * would cost CPU for nothing. The IDE's static assets keep theirs. docs/http.md, "Caching".
 */
export function createApp(options: AppOptions): RequestListener {
  const app = createHttpRouter();
  app.use((req, res, next) => {
    res.setHeader(CORRELATION_ID_HEADER, req.correlationId);
    res.setHeader(REQUEST_ID_HEADER, req.correlationId);
    next();
  });
  options.extend?.(app);
  app.use(
    GRAPHQL_PATH,
    graphqlMethodsOnly(),
    csrfPrevention(),
    jsonBodyReader(),
    requestShapeMiddleware(),
    ...(options.guards ?? []),
    apolloGraphQLHandler(options.apollo, async (req, res) => {
      // `req.principal`: who authentication says is calling (src/server/auth);
      // `req.caller`: who the rate limits count this request against (src/server/rate-limit).
      const context = createContext(
        options.dependencies,
        req.correlationId,
        { principal: req.principal, clientAddress: req.message.socket.remoteAddress, rateKey: req.caller },
        req.headers,
      );
      // Answered, or the client went away: nothing more of this operation is sent upstream.
      res.once("close", () => context.upstreamCalls.end());
      return context;
    }),
  );
  app.use(notFound);
  return app.listener({ correlationIdOf, onError: jsonErrorHandler(options.dependencies) });
}

/** `extensions.code` of the answer to a path nothing is served at. */
export const NOT_FOUND_CODE = "NOT_FOUND";

/**
 * A JSON 404 for any path no route serves. The path is not echoed: the answer must not reflect
 * caller input.
 */
const notFound: HttpHandler = (req, res) => {
  sendJsonError(res, 404, {
    message: `Nothing is served at this path; the GraphQL endpoint is ${GRAPHQL_PATH}.`,
    code: NOT_FOUND_CODE,
    correlationId: req.correlationId,
  });
};

/**
 * A request that could not be read (`RequestReadError`: its body, its URL) is the caller's
 * mistake: a 4xx naming the problem. Anything else is a bug: a 500 with the generic message, the
 * details only in the log.
 */
function jsonErrorHandler(dependencies: ServerContextDependencies): HttpErrorHandler {
  return (error: unknown, req: GatewayRequest, res: ServerResponse) => {
    const { correlationId } = req;
    if (res.headersSent) {
      // Too late for an answer: end the connection so the client sees a failure, not a truncated success.
      dependencies.logger.error("request failed after its answer began", { correlationId, error });
      res.destroy();
      return;
    }
    if (error instanceof RequestReadError) {
      dependencies.logger.info("request rejected before GraphQL execution", { correlationId, httpStatus: error.status });
      sendJsonError(res, error.status, { message: error.message, code: "BAD_REQUEST", correlationId });
      return;
    }
    dependencies.logger.error("request failed before GraphQL execution", { correlationId, error });
    sendJsonError(res, 500, { message: UNEXPECTED_ERROR_MESSAGE, code: INTERNAL_SERVER_ERROR_CODE, correlationId });
  };
}
