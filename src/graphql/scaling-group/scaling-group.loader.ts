import type DataLoader from "dataloader";
import type { EssUpstream, UpstreamScalingGroup } from "../../upstream/upstream.types";
import { createRegionalLoader, type RegionalKey } from "../common/regional.loader";
import { UPSTREAM_ID_LIMITS } from "../../upstream/upstream-id.limits";

/** DescribeScalingGroups takes at most 20 `ScalingGroupId.N`. */
const SCALING_GROUP_IDS_PER_CALL = UPSTREAM_ID_LIMITS.essIdsPerCall;

export type ScalingGroupLoader = DataLoader<RegionalKey, UpstreamScalingGroup | null, string>;

/** Loads scaling groups by region + ID, batched into DescribeScalingGroups calls. */
export function createScalingGroupLoader(upstream: EssUpstream): ScalingGroupLoader {
  return createRegionalLoader<UpstreamScalingGroup>({
    name: "scalingGroup",
    maxBatchSize: SCALING_GROUP_IDS_PER_CALL,
    fetch: async (regionId, ids) => (await upstream.describeScalingGroups({ regionId, scalingGroupIds: ids, pageSize: 50 })).items,
    idOf: (group) => group.scalingGroupId,
  });
}
