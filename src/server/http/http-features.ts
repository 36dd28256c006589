import type { Server } from "node:http";
import type { ApolloServerOptions, ApolloServerPlugin } from "@apollo/server";
import type { Express } from "express";
import type { GraphQLFormattedError, GraphQLSchema, ParseOptions, ValidationRule } from "graphql";
import type { ActivityWatchContext } from "../../graphql/scaling-activity/scaling-activity.subscription";
import { correlationIdOf, createContext, type ContextDependencies, type GatewayContext } from "../context";
import { createIdeRoutes, ideNotFound } from "../ide/ide.routes";
import { corsMiddleware } from "./cors.middleware";
import { createHealthRoutes } from "./health.routes";
import type { HttpSettings, PersistedQuerySettings } from "./http.config";
import { createReadinessProbe, type ReadinessProbe } from "./readiness.probe";
import { startSubscriptionServer } from "./subscription.server";

export interface HttpFeaturesOptions {
  settings: HttpSettings;
  httpServer: Server;
  /** e.g. "/graphql". */
  graphqlPath: string;
  schema: GraphQLSchema;
  dependencies: ContextDependencies;
  /** The HTTP endpoint's Apollo `formatError`, reused for subscription errors. */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** What `/readyz` probes: resolves when the upstream answers a cheap call. */
  readinessCheck(): Promise<unknown>;
  /** Names the probed upstream in `/readyz` (never a credential). */
  upstreamLabel: string;
  /** Validation rules the HTTP endpoint adds (depth or cost limits), applied to subscriptions too. */
  validationRules?: readonly ValidationRule[];
  /** Parse options the HTTP endpoint uses (the `maxTokens` limit), applied to subscriptions too. */
  parseOptions?: ParseOptions;
  /** The list fan-out limit the HTTP endpoint enforces (docs/limits.md), applied to subscriptions too. */
  maxListItems?: number;
}

/** The parts of issue 5 the gateway assembles: Apollo options, Express routes, the socket server, readiness. */
export interface HttpFeatures {
  /** Spread into the ApolloServer options: APQ settings and the socket server's drain plugin. */
  apollo: Pick<ApolloServerOptions<GatewayContext>, "persistedQueries"> & { plugins: ApolloServerPlugin<GatewayContext>[] };
  /** Installs CORS, `/healthz`, `/readyz` and the IDE, in that order, before the GraphQL endpoint. */
  extendApp(app: Express): void;
  readiness: ReadinessProbe;
  /** Where the IDE is served (e.g. "/ide/"), or null when it is turned off. */
  idePath: string | null;
}

/**
 * Sets up the frontend-facing HTTP surface around the GraphQL endpoint (docs/http.md,
 * docs/ide.md). Call it before creating the ApolloServer (its drain plugin must be registered) and
 * before the HTTP server listens (the socket server attaches to it).
 *
 * Apollo's CSRF prevention is deliberately left at its default (on) and not configurable here.
 */
export function createHttpFeatures(options: HttpFeaturesOptions): HttpFeatures {
  const { settings } = options;
  const readiness = createReadinessProbe({
    upstreamLabel: options.upstreamLabel,
    check: options.readinessCheck,
    cacheMs: settings.readiness.cacheMs,
    timeoutMs: settings.readiness.timeoutMs,
  });
  const activityWatch = {
    pollIntervalMs: settings.subscriptions.activityPollIntervalMs,
    maxWatchMs: settings.subscriptions.activityMaxWatchMs,
  };
  const subscriptions = startSubscriptionServer({
    httpServer: options.httpServer,
    path: options.graphqlPath,
    schema: options.schema,
    allowedOrigins: settings.cors.allowedOrigins,
    formatError: options.formatError,
    validationRules: options.validationRules,
    parseOptions: options.parseOptions,
    maxListItems: options.maxListItems,
    logger: options.dependencies.logger,
    createContext: (request): ActivityWatchContext => ({
      ...createContext(options.dependencies, correlationIdOf(request.headers), request.headers),
      activityWatch,
    }),
  });

  return {
    apollo: {
      persistedQueries: apqOptions(settings.persistedQueries),
      plugins: [subscriptions.drainPlugin()],
    },
    extendApp(app) {
      app.use(corsMiddleware(settings.cors));
      app.use(createHealthRoutes(readiness));
      if (settings.ide.enabled) {
        app.use(
          createIdeRoutes({
            idePath: settings.ide.path,
            graphqlPath: options.graphqlPath,
            log: (line) => options.dependencies.logger.warn(line),
          }),
        );
      } else {
        app.use(settings.ide.path, ideNotFound("The IDE is turned off on this gateway (ESS_GATEWAY_IDE_ENABLED=false)."));
      }
    },
    readiness,
    idePath: settings.ide.enabled ? `${settings.ide.path}/` : null,
  };
}

/** Apollo's `persistedQueries` option: false turns APQ off; no `ttl` keeps entries until the LRU evicts them. */
function apqOptions(settings: PersistedQuerySettings): ApolloServerOptions<GatewayContext>["persistedQueries"] {
  if (!settings.enabled) return false;
  return settings.ttlSeconds === null ? {} : { ttl: settings.ttlSeconds };
}
