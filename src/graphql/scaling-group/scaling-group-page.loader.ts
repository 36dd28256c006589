import type { EssUpstream, UpstreamScalingGroup } from "../../upstream/upstream.types";
import { createUpstreamPageLoader, type UpstreamPageLoader } from "../common/relay/upstream-page.loader";

/** DescribeScalingGroups' largest page. */
export const SCALING_GROUPS_PAGE_SIZE = 50;
/**
 * Most pages a filter ESS cannot apply itself (by lifecycle state) reads: 1,000 groups. Every page
 * is an upstream call, so the list is bounded, and the upstream estimate can count it.
 */
export const SCALING_GROUP_SCAN_MAX_PAGES = 20;

type ScalingGroupPageQuery = {
  regionId: string;
  /** Exact name, as the API filters. */
  scalingGroupName?: string;
  pageNumber: number;
  pageSize: number;
};

export type ScalingGroupPageLoader = UpstreamPageLoader<ScalingGroupPageQuery, UpstreamScalingGroup>;

/** Pages of DescribeScalingGroups for a region (optionally by exact name), cached per request. */
export function createScalingGroupPageLoader(upstream: EssUpstream): ScalingGroupPageLoader {
  return createUpstreamPageLoader("scalingGroupPage", (query: ScalingGroupPageQuery) => upstream.describeScalingGroups(query));
}
