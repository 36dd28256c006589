import type { ApolloServerPlugin } from "@apollo/server";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { DocumentNode, GraphQLFormattedError, ParseOptions, ValidationRule } from "graphql";
import type { GatewayContext } from "../context";
import { createDocumentStore } from "./document-cache";
import { formatGatewayError } from "../plugins/error-masking";
import { listFanOutPlugin } from "./list-fan-out.plugin";
import type { OperationLimits } from "./operation-limits.config";
import { operationLimitRules, operationParseOptions, withoutSuggestions } from "./operation-limits.rules";

/**
 * Everything that enforces `OperationLimits`, in the shapes both transports take: Apollo's
 * `validationRules`, `parseOptions`, `introspection`, `formatError` and a plugin, and the same
 * rules, parse options, formatter and fan-out limit for the subscription socket
 * (`createHttpFeatures`).
 */
export interface OperationLimitsSetup {
  limits: OperationLimits;
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  /** The list fan-out check for HTTP (the socket runs the same check in its `onSubscribe`). */
  plugins: ApolloServerPlugin<GatewayContext>[];
  /** Apollo's parsed-document cache, sized by what its entries really retain (`createDocumentStore`). */
  documentStore: KeyValueCache<DocumentNode>;
  /** `formatGatewayError`, plus hiding "Did you mean …?" hints when introspection is off. */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
}

export function createOperationLimits(limits: OperationLimits): OperationLimitsSetup {
  return {
    limits,
    validationRules: operationLimitRules(limits),
    parseOptions: operationParseOptions(limits),
    plugins: [listFanOutPlugin(limits.maxListItems)],
    documentStore: createDocumentStore(),
    formatError: limits.introspection
      ? formatGatewayError
      : (formatted, error) => {
          const masked = formatGatewayError(formatted, error);
          return { ...masked, message: withoutSuggestions(masked.message) };
        },
  };
}
