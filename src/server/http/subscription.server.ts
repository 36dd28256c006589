import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from "graphql";
import type { SubscribePayload } from "graphql-ws";
import { serveGraphqlWs } from "./graphql-ws.adapter";
import { WebSocketServer, type WebSocket } from "ws";
import type { UpstreamCallScope } from "../../upstream/upstream-call.scope";
import type { AccessRuntime } from "../access/access.runtime";
import { callerKeyOf } from "../auth/principal";
import type { Principal } from "../../graphql/access/principal";
import { socketAuthentication } from "../auth/socket-auth";
import { NOT_FOUND_CODE } from "../app";
import { CORRELATION_ID_HEADER, correlationIdFrom, correlationIdOf } from "./correlation-id";
import type { ServerContext } from "../server.context";
import type { RequestCaller } from "../../graphql/gateway.context";
import { documentSizeRefusal } from "../limits/document-size.limit";
import type { OperationRefusal } from "../limits/operation-limits";
import { argumentRefusal } from "../plugins/argument-validation.plugin";
import type { Logger } from "../../shared/logging/logger.types";
import { RATE_LIMITED_CODE, type CallerRateLimits } from "../rate-limit/caller-rate-limits";
import { ORIGIN_NOT_ALLOWED_CODE, originAllowList } from "./cors.middleware";
import { HOST_REFUSAL } from "./host-allow-list";
import { rateLimitRefusal } from "./rate-limit.middleware";
import { writeUpgradeRefusal, type Refusal } from "./refusal.response";
import { createSubscriptionSlots, type SubscriptionCaps } from "./subscription-caps";

export interface SubscriptionServerOptions {
  /** The gateway's HTTP server: the socket shares its port and the GraphQL path. */
  httpServer: Server;
  /** e.g. "/graphql". */
  path: string;
  schema: GraphQLSchema;
  /**
   * Builds the context of one subscription (called once per subscribe message, so every
   * subscription gets its own loaders). `connectionParams` is what the client sent in
   * `connection_init` (GraphiQL sends the headers editor's contents there).
   */
  createContext(
    request: IncomingMessage,
    connectionParams: Readonly<Record<string, unknown>> | undefined,
    caller: RequestCaller,
  ): ServerContext;
  /** Authenticates `connection_init` (its `Authorization` entry); bad credentials close the socket with 4401. Absent: no authentication. */
  access?: AccessRuntime;
  /** The CORS allow-list (settings.cors.allowedOrigins): browsers do not apply CORS to WebSockets, so the gateway does. */
  allowedOrigins: readonly string[];
  /** The Host allow-list, applied to the upgrade request as to every HTTP request (docs/security.md). */
  isHostAllowed(hostHeader: string | undefined): boolean;
  /** The per-caller rate limits: an upgrade and each operation count as a request. */
  rateLimits: CallerRateLimits;
  /** Operations running at once, per socket and per process. */
  caps: SubscriptionCaps;
  /** The same masking the HTTP endpoint applies (Apollo's `formatError`), so errors look alike on both transports. */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** Extra validation rules the HTTP endpoint applies (depth/cost limits), so the socket is no way around them. */
  validationRules?: readonly ValidationRule[];
  /** The HTTP endpoint's parse options (the `maxTokens` limit). */
  parseOptions?: ParseOptions;
  /** The HTTP endpoint's checks with variables (list fan-out, upstream estimate: docs/limits.md); absent: none. */
  refuseOperation?: OperationRefusal;
  /** The document size limit, checked before parsing (docs/limits.md). */
  maxDocumentBytes: number;
  logger: Logger;
}

export interface SubscriptionServer {
  /** Closes every socket (code 1001) and stops accepting new ones. */
  dispose(): Promise<void>;
  /** An Apollo plugin that disposes the socket server when Apollo drains, before the HTTP server closes. */
  drainPlugin(): ApolloServerPlugin<ServerContext>;
}

/** Largest message a client may send: a subscribe message is one document plus variables. */
const MAX_MESSAGE_BYTES = 1024 * 1024;
/**
 * Distinct subscription documents kept parsed and validated (least recently used out): 1,000
 * subscriptions of one query then hold one syntax tree, not 1,000, and it is validated once.
 */
const VALID_DOCUMENTS_KEPT = 500;

/**
 * Serves GraphQL subscriptions over graphql-ws (the `graphql-transport-ws` subprotocol) on the
 * gateway's HTTP server at `path`.
 *
 * - An upgrade is answered with a JSON HTTP refusal, before the socket opens, when its Host is not
 *   allowed (421), its Origin is foreign (403) or its caller is over a rate limit (429).
 * - Upgrades from a browser page are accepted only from the gateway's own origin or an allowed
 *   origin (cross-site WebSocket hijacking protection); clients that send no Origin (servers, CLI
 *   tools) are accepted.
 * - Each operation takes a slot of the per-socket and per-process caps, counts as a request of its
 *   caller, and is refused with a typed error (`TOO_MANY_SUBSCRIPTIONS`, `RATE_LIMITED`,
 *   `DOCUMENT_TOO_LARGE`, the operation limits) before anything is parsed or polled.
 * - Errors are masked with the HTTP endpoint's `formatError` and carry the subscription's
 *   correlation id; unexpected ones are logged, as `errorReportingPlugin` does for HTTP.
 */
export function startSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const isAllowed = originAllowList(options.allowedOrigins);
  // noServer: the gateway answers refused upgrades itself, with the same JSON as its HTTP refusals.
  const webSocketServer = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const rules = [...specifiedRules, ...(options.validationRules ?? [])];
  const slots = createSubscriptionSlots(options.caps);
  const validDocuments = new Map<string, DocumentNode>();

  const upgradeRefusal = async (request: IncomingMessage): Promise<Refusal | null> => {
    if (new URL(request.url ?? "/", "http://gateway").pathname !== options.path) {
      return { httpStatus: 404, code: NOT_FOUND_CODE, message: `No WebSocket endpoint at this path; it is ${options.path}.` };
    }
    if (!options.isHostAllowed(request.headers.host)) return HOST_REFUSAL;
    const origin = request.headers.origin;
    if (origin !== undefined && !isAllowed(origin) && !isSameOrigin(origin, request)) {
      options.logger.info("subscription socket refused: origin not allowed", { origin });
      return {
        httpStatus: 403,
        code: ORIGIN_NOT_ALLOWED_CODE,
        message: "This origin may not open the subscription socket (ESS_GATEWAY_CORS_ORIGINS).",
      };
    }
    const exceeded = await options.rateLimits.admit(options.rateLimits.callerOf(request));
    return exceeded === null ? null : rateLimitRefusal(exceeded);
  };
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // A client that resets the connection while the checks run must not crash the process.
    socket.on("error", () => {});
    upgradeRefusal(request)
      .then((refusal) => {
        if (refusal === null)
          webSocketServer.handleUpgrade(request, socket, head, (webSocket) => webSocketServer.emit("connection", webSocket, request));
        else writeUpgradeRefusal(socket, refusal, correlationIdFrom(request.headers[CORRELATION_ID_HEADER]));
      })
      .catch((error: unknown) => {
        options.logger.error("subscription upgrade failed", { error });
        socket.destroy();
      });
  };
  options.httpServer.on("upgrade", onUpgrade);

  const formatFor =
    (correlationId: string) =>
    (error: GraphQLError): GraphQLFormattedError => {
      const formatted = options.formatError(error.toJSON(), error);
      return { ...formatted, extensions: { ...formatted.extensions, correlationId } };
    };

  const authentication = options.access === undefined ? undefined : socketAuthentication(options.access, options.logger);
  /** Who an operation of the socket is from: its principal (once `connection_init` authenticated it), and the rate limits' key for it. */
  const callerOf = (request: IncomingMessage, socket: WebSocket): RequestCaller => {
    const principal: Principal | undefined = authentication?.principalOf(socket);
    const address = options.rateLimits.callerOf(request);
    return {
      principal,
      clientAddress: request.socket.remoteAddress,
      rateKey: principal === undefined ? address : callerKeyOf(principal, address),
    };
  };

  /** The checks of one operation, before it runs: the request's limits, as over HTTP. */
  const admit = async (caller: RequestCaller, payload: SubscribePayload): Promise<readonly GraphQLError[] | ExecutionArgs> => {
    const exceeded = await options.rateLimits.admit(caller.rateKey!);
    if (exceeded !== null) {
      return [
        new GraphQLError(exceeded.message, {
          extensions: { code: RATE_LIMITED_CODE, limit: exceeded.limit, retryAfterSeconds: exceeded.retryAfterSeconds },
        }),
      ];
    }
    // graphql-ws would parse without limits and validate with graphql's default rules only; the
    // gateway checks a document exactly as the HTTP endpoint does, before anything executes.
    const tooLarge = documentSizeRefusal(payload.query, options.maxDocumentBytes);
    if (tooLarge !== null) return [tooLarge];
    let document = validDocuments.get(payload.query);
    if (document === undefined) {
      try {
        document = parse(payload.query, options.parseOptions);
      } catch (error) {
        if (error instanceof GraphQLError) return [withCode(error, "GRAPHQL_PARSE_FAILED")];
        throw error;
      }
      const validationErrors = validate(options.schema, document, rules);
      if (validationErrors.length > 0) return validationErrors.map((error) => withCode(error, "GRAPHQL_VALIDATION_FAILED"));
      if (validDocuments.size >= VALID_DOCUMENTS_KEPT) validDocuments.delete(validDocuments.keys().next().value!);
    } else {
      validDocuments.delete(payload.query);
    }
    validDocuments.set(payload.query, document);
    const operation = getOperationAST(document, payload.operationName);
    if (operation !== null && operation !== undefined) {
      // The arguments' rules first, as over HTTP (src/server/plugins/argument-validation.plugin.ts).
      const refusal =
        argumentRefusal(options.schema, document, operation, payload.variables ?? undefined) ??
        options.refuseOperation?.(options.schema, document, operation, payload.variables ?? undefined) ??
        null;
      if (refusal !== null) return [refusal];
    }
    return { schema: options.schema, document, operationName: payload.operationName, variableValues: payload.variables };
  };

  const operationScopes = new SocketOperationScopes();
  const disposable = serveGraphqlWs(
    {
      schema: options.schema,
      onConnect: authentication?.onConnect,
      onSubscribe: async (ctx, id, payload) => {
        // A revoked key or an expired token stops the socket here, not only new sockets.
        if (authentication !== undefined && !(await authentication.stillAuthenticated(ctx))) {
          return [new GraphQLError("Unauthorized", { extensions: { code: "UNAUTHENTICATED" } })];
        }
        const full = slots.take(ctx, id);
        if (full !== null) return [full];
        const admitted = await admit(callerOf(ctx.extra.request, ctx.extra.socket), payload).catch((error: unknown) => {
          slots.release(ctx, id);
          throw error;
        });
        if (Array.isArray(admitted)) slots.release(ctx, id);
        return admitted;
      },
      context: (ctx, id, _payload, args) => {
        const context = options.createContext(ctx.extra.request, ctx.connectionParams, callerOf(ctx.extra.request, ctx.extra.socket));
        // A subscription's polls are bounded by its own limits, not by the budget of one answer.
        if (getOperationAST(args.document, args.operationName)?.operation === "subscription") context.upstreamCalls.unlimit();
        operationScopes.open(ctx, id, context.upstreamCalls);
        return context;
      },
      // Every started operation completes here (normally, by the client, or when its socket
      // closes): its upstream scope ends and its slot is given back. One that throws before it
      // starts gives its slot back when its socket closes.
      onComplete: (ctx, id) => {
        operationScopes.end(ctx, id);
        slots.release(ctx, id);
      },
      onClose: (ctx) => slots.releaseSocket(ctx),
      onNext: (_ctx, _id, payload, args, result) => {
        if (result.errors === undefined) return undefined;
        const context = args.contextValue as ServerContext;
        for (const error of result.errors) {
          context.logger.warn("subscription event failed", {
            operationName: payload.operationName ?? null,
            path: error.path,
            error: unwrapResolverError(error),
          });
        }
        return { ...result, errors: result.errors.map(formatFor(context.correlationId)) };
      },
      // Refusals before execution (parse, validation, limits): the socket's correlation id, as HTTP gives.
      onError: (ctx, _id, _payload, errors) => errors.map(formatFor(correlationIdOf(ctx.extra.request.headers))),
    },
    webSocketServer,
    options.logger,
  );

  const dispose = async (): Promise<void> => {
    options.httpServer.off("upgrade", onUpgrade);
    await disposable.dispose();
  };
  return {
    dispose,
    drainPlugin: () => ({
      async serverWillStart() {
        return {
          async drainServer() {
            await dispose();
          },
        };
      },
    }),
  };
}

/** The error with Apollo's code for its kind (as the HTTP endpoint answers), unless it has one (a limit's). */
function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions.code !== undefined) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}

function isSameOrigin(origin: string, request: IncomingMessage): boolean {
  const host = request.headers.host;
  if (host === undefined) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The upstream scope of each operation of each socket, ended when graphql-ws completes the operation. */
class SocketOperationScopes {
  private readonly bySocket = new WeakMap<object, Map<string, UpstreamCallScope>>();

  open(socketContext: object, id: string, scope: UpstreamCallScope): void {
    const scopes = this.bySocket.get(socketContext) ?? new Map<string, UpstreamCallScope>();
    scopes.set(id, scope);
    this.bySocket.set(socketContext, scopes);
  }

  end(socketContext: object, id: string): void {
    const scopes = this.bySocket.get(socketContext);
    scopes?.get(id)?.end();
    scopes?.delete(id);
  }
}
