import { createHash } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { ServerContext } from "../server.context";

/** The only automatic-persisted-query protocol version (a SHA-256 of the query text). */
const APQ_VERSION = 1;

/** Why a request's `extensions.persistedQuery` is refused, with the code and message the caller gets. */
const REFUSALS = {
  unsupportedVersion: {
    code: "PERSISTED_QUERY_VERSION_NOT_SUPPORTED",
    message: `Unsupported persisted query version: extensions.persistedQuery.version must be ${APQ_VERSION}.`,
  },
  hashMismatch: {
    code: "PERSISTED_QUERY_HASH_MISMATCH",
    message: "extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it; the query was not run or stored.",
  },
} as const;

type Refusal = (typeof REFUSALS)[keyof typeof REFUSALS];

/** The refusal a request's persisted-query extension calls for, or null (none, or a valid one). */
function persistedQueryRefusal(query: string | undefined, extensions: Record<string, unknown> | undefined): Refusal | null {
  const persisted = extensions?.persistedQuery as { version?: unknown; sha256Hash?: unknown } | undefined;
  if (!persisted) return null;
  if (persisted.version !== APQ_VERSION) return REFUSALS.unsupportedVersion;
  if (typeof query === "string" && createHash("sha256").update(query).digest("hex") !== persisted.sha256Hash) return REFUSALS.hashMismatch;
  return null;
}

/**
 * Answers an unsupported APQ version and a hash that does not match its query as client errors
 * with their own codes (400). Apollo refuses both itself, but with a GraphQLError without a code,
 * which reaches the caller as `INTERNAL_SERVER_ERROR`. The plugin decides from the request alone
 * (never from Apollo's messages) and owns the answer: at `willSendResponse` the refused request's
 * body is this error whatever Apollo produced, and should Apollo ever let such a request through,
 * it is stopped at `didResolveOperation`, before execution and before the query is stored.
 * Only installed when APQ is on (with APQ off, Apollo answers `PERSISTED_QUERY_NOT_SUPPORTED`).
 */
export function persistedQueryRefusalPlugin(): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart({ request }) {
      const refusal = persistedQueryRefusal(request.query, request.extensions);
      if (refusal === null) return;
      const error = () => new GraphQLError(refusal.message, { extensions: { code: refusal.code, http: { status: 400 } } });
      return {
        async didResolveOperation() {
          throw error();
        },
        async willSendResponse({ response, contextValue }) {
          response.http.status = 400;
          response.body = {
            kind: "single",
            singleResult: {
              errors: [{ message: refusal.message, extensions: { code: refusal.code, correlationId: contextValue.correlationId } }],
            },
          };
        },
      };
    },
  };
}
