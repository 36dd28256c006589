import type { GatewayContext } from "../gateway.context";
import { attachBlockerMembersOf, attachBlockerRenderer } from "./attach-blocker.mapper";
import { loadAttachPreflightFacts, type AttachPreflightQuery } from "./attach-preflight.facts";
import { groupAccess } from "../access/group-visibility";
import { malformedParameterIssues } from "./attach-preflight.input-check";
import { evaluateAttachPreflight, malformedRequestVerdict, type AttachPreflightVerdict } from "./attach-preflight.rules";
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

/** The preflight of attaching one instance alone. */
export async function runAttachEligibility(
  context: GatewayContext,
  query: { regionId: string; scalingGroupId: string; instanceId: string; entrusted: boolean },
): Promise<AttachEligibility> {
  const { verdict, denial } = await verdictOf(context, { ...query, instanceIds: [query.instanceId], ignoreInvalidInstance: false });
  const rendered = await attachBlockerMembersOf(verdict.blockers, { ...query, instanceIds: [query.instanceId] }, context);
  const blockers = denial === null ? rendered : [denial, ...rendered];
  return Object.assign(new AttachEligibility(), { eligible: blockers.length === 0, blockers });
}

/** The rules' verdict on the facts; for malformed IDs (which the mutation refuses as input), without looking anything up. */
async function verdictOf(context: GatewayContext, query: AttachPreflightQuery): Promise<{ verdict: AttachPreflightVerdict; denial: AccessDeniedError | null }> {
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
  return { hidden, denied: access === "denied", probeRegionIds: hidden && !context.access.mayInRegion("read", query.regionId) ? [] : context.regionIds };
}
