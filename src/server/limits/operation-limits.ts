import type { ApolloServerPlugin } from "@apollo/server";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import type {
  DocumentNode,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLSchema,
  OperationDefinitionNode,
  ParseOptions,
  ValidationRule,
} from "graphql";
import type { ServerContext } from "../server.context";
import { createDocumentStore } from "./document-cache";
import { formatGatewayError } from "../plugins/error-masking";
import { listFanOutRefusal, measureListFanOut } from "./list-fan-out";
import { operationRefusalPlugin } from "./operation-refusal.plugin";
import { estimateUpstreamAttempts, upstreamBudgetRefusal, type UpstreamEstimateSettings } from "./upstream-call.estimate";
import { upstreamScopePlugin } from "./upstream-scope.plugin";
import type { OperationLimits } from "./operation-limits.config";
import { operationLimitRules, operationParseOptions, withoutSuggestions } from "./operation-limits.rules";

/**
 * Everything that enforces `OperationLimits`, in the shapes both transports take: Apollo's
 * `validationRules`, `parseOptions`, `introspection`, `formatError` and a plugin, and the same
 * rules, parse options, formatter and pre-execution checks for the subscription socket
 * (`createHttpFeatures`).
 */
export interface OperationLimitsSetup {
  limits: OperationLimits;
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  /** The pre-execution checks for HTTP (the socket runs `refuseOperation` in its `onSubscribe`), and the end of each operation's upstream scope. */
  plugins: ApolloServerPlugin<ServerContext>[];
  /** Apollo's parsed-document cache, sized by what its entries really retain (`createDocumentStore`). */
  documentStore: KeyValueCache<DocumentNode>;
  /** The checks that need the variables: the list fan-out, then the upstream estimate against the budget. */
  refuseOperation: OperationRefusal;
  /** `formatGatewayError`, plus hiding "Did you mean …?" hints when introspection is off. */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
}

/** A refusal of an operation with its variables (a request error, HTTP 400), or null to execute it. */
export type OperationRefusal = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
) => GraphQLError | null;

/** Without them, the estimate assumes one attempt per call, one region and no settle replays. */
const SINGLE_ATTEMPT: UpstreamEstimateSettings = { maxAttempts: 1, regionCount: 1, settleReplays: 0 };

export function createOperationLimits(limits: OperationLimits, upstream: UpstreamEstimateSettings = SINGLE_ATTEMPT): OperationLimitsSetup {
  const refuseOperation: OperationRefusal = (schema, document, operation, variables) =>
    listFanOutRefusal(measureListFanOut(schema, document, operation, variables), limits.maxListItems) ??
    (upstream.enabled === false
      ? null
      : upstreamBudgetRefusal(estimateUpstreamAttempts(schema, document, operation, variables, upstream), limits.maxUpstreamCalls));
  return {
    limits,
    validationRules: operationLimitRules(limits),
    parseOptions: operationParseOptions(limits),
    plugins: [operationRefusalPlugin(refuseOperation), upstreamScopePlugin()],
    documentStore: createDocumentStore(),
    refuseOperation,
    formatError: limits.introspection
      ? formatGatewayError
      : (formatted, error) => {
          const masked = formatGatewayError(formatted, error);
          return { ...masked, message: withoutSuggestions(masked.message) };
        },
  };
}
