import type { ActionFactory } from "./action.context";
import { pagedBody, pageRequest } from "./action.paging";
import { optionalString, repeatList, requiredString } from "./action.params";
import { requireEssAuthorized } from "./ess.access";
import { renderScalingConfiguration } from "./ess.render";

/**
 * ESS DescribeScalingConfigurations: the caller's configurations in `RegionId`, active and
 * inactive, filtered by `ScalingGroupId` and `ScalingConfigurationId.1..20` (unknown IDs
 * dropped). PageSize 1..50, default 10.
 */
export const describeScalingConfigurationsAction: ActionFactory =
  ({ store }) =>
  (request) => {
    const { params, caller } = request;
    const regionId = requiredString(params, "RegionId");
    const scalingGroupId = optionalString(params, "ScalingGroupId");
    const ids = repeatList(params, "ScalingConfigurationId", 20);
    const page = pageRequest(params, 50);
    requireEssAuthorized(store, caller);
    const rows = store
      .configurationsInRegion(caller.accountId, regionId)
      .filter((row) => scalingGroupId === undefined || row.scalingGroupId === scalingGroupId)
      .filter((row) => ids.length === 0 || ids.includes(row.scalingConfigurationId));
    return pagedBody(rows, page, "ScalingConfigurations", "ScalingConfiguration", renderScalingConfiguration);
  };
