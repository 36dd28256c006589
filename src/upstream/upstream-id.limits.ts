/**
 * How many IDs one call of each API takes. The upstream client refuses larger lists, and the
 * GraphQL loaders batch to exactly these sizes, so both read them from here.
 */
export const UPSTREAM_ID_LIMITS = Object.freeze({
  /** ESS `ScalingGroupId.N`, `InstanceId.N`, `ScalingActivityId.N`, `ScalingConfigurationId.N`. */
  essIdsPerCall: 20,
  /** ECS `InstanceIds` / `SecurityGroupIds` (one JSON array). */
  ecsIdsPerCall: 100,
});
