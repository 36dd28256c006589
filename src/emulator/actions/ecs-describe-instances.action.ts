import type { RpcParams } from "../emulator-core.types";
import { CHARGE_TYPES, ECS_INSTANCE_STATUSES, NETWORK_TYPES } from "../world/world.constants";
import type { ActionFactory } from "./action.context";
import { ecsFilterValueNotFound, invalidParameter } from "./action.errors";
import { DEFAULT_PAGE_SIZE, pageRequest, type PageRequest } from "./action.paging";
import { renderInstance } from "./ecs.render";
import { jsonStringArray, optionalInteger, optionalString, requiredString } from "./action.params";

/** Most IDs one `InstanceIds` / `SecurityGroupIds` JSON array may hold. */
export const MAX_JSON_IDS = 100;
const MAX_RESULTS = 100;

/**
 * ECS paging has two styles: `NextToken` + `MaxResults` (values below 10 become 10 and above 100
 * become 100, as documented), or the older `PageNumber` + `PageSize` (1..100). NextToken wins
 * when both are sent. Either way the response carries a NextToken for the following page
 * (empty string at the end). The token is opaque to callers; here it encodes the offset.
 */
function ecsPage(params: RpcParams): PageRequest & { offset: number } {
  const token = optionalString(params, "NextToken");
  const maxResults = optionalInteger(params, "MaxResults", { min: -1_000_000, max: 1_000_000 });
  if (token === undefined && maxResults === undefined) {
    const page = pageRequest(params, MAX_RESULTS);
    return { ...page, offset: (page.pageNumber - 1) * page.pageSize };
  }
  const pageSize = Math.min(MAX_RESULTS, Math.max(DEFAULT_PAGE_SIZE, maxResults ?? DEFAULT_PAGE_SIZE));
  const offset = token === undefined ? 0 : decodeNextToken(token);
  return { pageNumber: Math.floor(offset / pageSize) + 1, pageSize, offset };
}

function encodeNextToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString("base64url");
}

function decodeNextToken(token: string): number {
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!match || encodeNextToken(Number(match[1])) !== token) {
    throw invalidParameter("NextToken", "it is not a token returned by a previous call.");
  }
  return Number(match[1]);
}

/** The page of `items` and the paging fields of an ECS list response. */
function ecsPagedBody<T>(
  items: readonly T[],
  page: PageRequest & { offset: number },
  plural: string,
  singular: string,
  render: (item: T) => Record<string, unknown>,
): Record<string, unknown> {
  const end = page.offset + page.pageSize;
  return {
    TotalCount: items.length,
    PageNumber: page.pageNumber,
    PageSize: page.pageSize,
    NextToken: end < items.length ? encodeNextToken(end) : "",
    [plural]: { [singular]: items.slice(page.offset, end).map(render) },
  };
}

/** An optional filter value; one outside `values` is the documented 404 `notFoundCode`, not a 400. */
function knownFilterValue(params: RpcParams, name: string, values: readonly string[], notFoundCode: string): string | undefined {
  const value = optionalString(params, name);
  if (value !== undefined && !values.includes(value)) throw ecsFilterValueNotFound(notFoundCode, name, value);
  return value;
}

/**
 * ECS DescribeInstances: the caller's instances in `RegionId`, ANDing the filters `InstanceIds`
 * (a JSON array of at most 100 IDs; unknown IDs dropped; `[]` matches nothing), `VpcId`,
 * `VSwitchId`, `ZoneId`, `Status`, `InstanceNetworkType`, `InstanceChargeType`, `InstanceType`,
 * `SecurityGroupId`. An unknown Status, network type or charge type is a 404 as documented.
 */
export const describeInstancesAction: ActionFactory =
  ({ store }) =>
  (request) => {
    const { params, caller } = request;
    const regionId = requiredString(params, "RegionId");
    const instanceIds = jsonStringArray(params, "InstanceIds", MAX_JSON_IDS);
    const status = knownFilterValue(params, "Status", ECS_INSTANCE_STATUSES, "InvalidStatus.NotFound");
    const networkType = knownFilterValue(params, "InstanceNetworkType", NETWORK_TYPES, "InvalidNetworkType.NotFound");
    const chargeType = knownFilterValue(params, "InstanceChargeType", CHARGE_TYPES, "InvalidInstanceChargeType.NotFound");
    const vpcId = optionalString(params, "VpcId");
    const vSwitchId = optionalString(params, "VSwitchId");
    const zoneId = optionalString(params, "ZoneId");
    const instanceType = optionalString(params, "InstanceType");
    const securityGroupId = optionalString(params, "SecurityGroupId");
    const page = ecsPage(params);
    // instancesInRegionByIds already applies the InstanceIds filter.
    const candidates =
      instanceIds === undefined
        ? store.instancesInRegion(caller.accountId, regionId)
        : store.instancesInRegionByIds(caller.accountId, regionId, instanceIds);
    const instances = candidates.filter(
      (instance) =>
        (vpcId === undefined || instance.vpcId === vpcId) &&
        (vSwitchId === undefined || instance.vSwitchId === vSwitchId) &&
        (zoneId === undefined || instance.zoneId === zoneId) &&
        (status === undefined || instance.status === status) &&
        (networkType === undefined || instance.networkType === networkType) &&
        (chargeType === undefined || instance.chargeType === chargeType) &&
        (instanceType === undefined || instance.instanceType === instanceType) &&
        (securityGroupId === undefined || store.instanceSecurityGroupIds(instance.instanceId).includes(securityGroupId)),
    );
    const nowMs = Date.now();
    return ecsPagedBody(instances, page, "Instances", "Instance", (instance) => renderInstance(store, instance, nowMs));
  };
