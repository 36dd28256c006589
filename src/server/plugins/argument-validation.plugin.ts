import type { ApolloServerPlugin } from "@apollo/server";
import { validateSync } from "class-validator";
import {
  getArgumentValues,
  getNullableType,
  getVariableValues,
  GraphQLError,
  isInputObjectType,
  isListType,
  Kind,
  separateOperations,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { ARGUMENT_VALIDATOR_OPTIONS } from "../../graphql/common/argument.validator";
import { PRE_EXECUTION_ARGUMENTS_EXTENSION, VALIDATED_INPUT_EXTENSION } from "../../graphql/common/pre-execution-arguments";
import type { ServerContext } from "../server.context";

/** `extensions.code` of an argument refused before execution (as graphql-js and type-graphql name it). */
const BAD_USER_INPUT_CODE = "BAD_USER_INPUT";
/** The message type-graphql gives the same refusal during execution; kept so clients see one shape. */
const ARGUMENT_VALIDATION_MESSAGE = "Argument Validation Error";

type Constructor = new () => object;

/**
 * Checks every field's arguments before anything runs, so that a bad argument is a request error
 * (HTTP 400, `BAD_USER_INPUT`, no `data`, nothing sent upstream) as the GraphQL-over-HTTP spec
 * has it for a request that cannot be executed, rather than a field error during execution (200):
 * - every argument must coerce, e.g. `null` for a `Boolean! = false` argument through a nullable
 *   variable (which graphql-js would only refuse while executing the field);
 * - arguments of a field marked with `ValidateArgumentsBeforeExecution` must pass the class-validator
 *   rules of its `@ArgsType` class (`first: -1`, 101 IDs, a malformed `regionId`); the refusal
 *   carries class-validator's `validationErrors`, as type-graphql's does.
 * Variables that do not coerce are left to Apollo (400 `BAD_USER_INPUT` too). It runs at
 * `didResolveOperation`, the first hook with the operation and its variables; register it before
 * other plugins of that hook, which read argument values and assume they coerce.
 */
export function argumentValidationPlugin(): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (operation === undefined) return;
          // Synchronous on purpose: a later plugin's hook that throws synchronously must not win the race.
          const refusal = argumentRefusal(schema, document, operation, request.variables);
          if (refusal !== null) throw refusal;
        },
      };
    },
  };
}

/** The refusal of the first field whose arguments are invalid, or null. */
export function argumentRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Readonly<Record<string, unknown>> | undefined,
): GraphQLError | null {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors !== undefined) return null;
  for (const { node, definition } of fieldsWithArguments(schema, document, operation)) {
    const refusal = fieldRefusal(definition, node, coerced.coerced);
    if (refusal !== null) return refusal;
  }
  return null;
}

interface FieldWithArguments {
  node: FieldNode;
  definition: GraphQLField<unknown, unknown>;
}

/**
 * The fields with arguments of an operation, its fragments included. Apollo reuses the parsed
 * document of a repeated query (its document store), and a document never changes, so the walk is
 * done once per document and operation.
 */
const fieldsByOperation = new WeakMap<OperationDefinitionNode, { schema: GraphQLSchema; fields: FieldWithArguments[] }>();

function fieldsWithArguments(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): FieldWithArguments[] {
  const cached = fieldsByOperation.get(operation);
  if (cached !== undefined && cached.schema === schema) return cached.fields;
  // Only this operation and the fragments it uses: other operations of the document have other variables.
  const operationCount = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION).length;
  const operationDocument = operationCount === 1 ? document : (separateOperations(document)[operation.name?.value ?? ""] ?? document);
  const fields: FieldWithArguments[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    operationDocument,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const definition = typeInfo.getFieldDef();
        if (definition && definition.args.length > 0) fields.push({ node, definition });
      },
    }),
  );
  fieldsByOperation.set(operation, { schema, fields });
  return fields;
}

function fieldRefusal(
  definition: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
): GraphQLError | null {
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(definition, node, variables);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return badUserInput(error.message, node);
  }
  const argsClass = definition.extensions?.[PRE_EXECUTION_ARGUMENTS_EXTENSION] as Constructor | undefined;
  if (argsClass === undefined) return null;
  // Every rule on the argument classes is synchronous (no async class-validator constraints).
  const errors = validateSync(argumentsInstance(argsClass, definition.args, args), ARGUMENT_VALIDATOR_OPTIONS);
  return errors.length === 0 ? null : badUserInput(ARGUMENT_VALIDATION_MESSAGE, node, { validationErrors: errors });
}

function badUserInput(message: string, node: FieldNode, extensions: Record<string, unknown> = {}): GraphQLError {
  // Apollo answers a GraphQLError thrown at didResolveOperation with the status in `extensions.http`.
  return new GraphQLError(message, {
    nodes: [node],
    extensions: { code: BAD_USER_INPUT_CODE, field: node.name.value, ...extensions, http: { status: 400 } },
  });
}

/** The arguments as instances of their classes, as type-graphql builds them for the resolver. */
function argumentsInstance(argsClass: Constructor, definitions: readonly GraphQLArgument[], args: Record<string, unknown>): object {
  const instance = new argsClass() as Record<string, unknown>;
  for (const argument of definitions) {
    if (Object.hasOwn(args, argument.name)) instance[argument.name] = inputValue(argument.type, args[argument.name]);
  }
  return instance;
}

function inputValue(type: GraphQLInputType, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const nullable = getNullableType(type);
  if (isListType(nullable)) return Array.isArray(value) ? value.map((item) => inputValue(nullable.ofType, item)) : value;
  if (!isInputObjectType(nullable)) return value;
  const inputClass = nullable.extensions?.[VALIDATED_INPUT_EXTENSION] as Constructor | undefined;
  const instance = (inputClass === undefined ? {} : new inputClass()) as Record<string, unknown>;
  const fields = nullable.getFields();
  for (const [name, fieldValue] of Object.entries(value as Record<string, unknown>)) {
    const field = fields[name];
    instance[name] = field === undefined ? fieldValue : inputValue(field.type, fieldValue);
  }
  return instance;
}
