import DataLoader from "dataloader";
import type { GatewayContext } from "../gateway.context";
import { RequestScopedSlot } from "../request-scoped";
import { attachBlockerMembersOf, attachBlockerRenderer } from "./attach-blocker.mapper";
import { loadAttachPreflightFacts, type AttachPreflightQuery } from "./attach-preflight.facts";
import { groupAccess } from "../access/group-visibility";
import { malformedParameterIssues } from "./attach-preflight.input-check";
import {
  evaluateAttachPreflight,
  malformedRequestVerdict,
  type AttachPreflightFacts,
  type AttachPreflightVerdict,
} from "./attach-preflight.rules";
import { AttachEligibility, AttachPreflight, InstanceAttachPreflight } from "./attach-preflight.type";
import type { MalformedParameterIssue } from "./attach-blocker.types";
import type { AttachBlockerMember } from "./attach-blocker.union";
import { renderVerdictLists, withAccessDenial } from "./preflight-blocker.renderer";
import { AccessDeniedError } from "../access/access-denied.error";

/**
 * The preflight of one AttachInstances call: load the facts (batched with the rest of the request),
 * apply the rules, and render blockers as the mutation's typed members. Both
 * `ScalingGroup.attachPreflight`, `Query.attachPreflight` and `Instance.attachEligibility` come here.
 */
export async function runAttachPreflight(context: GatewayContext, query: AttachPreflightQuery): Promise<AttachPreflight> {
  const { verdict, denial } = await verdictOf(context, query);
  const lists = withAccessDenial(await renderVerdictLists(verdict, attachBlockerRenderer(query, context)), denial);
  return Object.assign(new AttachPreflight(), {
    canAttach: lists.blockers.length === 0,
    ...lists,
    instances: lists.instances.map((entry) => Object.assign(new InstanceAttachPreflight(), entry, { regionId: query.regionId })),
    // A denied caller would change nothing.
    attachedInstanceIds: denial === null ? verdict.attachedInstanceIds : [],
  });
}

/** What one `Instance.attachEligibility` field asks: attaching this instance alone to this group. */
export interface AttachEligibilityQuery {
  regionId: string;
  scalingGroupId: string;
  instanceId: string;
  entrusted: boolean;
}

const ELIGIBILITY_BATCHER = new RequestScopedSlot<DataLoader<AttachEligibilityQuery, AttachEligibility, string>>(
  "attach eligibility batcher",
);

/**
 * The preflight of attaching one instance alone. The eligibility fields of one request are answered
 * together: one batch per (region, group, entrusted) loads the group's facts and every instance's
 * once and checks each instance on its own against them, so N fields cost about one preflight of
 * N instances, not N preflights (docs/performance.md).
 */
export function runAttachEligibility(context: GatewayContext, query: AttachEligibilityQuery): Promise<AttachEligibility> {
  const batcher = context.loaders.scoped.obtain(
    ELIGIBILITY_BATCHER,
    () =>
      new DataLoader((queries: readonly AttachEligibilityQuery[]) => eligibilityBatch(context, queries), { cacheKeyFn: eligibilityKeyOf }),
  );
  return batcher.load(query);
}

/**
 * Keys without JSON: a length prefix keeps each part apart whatever its characters, and the
 * instance ID, last, needs none. One key per field and one per batch entry, so it is cheap.
 */
const targetKeyOf = (query: AttachEligibilityQuery) =>
  `${query.regionId.length}:${query.regionId}${query.scalingGroupId.length}:${query.scalingGroupId}${query.entrusted ? "1" : "0"}`;
const eligibilityKeyOf = (query: AttachEligibilityQuery) => `${targetKeyOf(query)}${query.instanceId}`;

async function eligibilityBatch(
  context: GatewayContext,
  queries: readonly AttachEligibilityQuery[],
): Promise<Array<AttachEligibility | Error>> {
  const byTarget = new Map<string, number[]>();
  queries.forEach((query, index) => {
    const key = targetKeyOf(query);
    const sameTarget = byTarget.get(key);
    if (sameTarget) sameTarget.push(index);
    else byTarget.set(key, [index]);
  });
  const answers = Array.from<AttachEligibility | Error | undefined>({ length: queries.length });
  await Promise.all(
    [...byTarget.values()].map(async (indexes) => {
      const sameTarget = indexes.map((index) => queries[index]!);
      try {
        const eligibilities = await eligibilityAgainstOneGroup(context, sameTarget);
        indexes.forEach((queryIndex, index) => (answers[queryIndex] = eligibilities[index]!));
      } catch (error) {
        // What each field alone would have failed with: the same load, shared.
        for (const index of indexes) answers[index] = error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
  // Every index belongs to exactly one target, so each answer is set.
  return answers as Array<AttachEligibility | Error>;
}

/**
 * The input check of each query as if it were alone (`malformedParameterIssues` of its region,
 * group and one instance), from one validation of them all: the region's and group's issues are
 * every query's, an instance's are its query's, at index 0 as alone, and the order of each
 * query's issues is the validation's, as for a query validated on its own.
 */
function aloneIssuesOf(queries: readonly AttachEligibilityQuery[]): MalformedParameterIssue[][] {
  const { regionId, scalingGroupId } = queries[0]!;
  const issues = malformedParameterIssues({ regionId, scalingGroupId, instanceIds: queries.map((query) => query.instanceId) });
  if (issues.length === 0) return queries.map(() => []);
  return queries.map((_, index) =>
    issues.flatMap((issue) => {
      if (issue.path[0] !== "instanceIds") return [issue];
      return issue.path[1] === String(index) ? [{ ...issue, path: ["instanceIds", "0"] }] : [];
    }),
  );
}

/** `queries` share region, group and `entrusted`; each instance is judged as if attached alone. */
async function eligibilityAgainstOneGroup(
  context: GatewayContext,
  queries: readonly AttachEligibilityQuery[],
): Promise<AttachEligibility[]> {
  const { regionId, scalingGroupId, entrusted } = queries[0]!;
  const issuesOf = aloneIssuesOf(queries);
  const wellFormedIds = queries.flatMap((query, index) => (issuesOf[index]!.length === 0 ? [query.instanceId] : []));
  let shared: { facts: AttachPreflightFacts; denial: AccessDeniedError | null } | null = null;
  if (wellFormedIds.length > 0) {
    const visibility = await preflightVisibility(context, { regionId, scalingGroupId }, "attach");
    const facts = await loadAttachPreflightFacts(
      context.loaders,
      visibility.probeRegionIds,
      { regionId, scalingGroupId, instanceIds: wellFormedIds, entrusted, ignoreInvalidInstance: false },
      visibility.hidden,
    );
    // The denial names the group only, so one value serves every field.
    shared = { facts, denial: visibility.denied ? AccessDeniedError.of("attach", { scalingGroupId }, null) : null };
  }
  // Most fields of a query have nothing to render: they are answered at once, the others await their members.
  return Promise.all(
    queries.map((query, index): AttachEligibility | Promise<AttachEligibility> => {
      const issues = issuesOf[index]!;
      const instanceIds = [query.instanceId];
      const verdict =
        issues.length > 0 || shared === null
          ? malformedRequestVerdict(instanceIds, issues)
          : evaluateAttachPreflight({
              ...shared.facts,
              instanceIds,
              instances: new Map([[query.instanceId, shared.facts.instances.get(query.instanceId)!]]),
            });
      const denial = issues.length > 0 || shared === null ? null : shared.denial;
      if (verdict.blockers.length === 0) return eligibilityOf(denial === null ? [] : [denial]);
      return attachBlockerMembersOf(verdict.blockers, { regionId, scalingGroupId, instanceIds }, context).then((rendered) =>
        eligibilityOf(denial === null ? rendered : [denial, ...rendered]),
      );
    }),
  );
}

function eligibilityOf(blockers: AttachBlockerMember[]): AttachEligibility {
  return Object.assign(new AttachEligibility(), { eligible: blockers.length === 0, blockers });
}

/** The rules' verdict on the facts; for malformed IDs (which the mutation refuses as input), without looking anything up. */
async function verdictOf(
  context: GatewayContext,
  query: AttachPreflightQuery,
): Promise<{ verdict: AttachPreflightVerdict; denial: AccessDeniedError | null }> {
  const issues = malformedParameterIssues(query);
  if (issues.length > 0) return { verdict: malformedRequestVerdict(query.instanceIds, issues), denial: null };
  const visibility = await preflightVisibility(context, query, "attach");
  return {
    verdict: evaluateAttachPreflight(await loadAttachPreflightFacts(context.loaders, visibility.probeRegionIds, query, visibility.hidden)),
    denial: visibility.denied ? AccessDeniedError.of("attach", query, null) : null,
  };
}

/**
 * The preflight's facts; a group the caller may not see is "not found" without being read, so the
 * answer is the one for a group that does not exist. Its instances are read as for any group
 * (through the request's visibility-filtered loaders), except in a region the caller may not read
 * at all: there nothing is read, not even the other regions a missing instance would be looked for in.
 */
/**
 * What the caller's grants mean for a preflight of `operation` (attach's or detach's): a group the
 * caller may not see is "not found" without being read, so the answer is the one for a group that
 * does not exist; its instances are read as for any group (through the request's
 * visibility-filtered loaders), except in a region the caller may not read at all, where nothing is
 * read, not even the other regions a missing instance would be looked for in. A group the caller
 * may see but not act on is `denied`: the mutation would answer `AccessDeniedError`.
 */
export async function preflightVisibility(
  context: GatewayContext,
  query: { regionId: string; scalingGroupId: string },
  operation: "attach" | "detach",
): Promise<{ hidden: boolean; denied: boolean; probeRegionIds: readonly string[] }> {
  const access = await groupAccess(context, operation, query);
  const hidden = access === "hidden";
  return {
    hidden,
    denied: access === "denied",
    probeRegionIds: hidden && !context.access.mayInRegion("read", query.regionId) ? [] : context.regionIds,
  };
}
