import type { DocumentNode, GraphQLError, GraphQLSchema, OperationDefinitionNode } from "graphql";
import { sumOverOperation } from "./operation-walk";
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
  return sumOverOperation(schema, document, operation, rawVariables, 1, ({ args }, multiplier) => {
    const items = itemsOf(args);
    const fieldMultiplier = multiplier * Math.max(1, items);
    return { amount: items > 0 ? fieldMultiplier : 0, childState: fieldMultiplier };
  });
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
