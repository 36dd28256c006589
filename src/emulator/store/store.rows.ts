import type {
  EcsInstanceStatus,
  InstanceChargeType,
  NetworkType,
  ScalingActivityStatus,
  ScalingGroupLifecycleState,
  ScalingInstanceLifecycleState,
  LifecycleActionResult,
  LifecycleTransition,
  WorldDbInstance,
  WorldLoadBalancer,
} from "../world/world.types";

/** Rows as the store returns them (camelCase, SQLite booleans already turned into booleans). */

export interface AccountRow {
  accountId: string;
  name: string | null;
  essAuthorized: boolean;
}

export interface InstanceRow {
  instanceId: string;
  accountId: string;
  instanceName: string | null;
  regionId: string;
  zoneId: string;
  status: EcsInstanceStatus;
  networkType: NetworkType;
  vpcId: string | null;
  vSwitchId: string | null;
  instanceType: string;
  chargeType: InstanceChargeType;
  spotStrategy: string;
  privateIp: string;
  creationTime: string;
  /** Descriptive world fields as JSON (see store.attributes.ts). */
  attributes: string;
}

export interface SecurityGroupRow {
  securityGroupId: string;
  accountId: string;
  regionId: string;
  vpcId: string | null;
  instanceQuota: number;
  /** Descriptive world fields as JSON (see store.attributes.ts). */
  attributes: string;
}

export interface LoadBalancerRow {
  loadBalancerId: string;
  accountId: string;
  loadBalancerName: string | null;
  regionId: string;
  status: WorldLoadBalancer["status"];
  healthCheck: WorldLoadBalancer["healthCheck"];
  networkType: NetworkType;
  vpcId: string | null;
  /** Descriptive world fields as JSON (see store.attributes.ts). */
  attributes: string;
}

export interface DbInstanceRow {
  dbInstanceId: string;
  accountId: string;
  regionId: string;
  status: WorldDbInstance["status"];
  engine: string;
  securityIpQuota: number;
  /** Descriptive world fields as JSON (see store.attributes.ts). */
  attributes: string;
}

export interface ScalingGroupRow {
  scalingGroupId: string;
  accountId: string;
  scalingGroupName: string;
  regionId: string;
  lifecycleState: ScalingGroupLifecycleState;
  minSize: number;
  maxSize: number;
  desiredCapacity: number | null;
  defaultCooldown: number;
  vpcId: string | null;
  activeScalingConfigurationId: string | null;
  creationTime: string;
  /** Descriptive world fields as JSON (see store.attributes.ts). */
  attributes: string;
}

export interface ScalingConfigurationRow {
  scalingConfigurationId: string;
  accountId: string;
  scalingConfigurationName: string;
  scalingGroupId: string;
  regionId: string;
  lifecycleState: "Active" | "Inactive";
  instanceTypes: string[];
  securityGroupId: string | null;
  imageId: string | null;
  creationTime: string;
  /** Descriptive world fields as JSON (see store.attributes.ts). */
  attributes: string;
}

export interface ScalingInstanceRow {
  instanceId: string;
  scalingGroupId: string;
  creationType: "AutoCreated" | "Attached";
  lifecycleState: ScalingInstanceLifecycleState;
  healthStatus: "Healthy" | "Unhealthy";
  entrusted: boolean;
  loadBalancerWeight: number | null;
  scalingConfigurationId: string | null;
  scalingActivityId: string | null;
  createdTime: string;
}

type ActivityKind = "world" | "attach" | "detach";

export interface ScalingActivityRow {
  scalingActivityId: string;
  scalingGroupId: string;
  kind: ActivityKind;
  statusCode: ScalingActivityStatus;
  progress: number;
  description: string;
  cause: string;
  statusMessage: string;
  startTime: string;
  endTime: string | null;
  totalCapacity: number | null;
  attachedCapacity: number | null;
  autoCreatedCapacity: number | null;
  scalingInstanceNumber: number;
  startedAtMs: number | null;
  hookDueAtMs: number | null;
  dueAtMs: number | null;
  plan: string;
}

/** Counts of a group's scaling instances per lifecycle state; `total` is TotalCapacity. */
export interface GroupCapacity {
  total: number;
  attached: number;
  autoCreated: number;
  byState: Record<ScalingInstanceLifecycleState, number>;
}

export interface LifecycleHookRow {
  lifecycleHookId: string;
  scalingGroupId: string;
  lifecycleHookName: string;
  lifecycleTransition: LifecycleTransition;
  /** Seconds. */
  heartbeatTimeout: number;
  defaultResult: LifecycleActionResult;
  lifecycleHookStatus: "Active" | "Inactive";
  notificationArn: string | null;
  notificationMetadata: string | null;
}

/** One hook's wait on one activity: what CompleteLifecycleAction names by its token. */
export interface LifecycleActionRow {
  lifecycleActionToken: string;
  lifecycleHookId: string;
  scalingActivityId: string;
  status: "Pending" | "Timeout" | "Completed";
  result: LifecycleActionResult | null;
  /** The ClientToken of the CompleteLifecycleAction that completed it, if it carried one. */
  clientToken: string | null;
  instanceIds: string[];
}
