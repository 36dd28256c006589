import type DataLoader from "dataloader";
import type { EssUpstream, UpstreamScalingActivity } from "../../upstream/upstream.types";
import { createRegionalLoader, type RegionalKey } from "../common/regional.loader";
import { UPSTREAM_ID_LIMITS } from "../../upstream/upstream-id.limits";

/** DescribeScalingActivities takes at most 20 `ScalingActivityId.N`. */
const SCALING_ACTIVITY_IDS_PER_CALL = UPSTREAM_ID_LIMITS.essIdsPerCall;

export type ScalingActivityLoader = DataLoader<RegionalKey, UpstreamScalingActivity | null, string>;

/** Loads scaling activities by region + ID, batched into DescribeScalingActivities calls. */
export function createScalingActivityLoader(upstream: EssUpstream): ScalingActivityLoader {
  return createRegionalLoader<UpstreamScalingActivity>({
    name: "scalingActivity",
    maxBatchSize: SCALING_ACTIVITY_IDS_PER_CALL,
    fetch: async (regionId, ids) => (await upstream.describeScalingActivities({ regionId, scalingActivityIds: ids, pageSize: 50 })).items,
    idOf: (activity) => activity.scalingActivityId,
  });
}
