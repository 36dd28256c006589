import type { UpstreamEcsInstance, UpstreamSecurityGroup } from "./upstream.types";
import { asObject, optionalString, requiredNumber, requiredString, unwrapStrings, type WireObject } from "./wire-values.reader";

/** Maps ECS 2014-05-26 bodies to the gateway's plain records. */

function nestedObject(item: WireObject, key: string): WireObject | null {
  const value = item[key];
  return typeof value === "object" && value !== null && !Array.isArray(value) ? asObject(value, key) : null;
}

export function mapEcsInstance(item: WireObject, where: string): UpstreamEcsInstance {
  const vpc = nestedObject(item, "VpcAttributes");
  // A VPC instance's address is under VpcAttributes; a classic instance's under InnerIpAddress.
  const vpcIps = vpc ? unwrapStrings(vpc, "PrivateIpAddress", "IpAddress") : [];
  const classicIps = unwrapStrings(item, "InnerIpAddress", "IpAddress");
  return {
    instanceId: requiredString(item, "InstanceId", where),
    instanceName: optionalString(item, "InstanceName"),
    regionId: requiredString(item, "RegionId", where),
    zoneId: optionalString(item, "ZoneId"),
    status: requiredString(item, "Status", where),
    instanceType: optionalString(item, "InstanceType"),
    networkType: optionalString(item, "InstanceNetworkType"),
    vpcId: vpc ? optionalString(vpc, "VpcId") : null,
    vSwitchId: vpc ? optionalString(vpc, "VSwitchId") : null,
    privateIp: vpcIps[0] ?? classicIps[0] ?? null,
    chargeType: optionalString(item, "InstanceChargeType"),
    securityGroupIds: unwrapStrings(item, "SecurityGroupIds", "SecurityGroupId"),
  };
}

/**
 * `EcsCount` and `AvailableInstanceAmount` are only valid when the request sets
 * `IsQueryEcsCount=true` (the client always does). They are required here: the attach preflight
 * cannot judge the security-group quota without them.
 */
export function mapSecurityGroup(item: WireObject, where: string): UpstreamSecurityGroup {
  return {
    securityGroupId: requiredString(item, "SecurityGroupId", where),
    vpcId: optionalString(item, "VpcId"),
    ecsCount: requiredNumber(item, "EcsCount", where),
    availableInstanceAmount: requiredNumber(item, "AvailableInstanceAmount", where),
  };
}
