import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { operationLimitError } from "./operation-limits.rules";

/**
 * How many objects an operation names or pages through, the measure `maxListItems` bounds.
 *
 * A field counts for `first` (a page size) plus the length of each list argument (`instanceIds`,
 * `ids`): that is how many things it looks up upstream. Counts multiply through nesting, because a
 * field inside a page runs once per item: `scalingGroups(first: 50) { instances(first: 100) }`
 * counts 50 + 50 × 100. Fields without such arguments count nothing themselves. Aliased copies of
 * a field count separately. Variables are read as the caller sent them; an operation whose
 * variables do not coerce measures 0 (execution refuses it with BAD_USER_INPUT anyway).
 *
 * Structural validation rules cannot do this: they run before variables are known, and the
 * expensive lists (`instanceIds: $ids`) are nearly always variables.
 */
export function measureListFanOut(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Readonly<Record<string, unknown>> | undefined,
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

  const measure = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, multiplier: number, spreadPath: ReadonlySet<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD: {
          if (selection.name.value.startsWith("__")) break;
          if (!isObjectType(parentType) && !isInterfaceType(parentType)) break;
          const fieldDef = parentType.getFields()[selection.name.value];
          if (fieldDef === undefined) break;
          const items = itemsOf(getArgumentValues(fieldDef, selection, variables));
          const fieldMultiplier = multiplier * Math.max(1, items);
          if (items > 0) total += fieldMultiplier;
          const childType = getNamedType(fieldDef.type);
          if (selection.selectionSet !== undefined && isCompositeType(childType)) {
            total += measure(selection.selectionSet, childType, fieldMultiplier, spreadPath);
          }
          break;
        }
        case Kind.INLINE_FRAGMENT: {
          const conditionType = selection.typeCondition === undefined ? parentType : schema.getType(selection.typeCondition.name.value);
          if (conditionType !== undefined && isCompositeType(conditionType)) total += measure(selection.selectionSet, conditionType, multiplier, spreadPath);
          break;
        }
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // Validation refuses fragment cycles; the guard only keeps this function total on its own.
          if (fragment === undefined || spreadPath.has(name)) break;
          const conditionType = schema.getType(fragment.typeCondition.name.value);
          if (conditionType !== undefined && isCompositeType(conditionType)) {
            total += measure(fragment.selectionSet, conditionType, multiplier, new Set([...spreadPath, name]));
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
  return measure(operation.selectionSet, rootType, 1, new Set());
}

/** A field's own count: its page size plus the lengths of its list arguments. */
function itemsOf(args: Readonly<Record<string, unknown>>): number {
  let items = 0;
  for (const [name, value] of Object.entries(args)) {
    if (name === "first" && typeof value === "number" && value > 0) items += value;
    else if (Array.isArray(value)) items += value.length;
  }
  return items;
}

/** The refusal when `measureListFanOut` exceeds `maxListItems`, or null when the operation is within it. */
export function listFanOutRefusal(fanOut: number, maxListItems: number): GraphQLError | null {
  if (fanOut <= maxListItems) return null;
  return operationLimitError(
    "maxListItems",
    `The operation asks for ${fanOut} objects (IDs in list arguments plus page sizes, multiplied through nesting); the limit is ${maxListItems}. Split it into smaller requests.`,
  );
}
