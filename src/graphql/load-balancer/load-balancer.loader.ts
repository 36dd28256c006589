import type DataLoader from "dataloader";
import { UpstreamError } from "../../upstream/upstream.error";
import type { EssUpstream, UpstreamLoadBalancer } from "../../upstream/upstream.types";
import { createRegionalLoader, type RegionalKey } from "../common/regional.loader";

export type LoadBalancerLoader = DataLoader<RegionalKey, UpstreamLoadBalancer | null, string>;

/**
 * Loads load balancers by region + ID. SLB DescribeLoadBalancerAttribute takes one ID, so this
 * only deduplicates (one call per distinct ID per request; the calls of one tick run concurrently).
 */
export function createLoadBalancerLoader(upstream: EssUpstream): LoadBalancerLoader {
  return createRegionalLoader<UpstreamLoadBalancer>({
    name: "loadBalancer",
    maxBatchSize: 1,
    fetch: async (regionId, [loadBalancerId]) => {
      try {
        return [await upstream.describeLoadBalancerAttribute({ regionId, loadBalancerId: loadBalancerId! })];
      } catch (error) {
        if (error instanceof UpstreamError && error.code === "InvalidLoadBalancerId.NotFound") return [];
        throw error;
      }
    },
    idOf: (loadBalancer) => loadBalancer.loadBalancerId,
  });
}
