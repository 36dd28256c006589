import { WIRE_ERRORS } from "../../contract/wire-errors.contract";
import { TransportErrorCode, UpstreamError } from "../../upstream/upstream.error";
import { userFacingErrorFrom, type ErrorContext } from "../common/upstream-user-facing-error";
import { blockerMemberFrom, dbInstanceIdNamedBy, type BlockerFacts, type FailureFacts } from "../common/mutation-failure.table";
import { scalingGroupLifecycleStateOrNull } from "../scaling-group/scaling-group-lifecycle-state.enum";
import { AttachOutcomeUnknownError } from "./attach-outcome-unknown.error";
import { DbInstanceNotRunningError } from "./db-instance.errors";
import { InstanceNotFoundError } from "./instance.errors";
import { LoadBalancerNotActiveError } from "./load-balancer.errors";
import { EssNotAuthorizedError, IdempotentParameterMismatchError } from "./request.errors";
import { ScalingActivityInProgressError, ScalingGroupNotActiveError, ScalingGroupNotFoundError } from "./scaling-group.errors";

/** A blocker of the group as a whole; `code` is the ESS code it stands for. */
interface CodeBlocker {
  code: string;
}

/**
 * The rows AttachInstances and DetachInstances share: the same code means the same thing for both
 * (the group, the account, the token, an open outcome), so both tables take these rows as they are.
 * `checkOrder` is where ESS checks the code, the same for both calls.
 */
export const SHARED_FAILURE_ROWS = {
  [WIRE_ERRORS.scalingGroupNotFound.code]: {
    member: ScalingGroupNotFoundError,
    context: ({ code, error, request }: FailureFacts) =>
      userFacingErrorFrom(ScalingGroupNotFoundError, code, error, { scalingGroupId: request.scalingGroupId, regionId: request.regionId }),
    blocker: {
      checkOrder: 2,
      member: (blocker: CodeBlocker, { request }: BlockerFacts) =>
        blockerMemberFrom(ScalingGroupNotFoundError, blocker, WIRE_ERRORS.scalingGroupNotFound.message(), {
          scalingGroupId: request.scalingGroupId,
          regionId: request.regionId,
        }),
    },
  },
  [WIRE_ERRORS.forbiddenUnauthorized.code]: {
    member: EssNotAuthorizedError,
    context: ({ code, error }: FailureFacts) => userFacingErrorFrom(EssNotAuthorizedError, code, error, {}),
    blocker: {
      checkOrder: 1,
      member: (blocker: CodeBlocker) => blockerMemberFrom(EssNotAuthorizedError, blocker, WIRE_ERRORS.forbiddenUnauthorized.message(), {}),
    },
  },
  [WIRE_ERRORS.incorrectScalingGroupStatus.code]: {
    member: ScalingGroupNotActiveError,
    context: async ({ code, error, request, group }: FailureFacts) =>
      userFacingErrorFrom(ScalingGroupNotActiveError, code, error, await scalingGroupStatusContext(request.scalingGroupId, group)),
    blocker: {
      checkOrder: 3,
      member: async (blocker: CodeBlocker, { request, group }: BlockerFacts) =>
        blockerMemberFrom(
          ScalingGroupNotActiveError,
          blocker,
          WIRE_ERRORS.incorrectScalingGroupStatus.message(),
          await scalingGroupStatusContext(request.scalingGroupId, group),
        ),
    },
  },
  [WIRE_ERRORS.instanceNotFound.code]: {
    member: InstanceNotFoundError,
    context: ({ code, error, instanceId }: FailureFacts) => userFacingErrorFrom(InstanceNotFoundError, code, error, { instanceId }),
    blocker: {
      checkOrder: 10,
      member: (blocker: { code: string; instanceId: string }) =>
        blockerMemberFrom(InstanceNotFoundError, blocker, WIRE_ERRORS.instanceNotFound.message(blocker.instanceId), {
          instanceId: blocker.instanceId,
        }),
    },
  },
  [WIRE_ERRORS.scalingActivityInProgress.code]: {
    member: ScalingActivityInProgressError,
    context: ({ code, error, request }: FailureFacts) =>
      userFacingErrorFrom(ScalingActivityInProgressError, code, error, { scalingGroupId: request.scalingGroupId }),
    blocker: {
      checkOrder: 4,
      member: (blocker: CodeBlocker, { request }: BlockerFacts) =>
        blockerMemberFrom(ScalingActivityInProgressError, blocker, WIRE_ERRORS.scalingActivityInProgress.message(), {
          scalingGroupId: request.scalingGroupId,
        }),
    },
  },
  [WIRE_ERRORS.incorrectLoadBalancerStatus.code]: {
    member: LoadBalancerNotActiveError,
    context: async ({ code, error, request, group }: FailureFacts) =>
      userFacingErrorFrom(LoadBalancerNotActiveError, code, error, await loadBalancerContext(request.scalingGroupId, group)),
    blocker: {
      checkOrder: 5,
      member: async (blocker: { code: string; loadBalancerId: string }, { request, group }: BlockerFacts) =>
        blockerMemberFrom(LoadBalancerNotActiveError, blocker, WIRE_ERRORS.incorrectLoadBalancerStatus.message(), {
          ...(await loadBalancerContext(request.scalingGroupId, group)),
          loadBalancerId: blocker.loadBalancerId,
        }),
    },
  },
  [WIRE_ERRORS.incorrectDbInstanceStatus.code]: {
    member: DbInstanceNotRunningError,
    context: ({ code, error, request }: FailureFacts) =>
      userFacingErrorFrom(DbInstanceNotRunningError, code, error, {
        scalingGroupId: request.scalingGroupId,
        dbInstanceId: dbInstanceIdNamedBy(error.message),
      }),
    blocker: {
      checkOrder: 9,
      member: (blocker: { code: string; dbInstanceId: string }, { request }: BlockerFacts) =>
        blockerMemberFrom(DbInstanceNotRunningError, blocker, WIRE_ERRORS.incorrectDbInstanceStatus.message(blocker.dbInstanceId), {
          scalingGroupId: request.scalingGroupId,
          dbInstanceId: blocker.dbInstanceId,
        }),
    },
  },
  [WIRE_ERRORS.idempotentParameterMismatch.code]: {
    member: IdempotentParameterMismatchError,
    context: ({ code, error, request }: FailureFacts) =>
      userFacingErrorFrom(IdempotentParameterMismatchError, code, error, { clientToken: request.clientToken }),
  },
  [TransportErrorCode.OutcomeUnknown]: {
    member: AttachOutcomeUnknownError,
    context: ({ code, error, request }: FailureFacts) =>
      userFacingErrorFrom(AttachOutcomeUnknownError, code, error, {
        clientToken: request.clientToken,
        scalingGroupId: request.scalingGroupId,
        instanceIds: request.instanceIds,
        lastUpstreamCode: error.cause instanceof UpstreamError ? error.cause.code : null,
        retryable: true,
      }),
  },
} as const;

/** The fields of a load balancer member that AttachInstances' and DetachInstances' answers allow. */
export async function loadBalancerContext(
  scalingGroupId: string,
  group: FailureFacts["group"],
): Promise<{ scalingGroupId: string; loadBalancerIds: string[]; loadBalancerId: string | null }> {
  return { scalingGroupId, loadBalancerIds: (await group())?.loadBalancerIds ?? [], loadBalancerId: null };
}

async function scalingGroupStatusContext(
  scalingGroupId: string,
  group: FailureFacts["group"],
): Promise<ErrorContext<ScalingGroupNotActiveError>> {
  const state = (await group())?.lifecycleState;
  return { scalingGroupId, lifecycleState: state === undefined ? null : scalingGroupLifecycleStateOrNull(state) };
}
