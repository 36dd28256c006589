import type { EssUpstream, UpstreamScalingInstance } from "../../upstream/upstream.types";
import { createUpstreamPageLoader, type UpstreamPageLoader } from "../common/relay/upstream-page.loader";

type ScalingInstancePageQuery = {
  regionId: string;
  scalingGroupId: string;
  pageNumber: number;
  pageSize: number;
};

export type ScalingInstancePageLoader = UpstreamPageLoader<ScalingInstancePageQuery, UpstreamScalingInstance>;

/** Pages of DescribeScalingInstances for one scaling group, cached per request. */
export function createScalingInstancePageLoader(upstream: EssUpstream): ScalingInstancePageLoader {
  return createUpstreamPageLoader("scalingInstancePage", (query: ScalingInstancePageQuery) => upstream.describeScalingInstances(query));
}
