import type { GatewayContext } from "../../server/context";
import { detachBlockerRenderer } from "./detach-blocker.mapper";
import { loadDetachPreflightFacts, type DetachPreflightQuery } from "./detach-preflight.facts";
import { evaluateDetachPreflight } from "./detach-preflight.rules";
import { DetachEligibility, DetachPreflight, InstanceDetachPreflight } from "./detach-preflight.type";

/**
 * The preflight of one DetachInstances call: load the facts (batched with the rest of the request),
 * apply the rules, and render blockers as the mutation's typed members. `Query.detachPreflight` and
 * `ScalingInstance.detachEligibility` come here.
 */
export async function runDetachPreflight(context: GatewayContext, query: DetachPreflightQuery): Promise<DetachPreflight> {
  const verdict = evaluateDetachPreflight(await loadDetachPreflightFacts(context.loaders, context.regionIds, query));
  const render = detachBlockerRenderer(query, context);
  const [blockers, requestBlockers, groupBlockers, instances] = await Promise.all([
    render(verdict.blockers),
    render(verdict.requestBlockers),
    render(verdict.groupBlockers),
    Promise.all(
      verdict.instances.map(async (entry) =>
        Object.assign(new InstanceDetachPreflight(), {
          instanceId: entry.instanceId,
          eligible: entry.blockers.length === 0,
          blockers: await render(entry.blockers),
        }),
      ),
    ),
  ]);
  return Object.assign(new DetachPreflight(), {
    canDetach: verdict.blockers.length === 0,
    blockers,
    requestBlockers,
    groupBlockers,
    instances,
    detachedInstanceIds: verdict.detachedInstanceIds,
  });
}

/** The preflight of detaching one instance alone. */
export async function runDetachEligibility(
  context: GatewayContext,
  query: { regionId: string; scalingGroupId: string; instanceId: string; detachFromLoadBalancersAndDatabases: boolean },
): Promise<DetachEligibility> {
  const request = { ...query, instanceIds: [query.instanceId], ignoreInvalidInstance: false };
  const verdict = evaluateDetachPreflight(await loadDetachPreflightFacts(context.loaders, context.regionIds, request));
  const blockers = await detachBlockerRenderer(request, context)(verdict.blockers);
  return Object.assign(new DetachEligibility(), { eligible: blockers.length === 0, blockers });
}
