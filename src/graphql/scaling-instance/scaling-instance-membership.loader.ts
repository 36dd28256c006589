import type DataLoader from "dataloader";
import type { EssUpstream, UpstreamScalingGroup, UpstreamScalingInstance } from "../../upstream/upstream.types";
import { createRegionalLoader, type RegionalKey } from "../common/regional.loader";
import type { RequestLoaders } from "../request-loaders";
import { UPSTREAM_ID_LIMITS } from "../../upstream/upstream-id.limits";

/** DescribeScalingInstances takes at most 20 `InstanceId.N`. */
export const SCALING_INSTANCE_IDS_PER_CALL = UPSTREAM_ID_LIMITS.essIdsPerCall;
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

/** The scaling group an ECS instance is in, through the request's loaders; null when it is in none. */
export async function loadScalingGroupOfInstance(
  loaders: RequestLoaders,
  { regionId, id }: RegionalKey,
): Promise<UpstreamScalingGroup | null> {
  const member = await loaders.scalingInstanceMembership.load({ regionId, id });
  return member === null ? null : loaders.scalingGroup.load({ regionId, id: member.scalingGroupId });
}
