import { TransportErrorCode, UpstreamError } from "../../upstream/upstream.error";
import { userFacingErrorFrom } from "../common/upstream-user-facing-error";
import type { FailureFacts } from "../common/mutation-failure.table";
import { dbInstanceIdNamedBy } from "../common/mutation-failure.table";
import { scalingGroupLifecycleStateOrNull } from "../scaling-group/scaling-group-lifecycle-state.enum";
import { AttachOutcomeUnknownError } from "./attach-outcome-unknown.error";
import { DbInstanceNotRunningError } from "./db-instance.errors";
import { InstanceNotFoundError } from "./instance.errors";
import { LoadBalancerNotActiveError } from "./load-balancer.errors";
import { EssNotAuthorizedError, IdempotentParameterMismatchError } from "./request.errors";
import { ScalingActivityInProgressError, ScalingGroupNotActiveError, ScalingGroupNotFoundError } from "./scaling-group.errors";

/**
 * The rows AttachInstances and DetachInstances share: the same code means the same thing for both
 * (the group, the account, the token, an open outcome), so both tables take these rows as they are.
 */
export const SHARED_FAILURE_ROWS = {
  "InvalidScalingGroupId.NotFound": ({ code, error, request }: FailureFacts) =>
    userFacingErrorFrom(ScalingGroupNotFoundError, code, error, { scalingGroupId: request.scalingGroupId, regionId: request.regionId }),
  "Forbidden.Unauthorized": ({ code, error }: FailureFacts) => userFacingErrorFrom(EssNotAuthorizedError, code, error, {}),
  IncorrectScalingGroupStatus: async ({ code, error, request, group }: FailureFacts) => {
    const state = (await group())?.lifecycleState;
    return userFacingErrorFrom(ScalingGroupNotActiveError, code, error, {
      scalingGroupId: request.scalingGroupId,
      lifecycleState: state === undefined ? null : scalingGroupLifecycleStateOrNull(state),
    });
  },
  "InvalidInstanceId.NotFound": ({ code, error, instanceId }: FailureFacts) => userFacingErrorFrom(InstanceNotFoundError, code, error, { instanceId }),
  ScalingActivityInProgress: ({ code, error, request }: FailureFacts) =>
    userFacingErrorFrom(ScalingActivityInProgressError, code, error, { scalingGroupId: request.scalingGroupId }),
  IncorrectLoadBalancerStatus: async ({ code, error, request, group }: FailureFacts) =>
    userFacingErrorFrom(LoadBalancerNotActiveError, code, error, await loadBalancerContext(request.scalingGroupId, group)),
  IncorrectDBInstanceStatus: ({ code, error, request }: FailureFacts) =>
    userFacingErrorFrom(DbInstanceNotRunningError, code, error, { scalingGroupId: request.scalingGroupId, dbInstanceId: dbInstanceIdNamedBy(error.message) }),
  IdempotentParameterMismatch: ({ code, error, request }: FailureFacts) =>
    userFacingErrorFrom(IdempotentParameterMismatchError, code, error, { clientToken: request.clientToken }),
  [TransportErrorCode.OutcomeUnknown]: ({ code, error, request }: FailureFacts) =>
    userFacingErrorFrom(AttachOutcomeUnknownError, code, error, {
      clientToken: request.clientToken,
      scalingGroupId: request.scalingGroupId,
      instanceIds: request.instanceIds,
      lastUpstreamCode: error.cause instanceof UpstreamError ? error.cause.code : null,
      retryable: true,
    }),
} as const;

/** The fields of a load balancer member that AttachInstances' and DetachInstances' answers allow. */
export async function loadBalancerContext(
  scalingGroupId: string,
  group: FailureFacts["group"],
): Promise<{ scalingGroupId: string; loadBalancerIds: string[]; loadBalancerId: null }> {
  return { scalingGroupId, loadBalancerIds: (await group())?.loadBalancerIds ?? [], loadBalancerId: null };
}
