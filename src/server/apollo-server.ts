import type http from "node:http";
import { ApolloServer, type ApolloServerOptions, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLSchema } from "graphql";
import type { ServerContext } from "./server.context";
import { defaultOperationLimits } from "./limits/operation-limits.config";
import { createOperationLimits, type OperationLimitsSetup } from "./limits/operation-limits";
import { argumentValidationPlugin } from "./plugins/argument-validation.plugin";
import { CSRF_PREFLIGHT_HEADERS } from "./plugins/csrf-prevention.middleware";
import { errorReportingPlugin } from "./plugins/error-masking";
import { persistedQueryRefusalPlugin } from "./plugins/persisted-query-refusal.plugin";
import { subscriptionOverHttpPlugin } from "./plugins/subscription-over-http.plugin";
import type { Logger } from "../shared/logging/logger.types";
import { requestLoggingPlugin } from "./plugins/request-logging.plugin";
import { preExecutionAuditPlugin } from "./plugins/pre-execution-audit.plugin";

export interface GatewayApolloOptions {
  schema: GraphQLSchema;
  /** When given, stopping the server drains it (in-flight requests finish, then it closes). */
  httpServer?: http.Server;
  /** More plugins, e.g. the subscription server's drain (src/server/http/http-features.ts). */
  plugins?: ApolloServerPlugin<ServerContext>[];
  /** Automatic persisted queries (docs/http.md). Default: Apollo's (on, in-memory LRU). */
  persistedQueries?: ApolloServerOptions<ServerContext>["persistedQueries"];
  /** Depth, alias, cost, token and fan-out limits, introspection (docs/limits.md). Default: `defaultOperationLimits(undefined)`, those outside production. */
  limits?: OperationLimitsSetup;
  /** How long stopping waits for in-flight requests before closing their connections. Default: Apollo's (10 s). */
  drainGracePeriodMs?: number;
  /** Where warnings about upstream values the gateway does not know go (`UNKNOWN` enum values). Default: not logged. */
  logger?: Logger;
}

/**
 * The gateway's Apollo Server: masking (`formatError`), error reporting with correlation ids,
 * request logging, operation limits, no stack traces in responses, no CDN landing page. Tests that run operations
 * without HTTP (`executeOperation`) build it the same way.
 */
export function createGatewayApollo(options: GatewayApolloOptions): ApolloServer<ServerContext> {
  const limits = options.limits ?? createOperationLimits(defaultOperationLimits(undefined));
  return new ApolloServer<ServerContext>({
    schema: options.schema,
    plugins: [
      ...(options.httpServer
        ? [ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer, stopGracePeriodMillis: options.drainGracePeriodMs })]
        : []),
      // The default landing page loads Apollo Sandbox from a CDN; the gateway must work offline.
      ApolloServerPluginLandingPageDisabled(),
      // No type or field sets a cache hint, so the default cache-control plugin only adds a
      // hook to every resolved field (about 60% of Apollo's own cost; docs/performance.md).
      ApolloServerPluginCacheControlDisabled(),
      ...(options.persistedQueries === false ? [] : [persistedQueryRefusalPlugin()]),
      errorReportingPlugin(),
      requestLoggingPlugin(),
      // Mutation attempts refused before execution are audited too (docs/security.md "Audit trail").
      preExecutionAuditPlugin(),
      // Before the limits: their didResolveOperation hooks read argument values and assume they coerce.
      subscriptionOverHttpPlugin(),
      argumentValidationPlugin(),
      ...limits.plugins,
      ...(options.plugins ?? []),
    ],
    persistedQueries: options.persistedQueries,
    // Answered first by the csrfPrevention middleware (src/server/app.ts); Apollo's stays as a second line.
    csrfPrevention: { requestHeaders: [...CSRF_PREFLIGHT_HEADERS] },
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    documentStore: limits.documentStore,
    introspection: limits.limits.introspection,
    formatError: limits.formatError,
    includeStacktraceInErrorResponses: false,
    // src/server/main.ts owns the process signals: it closes the emulator and the upstream client
    // too, then exits 0. Apollo's own handler would stop only itself and re-raise the signal.
    stopOnTerminationSignals: false,
  });
}
