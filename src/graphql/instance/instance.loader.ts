import type DataLoader from "dataloader";
import type { EssUpstream, UpstreamEcsInstance } from "../../upstream/upstream.types";
import { createRegionalLoader, type RegionalKey } from "../common/regional.loader";
import { UPSTREAM_ID_LIMITS } from "../../upstream/upstream-id.limits";

/** ECS DescribeInstances takes at most 100 IDs (one JSON array) and returns at most 100 per page. */
export const INSTANCE_IDS_PER_CALL = UPSTREAM_ID_LIMITS.ecsIdsPerCall;

export type InstanceLoader = DataLoader<RegionalKey, UpstreamEcsInstance | null, string>;

/**
 * Loads ECS instances by region + ID, batched into DescribeInstances calls of up to 100 IDs.
 * An instance DescribeInstances leaves out does not exist in that region (null), as in the real API.
 */
export function createInstanceLoader(upstream: EssUpstream): InstanceLoader {
  return createRegionalLoader<UpstreamEcsInstance>({
    name: "instance",
    maxBatchSize: INSTANCE_IDS_PER_CALL,
    // MaxResults must cover the batch: the default page (10) would drop instances that exist.
    fetch: async (regionId, ids) =>
      (await upstream.describeInstances({ regionId, instanceIds: ids, maxResults: INSTANCE_IDS_PER_CALL })).items,
    idOf: (instance) => instance.instanceId,
  });
}
