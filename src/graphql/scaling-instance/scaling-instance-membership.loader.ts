import type DataLoader from "dataloader";
import type { EssUpstream, UpstreamScalingInstance } from "../../upstream/upstream.types";
import { createRegionalLoader, type RegionalKey } from "../common/regional.loader";

/** DescribeScalingInstances takes at most 20 `InstanceId.N`. */
export const SCALING_INSTANCE_IDS_PER_CALL = 20;
/** DescribeScalingInstances' largest page. */
export const SCALING_INSTANCES_PAGE_SIZE = 100;

export type ScalingInstanceMembershipLoader = DataLoader<RegionalKey, UpstreamScalingInstance | null, string>;

/**
 * Loads, per ECS instance ID, the scaling group membership of that instance (DescribeScalingInstances
 * by `InstanceId.N` without `ScalingGroupId`, so any group matches). Null: the instance is in no
 * scaling group of that region.
 */
export function createScalingInstanceMembershipLoader(upstream: EssUpstream): ScalingInstanceMembershipLoader {
  return createRegionalLoader<UpstreamScalingInstance>({
    name: "scalingInstanceMembership",
    maxBatchSize: SCALING_INSTANCE_IDS_PER_CALL,
    fetch: async (regionId, ids) =>
      (await upstream.describeScalingInstances({ regionId, instanceIds: ids, pageSize: SCALING_INSTANCES_PAGE_SIZE })).items,
    idOf: (scalingInstance) => scalingInstance.instanceId,
  });
}
