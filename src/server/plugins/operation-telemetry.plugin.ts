import type { ApolloServerPlugin } from "@apollo/server";
import { getNamedType, getNullableType, isAbstractType, isListType, isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from "graphql";
import { USER_FACING_ERROR_INTERFACE } from "../../graphql/common/user-facing-error.interface";
import { operationOutcome } from "../telemetry/operation-outcome";
import type { RequestTelemetry } from "../telemetry/request-telemetry";

/**
 * Feeds each HTTP operation's `RequestTelemetry` (context.telemetry): its name and type, a span
 * and a typed-error check per root field, then its outcome when the response is sent. Only root
 * fields are looked at, and they return early everywhere else, so the per-field cost stays small.
 */
export function operationTelemetryPlugin<TContext extends { telemetry?: RequestTelemetry }>(): ApolloServerPlugin<TContext> {
  const isErrorTypeCache = new WeakMap<GraphQLSchema, Map<string, boolean>>();
  const isErrorType = (schema: GraphQLSchema, typeName: string): boolean => {
    let byName = isErrorTypeCache.get(schema);
    if (byName === undefined) isErrorTypeCache.set(schema, (byName = new Map()));
    let known = byName.get(typeName);
    if (known === undefined) {
      const type = schema.getType(typeName);
      known = isObjectType(type) && type.getInterfaces().some((implemented) => implemented.name === USER_FACING_ERROR_INTERFACE);
      byName.set(typeName, known);
    }
    return known;
  };

  const typedErrorOf = (result: unknown, info: GraphQLResolveInfo, context: unknown): string | null => {
    const type = getNamedType(info.returnType);
    if (!isAbstractType(type) || isListType(getNullableType(info.returnType)) || typeof result !== "object" || result === null) return null;
    let typeName: unknown;
    try {
      typeName = type.resolveType?.(result, context, info, type);
    } catch {
      return null; // graphql-js reports an unresolvable member itself
    }
    return typeof typeName === "string" && isErrorType(info.schema, typeName) ? typeName : null;
  };

  return {
    async requestDidStart({ contextValue }) {
      const telemetry = contextValue.telemetry;
      if (telemetry === undefined) return;
      const startedAt = performance.now();
      return {
        async didResolveOperation({ operation, operationName }) {
          if (operation !== undefined) telemetry.operationResolved(operation.operation, operationName ?? null);
        },
        async executionDidStart() {
          return {
            willResolveField({ info, contextValue: fieldContext }) {
              if (info.path.prev !== undefined) return undefined;
              const end = telemetry.rootFieldStarted(info.parentType.name, info.fieldName);
              return (error, result) => end(error === null ? typedErrorOf(result, info, fieldContext) : null, error);
            },
          };
        },
        async willSendResponse({ response, operation, operationName }) {
          const httpStatus = response.http.status ?? 200;
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
          telemetry.finish(
            {
              operationName: operationName ?? null,
              operationType: operation?.operation ?? null,
              outcome: operationOutcome(errors, httpStatus, telemetry.typedErrors),
              typedErrors: telemetry.typedErrors,
              durationMs: performance.now() - startedAt,
            },
            httpStatus,
          );
        },
      };
    },
  };
}
