import { ACTIVITY_STATUSES } from "../world/world.constants";
import type { ActionFactory } from "./action.context";
import { missingParameter } from "./action.errors";
import { pagedBody, pageRequest } from "./action.paging";
import { optionalEnum, optionalString, repeatList, requiredString } from "./action.params";
import { requireEssAuthorized } from "./ess.access";
import { renderScalingActivity } from "./ess.render";

/**
 * ESS DescribeScalingActivities: newest first. Needs `ScalingGroupId` or
 * `ScalingActivityId.1..20` (neither → MissingParameter naming ScalingGroupId); unknown IDs
 * are dropped. `StatusCode` filters. PageSize 1..50, default 10.
 */
export const describeScalingActivitiesAction: ActionFactory =
  ({ store }) =>
  (request) => {
    const { params, caller } = request;
    const regionId = requiredString(params, "RegionId");
    const scalingGroupId = optionalString(params, "ScalingGroupId");
    const activityIds = repeatList(params, "ScalingActivityId", 20);
    if (scalingGroupId === undefined && activityIds.length === 0) throw missingParameter("ScalingGroupId");
    const statusCode = optionalEnum(params, "StatusCode", ACTIVITY_STATUSES);
    const page = pageRequest(params, 50);
    requireEssAuthorized(store, caller);
    const rows = store.activities(caller.accountId, regionId, {
      ...(scalingGroupId !== undefined && { scalingGroupId }),
      ...(activityIds.length > 0 && { activityIds }),
      ...(statusCode !== undefined && { statusCode }),
    });
    return pagedBody(rows, page, "ScalingActivities", "ScalingActivity", renderScalingActivity);
  };
