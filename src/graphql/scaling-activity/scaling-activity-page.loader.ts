import type { EssUpstream, UpstreamScalingActivity } from "../../upstream/upstream.types";
import { createUpstreamPageLoader, type UpstreamPageLoader } from "../common/relay/upstream-page.loader";

/** DescribeScalingActivities' largest page. */
export const SCALING_ACTIVITIES_PAGE_SIZE = 50;

type ScalingActivityPageQuery = {
  regionId: string;
  scalingGroupId: string;
  /** ESS `StatusCode` filter (`InProgress`, …); absent: every status. */
  statusCode?: string;
  pageNumber: number;
  pageSize: number;
};

export type ScalingActivityPageLoader = UpstreamPageLoader<ScalingActivityPageQuery, UpstreamScalingActivity>;

/** Pages of DescribeScalingActivities for one scaling group (newest first), cached per request. */
export function createScalingActivityPageLoader(upstream: EssUpstream): ScalingActivityPageLoader {
  return createUpstreamPageLoader("scalingActivityPage", (query: ScalingActivityPageQuery) => upstream.describeScalingActivities(query));
}

/**
 * Whether any activity of the group is in progress (what makes AttachInstances fail with
 * `ScalingActivityInProgress`). It reads the first page of `activities(status: IN_PROGRESS)`, so a
 * request asking for both costs one call.
 */
export async function hasActivityInProgress(loader: ScalingActivityPageLoader, regionId: string, scalingGroupId: string): Promise<boolean> {
  const page = await loader.load({
    regionId,
    scalingGroupId,
    statusCode: "InProgress",
    pageNumber: 1,
    pageSize: SCALING_ACTIVITIES_PAGE_SIZE,
  });
  return page.totalCount > 0;
}
