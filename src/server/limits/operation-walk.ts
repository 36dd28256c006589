import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLInterfaceType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/** One field of the operation as the walk meets it, with its arguments coerced. */
export interface WalkedField {
  parentType: GraphQLObjectType | GraphQLInterfaceType;
  field: GraphQLField<unknown, unknown>;
  node: FieldNode;
  args: Readonly<Record<string, unknown>>;
}

/**
 * What a measure says of one field: its own amount, and the state its sub-selection is measured
 * in (how many times it runs, for instance).
 */
export interface FieldMeasure<S> {
  amount: number;
  childState: S;
}

/**
 * Sums `measureField` over every field of `operation`, top-down, with the variables as the caller
 * sent them: every aliased copy, every fragment (inline or spread, for every type condition) and
 * every `@skip`/`@include`d field counts, so the sum is an upper bound of what executes.
 * Introspection fields count nothing. An operation whose variables do not coerce measures 0
 * (execution refuses it with BAD_USER_INPUT anyway).
 *
 * Structural validation rules cannot do this: they run before variables are known, and the
 * expensive lists (`instanceIds: $ids`) are nearly always variables.
 */
export function sumOverOperation<S>(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Readonly<Record<string, unknown>> | undefined,
  rootState: S,
  measureField: (field: WalkedField, state: S) => FieldMeasure<S>,
): number {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors !== undefined) return 0;
  const rootType = schema.getRootType(operation.operation);
  if (rootType === undefined || rootType === null) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const variables = coerced.coerced;

  const measure = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, state: S, spreadPath: ReadonlySet<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD: {
          if (selection.name.value.startsWith("__")) break;
          if (!isObjectType(parentType) && !isInterfaceType(parentType)) break;
          const field = parentType.getFields()[selection.name.value];
          if (field === undefined) break;
          const args = getArgumentValues(field, selection, variables);
          const { amount, childState } = measureField({ parentType, field, node: selection, args }, state);
          total += amount;
          const childType = getNamedType(field.type);
          if (selection.selectionSet !== undefined && isCompositeType(childType)) {
            total += measure(selection.selectionSet, childType, childState, spreadPath);
          }
          break;
        }
        case Kind.INLINE_FRAGMENT: {
          const conditionType = selection.typeCondition === undefined ? parentType : schema.getType(selection.typeCondition.name.value);
          if (conditionType !== undefined && isCompositeType(conditionType))
            total += measure(selection.selectionSet, conditionType, state, spreadPath);
          break;
        }
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // Validation refuses fragment cycles; the guard only keeps this function total on its own.
          if (fragment === undefined || spreadPath.has(name)) break;
          const conditionType = schema.getType(fragment.typeCondition.name.value);
          if (conditionType !== undefined && isCompositeType(conditionType)) {
            total += measure(fragment.selectionSet, conditionType, state, new Set([...spreadPath, name]));
          }
          break;
        }
        default: {
          const unreachable: never = selection;
          return unreachable;
        }
      }
    }
    return total;
  };
  return measure(operation.selectionSet, rootType, rootState, new Set());
}
