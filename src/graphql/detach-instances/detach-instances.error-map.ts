import type { UpstreamError } from "../../upstream/upstream.error";
import { TransportErrorCode } from "../../upstream/upstream.error";
import type { GatewayContext } from "../gateway.context";
import { SHARED_FAILURE_ROWS } from "../attach-instances/shared-failure.rows";
import { failureMapperOf, modeledCodesOf, type FailedMutationRequest, type FailureFacts } from "../common/mutation-failure.table";
import { userFacingErrorFrom } from "../common/upstream-user-facing-error";
import { scalingInstanceLifecycleStateFrom } from "../scaling-instance/scaling-instance-lifecycle-state.enum";
import type { UpstreamScalingInstance } from "../../upstream/upstream.types";
import type { DetachInstancesFailure } from "./detach-instances.result";
import { InstanceNotInScalingGroupError, InstanceNotInServiceError, MinSizeBreachedError } from "./detach-instances.errors";

/** ESS's `InvalidInstanceId.NotFound` for a real instance that is not a member of the group. */
const NOT_IN_GROUP = /\bin the specified scaling group\b/i;

/**
 * The code → member table of `DetachInstancesResult`: the codes of the DetachInstances error table
 * (docs/detach-rules.md), `IncorrectInstanceStatus` (an instance not `InService`, which
 * `IgnoreInvalidInstance` skips), `IdempotentParameterMismatch` and the client's `OutcomeUnknown`.
 * Codes that mean the same as for AttachInstances take attach's rows (`SHARED_FAILURE_ROWS`).
 */
const DETACH_INSTANCES_FAILURE_TABLE = {
  "Forbidden.Unauthorized": SHARED_FAILURE_ROWS["Forbidden.Unauthorized"],
  IdempotentParameterMismatch: SHARED_FAILURE_ROWS.IdempotentParameterMismatch,
  "InvalidScalingGroupId.NotFound": SHARED_FAILURE_ROWS["InvalidScalingGroupId.NotFound"],
  IncorrectScalingGroupStatus: SHARED_FAILURE_ROWS.IncorrectScalingGroupStatus,
  ScalingActivityInProgress: SHARED_FAILURE_ROWS.ScalingActivityInProgress,
  IncorrectLoadBalancerStatus: SHARED_FAILURE_ROWS.IncorrectLoadBalancerStatus,
  IncorrectDBInstanceStatus: SHARED_FAILURE_ROWS.IncorrectDBInstanceStatus,
  "InvalidInstanceId.NotFound": (facts: FailureFacts) =>
    NOT_IN_GROUP.test(facts.error.message) ? instanceNotInGroup(facts) : SHARED_FAILURE_ROWS["InvalidInstanceId.NotFound"](facts),
  IncorrectInstanceStatus: async (facts: FailureFacts) => {
    const membership = await membershipOf(facts);
    return userFacingErrorFrom(InstanceNotInServiceError, facts.code, facts.error, {
      instanceId: facts.instanceId,
      instanceLifecycleState: membership ? lifecycleStateOrNull(membership.lifecycleState) : null,
    });
  },
  "IncorrectCapacity.MinSize": async ({ code, error, request, group }: FailureFacts) => {
    const current = await group();
    return userFacingErrorFrom(MinSizeBreachedError, code, error, {
      scalingGroupId: request.scalingGroupId,
      minSize: current?.minSize ?? null,
      totalCapacity: current?.totalCapacity ?? null,
      requested: request.instanceIds.length,
    });
  },
  [TransportErrorCode.OutcomeUnknown]: SHARED_FAILURE_ROWS[TransportErrorCode.OutcomeUnknown],
} as const;

/** The upstream codes `DetachInstancesResult` models. */
export const MODELED_DETACH_INSTANCES_CODES = modeledCodesOf(DETACH_INSTANCES_FAILURE_TABLE);

/** Maps a failed DetachInstances call to its union member; an unmodeled code becomes `UpstreamError`. */
export const detachInstancesFailureFrom: (error: UpstreamError, request: FailedMutationRequest, context: GatewayContext) => Promise<DetachInstancesFailure> =
  failureMapperOf("DetachInstances", DETACH_INSTANCES_FAILURE_TABLE);

async function instanceNotInGroup(facts: FailureFacts): Promise<InstanceNotInScalingGroupError> {
  const membership = await membershipOf(facts);
  const member = userFacingErrorFrom(InstanceNotInScalingGroupError, facts.code, facts.error, {
    instanceId: facts.instanceId,
    scalingGroupId: facts.request.scalingGroupId,
    currentScalingGroupId: membership?.scalingGroupId ?? null,
  });
  if (member.currentScalingGroupId !== null && member.currentScalingGroupId !== facts.request.scalingGroupId) {
    member.message = `Instance "${facts.instanceId}" is not in scaling group ${facts.request.scalingGroupId}; it is in ${member.currentScalingGroupId}.`;
  }
  return member;
}

/** The instance's membership, read through the request's loader (the preflight has it cached); null if unknown. */
async function membershipOf({ instanceId, request, context, action }: FailureFacts): Promise<UpstreamScalingInstance | null> {
  if (instanceId === null) return null;
  try {
    return await context.loaders.scalingInstanceMembership.load({ regionId: request.regionId, id: instanceId });
  } catch (error) {
    context.logger.warn(`could not read the membership of an instance to describe a ${action} failure`, { instanceId, error });
    return null;
  }
}

function lifecycleStateOrNull(value: string): ReturnType<typeof scalingInstanceLifecycleStateFrom> | null {
  try {
    return scalingInstanceLifecycleStateFrom(value);
  } catch {
    return null;
  }
}
