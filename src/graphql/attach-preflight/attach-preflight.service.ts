import type { GatewayContext } from "../../server/context";
import { attachBlockerMembersOf, attachBlockerRenderer } from "./attach-blocker.mapper";
import { loadAttachPreflightFacts, type AttachPreflightQuery } from "./attach-preflight.facts";
import { groupAccess } from "../access/group-visibility";
import { malformedParameterIssues } from "./attach-preflight.input-check";
import { evaluateAttachPreflight, malformedRequestVerdict, type AttachPreflightVerdict } from "./attach-preflight.rules";
import { AttachEligibility, AttachPreflight, InstanceAttachPreflight } from "./attach-preflight.type";
import { renderVerdictLists } from "./preflight-blocker.renderer";

/**
 * The preflight of one AttachInstances call: load the facts (batched with the rest of the request),
 * apply the rules, and render blockers as the mutation's typed members. Both
 * `ScalingGroup.attachPreflight`, `Query.attachPreflight` and `Instance.attachEligibility` come here.
 */
export async function runAttachPreflight(context: GatewayContext, query: AttachPreflightQuery): Promise<AttachPreflight> {
  const verdict = await verdictOf(context, query);
  const lists = await renderVerdictLists(verdict, attachBlockerRenderer(query, context));
  return Object.assign(new AttachPreflight(), {
    canAttach: verdict.blockers.length === 0,
    ...lists,
    instances: lists.instances.map((entry) => Object.assign(new InstanceAttachPreflight(), entry, { regionId: query.regionId })),
    attachedInstanceIds: verdict.attachedInstanceIds,
  });
}

/** The preflight of attaching one instance alone. */
export async function runAttachEligibility(
  context: GatewayContext,
  query: { regionId: string; scalingGroupId: string; instanceId: string; entrusted: boolean },
): Promise<AttachEligibility> {
  const verdict = await verdictOf(context, { ...query, instanceIds: [query.instanceId], ignoreInvalidInstance: false });
  const blockers = await attachBlockerMembersOf(verdict.blockers, { ...query, instanceIds: [query.instanceId] }, context);
  return Object.assign(new AttachEligibility(), { eligible: blockers.length === 0, blockers });
}

/** The rules' verdict on the facts; for malformed IDs (which the mutation refuses as input), without looking anything up. */
async function verdictOf(context: GatewayContext, query: AttachPreflightQuery): Promise<AttachPreflightVerdict> {
  const issues = malformedParameterIssues(query);
  if (issues.length > 0) return malformedRequestVerdict(query.instanceIds, issues);
  return evaluateAttachPreflight(await visibleFacts(context, query));
}

/**
 * The preflight's facts; a group the caller may not see is "not found" without being read, so the
 * answer is the one for a group that does not exist. Its instances are read as for any group
 * (through the request's visibility-filtered loaders), except in a region the caller may not read
 * at all: there nothing is read, not even the other regions a missing instance would be looked for in.
 */
async function visibleFacts(context: GatewayContext, query: AttachPreflightQuery) {
  const { hidden, probeRegionIds } = await preflightVisibility(context, query);
  return loadAttachPreflightFacts(context.loaders, probeRegionIds, query, hidden);
}

/** Whether a preflight's group is hidden from the caller, and where a missing instance may be looked for (see `visibleFacts`); attach's and detach's alike. */
export async function preflightVisibility(
  context: GatewayContext,
  query: { regionId: string; scalingGroupId: string },
): Promise<{ hidden: boolean; probeRegionIds: readonly string[] }> {
  const hidden = (await groupAccess(context, "read", query)) === "hidden";
  return { hidden, probeRegionIds: hidden && !context.access.mayInRegion("read", query.regionId) ? [] : context.regionIds };
}
