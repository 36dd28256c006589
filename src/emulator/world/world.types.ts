/**
 * The world file: everything the emulator knows about accounts and their cloud resources.
 *
 * This is a public format (documented in docs/world-file.md) and the contract between the
 * emulator's protocol layer, its domain layer and every test that builds a world. Resources
 * are flat lists; each carries its own `regionId`, and each belongs to the account whose
 * `resources` block lists it. A resource of another account is simply not found.
 *
 * Field names are camelCase here; the emulator renders them in Alibaba's PascalCase on the wire.
 */
export interface WorldFile {
  /** Format version. Only 1 exists. */
  version: 1;
  regions: WorldRegion[];
  accounts: WorldAccount[];
  /**
   * Opt-in emulator extensions ([ext] in docs/wire-contract.md): behaviour the real API does not
   * have. Absent means none, as in the real cloud.
   */
  extensions?: WorldExtensions;
}

export interface WorldExtensions {
  /** SLB DescribeLoadBalancerAttribute also returns `HealthCheck` (`on`/`off`). */
  slbHealthCheck?: boolean;
  /** RDS DescribeDBInstanceAttribute also returns `SecurityIPQuota`. */
  rdsSecurityIpQuota?: boolean;
}

interface WorldRegion {
  regionId: string; // e.g. "cn-hangzhou"
  zones: string[]; // e.g. ["cn-hangzhou-h", "cn-hangzhou-i"]
}

export interface WorldAccount {
  /** Alibaba account UID, a numeric string. */
  accountId: string;
  name?: string;
  /**
   * false models a caller that has not authorized ESS's Open API: every ESS action of this
   * account answers 403 `Forbidden.Unauthorized`. Default true.
   */
  essAuthorized?: boolean;
  accessKeys: WorldAccessKey[];
  resources: WorldResources;
  /** RAM roles other accounts (or this one) may assume with STS AssumeRole (docs/world-file.md). */
  ramRoles?: WorldRamRole[];
}

/** A RAM role: `acs:ram::<accountId>:role/<roleName>`, assumable by the trusted accounts. */
export interface WorldRamRole {
  /** Compared case-insensitively, as RAM does. */
  roleName: string;
  /** Account UIDs whose AccessKeys may assume the role (its trust policy). */
  trustedAccountIds: string[];
  /** Longest session AssumeRole grants (`DurationSeconds` above it is refused). Default 3600. */
  maxSessionDurationSeconds?: number;
  /**
   * Emulator only: issued credentials expire after this many seconds whatever `DurationSeconds`
   * asks (and `Expiration` says so), so tests see expiry and refresh without waiting 15 minutes.
   */
  sessionLifetimeSeconds?: number;
}

interface WorldAccessKey {
  accessKeyId: string;
  accessKeySecret: string;
  /** When set, this is an STS key: requests must carry this `SecurityToken`. */
  securityToken?: string;
}

interface WorldResources {
  vpcs?: WorldVpc[];
  vSwitches?: WorldVSwitch[];
  securityGroups?: WorldSecurityGroup[];
  instances?: WorldInstance[];
  loadBalancers?: WorldLoadBalancer[];
  dbInstances?: WorldDbInstance[];
  scalingConfigurations?: WorldScalingConfiguration[];
  scalingGroups?: WorldScalingGroup[];
}

export interface WorldVpc {
  vpcId: string; // "vpc-…"
  regionId: string;
  cidrBlock?: string;
}

export interface WorldVSwitch {
  vSwitchId: string; // "vsw-…"
  vpcId: string;
  regionId: string;
  zoneId: string;
}

export interface WorldSecurityGroup {
  securityGroupId: string; // "sg-…"
  regionId: string;
  /** Absent for a classic-network security group. */
  vpcId?: string;
  /** How many instances the group may hold. Members are the instances listing it. Default 2000. */
  instanceQuota?: number;
  securityGroupName?: string;
  description?: string;
  creationTime?: string;
}

export type EcsInstanceStatus = "Pending" | "Running" | "Starting" | "Stopping" | "Stopped";
export type NetworkType = "classic" | "vpc";
export type InstanceChargeType = "PrePaid" | "PostPaid";

export interface WorldInstance {
  instanceId: string; // "i-…"
  instanceName?: string;
  regionId: string;
  zoneId: string;
  status: EcsInstanceStatus;
  networkType: NetworkType;
  /** Required when networkType is "vpc". */
  vpcId?: string;
  vSwitchId?: string;
  instanceType: string; // e.g. "ecs.g7.large"
  chargeType: InstanceChargeType;
  spotStrategy?: "NoSpot" | "SpotWithPriceLimit" | "SpotAsPriceGo";
  securityGroupIds: string[];
  privateIp: string;
  creationTime?: string; // ISO 8601
  /** Last start; default the creation time. */
  startTime?: string;
  /** PrePaid: when the subscription ends (default creation + 1 month). Spot: none. */
  expiredTime?: string;
  /** Spot instances with SpotWithPriceLimit: the hourly price limit (default 0.1). */
  spotPriceLimit?: number;
  imageId?: string;
  osType?: "linux" | "windows";
  osName?: string;
  hostName?: string;
  description?: string;
  deletionProtection?: boolean;
  tags?: WorldTag[];
}

export interface WorldTag {
  key: string;
  value: string;
}

export interface WorldLoadBalancer {
  loadBalancerId: string; // "lb-…"
  loadBalancerName?: string;
  regionId: string;
  status: "active" | "inactive" | "locked";
  /** The listener health-check switch. ESS refuses to attach behind a load balancer with it off. */
  healthCheck: "on" | "off";
  networkType: NetworkType;
  vpcId?: string;
  backendServers?: Array<{ serverId: string; weight: number }>;
  /** Service address; default derived from the ID (a private 10.x address for vpc, public 47.x for classic). */
  address?: string;
  /** e.g. "slb.s1.small" (default). */
  loadBalancerSpec?: string;
  createTime?: string;
}

export interface WorldDbInstance {
  dbInstanceId: string; // "rm-…"
  regionId: string;
  status: "Running" | "Creating" | "Stopped" | "Rebooting" | "Deleting" | "Locked";
  engine?: string;
  /** Entries of the IP whitelist (the "default" group). */
  securityIps?: string[];
  /** Maximum number of whitelist entries. Real RDS allows 1000; worlds may set less. Default 1000. */
  securityIpQuota?: number;
  /** Default "8.0" for MySQL. */
  engineVersion?: string;
  /** Default "rds.mysql.s2.large" (2 cores, 4 GiB). */
  dbInstanceClass?: string;
  zoneId?: string;
  creationTime?: string;
}

export interface WorldScalingConfiguration {
  scalingConfigurationId: string; // "asc-…"
  scalingConfigurationName?: string;
  scalingGroupId: string;
  regionId: string;
  lifecycleState: "Active" | "Inactive";
  /** Instance types this configuration launches; attached instances must use one of them. */
  instanceTypes: string[];
  securityGroupId?: string;
  imageId?: string;
  creationTime?: string;
}

export type ScalingGroupLifecycleState = "Active" | "Inactive" | "Deleting";
export type ScalingInstanceLifecycleState =
  "InService" | "Pending" | "Pending:Wait" | "Protected" | "Standby" | "Stopped" | "Removing" | "Removing:Wait";
export type ScalingActivityStatus = "InProgress" | "Successful" | "Warning" | "Failed" | "Rejected";

export interface WorldScalingGroup {
  scalingGroupId: string; // "asg-…"
  scalingGroupName: string;
  regionId: string;
  lifecycleState: ScalingGroupLifecycleState;
  minSize: number;
  maxSize: number;
  desiredCapacity?: number;
  /** Seconds. Default 300. */
  defaultCooldown?: number;
  /** Empty or absent: a classic-network group. */
  vSwitchIds?: string[];
  /** Derived from vSwitchIds when absent. */
  vpcId?: string;
  loadBalancerIds?: string[];
  dbInstanceIds?: string[];
  activeScalingConfigurationId?: string;
  creationTime?: string;
  /** Instances already in the group. Their count is the group's TotalCapacity. */
  instances?: WorldScalingInstance[];
  /**
   * Past activities. An activity given here as "InProgress" is an external activity (a scale-out
   * started by someone else): it stays in progress until the admin surface finishes it.
   */
  activities?: WorldScalingActivity[];
  /** Default ["OldestScalingConfiguration", "OldestInstance"]. */
  removalPolicies?: Array<"OldestInstance" | "NewestInstance" | "OldestScalingConfiguration">;
  /** Default "ECS". */
  healthCheckType?: "ECS" | "NONE" | "LOAD_BALANCER";
  /** Default "recycle". */
  scalingPolicy?: "recycle" | "release" | "forceRecycle" | "forceRelease";
  /** Default "PRIORITY". */
  multiAZPolicy?: "PRIORITY" | "COST_OPTIMIZED" | "BALANCE";
  /** Default false. */
  groupDeletionProtection?: boolean;
  /** Rendered as DescribeScalingGroups `Tags`; the gateway's policy can grant groups by tag. At most 20, keys unique. */
  tags?: WorldTag[];
  /** Lifecycle hooks: a SCALE_OUT hook holds attached instances in `Pending:Wait` (LifecycleHook=true). */
  lifecycleHooks?: WorldLifecycleHook[];
}

export type LifecycleTransition = "SCALE_OUT" | "SCALE_IN";
export type LifecycleActionResult = "CONTINUE" | "ABANDON";

interface WorldLifecycleHook {
  lifecycleHookId: string; // "ash-…"
  lifecycleHookName: string;
  lifecycleTransition: LifecycleTransition;
  /** Seconds an instance waits for CompleteLifecycleAction, 30..21600. Default 600. */
  heartbeatTimeout?: number;
  /** What happens when the wait times out. Default "CONTINUE". */
  defaultResult?: LifecycleActionResult;
  /** Default "Active"; an Inactive hook is not triggered. */
  lifecycleHookStatus?: "Active" | "Inactive";
  notificationArn?: string;
  notificationMetadata?: string;
}

interface WorldScalingInstance {
  instanceId: string;
  creationType: "AutoCreated" | "Attached";
  lifecycleState?: ScalingInstanceLifecycleState; // default "InService"
  healthStatus?: "Healthy" | "Unhealthy"; // default "Healthy"
  entrusted?: boolean;
  loadBalancerWeight?: number;
  scalingConfigurationId?: string;
  createdTime?: string;
}

interface WorldScalingActivity {
  scalingActivityId: string; // "asa-…"
  statusCode: ScalingActivityStatus;
  progress?: number;
  description?: string;
  cause?: string;
  statusMessage?: string;
  startTime: string;
  endTime?: string;
}
