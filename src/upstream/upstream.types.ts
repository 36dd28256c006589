/**
 * What the GraphQL layer may know about the cloud: plain, camelCase records with Alibaba's list
 * wrapping removed. These are the only upstream types the GraphQL layer imports; it never sees
 * SDK types, and decorated GraphQL classes never extend or embed these.
 *
 * Nullable means "the API may omit it". Numbers that the API sends as strings are parsed.
 */

export interface Page<T> {
  items: T[];
  totalCount: number;
  pageNumber: number;
  pageSize: number;
}

export interface UpstreamScalingGroup {
  scalingGroupId: string;
  scalingGroupName: string;
  regionId: string;
  /** "Active" | "Inactive" | "Deleting" as sent; unknown values are passed through. */
  lifecycleState: string;
  minSize: number;
  maxSize: number;
  desiredCapacity: number | null;
  totalCapacity: number;
  totalInstanceCount: number | null;
  activeCapacity: number | null;
  pendingCapacity: number | null;
  pendingWaitCapacity: number | null;
  removingCapacity: number | null;
  removingWaitCapacity: number | null;
  protectedCapacity: number | null;
  standbyCapacity: number | null;
  stoppedCapacity: number | null;
  defaultCooldown: number | null;
  vpcId: string | null;
  vSwitchIds: string[];
  loadBalancerIds: string[];
  dbInstanceIds: string[];
  activeScalingConfigurationId: string | null;
  creationTime: string | null;
  /** The group's tags (DescribeScalingGroups `Tags.Tag[]`), in ESS's order; the access policy can grant groups by tag. */
  tags: UpstreamTag[];
}

interface UpstreamTag {
  key: string;
  value: string;
}

export interface UpstreamScalingInstance {
  instanceId: string;
  scalingGroupId: string;
  scalingConfigurationId: string | null;
  scalingActivityId: string | null;
  lifecycleState: string;
  healthStatus: string | null;
  creationType: string | null;
  entrusted: boolean;
  loadBalancerWeight: number | null;
  createdTime: string | null;
  zoneId: string | null;
}

export interface UpstreamScalingActivity {
  scalingActivityId: string;
  scalingGroupId: string;
  /** "InProgress" | "Successful" | "Warning" | "Failed" | "Rejected" as sent. */
  statusCode: string;
  progress: number;
  description: string | null;
  cause: string | null;
  statusMessage: string | null;
  startTime: string | null;
  endTime: string | null;
  totalCapacity: number | null;
  attachedCapacity: number | null;
  autoCreatedCapacity: number | null;
}

export interface UpstreamScalingConfiguration {
  scalingConfigurationId: string;
  scalingConfigurationName: string | null;
  scalingGroupId: string;
  lifecycleState: string;
  instanceTypes: string[];
  securityGroupId: string | null;
  imageId: string | null;
}

export interface UpstreamEcsInstance {
  instanceId: string;
  instanceName: string | null;
  regionId: string;
  zoneId: string | null;
  status: string;
  instanceType: string | null;
  /** "classic" | "vpc" */
  networkType: string | null;
  vpcId: string | null;
  vSwitchId: string | null;
  privateIp: string | null;
  /** "PrePaid" | "PostPaid" */
  chargeType: string | null;
  securityGroupIds: string[];
}

export interface UpstreamSecurityGroup {
  securityGroupId: string;
  vpcId: string | null;
  /** Instances in the group now (ECS `EcsCount`). */
  ecsCount: number;
  /** Instances that can still join (ECS `AvailableInstanceAmount`). */
  availableInstanceAmount: number;
}

export interface UpstreamLoadBalancer {
  loadBalancerId: string;
  loadBalancerName: string | null;
  /** "active" | "inactive" | "locked" */
  status: string;
  /** "on" | "off"; null when the API does not report it. */
  healthCheck: string | null;
  networkType: string | null;
  vpcId: string | null;
  backendServers: Array<{ serverId: string; weight: number }>;
}

export interface UpstreamDbInstance {
  dbInstanceId: string;
  /** "Running", … */
  status: string;
  engine: string | null;
  /** Whitelist entries across all IP arrays. */
  securityIps: string[];
  /** Whitelist capacity; 1000 (the real RDS limit) when the API does not report one. */
  securityIpQuota: number;
}

export interface AttachInstancesCommand {
  regionId: string;
  scalingGroupId: string;
  instances: Array<{ instanceId: string; loadBalancerWeight?: number }>;
  entrusted?: boolean;
  lifecycleHook?: boolean;
  ignoreInvalidInstance?: boolean;
  /** Required here: the caller's, or one the gateway generated for this mutation. Reused on every retry. */
  clientToken: string;
}

export interface AttachInstancesOutcome {
  requestId: string;
  scalingActivityId: string;
  clientToken: string;
}

export interface DetachInstancesCommand {
  regionId: string;
  scalingGroupId: string;
  instanceIds: string[];
  /** ESS default true: DesiredCapacity drops by the number detached. */
  decreaseDesiredCapacity?: boolean;
  /** `both`: also take the instances out of the group's load balancers and RDS whitelists. */
  detachOption?: "both";
  /** Run the group's scale-in lifecycle hooks for the instances. */
  lifecycleHook?: boolean;
  /** Skip instances that cannot be detached instead of failing the whole call. */
  ignoreInvalidInstance?: boolean;
  /** Required here: the caller's, or one the gateway generated for this mutation. Reused on every retry. */
  clientToken: string;
}

export interface DetachInstancesOutcome {
  requestId: string;
  scalingActivityId: string;
  clientToken: string;
}

/** A lifecycle hook of a scaling group (ESS DescribeLifecycleHooks). */
export interface UpstreamLifecycleHook {
  lifecycleHookId: string;
  lifecycleHookName: string;
  scalingGroupId: string;
  /** `SCALE_OUT` or `SCALE_IN`. */
  lifecycleTransition: string;
  /** Seconds an instance waits for CompleteLifecycleAction. */
  heartbeatTimeout: number | null;
  /** `CONTINUE` or `ABANDON`: what a timeout does. */
  defaultResult: string | null;
  /** `Active` or `Inactive`. */
  lifecycleHookStatus: string | null;
}

/** One hook's wait on one scaling activity (ESS DescribeLifecycleActions). */
export interface UpstreamLifecycleAction {
  lifecycleActionToken: string;
  lifecycleHookId: string;
  /** `Pending`, `Timeout` or `Completed`. */
  status: string;
  /** `CONTINUE` or `ABANDON` once decided. */
  result: string | null;
  instanceIds: string[];
}

export interface CompleteLifecycleActionCommand {
  regionId: string;
  lifecycleHookId: string;
  lifecycleActionToken: string;
  result: "CONTINUE" | "ABANDON";
  clientToken: string;
}

/**
 * The typed client the GraphQL layer uses. Every method either resolves or rejects with an
 * `UpstreamError` (src/upstream/upstream.error.ts); nothing else escapes.
 */
export interface EssUpstream {
  attachInstances(command: AttachInstancesCommand): Promise<AttachInstancesOutcome>;
  detachInstances(command: DetachInstancesCommand): Promise<DetachInstancesOutcome>;
  describeScalingGroups(query: {
    regionId: string;
    scalingGroupIds?: string[]; // ≤ 20
    scalingGroupName?: string;
    pageNumber?: number;
    pageSize?: number; // ≤ 50
  }): Promise<Page<UpstreamScalingGroup>>;
  describeScalingInstances(query: {
    regionId: string;
    scalingGroupId?: string;
    instanceIds?: string[]; // ≤ 20
    lifecycleState?: string;
    creationType?: string;
    pageNumber?: number;
    pageSize?: number; // ≤ 100
  }): Promise<Page<UpstreamScalingInstance>>;
  describeScalingActivities(query: {
    regionId: string;
    scalingGroupId?: string;
    scalingActivityIds?: string[]; // ≤ 20
    statusCode?: string;
    pageNumber?: number;
    pageSize?: number; // ≤ 50
  }): Promise<Page<UpstreamScalingActivity>>;
  describeScalingConfigurations(query: {
    regionId: string;
    scalingGroupId?: string;
    scalingConfigurationIds?: string[]; // ≤ 20
    pageNumber?: number;
    pageSize?: number; // ≤ 50
  }): Promise<Page<UpstreamScalingConfiguration>>;
  describeInstances(query: {
    regionId: string;
    instanceIds: string[]; // ≤ 100, sent as one JSON array
    maxResults?: number;
    nextToken?: string;
  }): Promise<{ items: UpstreamEcsInstance[]; totalCount: number; nextToken: string | null }>;
  describeSecurityGroups(query: {
    regionId: string;
    securityGroupIds: string[]; // ≤ 100, sent as one JSON array
  }): Promise<UpstreamSecurityGroup[]>;
  /** Rejects with code `InvalidLoadBalancerId.NotFound` when it does not exist. */
  describeLoadBalancerAttribute(query: { regionId: string; loadBalancerId: string }): Promise<UpstreamLoadBalancer>;
  /** Combines DescribeDBInstanceAttribute and DescribeDBInstanceIPArrayList. Rejects `InvalidDBInstanceId.NotFound`. */
  describeDbInstance(query: { regionId: string; dbInstanceId: string }): Promise<UpstreamDbInstance>;
  describeLifecycleHooks(query: {
    regionId: string;
    scalingGroupId?: string;
    lifecycleHookIds?: string[]; // ≤ 10
    pageNumber?: number;
    pageSize?: number; // ≤ 50
  }): Promise<Page<UpstreamLifecycleHook>>;
  /** The lifecycle actions (at most one per hook) of one scaling activity. */
  describeLifecycleActions(query: { regionId: string; scalingActivityId: string }): Promise<UpstreamLifecycleAction[]>;
  completeLifecycleAction(command: CompleteLifecycleActionCommand): Promise<{ requestId: string }>;
  /** Releases keep-alive sockets. */
  close(): Promise<void>;
}
