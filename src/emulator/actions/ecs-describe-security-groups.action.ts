import type { ActionFactory } from "./action.context";
import { pagedBody, pageRequest } from "./action.paging";
import { jsonStringArray, optionalString, requiredString } from "./action.params";
import { MAX_JSON_IDS } from "./ecs-describe-instances.action";
import { renderSecurityGroup } from "./ecs.render";

/**
 * ECS DescribeSecurityGroups: the caller's security groups in `RegionId`, filtered by
 * `SecurityGroupIds` (JSON array ≤ 100, unknown IDs dropped) and `VpcId`. PageSize 1..50,
 * default 10. `EcsCount` is the number of member instances and `AvailableInstanceAmount` the room
 * left under the group's instance quota.
 */
export const describeSecurityGroupsAction: ActionFactory =
  ({ store }) =>
  (request) => {
    const { params, caller } = request;
    const regionId = requiredString(params, "RegionId");
    const ids = jsonStringArray(params, "SecurityGroupIds", MAX_JSON_IDS);
    const vpcId = optionalString(params, "VpcId");
    const page = pageRequest(params, 50);
    const groups = store
      .securityGroupsInRegion(caller.accountId, regionId)
      .filter((group) => ids === undefined || ids.includes(group.securityGroupId))
      .filter((group) => vpcId === undefined || group.vpcId === vpcId);
    const body = pagedBody(groups, page, "SecurityGroups", "SecurityGroup", (group) => renderSecurityGroup(store, group));
    // The model's NextToken is for the NextToken paging style; PageNumber paging ends it empty.
    return { RegionId: regionId, NextToken: "", ...body };
  };
