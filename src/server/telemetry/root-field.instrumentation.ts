import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from "graphql";
import { USER_FACING_ERROR_INTERFACE } from "../../graphql/common/user-facing-error.interface";
import type { RequestTelemetry } from "./request-telemetry";

const instrumented = new WeakSet<GraphQLSchema>();

/**
 * Wraps the resolvers of the Query and Mutation root fields so that each reports to its request's
 * `context.telemetry`: a span per root field, and the typed error member it returned (which the
 * response alone does not show unless the client selected `__typename`).
 *
 * Only root fields: Apollo's `willResolveField` hook would wrap and dispatch every field of every
 * response, a cost paid even with metrics and tracing off. Subscription fields are left alone:
 * their resolver runs once per event, and the watch has a span of its own.
 */
export function instrumentRootFields(schema: GraphQLSchema): void {
  if (instrumented.has(schema)) return;
  instrumented.add(schema);
  const isErrorType = errorTypeCheck(schema);
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (type === null || type === undefined) continue;
    for (const field of Object.values(type.getFields()))
      field.resolve = reporting(type, field.resolve ?? defaultFieldResolver, isErrorType);
  }
}

function reporting(
  type: GraphQLObjectType,
  resolve: GraphQLFieldResolver<unknown, unknown>,
  isErrorType: (typeName: string) => boolean,
): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    const telemetry = (context as { telemetry?: RequestTelemetry } | null)?.telemetry;
    if (telemetry === undefined) return resolve(source, args, context, info);
    const end = telemetry.rootFieldStarted(type.name, info.fieldName);
    const settle = (value: unknown) => {
      end(typedErrorOf(value, info, context, isErrorType), null);
      return value;
    };
    try {
      const result = resolve(source, args, context, info);
      return result instanceof Promise
        ? result.then(settle, (error: unknown) => {
            end(null, error);
            throw error;
          })
        : settle(result);
    } catch (error) {
      end(null, error);
      throw error;
    }
  };
}

function errorTypeCheck(schema: GraphQLSchema): (typeName: string) => boolean {
  const known = new Map<string, boolean>();
  return (typeName) => {
    let isError = known.get(typeName);
    if (isError === undefined) {
      const type = schema.getType(typeName);
      isError = isObjectType(type) && type.getInterfaces().some((implemented) => implemented.name === USER_FACING_ERROR_INTERFACE);
      known.set(typeName, isError);
    }
    return isError;
  };
}

/** The typed error member a root field's value is, by the schema's own `resolveType`, or null. */
function typedErrorOf(
  value: unknown,
  info: GraphQLResolveInfo,
  context: unknown,
  isErrorType: (typeName: string) => boolean,
): string | null {
  const type = getNamedType(info.returnType);
  if (!isAbstractType(type) || isListType(getNullableType(info.returnType)) || typeof value !== "object" || value === null) return null;
  let typeName: unknown;
  try {
    typeName = type.resolveType?.(value, context, info, type);
  } catch {
    return null; // graphql-js reports an unresolvable member itself
  }
  return typeof typeName === "string" && isErrorType(typeName) ? typeName : null;
}
