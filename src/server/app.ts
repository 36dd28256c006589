import express, { type ErrorRequestHandler, type Express } from "express";
import type { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { runWithLogFields } from "./logging/log-scope";
import { INTERNAL_SERVER_ERROR_CODE, UNEXPECTED_ERROR_MESSAGE } from "./plugins/error-masking";
import { CORRELATION_ID_HEADER, correlationIdFrom, createContext, type ContextDependencies, type GatewayContext } from "./context";

/** Where the GraphQL endpoint is mounted. */
export const GRAPHQL_PATH = "/graphql";

/** Largest accepted request body; an attach of 20 instances is under 3 KB. */
const MAX_BODY = "1mb";

export interface AppOptions {
  /** A started Apollo server. */
  apollo: ApolloServer<GatewayContext>;
  dependencies: ContextDependencies;
  /**
   * Adds routes and middleware before the GraphQL endpoint (an IDE, health checks, CORS, …).
   * Runs after the correlation-id middleware, so every route has `res.locals.correlationId`.
   */
  extend?: (app: Express) => void;
}

/**
 * Assembles the Express app: a correlation id for every request (echoed in the
 * `x-correlation-id` header), `/graphql`, and JSON errors for anything Express itself rejects
 * (e.g. a malformed JSON body), so no request ever gets an HTML stack trace.
 */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use((req, res, next) => {
    const correlationId = correlationIdFrom(req.headers[CORRELATION_ID_HEADER]);
    res.locals.correlationId = correlationId;
    res.setHeader(CORRELATION_ID_HEADER, correlationId);
    next();
  });
  options.extend?.(app);
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: MAX_BODY }),
    // After body parsing (its stream callbacks would lose the scope): everything the request
    // does from here on, upstream calls included, logs with its correlation id.
    (_req, res, next) => runWithLogFields({ correlationId: res.locals.correlationId }, next),
    expressMiddleware(options.apollo, {
      context: async ({ res }) => createContext(options.dependencies, String(res.locals.correlationId)),
    }),
  );
  app.use(jsonErrorHandler(options.dependencies));
  return app;
}

function jsonErrorHandler(dependencies: ContextDependencies): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const correlationId = String(res.locals.correlationId);
    const status = httpStatusOf(error);
    if (status >= 500) dependencies.logger.error("request failed before GraphQL execution", { correlationId, error });
    else dependencies.logger.info("request rejected before GraphQL execution", { correlationId, httpStatus: status });
    res.status(status).json({
      errors: [
        {
          message: status >= 500 ? UNEXPECTED_ERROR_MESSAGE : requestProblem(status),
          extensions: { code: status >= 500 ? INTERNAL_SERVER_ERROR_CODE : "BAD_REQUEST", correlationId },
        },
      ],
    });
  };
}

function httpStatusOf(error: unknown): number {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status >= 400 && status <= 599 ? status : 500;
}

function requestProblem(status: number): string {
  switch (status) {
    case 413:
      return `The request body is larger than ${MAX_BODY}.`;
    case 415:
      return "Unsupported request body encoding.";
    default:
      return "The request body is not valid JSON.";
  }
}
