import { DEFAULT_LOAD_BALANCER_WEIGHT } from "../../contract/wire-defaults.contract";
import { parsePlan } from "../activity/activity.plan";
import type { EmulatorStore } from "../store/emulator.store";
import { attributesOf } from "../store/store.attributes";
import type {
  LifecycleActionRow,
  LifecycleHookRow,
  ScalingActivityRow,
  ScalingConfigurationRow,
  ScalingGroupRow,
  ScalingInstanceRow,
} from "../store/store.rows";
import { toIsoMinutes } from "../store/store.time";
import { instanceTypeSpec } from "../world/instance-types";
import { DEFAULT_IMAGES } from "./ecs.render";
import type { WorldScalingGroup } from "../world/world.types";

/** Group attributes ESS reports when they were not set at creation (CreateScalingGroup defaults). */
const GROUP_DEFAULTS = {
  removalPolicies: ["OldestScalingConfiguration", "OldestInstance"],
  healthCheckType: "ECS",
  scalingPolicy: "recycle",
  multiAZPolicy: "PRIORITY",
  groupDeletionProtection: false,
} as const;

/**
 * ESS resources in their wire shape (docs/wire-contract.md). PascalCase, lists wrapped as
 * `{"Plural": {"Singular": [...]}}`, optional fields omitted rather than null.
 */

export function renderScalingGroup(store: EmulatorStore, group: ScalingGroupRow): Record<string, unknown> {
  const capacity = store.groupCapacity(group.scalingGroupId);
  const vSwitchIds = store.groupVSwitchIds(group.scalingGroupId);
  const attributes = attributesOf<WorldScalingGroup>(group);
  const healthCheckType = attributes.healthCheckType ?? GROUP_DEFAULTS.healthCheckType;
  const loadBalancerIds = store.groupLoadBalancerIds(group.scalingGroupId);
  const dbInstanceIds = store.groupDbInstanceIds(group.scalingGroupId);
  return {
    // The fields of the SDK model this emulator has no feature for, with the values ESS reports
    // for a group that does not use them.
    AlbServerGroups: { AlbServerGroup: [] },
    AllocationStrategy: "priority",
    AutoRebalance: false,
    AzBalance: false,
    BalanceMode: "",
    CapacityOptions: {
      CompensateWithOnDemand: false,
      OnDemandBaseCapacity: 0,
      OnDemandPercentageAboveBaseCapacity: 100,
      PriceComparisonMode: "PricePerUnit",
      SpotAutoReplaceOnDemand: false,
    },
    CompensateWithOnDemand: false,
    CurrentHostName: "",
    CustomPolicyARN: "",
    DBInstances: { DBInstance: dbInstanceIds.map((id) => ({ DBInstanceId: id, SecurityGroupIds: { SecurityGroupId: [] }, Type: "RDS" })) },
    EnableDesiredCapacity: group.desiredCapacity !== null,
    GroupDeletionProtection: attributes.groupDeletionProtection ?? GROUP_DEFAULTS.groupDeletionProtection,
    HealthCheckType: healthCheckType,
    HealthCheckTypes: { HealthCheckType: [healthCheckType] },
    InitCapacity: 0,
    IsElasticStrengthInAlarm: false,
    LaunchTemplateId: "",
    LaunchTemplateOverrides: { LaunchTemplateOverride: [] },
    LaunchTemplateVersion: "",
    LoadBalancerConfigs: {
      LoadBalancerConfig: loadBalancerIds.map((id) => ({ LoadBalancerId: id, Weight: DEFAULT_LOAD_BALANCER_WEIGHT })),
    },
    MaxInstanceLifetime: 0,
    ModificationTime: toIsoMinutes(group.creationTime),
    MonitorGroupId: "",
    MultiAZPolicy: attributes.multiAZPolicy ?? GROUP_DEFAULTS.multiAZPolicy,
    OnDemandBaseCapacity: 0,
    OnDemandPercentageAboveBaseCapacity: 100,
    RemovalPolicies: { RemovalPolicy: attributes.removalPolicies ?? [...GROUP_DEFAULTS.removalPolicies] },
    ResourceGroupId: "",
    ScalingPolicy: attributes.scalingPolicy ?? GROUP_DEFAULTS.scalingPolicy,
    ServerGroups: { ServerGroup: [] },
    SpotAllocationStrategy: "lowestPrice",
    SpotCapacity: 0,
    SpotInstancePools: 0,
    SpotInstanceRemedy: false,
    StopInstanceTimeout: 0,
    SuspendedProcesses: { SuspendedProcess: [] },
    SystemSuspended: false,
    Tags: { Tag: (attributes.tags ?? []).map((tag) => ({ TagKey: tag.key, TagValue: tag.value, Propagate: false })) },
    VServerGroups: { VServerGroup: [] },
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
    // A classic group has no VPC: ESS prints empty strings for it.
    VpcId: group.vpcId ?? "",
    VSwitchId: vSwitchIds[0] ?? "",
    VSwitchIds: { VSwitchId: vSwitchIds },
    LoadBalancerIds: { LoadBalancerId: loadBalancerIds },
    DBInstanceIds: { DBInstanceId: dbInstanceIds },
    ActiveScalingConfigurationId: group.activeScalingConfigurationId ?? "",
    CreationTime: toIsoMinutes(group.creationTime),
    GroupType: "ECS",
  };
}

export function renderScalingInstance(store: EmulatorStore, accountId: string, row: ScalingInstanceRow): Record<string, unknown> {
  const instance = store.instance(accountId, row.instanceId);
  return {
    InstanceId: row.instanceId,
    ScalingGroupId: row.scalingGroupId,
    // ESS prints an empty ID for an instance not launched from a configuration or by an activity.
    ScalingConfigurationId: row.scalingConfigurationId ?? "",
    ScalingActivityId: row.scalingActivityId ?? "",
    LifecycleState: row.lifecycleState,
    HealthStatus: row.healthStatus,
    CreationType: row.creationType,
    Entrusted: row.entrusted,
    // Weight 0 without load balancers (the model declares the field on every instance).
    LoadBalancerWeight: row.loadBalancerWeight ?? 0,
    CreatedTime: row.createdTime,
    CreationTime: toIsoMinutes(row.createdTime),
    LaunchTemplateId: "",
    LaunchTemplateVersion: "",
    PrivateIpAddress: instance?.privateIp ?? "",
    ReplaceStatus: "",
    ScalingInstanceId: "",
    SpotStrategy: instance?.spotStrategy ?? "NoSpot",
    WarmupState: "NoNeedWarmup",
    WeightedCapacity: 1,
    ZoneId: instance?.zoneId ?? "",
    ...(instance && { InstanceType: instance.instanceType }),
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
    ActivityMetadata: "",
    CreatedCapacity: 0,
    CreatedInstances: { CreatedInstance: [] },
    DestroyedCapacity: 0,
    DestroyedInstances: { DestroyedInstance: [] },
    Detail: activity.statusMessage,
    ErrorCode: "",
    ErrorMessage: "",
    ErrorMessages: { ErrorMessage: [] },
    InstanceRefreshTaskId: "",
    LifecycleHookContext: {
      DisableLifecycleHook: !lifecycleHookRequested(activity),
      IgnoredLifecycleHookIds: { IgnoredLifecycleHookId: [] },
    },
    StartedCapacity: 0,
    StartedInstances: { StartedInstance: [] },
    StoppedCapacity: 0,
    StoppedInstances: { StoppedInstance: [] },
    TriggerSourceId: "",
    TriggerSourceType: activity.kind === "world" ? "" : "api",
  };
}

/** Whether the request that started the activity asked for lifecycle hooks (LifecycleHook=true). */
function lifecycleHookRequested(activity: ScalingActivityRow): boolean {
  const plan = parsePlan(activity.plan);
  return plan?.lifecycleHook ?? false;
}

export function renderScalingConfiguration(configuration: ScalingConfigurationRow): Record<string, unknown> {
  const spec = instanceTypeSpec(configuration.instanceTypes[0]!);
  return {
    ...CONFIGURATION_DEFAULTS,
    Cpu: spec.cpu,
    Memory: spec.memoryMiB / 1024,
    WeightedCapacities: { WeightedCapacity: configuration.instanceTypes.map(() => 1) },
    SecurityGroupIds: { SecurityGroupId: configuration.securityGroupId === null ? [] : [configuration.securityGroupId] },
    InstanceName: configuration.scalingConfigurationName,
    ScalingConfigurationId: configuration.scalingConfigurationId,
    ScalingConfigurationName: configuration.scalingConfigurationName,
    ScalingGroupId: configuration.scalingGroupId,
    LifecycleState: configuration.lifecycleState,
    InstanceType: configuration.instanceTypes[0],
    InstanceTypes: { InstanceType: configuration.instanceTypes },
    SecurityGroupId: configuration.securityGroupId ?? "",
    ImageId: configuration.imageId ?? DEFAULT_IMAGES.linux.imageId,
    CreationTime: toIsoMinutes(configuration.creationTime),
  };
}

/**
 * The fields of the configuration model the emulator has no feature for, with what ESS reports for
 * a configuration created with only an instance type, image and security group.
 */
const CONFIGURATION_DEFAULTS = {
  Affinity: "",
  CpuOptions: { NestedVirtualization: "disabled" },
  CreditSpecification: "",
  CustomPriorities: { CustomPriority: [] },
  DataDisks: { DataDisk: [] },
  DedicatedHostClusterId: "",
  DedicatedHostId: "",
  DeletionProtection: false,
  DeploymentSetId: "",
  HostName: "",
  HpcClusterId: "",
  HttpEndpoint: "enabled",
  HttpTokens: "optional",
  ImageFamily: "",
  ImageName: "",
  ImageOptionsLoginAsNonRoot: false,
  ImageOwnerAlias: "system",
  InstanceDescription: "",
  InstanceGeneration: "ecs-4",
  InstancePatternInfos: { InstancePatternInfo: [] },
  InstanceTypeCandidateOptions: {
    AllowCidrBlocks: { AllowCidrBlock: [] },
    AllowCrossAz: false,
    AllowDifferentGeneration: false,
    Enabled: false,
    MaxPrice: 0,
  },
  InternetChargeType: "PayByTraffic",
  InternetMaxBandwidthIn: 200,
  InternetMaxBandwidthOut: 0,
  IoOptimized: "optimized",
  Ipv6AddressCount: 0,
  KeyPairName: "",
  LoadBalancerWeight: DEFAULT_LOAD_BALANCER_WEIGHT,
  NetworkInterfaces: { NetworkInterface: [] },
  PasswordInherit: false,
  PasswordSetted: false,
  "PrivatePoolOptions.Id": "",
  "PrivatePoolOptions.MatchCriteria": "Open",
  RamRoleName: "",
  ResourceGroupId: "",
  ResourcePoolOptions: { PrivatePoolIds: { PrivatePoolId: [] }, PrivatePoolTags: { PrivatePoolTag: [] }, Strategy: "" },
  SchedulerOptions: { ManagedPrivateSpaceId: "" },
  SecurityEnhancementStrategy: "Active",
  SecurityOptions: { ConfidentialComputingMode: "" },
  SpotDuration: 0,
  SpotInterruptionBehavior: "Terminate",
  SpotPriceLimits: { SpotPriceLimit: [] },
  SpotStrategy: "NoSpot",
  StorageSetId: "",
  StorageSetPartitionNumber: 0,
  SystemDiskAutoSnapshotPolicyId: "",
  SystemDiskBurstingEnabled: false,
  SystemDiskCategories: { SystemDiskCategory: [] },
  SystemDiskCategory: "cloud_essd",
  SystemDiskDescription: "",
  SystemDiskEncryptAlgorithm: "",
  SystemDiskEncrypted: false,
  SystemDiskKMSKeyId: "",
  SystemDiskName: "",
  SystemDiskPerformanceLevel: "PL0",
  SystemDiskProvisionedIops: 0,
  SystemDiskSize: 40,
  Tags: { Tag: [] },
  Tenancy: "default",
  UserData: "",
  ZoneId: "",
} as const;

export function renderLifecycleHook(hook: LifecycleHookRow): Record<string, unknown> {
  return {
    DefaultResult: hook.defaultResult,
    HeartbeatTimeout: hook.heartbeatTimeout,
    LifecycleHookId: hook.lifecycleHookId,
    LifecycleHookName: hook.lifecycleHookName,
    LifecycleHookStatus: hook.lifecycleHookStatus,
    LifecycleTransition: hook.lifecycleTransition,
    NotificationArn: hook.notificationArn ?? "",
    NotificationMetadata: hook.notificationMetadata ?? "",
    ScalingGroupId: hook.scalingGroupId,
  };
}

export function renderLifecycleAction(action: LifecycleActionRow): Record<string, unknown> {
  return {
    InstanceIds: { InstanceId: action.instanceIds },
    LifecycleActionResult: action.result ?? "",
    LifecycleActionStatus: action.status,
    LifecycleActionToken: action.lifecycleActionToken,
    LifecycleHookId: action.lifecycleHookId,
  };
}
