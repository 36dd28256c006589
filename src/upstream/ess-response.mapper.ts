import type {
  Page,
  UpstreamScalingActivity,
  UpstreamScalingConfiguration,
  UpstreamScalingGroup,
  UpstreamScalingInstance,
} from "./upstream.types";
import {
  booleanValue,
  optionalNumber,
  optionalString,
  requiredNumber,
  requiredString,
  unwrapObjects,
  unwrapStrings,
  type WireObject,
} from "./wire-values.reader";

/** Maps ESS 2014-08-28 Describe* bodies to the gateway's plain records. */

/** A paged Describe* body: `TotalCount`, `PageNumber`, `PageSize` and a wrapped list. */
export function mapPage<T>(body: WireObject, plural: string, singular: string, mapItem: (item: WireObject, where: string) => T): Page<T> {
  const items = unwrapObjects(body, plural, singular).map((item, index) => mapItem(item, `${plural}.${singular}[${index}]`));
  return {
    items,
    totalCount: optionalNumber(body, "TotalCount") ?? items.length,
    pageNumber: optionalNumber(body, "PageNumber") ?? 1,
    pageSize: optionalNumber(body, "PageSize") ?? items.length,
  };
}

/** `Plural.Singular[]`, or the single legacy field (`VSwitchId`, `InstanceType`) when the list is absent. */
function listOrSingle(item: WireObject, plural: string, singular: string, single: string): string[] {
  const list = unwrapStrings(item, plural, singular);
  if (list.length > 0) return list;
  const one = optionalString(item, single);
  return one === null ? [] : [one];
}

export function mapScalingGroup(item: WireObject, where: string): UpstreamScalingGroup {
  return {
    scalingGroupId: requiredString(item, "ScalingGroupId", where),
    scalingGroupName: optionalString(item, "ScalingGroupName") ?? "",
    regionId: requiredString(item, "RegionId", where),
    lifecycleState: requiredString(item, "LifecycleState", where),
    minSize: requiredNumber(item, "MinSize", where),
    maxSize: requiredNumber(item, "MaxSize", where),
    desiredCapacity: optionalNumber(item, "DesiredCapacity"),
    totalCapacity: requiredNumber(item, "TotalCapacity", where),
    totalInstanceCount: optionalNumber(item, "TotalInstanceCount"),
    activeCapacity: optionalNumber(item, "ActiveCapacity"),
    pendingCapacity: optionalNumber(item, "PendingCapacity"),
    pendingWaitCapacity: optionalNumber(item, "PendingWaitCapacity"),
    removingCapacity: optionalNumber(item, "RemovingCapacity"),
    removingWaitCapacity: optionalNumber(item, "RemovingWaitCapacity"),
    protectedCapacity: optionalNumber(item, "ProtectedCapacity"),
    standbyCapacity: optionalNumber(item, "StandbyCapacity"),
    stoppedCapacity: optionalNumber(item, "StoppedCapacity"),
    defaultCooldown: optionalNumber(item, "DefaultCooldown"),
    vpcId: optionalString(item, "VpcId"),
    vSwitchIds: listOrSingle(item, "VSwitchIds", "VSwitchId", "VSwitchId"),
    loadBalancerIds: unwrapStrings(item, "LoadBalancerIds", "LoadBalancerId"),
    dbInstanceIds: unwrapStrings(item, "DBInstanceIds", "DBInstanceId"),
    activeScalingConfigurationId: optionalString(item, "ActiveScalingConfigurationId"),
    creationTime: optionalString(item, "CreationTime"),
    tags: unwrapObjects(item, "Tags", "Tag").map((tag, index) => ({
      key: requiredString(tag, "TagKey", `${where}.Tags.Tag[${index}]`),
      value: optionalString(tag, "TagValue") ?? "",
    })),
  };
}

export function mapScalingInstance(item: WireObject, where: string): UpstreamScalingInstance {
  return {
    instanceId: requiredString(item, "InstanceId", where),
    scalingGroupId: requiredString(item, "ScalingGroupId", where),
    scalingConfigurationId: optionalString(item, "ScalingConfigurationId"),
    scalingActivityId: optionalString(item, "ScalingActivityId"),
    lifecycleState: requiredString(item, "LifecycleState", where),
    healthStatus: optionalString(item, "HealthStatus"),
    creationType: optionalString(item, "CreationType"),
    entrusted: booleanValue(item, "Entrusted"),
    loadBalancerWeight: optionalNumber(item, "LoadBalancerWeight"),
    // CreatedTime has seconds; CreationTime (minutes) is the older field.
    createdTime: optionalString(item, "CreatedTime") ?? optionalString(item, "CreationTime"),
    zoneId: optionalString(item, "ZoneId"),
  };
}

export function mapScalingActivity(item: WireObject, where: string): UpstreamScalingActivity {
  return {
    scalingActivityId: requiredString(item, "ScalingActivityId", where),
    scalingGroupId: requiredString(item, "ScalingGroupId", where),
    statusCode: requiredString(item, "StatusCode", where),
    progress: optionalNumber(item, "Progress") ?? 0,
    description: optionalString(item, "Description"),
    cause: optionalString(item, "Cause"),
    statusMessage: optionalString(item, "StatusMessage"),
    startTime: optionalString(item, "StartTime"),
    endTime: optionalString(item, "EndTime"),
    // These three are strings in the real API.
    totalCapacity: optionalNumber(item, "TotalCapacity"),
    attachedCapacity: optionalNumber(item, "AttachedCapacity"),
    autoCreatedCapacity: optionalNumber(item, "AutoCreatedCapacity"),
  };
}

export function mapScalingConfiguration(item: WireObject, where: string): UpstreamScalingConfiguration {
  return {
    scalingConfigurationId: requiredString(item, "ScalingConfigurationId", where),
    scalingConfigurationName: optionalString(item, "ScalingConfigurationName"),
    scalingGroupId: requiredString(item, "ScalingGroupId", where),
    lifecycleState: requiredString(item, "LifecycleState", where),
    instanceTypes: listOrSingle(item, "InstanceTypes", "InstanceType", "InstanceType"),
    securityGroupId: optionalString(item, "SecurityGroupId"),
    imageId: optionalString(item, "ImageId"),
  };
}

/** AttachInstances / DetachInstances: `{RequestId, ScalingActivityId}`. */
export function mapActivityReceipt(body: WireObject): { requestId: string; scalingActivityId: string } {
  return {
    requestId: requiredString(body, "RequestId", "response"),
    scalingActivityId: requiredString(body, "ScalingActivityId", "response"),
  };
}
