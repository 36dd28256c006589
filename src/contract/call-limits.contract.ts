/**
 * How many IDs one call of each API takes (ess-api.md). The emulator, the upstream client (which
 * refuses larger lists), the GraphQL inputs and the loaders (which batch to exactly these sizes)
 * all read them from here.
 */
export const CALL_LIMITS = Object.freeze({
  /** ESS `ScalingGroupId.N`, `InstanceId.N` (AttachInstances, DetachInstances), `ScalingActivityId.N`, `ScalingConfigurationId.N`. */
  essIdsPerCall: 20,
  /** ECS `InstanceIds` / `SecurityGroupIds` (one JSON array). */
  ecsIdsPerCall: 100,
});
