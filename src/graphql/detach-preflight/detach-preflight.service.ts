import type { GatewayContext } from "../../server/context";
import { detachBlockerRenderer } from "./detach-blocker.mapper";
import { loadDetachPreflightFacts, type DetachPreflightQuery } from "./detach-preflight.facts";
import { malformedDetachParameterIssues } from "./detach-preflight.input-check";
import { evaluateDetachPreflight, malformedDetachVerdict, type DetachPreflightVerdict } from "./detach-preflight.rules";
import { renderVerdictLists } from "../attach-preflight/preflight-blocker.renderer";
import { preflightVisibility } from "../attach-preflight/attach-preflight.service";
import { DetachEligibility, DetachPreflight, InstanceDetachPreflight } from "./detach-preflight.type";

/**
 * The preflight of one DetachInstances call: load the facts (batched with the rest of the request),
 * apply the rules, and render blockers as the mutation's typed members. `Query.detachPreflight` and
 * `ScalingInstance.detachEligibility` come here.
 */
export async function runDetachPreflight(context: GatewayContext, query: DetachPreflightQuery): Promise<DetachPreflight> {
  const verdict = await verdictOf(context, query);
  const lists = await renderVerdictLists(verdict, detachBlockerRenderer(query, context));
  return Object.assign(new DetachPreflight(), {
    canDetach: verdict.blockers.length === 0,
    ...lists,
    instances: lists.instances.map((entry) => Object.assign(new InstanceDetachPreflight(), entry)),
    detachedInstanceIds: verdict.detachedInstanceIds,
  });
}

/** The preflight of detaching one instance alone. */
export async function runDetachEligibility(
  context: GatewayContext,
  query: { regionId: string; scalingGroupId: string; instanceId: string; detachFromLoadBalancersAndDatabases: boolean },
): Promise<DetachEligibility> {
  const request = { ...query, instanceIds: [query.instanceId], ignoreInvalidInstance: false };
  const verdict = await verdictOf(context, request);
  const blockers = await detachBlockerRenderer(request, context)(verdict.blockers);
  return Object.assign(new DetachEligibility(), { eligible: blockers.length === 0, blockers });
}

/** The rules' verdict on the facts; for malformed IDs (which the mutation refuses as input), without looking anything up. */
async function verdictOf(context: GatewayContext, query: DetachPreflightQuery): Promise<DetachPreflightVerdict> {
  const issues = malformedDetachParameterIssues(query);
  if (issues.length > 0) return malformedDetachVerdict(query.instanceIds, issues);
  // A group the caller may not see is "not found" without being read, as for attach.
  const { hidden, probeRegionIds } = await preflightVisibility(context, query);
  return evaluateDetachPreflight(await loadDetachPreflightFacts(context.loaders, probeRegionIds, query, hidden));
}
