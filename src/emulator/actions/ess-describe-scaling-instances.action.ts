import { CREATION_TYPES, HEALTH_STATUSES, SCALING_INSTANCE_STATES } from "../world/world.constants";
import type { ActionFactory } from "./action.context";
import { pagedBody, pageRequest } from "./action.paging";
import { optionalEnum, optionalString, repeatList, requiredString } from "./action.params";
import { requireEssAuthorized } from "./ess.access";
import { renderScalingInstance } from "./ess.render";

/**
 * ESS DescribeScalingInstances: the caller's scaling instances in `RegionId`, filtered by
 * `ScalingGroupId`, `InstanceId.1..20` (unknown IDs dropped), `LifecycleState`, `CreationType`,
 * `HealthStatus`, `ScalingActivityId`. An unknown ScalingGroupId yields an empty list.
 * PageSize 1..100, default 10.
 */
export const describeScalingInstancesAction: ActionFactory =
  ({ store }) =>
  (request) => {
    const { params, caller } = request;
    const regionId = requiredString(params, "RegionId");
    const scalingGroupId = optionalString(params, "ScalingGroupId");
    const instanceIds = repeatList(params, "InstanceId", 20);
    const lifecycleState = optionalEnum(params, "LifecycleState", SCALING_INSTANCE_STATES);
    const creationType = optionalEnum(params, "CreationType", CREATION_TYPES);
    const healthStatus = optionalEnum(params, "HealthStatus", HEALTH_STATUSES);
    const scalingActivityId = optionalString(params, "ScalingActivityId");
    const page = pageRequest(params, 100);
    requireEssAuthorized(store, caller);
    const rows = store.scalingInstances({
      accountId: caller.accountId,
      regionId,
      ...(scalingGroupId !== undefined && { scalingGroupId }),
      ...(instanceIds.length > 0 && { instanceIds }),
      ...(lifecycleState !== undefined && { lifecycleState }),
      ...(creationType !== undefined && { creationType }),
      ...(healthStatus !== undefined && { healthStatus }),
      ...(scalingActivityId !== undefined && { scalingActivityId }),
    });
    const body = pagedBody(rows, page, "ScalingInstances", "ScalingInstance", (row) => renderScalingInstance(store, caller.accountId, row));
    const spot = rows.filter((row) => (store.instance(caller.accountId, row.instanceId)?.spotStrategy ?? "NoSpot") !== "NoSpot").length;
    return { ...body, TotalSpotCount: spot };
  };
