import type DataLoader from "dataloader";
import type { EssUpstream, UpstreamSecurityGroup } from "../../upstream/upstream.types";
import { createRegionalLoader, type RegionalKey } from "../common/regional.loader";
import { UPSTREAM_ID_LIMITS } from "../../upstream/upstream-id.limits";

/** ECS DescribeSecurityGroups takes at most 100 IDs (one JSON array). */
const SECURITY_GROUP_IDS_PER_CALL = UPSTREAM_ID_LIMITS.ecsIdsPerCall;

export type SecurityGroupLoader = DataLoader<RegionalKey, UpstreamSecurityGroup | null, string>;

/** Loads security groups (with their instance counts and remaining room) by region + ID. */
export function createSecurityGroupLoader(upstream: EssUpstream): SecurityGroupLoader {
  return createRegionalLoader<UpstreamSecurityGroup>({
    name: "securityGroup",
    maxBatchSize: SECURITY_GROUP_IDS_PER_CALL,
    fetch: (regionId, ids) => upstream.describeSecurityGroups({ regionId, securityGroupIds: ids }),
    idOf: (securityGroup) => securityGroup.securityGroupId,
  });
}
