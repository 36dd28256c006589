import type { Server } from "node:http";
import type { ApolloServerOptions, ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError, GraphQLSchema, ParseOptions, ValidationRule } from "graphql";
import type { ActivityWatchContext, ActivityWatchSettings } from "../../graphql/scaling-activity/scaling-activity.subscription";
import { createSharedActivityPollers, type ActivityPollerObserver } from "../../graphql/scaling-activity/shared-activity.poller";
import type { OperationRefusal } from "../limits/operation-limits";
import { correlationIdOf } from "./correlation-id";
import type { ServerContextDependencies, ServerContext } from "../server.context";
import type { RequestTelemetry } from "../telemetry/request-telemetry";
import type { SecretRedactor } from "../../shared/redaction/secret-redactor";
import { createContext } from "../../graphql/gateway.context";
import type { AccessRuntime } from "../access/access.runtime";
import { authenticationMiddleware } from "../auth/auth.middleware";
import type { EssUpstream } from "../../upstream/upstream.types";
import { ideNotFound, installIdeRoutes } from "../ide/ide.routes";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { createPersistedQueryCache } from "../limits/document-cache";
import type { SharedState } from "../redis/shared-state";
import { corsMiddleware } from "./cors.middleware";
import { documentSizeMiddleware } from "./document-size.middleware";
import { hostAllowList, hostCheckMiddleware } from "./host-allow-list";
import { failedAuthenticationThrottle, rateLimitMiddleware } from "./rate-limit.middleware";
import type { SubscriptionCaps } from "./subscription-caps";
import { installHealthRoutes } from "./health.routes";
import type { HttpHandler, HttpRoutes } from "./http.router";
import type { HttpSettings, PersistedQuerySettings } from "./http.config";
import type { CallerRateLimits } from "../rate-limit/caller-rate-limits";
import { createReadinessProbe, type ReadinessProbe } from "./readiness.probe";
import { startSubscriptionServer } from "./subscription.server";

export interface HttpFeaturesOptions {
  /** Told when activity pollers start and stop and how activities end (the gateway's metrics). */
  activityObserver?: ActivityPollerObserver;
  settings: HttpSettings;
  httpServer: Server;
  /** e.g. "/graphql". */
  graphqlPath: string;
  schema: GraphQLSchema;
  dependencies: ServerContextDependencies;
  /** The gateway's redactor, for `/readyz` reasons. */
  redactor?: SecretRedactor;
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
  /** The checks with variables the HTTP endpoint applies (list fan-out, upstream estimate: docs/limits.md), applied to subscriptions too. */
  refuseOperation?: OperationRefusal;
  /** Authentication on `/graphql` and of `connection_init` (docs/security.md); absent: none. */
  access?: AccessRuntime;
  /** The upstream client of a credential profile (the shared activity pollers call it); absent: `dependencies.upstream`. */
  upstreamOfProfile?: (profile: string) => EssUpstream;
  /** The document size limit (docs/limits.md), checked before parsing on both transports. */
  maxDocumentBytes: number;
  /** Host names the gateway answers to, on HTTP and the socket upgrade. */
  allowedHosts: readonly string[];
  /** Per-caller rate limits of `/graphql` and the socket. */
  rateLimits: CallerRateLimits;
  /** Operations at once over the socket. */
  subscriptionCaps: SubscriptionCaps;
  /** What replicas share through Redis (docs/scaling.md); absent: everything is this process' own. */
  sharedState?: SharedState;
}

/** The HTTP features the gateway assembles: Apollo options, routes, the socket server, readiness. */
export interface HttpFeatures {
  /** Spread into the ApolloServer options: APQ settings and the socket server's drain plugin. */
  apollo: Pick<ApolloServerOptions<ServerContext>, "persistedQueries"> & { plugins: ApolloServerPlugin<ServerContext>[] };
  /** Installs the Host check, CORS, `/healthz`, `/readyz`, the IDE and the rate limits, in that order, before the GraphQL endpoint. */
  extendApp(app: HttpRoutes): void;
  /** Handlers for `/graphql` after its body is read and before Apollo (`AppOptions.guards`): the document size limit. */
  graphqlGuards: HttpHandler[];
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
    degradations: options.sharedState?.degradations,
    redactor: options.redactor,
  });
  // One poller per watched activity for the whole process (for every replica with Redis), calling the gateway's upstream client.
  const intervalMs = settings.subscriptions.activityPollIntervalMs;
  const activityWatch: ActivityWatchSettings = {
    maxWatchMs: settings.subscriptions.activityMaxWatchMs,
    pollers:
      options.sharedState?.activityPollers(intervalMs, options.activityObserver) ??
      createSharedActivityPollers({ intervalMs, observer: options.activityObserver }),
    upstream: options.dependencies.upstream,
  };
  const isHostAllowed = hostAllowList(options.allowedHosts);
  const subscriptions = startSubscriptionServer({
    httpServer: options.httpServer,
    path: options.graphqlPath,
    schema: options.schema,
    allowedOrigins: settings.cors.allowedOrigins,
    isHostAllowed,
    rateLimits: options.rateLimits,
    caps: options.subscriptionCaps,
    formatError: options.formatError,
    validationRules: options.validationRules,
    parseOptions: options.parseOptions,
    refuseOperation: options.refuseOperation,
    maxDocumentBytes: options.maxDocumentBytes,
    logger: options.dependencies.logger,
    access: options.access,
    createContext: (request, _connectionParams, caller): ActivityWatchContext<RequestTelemetry> => {
      const context = createContext(options.dependencies, correlationIdOf(request.headers), caller, request.headers);
      // Pollers are per account: a watch polls with its profile's client.
      return {
        ...context,
        activityWatch: { ...activityWatch, upstream: options.upstreamOfProfile?.(context.access.profile) ?? activityWatch.upstream },
      };
    },
  });

  return {
    apollo: {
      persistedQueries: apqOptions(settings.persistedQueries, options.sharedState?.persistedQueryCache),
      plugins: [subscriptions.drainPlugin()],
    },
    extendApp(app) {
      // First: a request for a foreign Host (DNS rebinding) gets nothing, not even CORS or health.
      app.use(hostCheckMiddleware(isHostAllowed));
      app.use(corsMiddleware(settings.cors));
      // Not rate limited: probes must keep answering under load (they cost no upstream call beyond
      // /readyz's cached probe), and neither do the IDE's static files.
      installHealthRoutes(app, readiness);
      if (settings.ide.enabled) {
        installIdeRoutes(app, {
          idePath: settings.ide.path,
          graphqlPath: options.graphqlPath,
          log: (line) => options.dependencies.logger.warn(line),
        });
      } else {
        app.use(settings.ide.path, ideNotFound("The IDE is turned off on this gateway (ESS_GATEWAY_IDE_ENABLED=false)."));
      }
      // Last before the endpoint, and before its body is read: a refused request costs no parsing.
      // Authentication first, so the rate limits count an authenticated request against its principal.
      if (options.access !== undefined) {
        app.use(
          options.graphqlPath,
          authenticationMiddleware(options.access, options.dependencies.logger, failedAuthenticationThrottle(options.rateLimits)),
        );
      }
      app.use(options.graphqlPath, rateLimitMiddleware(options.rateLimits));
    },
    graphqlGuards: [documentSizeMiddleware(options.maxDocumentBytes)],
    readiness,
    idePath: settings.ide.enabled ? `${settings.ide.path}/` : null,
  };
}

/**
 * Apollo's `persistedQueries` option: false turns APQ off; no `ttl` keeps entries until the LRU
 * evicts them. `shared` (Redis) replaces this process' own cache.
 */
function apqOptions(
  settings: PersistedQuerySettings,
  shared?: KeyValueCache<string>,
): ApolloServerOptions<ServerContext>["persistedQueries"] {
  if (!settings.enabled) return false;
  const cache = shared ?? createPersistedQueryCache();
  return settings.ttlSeconds === null ? { cache } : { cache, ttl: settings.ttlSeconds };
}
