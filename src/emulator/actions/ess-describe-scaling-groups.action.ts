import type { ActionFactory } from "./action.context";
import { pagedBody, pageRequest } from "./action.paging";
import { optionalString, repeatList, requiredString } from "./action.params";
import { requireEssAuthorized } from "./ess.access";
import { renderScalingGroup } from "./ess.render";

/**
 * ESS DescribeScalingGroups: the caller's groups in `RegionId`, optionally narrowed to
 * `ScalingGroupId.1..20` (unknown IDs are silently dropped, as the real API does) and/or an exact
 * `ScalingGroupName`. PageSize 1..50, default 10.
 */
export const describeScalingGroupsAction: ActionFactory =
  ({ store }) =>
  (request) => {
    const { params, caller } = request;
    const regionId = requiredString(params, "RegionId");
    const ids = repeatList(params, "ScalingGroupId", 20);
    const name = optionalString(params, "ScalingGroupName");
    const page = pageRequest(params, 50);
    requireEssAuthorized(store, caller);
    const groups = store
      .groupsInRegion(caller.accountId, regionId)
      .filter((group) => ids.length === 0 || ids.includes(group.scalingGroupId))
      .filter((group) => name === undefined || group.scalingGroupName === name);
    return pagedBody(groups, page, "ScalingGroups", "ScalingGroup", (group) => renderScalingGroup(store, group));
  };
