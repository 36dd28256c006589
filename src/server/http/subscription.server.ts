import type { IncomingMessage, Server } from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { GatewayContext } from "../context";
import type { AccessRuntime } from "../access/access.runtime";
import type { Principal } from "../auth/principal";
import { socketAuthentication } from "../auth/socket-auth";
import { listFanOutRefusal, measureListFanOut } from "../limits/list-fan-out";
import type { Logger } from "../logging/logger";
import { originAllowList } from "./cors.middleware";

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
  createContext(request: IncomingMessage, connectionParams: Readonly<Record<string, unknown>> | undefined, principal: Principal | undefined): GatewayContext;
  /** Authenticates `connection_init` (its `Authorization` entry); bad credentials close the socket with 4401. Absent: no authentication. */
  access?: AccessRuntime;
  /** The CORS allow-list (settings.cors.allowedOrigins): browsers do not apply CORS to WebSockets, so the gateway does. */
  allowedOrigins: readonly string[];
  /** The same masking the HTTP endpoint applies (Apollo's `formatError`), so errors look alike on both transports. */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** Extra validation rules the HTTP endpoint applies (depth/cost limits), so the socket is no way around them. */
  validationRules?: readonly ValidationRule[];
  /** The HTTP endpoint's parse options (the `maxTokens` limit). */
  parseOptions?: ParseOptions;
  /** The HTTP endpoint's list fan-out limit (docs/limits.md); absent: none. */
  maxListItems?: number;
  logger: Logger;
}

export interface SubscriptionServer {
  /** Closes every socket (code 1001) and stops accepting new ones. */
  dispose(): Promise<void>;
  /** An Apollo plugin that disposes the socket server when Apollo drains, before the HTTP server closes. */
  drainPlugin(): ApolloServerPlugin<GatewayContext>;
}

/** Largest message a client may send: a subscribe message is one document plus variables. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * Serves GraphQL subscriptions over graphql-ws (the `graphql-transport-ws` subprotocol) on the
 * gateway's HTTP server at `path`.
 *
 * - Upgrades from a browser page are accepted only from the gateway's own origin or an allowed
 *   origin (cross-site WebSocket hijacking protection); clients that send no Origin (servers, CLI
 *   tools) are accepted.
 * - Errors are masked with the HTTP endpoint's `formatError` and carry the subscription's
 *   correlation id; unexpected ones are logged, as `errorReportingPlugin` does for HTTP.
 */
export function startSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const isAllowed = originAllowList(options.allowedOrigins);
  const webSocketServer = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: MAX_MESSAGE_BYTES,
    verifyClient: ({ req }, done) => {
      const origin = req.headers.origin;
      if (origin === undefined || isAllowed(origin) || isSameOrigin(origin, req)) {
        done(true);
        return;
      }
      options.logger.info("subscription socket refused: origin not allowed", { origin });
      done(false, 403, "Origin not allowed");
    },
  });
  const rules = [...specifiedRules, ...(options.validationRules ?? [])];

  const formatFor = (context: GatewayContext | undefined) => (error: GraphQLError): GraphQLFormattedError => {
    const formatted = options.formatError(error.toJSON(), error);
    return context === undefined ? formatted : { ...formatted, extensions: { ...formatted.extensions, correlationId: context.correlationId } };
  };

  const authentication = options.access === undefined ? undefined : socketAuthentication(options.access, options.logger);
  const disposable = useServer(
    {
      schema: options.schema,
      onConnect: authentication?.onConnect,
      // graphql-ws would parse without limits and validate with graphql's default rules only; the
      // gateway checks a document exactly as the HTTP endpoint does, before anything executes.
      onSubscribe: (_ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query, options.parseOptions);
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        const validationErrors = validate(options.schema, document, rules);
        if (validationErrors.length > 0) return [...validationErrors];
        const operation = getOperationAST(document, payload.operationName);
        if (operation !== null && operation !== undefined && options.maxListItems !== undefined) {
          const refusal = listFanOutRefusal(measureListFanOut(options.schema, document, operation, payload.variables ?? undefined), options.maxListItems);
          if (refusal !== null) return [refusal];
        }
        return { schema: options.schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      context: (ctx) => options.createContext(ctx.extra.request, ctx.connectionParams, authentication?.principalOf(ctx.extra.socket)),
      onNext: (_ctx, _id, payload, args, result) => {
        if (result.errors === undefined) return undefined;
        const context = args.contextValue as GatewayContext;
        for (const error of result.errors) {
          context.logger.warn("subscription event failed", {
            operationName: payload.operationName ?? null,
            path: error.path,
            error: unwrapResolverError(error),
          });
        }
        return { ...result, errors: result.errors.map(formatFor(context)) };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map(formatFor(undefined)),
    },
    webSocketServer,
  );

  const dispose = async (): Promise<void> => {
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

function isSameOrigin(origin: string, request: IncomingMessage): boolean {
  const host = request.headers.host;
  if (host === undefined) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
