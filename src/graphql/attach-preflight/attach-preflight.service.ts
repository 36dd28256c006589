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

const eligibilityKeyOf = (query: AttachEligibilityQuery) =>
  JSON.stringify([query.regionId, query.scalingGroupId, query.entrusted, query.instanceId]);
const targetKeyOf = (query: AttachEligibilityQuery) => JSON.stringify([query.regionId, query.scalingGroupId, query.entrusted]);

async function eligibilityBatch(
  context: GatewayContext,
  queries: readonly AttachEligibilityQuery[],
): Promise<Array<AttachEligibility | Error>> {
  const byTarget = new Map<string, AttachEligibilityQuery[]>();
  for (const query of queries) {
    const key = targetKeyOf(query);
    const sameTarget = byTarget.get(key);
    if (sameTarget) sameTarget.push(query);
    else byTarget.set(key, [query]);
  }
  const answers = new Map<AttachEligibilityQuery, AttachEligibility | Error>();
  await Promise.all(
    [...byTarget.values()].map(async (sameTarget) => {
      try {
        const eligibilities = await eligibilityAgainstOneGroup(context, sameTarget);
        sameTarget.forEach((query, index) => answers.set(query, eligibilities[index]!));
      } catch (error) {
        // What each field alone would have failed with: the same load, shared.
        for (const query of sameTarget) answers.set(query, error instanceof Error ? error : new Error(String(error)));
      }
    }),
  );
  return queries.map((query) => answers.get(query)!);
}

/** `queries` share region, group and `entrusted`; each instance is judged as if attached alone. */
async function eligibilityAgainstOneGroup(
  context: GatewayContext,
  queries: readonly AttachEligibilityQuery[],
): Promise<AttachEligibility[]> {
  const { regionId, scalingGroupId, entrusted } = queries[0]!;
  const aloneQueries = queries.map((query): AttachPreflightQuery => ({
    ...query,
    instanceIds: [query.instanceId],
    ignoreInvalidInstance: false,
  }));
  const issuesOf = aloneQueries.map(malformedParameterIssues);
  const wellFormedIds = aloneQueries.flatMap((query, index) => (issuesOf[index]!.length === 0 ? query.instanceIds : []));
  let shared: { facts: AttachPreflightFacts; denied: boolean } | null = null;
  if (wellFormedIds.length > 0) {
    const visibility = await preflightVisibility(context, { regionId, scalingGroupId }, "attach");
    const facts = await loadAttachPreflightFacts(
      context.loaders,
      visibility.probeRegionIds,
      { regionId, scalingGroupId, instanceIds: wellFormedIds, entrusted, ignoreInvalidInstance: false },
      visibility.hidden,
    );
    shared = { facts, denied: visibility.denied };
  }
  return Promise.all(
    aloneQueries.map(async (query, index) => {
      const issues = issuesOf[index]!;
      let verdict: AttachPreflightVerdict;
      let denial: AccessDeniedError | null = null;
      if (issues.length > 0 || shared === null) {
        verdict = malformedRequestVerdict(query.instanceIds, issues);
      } else {
        const instanceId = query.instanceIds[0]!;
        verdict = evaluateAttachPreflight({
          ...shared.facts,
          instanceIds: query.instanceIds,
          instances: new Map([[instanceId, shared.facts.instances.get(instanceId)!]]),
        });
        if (shared.denied) denial = AccessDeniedError.of("attach", query, null);
      }
      const rendered = await attachBlockerMembersOf(verdict.blockers, query, context);
      const blockers = denial === null ? rendered : [denial, ...rendered];
      return Object.assign(new AttachEligibility(), { eligible: blockers.length === 0, blockers });
    }),
  );
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
