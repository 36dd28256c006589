import { loadGroupAndInstanceFacts } from "../attach-preflight/attach-preflight.facts";
import type { RequestLoaders } from "../request-loaders";
import type { DetachPreflightFacts } from "./detach-preflight.rules";

/** Where to look, and for what. */
export interface DetachPreflightQuery {
  regionId: string;
  scalingGroupId: string;
  instanceIds: readonly string[];
  detachFromLoadBalancersAndDatabases: boolean;
  ignoreInvalidInstance: boolean;
}

/**
 * Loads the detach preflight's facts with attach's loaders and load order (the group, its
 * activities, with DetachOption=both its load balancers and DB instances; each instance, its
 * membership, and other regions for one not in the group's region), so a query mixing attach and
 * detach preflights pays for each fact once, batched with the rest of the request.
 */
export async function loadDetachPreflightFacts(
  loaders: RequestLoaders,
  probeRegionIds: readonly string[],
  query: DetachPreflightQuery,
  /** The caller may not see the group: it is "not found" and nothing of it is read. */
  groupHidden = false,
): Promise<DetachPreflightFacts> {
  return {
    instanceIds: query.instanceIds,
    detachFromLoadBalancersAndDatabases: query.detachFromLoadBalancersAndDatabases,
    ignoreInvalidInstance: query.ignoreInvalidInstance,
    ...(await loadGroupAndInstanceFacts(
      loaders,
      probeRegionIds,
      query,
      {
        loadBalancersAndDatabases: query.detachFromLoadBalancersAndDatabases,
        configuration: false,
      },
      groupHidden,
    )),
  };
}
