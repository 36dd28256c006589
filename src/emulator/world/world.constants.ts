import type { WorldInstance, WorldScalingGroup } from "./world.types";

/** The enums of the world format, shared with the store and the actions. */
export const ECS_INSTANCE_STATUSES = ["Pending", "Running", "Starting", "Stopping", "Stopped"] as const;
export const NETWORK_TYPES = ["classic", "vpc"] as const;
export const CHARGE_TYPES = ["PrePaid", "PostPaid"] as const;
export const SPOT_STRATEGIES = ["NoSpot", "SpotWithPriceLimit", "SpotAsPriceGo"] as const;
export const LOAD_BALANCER_STATUSES = ["active", "inactive", "locked"] as const;
export const HEALTH_CHECK_STATES = ["on", "off"] as const;
export const DB_INSTANCE_STATUSES = ["Running", "Creating", "Stopped", "Rebooting", "Deleting", "Locked"] as const;
export const CONFIGURATION_STATES = ["Active", "Inactive"] as const;
export const GROUP_STATES = ["Active", "Inactive", "Deleting"] as const;
export const SCALING_INSTANCE_STATES = [
  "InService",
  "Pending",
  "Pending:Wait",
  "Protected",
  "Standby",
  "Stopped",
  "Removing",
  "Removing:Wait",
] as const;
export const CREATION_TYPES = ["AutoCreated", "Attached"] as const;
export const HEALTH_STATUSES = ["Healthy", "Unhealthy"] as const;
export const ACTIVITY_STATUSES = ["InProgress", "Successful", "Warning", "Failed", "Rejected"] as const;
export const OS_TYPES = ["linux", "windows"] as const;
export const REMOVAL_POLICIES = ["OldestInstance", "NewestInstance", "OldestScalingConfiguration"] as const;
export const HEALTH_CHECK_TYPES = ["ECS", "NONE", "LOAD_BALANCER"] as const;
export const SCALING_POLICIES = ["recycle", "release", "forceRecycle", "forceRelease"] as const;
export const MULTI_AZ_POLICIES = ["PRIORITY", "COST_OPTIMIZED", "BALANCE"] as const;
export const LIFECYCLE_TRANSITIONS = ["SCALE_OUT", "SCALE_IN"] as const;
export const LIFECYCLE_ACTION_RESULTS = ["CONTINUE", "ABANDON"] as const;
export const LIFECYCLE_HOOK_STATUSES = ["Active", "Inactive"] as const;
/** ESS bounds of a hook's HeartbeatTimeout, in seconds, and its default. */
export const HEARTBEAT_TIMEOUT_RANGE = { min: 30, max: 21600 } as const;
export const DEFAULT_HEARTBEAT_TIMEOUT_SECONDS = 600;
/** ESS allows at most this many lifecycle hooks per scaling group. */
export const MAX_LIFECYCLE_HOOKS_PER_GROUP = 6;

/**
 * The descriptive fields of an instance and a group: shown by the Describe actions, never queried,
 * so the store keeps them as one JSON column (store.attributes.ts).
 */
export const INSTANCE_ATTRIBUTE_FIELDS = [
  "startTime",
  "expiredTime",
  "spotPriceLimit",
  "imageId",
  "osType",
  "osName",
  "hostName",
  "description",
  "deletionProtection",
  "tags",
] as const satisfies ReadonlyArray<keyof WorldInstance>;
export const GROUP_ATTRIBUTE_FIELDS = [
  "removalPolicies",
  "healthCheckType",
  "scalingPolicy",
  "multiAZPolicy",
  "groupDeletionProtection",
  "tags",
] as const satisfies ReadonlyArray<keyof WorldScalingGroup>;

/** Real ESS/ECS bounds the world must respect. */
export const MAX_GROUP_SIZE = 2000;
export const DEFAULT_SECURITY_GROUP_QUOTA = 2000;
export const DEFAULT_SECURITY_IP_QUOTA = 1000;

/** The time given to resources whose world entry has no creation time (docs/world-file.md). */
export const DEFAULT_WORLD_TIME = "2026-01-01T00:00:00Z";
