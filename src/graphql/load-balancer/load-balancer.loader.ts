import { WIRE_ERRORS } from "../../contract/wire-errors.contract";
import type DataLoader from "dataloader";
import type { EssUpstream, UpstreamLoadBalancer } from "../../upstream/upstream.types";
import { createRegionalLoader, fetchOneOrNone, type RegionalKey } from "../common/regional.loader";

export type LoadBalancerLoader = DataLoader<RegionalKey, UpstreamLoadBalancer | null, string>;

/**
 * Loads load balancers by region + ID. SLB DescribeLoadBalancerAttribute takes one ID, so this
 * only deduplicates (one call per distinct ID per request; the calls of one tick run concurrently).
 */
export function createLoadBalancerLoader(upstream: EssUpstream): LoadBalancerLoader {
  return createRegionalLoader<UpstreamLoadBalancer>({
    name: "loadBalancer",
    maxBatchSize: 1,
    fetch: fetchOneOrNone(WIRE_ERRORS.loadBalancerNotFound.code, (regionId, loadBalancerId) =>
      upstream.describeLoadBalancerAttribute({ regionId, loadBalancerId }),
    ),
    idOf: (loadBalancer) => loadBalancer.loadBalancerId,
  });
}
