import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationRule } from "graphql";
import type { OperationLimits } from "./operation-limits.config";

// The callback type, taken from ApolloArmor's own signature (its types package is not a dependency of ours).
type ArmorRejectCallbacks = NonNullable<NonNullable<NonNullable<ConstructorParameters<typeof ApolloArmor>[0]>["maxDepth"]>["onReject"]>;

/** `extensions.code` of an operation refused by a limit (the same as any other invalid document). */
const OPERATION_LIMIT_ERROR_CODE = "GRAPHQL_VALIDATION_FAILED";

/** Which limit refused an operation: `extensions.limit` of the error. */
export type OperationLimitName =
  "maxDepth" | "maxAliases" | "maxDirectives" | "maxCost" | "maxTokens" | "maxListItems" | "maxDocumentBytes" | "maxIntrospectionFields";

/** A refusal by one of the limits: a request error (400), never masked. */
export function operationLimitError(limit: OperationLimitName, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: OPERATION_LIMIT_ERROR_CODE, limit } });
}

/**
 * The validation rules enforcing the structural limits (depth, aliases, directives, cost), built
 * with graphql-armor, plus graphql-js' introspection ban when introspection is off. Both
 * transports run these: Apollo's `validationRules` and the subscription server's `validate`.
 *
 * graphql-armor's own reporting would tag refusals `BAD_USER_INPUT` with a "Syntax Error:" prefix;
 * each limit here reports its own error instead, named by `extensions.limit`. Token counting is
 * left to graphql-js' parser (`maxTokens` parse option), and suggestion hiding to the error
 * formatter, so that both also apply to the socket.
 */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  const reportAs = (limit: OperationLimitName): { propagateOnRejection: false; onReject: ArmorRejectCallbacks } => ({
    propagateOnRejection: false,
    onReject: [(context, error) => context?.reportError(operationLimitError(limit, error.message.replace(/^Syntax Error: /, "")))],
  });
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...reportAs("maxDepth") },
    maxAliases: { n: limits.maxAliases, ...reportAs("maxAliases") },
    maxDirectives: { n: limits.maxDirectives, ...reportAs("maxDirectives") },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, flattenFragments: true, ...reportAs("maxCost") },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return [...(limits.introspection ? [] : [NoSchemaIntrospectionCustomRule]), introspectionFieldsRule, ...armor.validationRules];
}

/**
 * Introspection is exempt from the depth and cost limits (a client's schema query is deep), so
 * aliases must not repeat it: 50 aliased `__schema` would answer 8 MB and hold the event loop for
 * a long moment. An IDE or codegen asks `__schema` once; `__type` a few times at most.
 */
const INTROSPECTION_FIELD_LIMITS: Readonly<Record<"__schema" | "__type", number>> = Object.freeze({ __schema: 1, __type: 10 });

const introspectionFieldsRule: ValidationRule = (context) => {
  const seen = { __schema: 0, __type: 0 };
  return {
    Field(node) {
      const name = node.name.value;
      if (name !== "__schema" && name !== "__type") return;
      seen[name] += 1;
      if (seen[name] === INTROSPECTION_FIELD_LIMITS[name] + 1) {
        context.reportError(
          operationLimitError(
            "maxIntrospectionFields",
            `At most ${INTROSPECTION_FIELD_LIMITS[name]} ${name} field(s) per document; ask once, without aliases.`,
          ),
        );
      }
    },
  };
};

/** graphql-js parse options enforcing `maxTokens` (Apollo's `parseOptions`, and the socket's parser). */
export function operationParseOptions(limits: OperationLimits): { maxTokens: number } {
  return { maxTokens: limits.maxTokens };
}

const SUGGESTION = / ?Did you mean [^?]*\?$/;

/**
 * Removes graphql-js' "Did you mean …?" hints from a validation message. Used when introspection
 * is off: the hints would otherwise let a caller discover field, argument and enum names by guessing.
 */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, "");
}
