import type { EmulatorStore } from "../store/emulator.store";
import type { ScalingActivityRow, ScalingConfigurationRow, ScalingGroupRow, ScalingInstanceRow } from "../store/store.rows";

/**
 * ESS resources in their wire shape (docs/wire-contract.md). PascalCase, lists wrapped as
 * `{"Plural": {"Singular": [...]}}`, optional fields omitted rather than null.
 */

export function renderScalingGroup(store: EmulatorStore, group: ScalingGroupRow): Record<string, unknown> {
  const capacity = store.groupCapacity(group.scalingGroupId);
  const vSwitchIds = store.groupVSwitchIds(group.scalingGroupId);
  return {
    ScalingGroupId: group.scalingGroupId,
    ScalingGroupName: group.scalingGroupName,
    RegionId: group.regionId,
    LifecycleState: group.lifecycleState,
    MinSize: group.minSize,
    MaxSize: group.maxSize,
    ...(group.desiredCapacity !== null && { DesiredCapacity: group.desiredCapacity }),
    TotalCapacity: capacity.total,
    TotalInstanceCount: capacity.total,
    ActiveCapacity: capacity.byState.InService,
    PendingCapacity: capacity.byState.Pending,
    PendingWaitCapacity: capacity.byState["Pending:Wait"],
    RemovingCapacity: capacity.byState.Removing,
    RemovingWaitCapacity: capacity.byState["Removing:Wait"],
    ProtectedCapacity: capacity.byState.Protected,
    StandbyCapacity: capacity.byState.Standby,
    StoppedCapacity: capacity.byState.Stopped,
    DefaultCooldown: group.defaultCooldown,
    ...(group.vpcId !== null && { VpcId: group.vpcId }),
    ...(vSwitchIds.length > 0 && { VSwitchId: vSwitchIds[0] }),
    VSwitchIds: { VSwitchId: vSwitchIds },
    LoadBalancerIds: { LoadBalancerId: store.groupLoadBalancerIds(group.scalingGroupId) },
    DBInstanceIds: { DBInstanceId: store.groupDbInstanceIds(group.scalingGroupId) },
    ...(group.activeScalingConfigurationId !== null && { ActiveScalingConfigurationId: group.activeScalingConfigurationId }),
    CreationTime: group.creationTime,
    GroupType: "ECS",
  };
}

export function renderScalingInstance(store: EmulatorStore, accountId: string, row: ScalingInstanceRow): Record<string, unknown> {
  const instance = store.instance(accountId, row.instanceId);
  return {
    InstanceId: row.instanceId,
    ScalingGroupId: row.scalingGroupId,
    ...(row.scalingConfigurationId !== null && { ScalingConfigurationId: row.scalingConfigurationId }),
    ...(row.scalingActivityId !== null && { ScalingActivityId: row.scalingActivityId }),
    LifecycleState: row.lifecycleState,
    HealthStatus: row.healthStatus,
    CreationType: row.creationType,
    Entrusted: row.entrusted,
    ...(row.loadBalancerWeight !== null && { LoadBalancerWeight: row.loadBalancerWeight }),
    CreatedTime: row.createdTime,
    CreationTime: row.createdTime,
    ...(instance && { ZoneId: instance.zoneId, InstanceType: instance.instanceType }),
  };
}

export function renderScalingActivity(activity: ScalingActivityRow): Record<string, unknown> {
  return {
    ScalingActivityId: activity.scalingActivityId,
    ScalingGroupId: activity.scalingGroupId,
    Description: activity.description,
    Cause: activity.cause,
    StartTime: activity.startTime,
    ...(activity.endTime !== null && { EndTime: activity.endTime }),
    Progress: activity.progress,
    StatusCode: activity.statusCode,
    StatusMessage: activity.statusMessage,
    // Strings in the real API (ess-api.md §2.4).
    TotalCapacity: String(activity.totalCapacity ?? 0),
    AttachedCapacity: String(activity.attachedCapacity ?? 0),
    AutoCreatedCapacity: String(activity.autoCreatedCapacity ?? 0),
    ScalingInstanceNumber: activity.scalingInstanceNumber,
  };
}

export function renderScalingConfiguration(configuration: ScalingConfigurationRow): Record<string, unknown> {
  return {
    ScalingConfigurationId: configuration.scalingConfigurationId,
    ScalingConfigurationName: configuration.scalingConfigurationName,
    ScalingGroupId: configuration.scalingGroupId,
    LifecycleState: configuration.lifecycleState,
    InstanceType: configuration.instanceTypes[0],
    InstanceTypes: { InstanceType: configuration.instanceTypes },
    ...(configuration.securityGroupId !== null && { SecurityGroupId: configuration.securityGroupId }),
    ...(configuration.imageId !== null && { ImageId: configuration.imageId }),
    CreationTime: configuration.creationTime,
  };
}
