import type { GatewayContext } from "../gateway.context";
import { detachBlockerRenderer } from "./detach-blocker.mapper";
import { loadDetachPreflightFacts, type DetachPreflightQuery } from "./detach-preflight.facts";
import { malformedDetachParameterIssues } from "./detach-preflight.input-check";
import { evaluateDetachPreflight, malformedDetachVerdict, type DetachPreflightVerdict } from "./detach-preflight.rules";
import { renderVerdictLists, withAccessDenial } from "../attach-preflight/preflight-blocker.renderer";
import { AccessDeniedError } from "../access/access-denied.error";
import { preflightVisibility } from "../attach-preflight/attach-preflight.service";
import { DetachEligibility, DetachPreflight, InstanceDetachPreflight } from "./detach-preflight.type";

/**
 * The preflight of one DetachInstances call: load the facts (batched with the rest of the request),
 * apply the rules, and render blockers as the mutation's typed members. `Query.detachPreflight` and
 * `ScalingInstance.detachEligibility` come here.
 */
export async function runDetachPreflight(context: GatewayContext, query: DetachPreflightQuery): Promise<DetachPreflight> {
  const { verdict, denial } = await verdictOf(context, query);
  const lists = withAccessDenial(await renderVerdictLists(verdict, detachBlockerRenderer(query, context)), denial);
  return Object.assign(new DetachPreflight(), {
    canDetach: lists.blockers.length === 0,
    ...lists,
    instances: lists.instances.map((entry) => Object.assign(new InstanceDetachPreflight(), entry)),
    // A denied caller would change nothing.
    detachedInstanceIds: denial === null ? verdict.detachedInstanceIds : [],
  });
}

/** The preflight of detaching one instance alone. */
export async function runDetachEligibility(
  context: GatewayContext,
  query: { regionId: string; scalingGroupId: string; instanceId: string; detachFromLoadBalancersAndDatabases: boolean },
): Promise<DetachEligibility> {
  const request = { ...query, instanceIds: [query.instanceId], ignoreInvalidInstance: false };
  const { verdict, denial } = await verdictOf(context, request);
  const rendered = await detachBlockerRenderer(request, context)(verdict.blockers);
  const blockers = denial === null ? rendered : [denial, ...rendered];
  return Object.assign(new DetachEligibility(), { eligible: blockers.length === 0, blockers });
}

/** The rules' verdict on the facts; for malformed IDs (which the mutation refuses as input), without looking anything up. */
async function verdictOf(
  context: GatewayContext,
  query: DetachPreflightQuery,
): Promise<{ verdict: DetachPreflightVerdict; denial: AccessDeniedError | null }> {
  const issues = malformedDetachParameterIssues(query);
  if (issues.length > 0) return { verdict: malformedDetachVerdict(query.instanceIds, issues), denial: null };
  // The caller's grants as for attach: a hidden group is "not found" without being read.
  const { hidden, denied, probeRegionIds } = await preflightVisibility(context, query, "detach");
  return {
    verdict: evaluateDetachPreflight(await loadDetachPreflightFacts(context.loaders, probeRegionIds, query, hidden)),
    denial: denied ? AccessDeniedError.of("detach", query, null) : null,
  };
}
