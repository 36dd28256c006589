import { GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { UPSTREAM_BUDGET_EXCEEDED_CODE } from "../../upstream/upstream-call.scope";
import { sumOverOperation, type FieldMeasure, type WalkedField } from "./operation-walk";
import { connectionPages, FIELD_COSTS, preflightCalls, windowSize, type FieldCost } from "./upstream-cost.table";

/** What the estimate needs to know of the upstream side. */
export interface UpstreamEstimateSettings {
  /** The retry policy's attempts per call, the first included: every call may cost that many. */
  maxAttempts: number;
  /** Regions the gateway knows (an attach preflight looks for missing instances in each). */
  regionCount: number;
  /** Single-attempt replays a mutation whose outcome is open may make after its retries (`maxSettleReplays`). */
  settleReplays: number;
  /**
   * An access policy is in force (docs/security.md): a listing reads pages until its window holds
   * groups the caller may read (counted as a scan), and some fields read what decides the caller's
   * access first (`FieldCost.underPolicy`). Default false.
   */
  accessPolicy?: boolean;
  /** False: no operation is refused by its estimate (a test seam; the budget still holds at run time). Default true. */
  enabled?: boolean;
}

/**
 * Where a field is resolved: `lists` lists of `items` objects each (the same field runs once per
 * object, and a DataLoader batches the objects of one list), and, for the lists of a connection or
 * a preflight, how long they are (`window`).
 */
interface Spread {
  lists: number;
  items: number;
  window: number;
  /** The objects of each list are members of one scaling group (the list is a group's `instances`). */
  sameGroup?: boolean;
}

const ROOT: Spread = { lists: 1, items: 1, window: 1 };

/**
 * An upper bound of the upstream attempts `operation` can make with these variables: each field's
 * logical calls (`FIELD_COSTS`), multiplied through nesting (a field inside a list runs per item;
 * batched loaders divide by their per-call limit per list), aliases and fragments adding, times
 * `maxAttempts` (retries), plus the settle replays of each tokened mutation. Execution then never
 * spends more: the budget counts attempts too.
 */
export function estimateUpstreamAttempts(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Readonly<Record<string, unknown>> | undefined,
  settings: UpstreamEstimateSettings,
): number {
  return sumOverOperation(schema, document, operation, rawVariables, ROOT, (field, spread) => {
    const measured = measureField(field, spread, settings);
    const { childState } = measured;
    const policyCost = FIELD_COSTS[`${field.parentType.name}.${field.field.name}`]?.underPolicy;
    const amount =
      measured.amount + (settings.accessPolicy === true && policyCost !== undefined ? spread.lists * spread.items * policyCost : 0);
    // Every call may take `maxAttempts` attempts; a tokened mutation also its settle replays.
    const cost = FIELD_COSTS[`${field.parentType.name}.${field.field.name}`];
    const replays = cost?.kind === "perItem" && cost.settles === true ? spread.lists * spread.items * settings.settleReplays : 0;
    return { amount: amount * settings.maxAttempts + replays, childState };
  });
}

/** A field's logical calls (before retries), and where its sub-selection runs. */
function measureField({ parentType, field, args }: WalkedField, spread: Spread, settings: UpstreamEstimateSettings): FieldMeasure<Spread> {
  const { regionCount } = settings;
  const cost: FieldCost | undefined = FIELD_COSTS[`${parentType.name}.${field.name}`];
  const { lists, items, window } = spread;
  const each = lists * items;
  if (cost === undefined) return { amount: 0, childState: spread };
  switch (cost.kind) {
    case "perItem":
      return { amount: each * cost.calls, childState: cost.listOf === undefined ? spread : { lists: each, items: cost.listOf, window } };
    case "batched": {
      const batchOf = cost.batchOf ?? cost.perCall;
      return {
        amount: lists * Math.ceil(items / cost.perCall) * (cost.callsPerBatch ?? 1),
        // Objects resolve per batch: their own fields run per batch of at most `batchOf`.
        childState: { lists: lists * Math.ceil(items / batchOf), items: Math.min(items, batchOf), window },
      };
    }
    case "idList": {
      const ids = listLength(args[cost.argument]);
      return { amount: each * Math.ceil(ids / cost.perCall), childState: { lists: each, items: ids, window } };
    }
    case "connection": {
      const first = typeof args.first === "number" ? args.first : null;
      const filter = args.filter as Record<string, unknown> | null | undefined;
      const scans = cost.scanWhen !== undefined && (filter?.[cost.scanWhen] != null || settings.accessPolicy === true);
      const pages = scans ? cost.scanMaxPages! : connectionPages(first, args.after != null, cost.pageSize);
      return { amount: each * pages, childState: { lists: each, items: 1, window: windowSize(first), sameGroup: cost.membersOfOneGroup } };
    }
    case "window":
      return { amount: 0, childState: { lists: each, items: window, window, sameGroup: spread.sameGroup } };
    case "preflight": {
      const instanceCount = listLength(args.instanceIds);
      return { amount: each * preflightCalls(instanceCount, regionCount), childState: { lists: each, items: 1, window: instanceCount } };
    }
    case "eligibility":
      // The items of one list share the group's facts and are batched: one preflight of them all,
      // when the group is an argument or the items are members of one group; else each item may
      // be checked against a group of its own.
      return {
        amount:
          cost.group === "argument" || spread.sameGroup === true
            ? lists * preflightCalls(items, regionCount)
            : each * preflightCalls(1, regionCount),
        childState: spread,
      };
    default: {
      const unreachable: never = cost;
      return unreachable;
    }
  }
}

function listLength(value: unknown): number {
  return Array.isArray(value) ? value.length : value === undefined || value === null ? 0 : 1;
}

/**
 * The refusal of an operation whose estimate exceeds the budget (HTTP 400, nothing executed), or
 * null when it fits.
 */
export function upstreamBudgetRefusal(estimated: number, allowed: number): GraphQLError | null {
  if (estimated <= allowed) return null;
  return new GraphQLError(
    `The operation could make up to ${estimated} upstream calls (retries included); the limit is ${allowed} per operation. Split it into smaller requests.`,
    { extensions: { code: UPSTREAM_BUDGET_EXCEEDED_CODE, limit: "maxUpstreamCalls", estimated, allowed } },
  );
}
