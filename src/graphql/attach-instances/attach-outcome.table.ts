import type { AttachInstancesWireCode } from "../../contract/mutation-errors.contract";
import { WIRE_ERRORS } from "../../contract/wire-errors.contract";
import { TransportErrorCode } from "../../upstream/upstream.error";
import type { UpstreamScalingGroup } from "../../upstream/upstream.types";
import type { GatewayContext } from "../gateway.context";
import type { GroupBlocker, InstanceBlocker } from "../attach-preflight/attach-blocker.types";
import {
  blockerMembersOf,
  blockerMemberFrom,
  dbInstanceIdNamedBy,
  outcomeMembersOf,
  unmodeledUpstreamError,
  type BlockerFacts,
  type BlockerMemberOf,
  type FailureFacts,
  type OutcomeMemberOf,
  type OutcomeRowsOf,
} from "../common/mutation-failure.table";
import { userFacingErrorFrom } from "../common/upstream-user-facing-error";
import { DbInstanceSecurityIpQuotaExceededError } from "./db-instance.errors";
import {
  EntrustedNotAllowedError,
  InstanceInUseError,
  InstanceNetworkTypeMismatchError,
  InstanceNotRunningError,
  InstanceRegionMismatchError,
  InstanceTypeMismatchError,
  InstanceVpcMismatchError,
} from "./instance.errors";
import {
  type LoadBalancerError,
  LoadBalancerHealthCheckOffError,
  LoadBalancerNetworkTypeMismatchError,
  LoadBalancerVpcMismatchError,
} from "./load-balancer.errors";
import { SecurityGroupInstanceQuotaExceededError } from "./request.errors";
import { MaxSizeExceededError } from "./scaling-group.errors";
import { loadBalancerContext, SHARED_FAILURE_ROWS } from "./shared-failure.rows";

/** The preflight's blockers that stand for an ESS code (request problems become `InputValidationError`). */
export type AttachBlockerFact = GroupBlocker | InstanceBlocker;

/** The codes `AttachInstancesResult` models: the API's error table and the client's `OutcomeUnknown`. */
type AttachOutcomeCode = AttachInstancesWireCode | typeof TransportErrorCode.OutcomeUnknown;

type LoadBalancerFact = { code: string; loadBalancerId: string };
type InstanceFact = { code: string; instanceId: string };

/** A load balancer blocker names the load balancer that fails the check, which ESS's answer does not. */
const loadBalancerBlocker =
  <M extends LoadBalancerError>(Type: new () => M, message: () => string) =>
  async (blocker: LoadBalancerFact, { request, group }: BlockerFacts): Promise<M> =>
    blockerMemberFrom<LoadBalancerError>(Type, blocker, message(), {
      ...(await loadBalancerContext(request.scalingGroupId, group)),
      loadBalancerId: blocker.loadBalancerId,
    }) as M;

/**
 * The one table of AttachInstances' outcomes: for each code of the API's error table (plus the
 * client's `OutcomeUnknown`), the `AttachInstancesResult` member it becomes, how an upstream answer
 * builds it (`context`: IDs parsed from the message where Alibaba names the resource, taken from
 * the request, or read through the request's loaders), and, for a code the preflight reports, how
 * a blocker builds it from the blocker's own facts (`blocker`, with ESS's order of checks).
 * `InvalidParameter` is modeled for its Entrusted variant only; any other stays an `UpstreamError`.
 * The union's members, the modeled codes and the blocker subset are all derived from it.
 */
export const ATTACH_OUTCOME_TABLE = {
  [WIRE_ERRORS.scalingGroupNotFound.code]: SHARED_FAILURE_ROWS[WIRE_ERRORS.scalingGroupNotFound.code],
  [WIRE_ERRORS.forbiddenUnauthorized.code]: SHARED_FAILURE_ROWS[WIRE_ERRORS.forbiddenUnauthorized.code],
  [WIRE_ERRORS.incorrectScalingGroupStatus.code]: SHARED_FAILURE_ROWS[WIRE_ERRORS.incorrectScalingGroupStatus.code],
  [WIRE_ERRORS.instanceNotFound.code]: SHARED_FAILURE_ROWS[WIRE_ERRORS.instanceNotFound.code],
  [WIRE_ERRORS.instanceRegionMismatch.code]: {
    member: InstanceRegionMismatchError,
    context: ({ code, error, instanceId, request }: FailureFacts) =>
      userFacingErrorFrom(InstanceRegionMismatchError, code, error, { instanceId, scalingGroupRegionId: request.regionId }),
    blocker: {
      checkOrder: 11,
      member: (blocker: InstanceFact, { request }: BlockerFacts) =>
        blockerMemberFrom(InstanceRegionMismatchError, blocker, WIRE_ERRORS.instanceRegionMismatch.message(blocker.instanceId), {
          instanceId: blocker.instanceId,
          scalingGroupRegionId: request.regionId,
        }),
    },
  },
  [WIRE_ERRORS.instanceTypeMismatch.code]: {
    member: InstanceTypeMismatchError,
    context: ({ code, error, instanceId }: FailureFacts) => userFacingErrorFrom(InstanceTypeMismatchError, code, error, { instanceId }),
    blocker: {
      checkOrder: 16,
      member: (blocker: InstanceFact) =>
        blockerMemberFrom(InstanceTypeMismatchError, blocker, WIRE_ERRORS.instanceTypeMismatch.message(blocker.instanceId), {
          instanceId: blocker.instanceId,
        }),
    },
  },
  [WIRE_ERRORS.incorrectInstanceStatus.code]: {
    member: InstanceNotRunningError,
    context: ({ code, error, instanceId }: FailureFacts) => userFacingErrorFrom(InstanceNotRunningError, code, error, { instanceId }),
    blocker: {
      checkOrder: 12,
      member: (blocker: InstanceFact) =>
        blockerMemberFrom(InstanceNotRunningError, blocker, WIRE_ERRORS.incorrectInstanceStatus.message(blocker.instanceId), {
          instanceId: blocker.instanceId,
        }),
    },
  },
  [WIRE_ERRORS.instanceNetworkTypeMismatch.code]: {
    member: InstanceNetworkTypeMismatchError,
    context: ({ code, error, instanceId }: FailureFacts) =>
      userFacingErrorFrom(InstanceNetworkTypeMismatchError, code, error, { instanceId }),
    blocker: {
      checkOrder: 13,
      member: (blocker: InstanceFact) =>
        blockerMemberFrom(InstanceNetworkTypeMismatchError, blocker, WIRE_ERRORS.instanceNetworkTypeMismatch.message(blocker.instanceId), {
          instanceId: blocker.instanceId,
        }),
    },
  },
  [WIRE_ERRORS.instanceVpcMismatch.code]: {
    member: InstanceVpcMismatchError,
    context: async ({ code, error, instanceId, group }: FailureFacts) =>
      userFacingErrorFrom(InstanceVpcMismatchError, code, error, { instanceId, scalingGroupVpcId: (await group())?.vpcId ?? null }),
    blocker: {
      checkOrder: 14,
      member: async (blocker: InstanceFact, { group }: BlockerFacts) =>
        blockerMemberFrom(InstanceVpcMismatchError, blocker, WIRE_ERRORS.instanceVpcMismatch.message(blocker.instanceId), {
          instanceId: blocker.instanceId,
          scalingGroupVpcId: (await group())?.vpcId ?? null,
        }),
    },
  },
  [WIRE_ERRORS.instanceInUse.code]: {
    member: InstanceInUseError,
    context: (facts: FailureFacts) => instanceInUse(facts),
    blocker: {
      checkOrder: 15,
      member: (blocker: InstanceBlocker, { request }: BlockerFacts) =>
        withInUseMessage(
          blockerMemberFrom(InstanceInUseError, blocker, WIRE_ERRORS.instanceInUse.message(blocker.instanceId), {
            instanceId: blocker.instanceId,
            currentScalingGroupId: blocker.scalingGroupId ?? null,
          }),
          request.scalingGroupId,
        ),
    },
  },
  [WIRE_ERRORS.scalingActivityInProgress.code]: SHARED_FAILURE_ROWS[WIRE_ERRORS.scalingActivityInProgress.code],
  [WIRE_ERRORS.incorrectLoadBalancerStatus.code]: SHARED_FAILURE_ROWS[WIRE_ERRORS.incorrectLoadBalancerStatus.code],
  [WIRE_ERRORS.incorrectLoadBalancerHealthCheck.code]: {
    member: LoadBalancerHealthCheckOffError,
    context: async ({ code, error, request, group }: FailureFacts) =>
      userFacingErrorFrom(LoadBalancerHealthCheckOffError, code, error, await loadBalancerContext(request.scalingGroupId, group)),
    blocker: {
      checkOrder: 6,
      member: loadBalancerBlocker(LoadBalancerHealthCheckOffError, WIRE_ERRORS.incorrectLoadBalancerHealthCheck.message),
    },
  },
  [WIRE_ERRORS.loadBalancerNetworkTypeMismatch.code]: {
    member: LoadBalancerNetworkTypeMismatchError,
    context: async ({ code, error, request, group }: FailureFacts) =>
      userFacingErrorFrom(LoadBalancerNetworkTypeMismatchError, code, error, await loadBalancerContext(request.scalingGroupId, group)),
    blocker: {
      checkOrder: 7,
      member: loadBalancerBlocker(LoadBalancerNetworkTypeMismatchError, WIRE_ERRORS.loadBalancerNetworkTypeMismatch.message),
    },
  },
  [WIRE_ERRORS.loadBalancerVpcMismatch.code]: {
    member: LoadBalancerVpcMismatchError,
    context: async ({ code, error, request, group }: FailureFacts) =>
      userFacingErrorFrom(LoadBalancerVpcMismatchError, code, error, await loadBalancerContext(request.scalingGroupId, group)),
    blocker: { checkOrder: 8, member: loadBalancerBlocker(LoadBalancerVpcMismatchError, WIRE_ERRORS.loadBalancerVpcMismatch.message) },
  },
  [WIRE_ERRORS.incorrectDbInstanceStatus.code]: SHARED_FAILURE_ROWS[WIRE_ERRORS.incorrectDbInstanceStatus.code],
  [WIRE_ERRORS.dbSecurityIpQuotaExceeded.code]: {
    member: DbInstanceSecurityIpQuotaExceededError,
    context: ({ code, error, request }: FailureFacts) =>
      userFacingErrorFrom(DbInstanceSecurityIpQuotaExceededError, code, error, {
        scalingGroupId: request.scalingGroupId,
        dbInstanceId: dbInstanceIdNamedBy(error.message),
      }),
    blocker: {
      checkOrder: 20,
      member: (blocker: { code: string; dbInstanceId: string }, { request }: BlockerFacts) =>
        blockerMemberFrom(
          DbInstanceSecurityIpQuotaExceededError,
          blocker,
          WIRE_ERRORS.dbSecurityIpQuotaExceeded.message(blocker.dbInstanceId),
          {
            scalingGroupId: request.scalingGroupId,
            dbInstanceId: blocker.dbInstanceId,
          },
        ),
    },
  },
  [WIRE_ERRORS.securityGroupQuotaExceeded.code]: {
    member: SecurityGroupInstanceQuotaExceededError,
    context: async ({ code, error, request, group, context }: FailureFacts) =>
      userFacingErrorFrom(SecurityGroupInstanceQuotaExceededError, code, error, {
        scalingGroupId: request.scalingGroupId,
        securityGroupId: await activeSecurityGroupOf(await group(), context),
      }),
    blocker: {
      checkOrder: 19,
      member: (blocker: { code: string; securityGroupId: string }, { request }: BlockerFacts) =>
        blockerMemberFrom(SecurityGroupInstanceQuotaExceededError, blocker, WIRE_ERRORS.securityGroupQuotaExceeded.message(), {
          scalingGroupId: request.scalingGroupId,
          securityGroupId: blocker.securityGroupId,
        }),
    },
  },
  [WIRE_ERRORS.incorrectCapacityMaxSize.code]: {
    member: MaxSizeExceededError,
    context: async ({ code, error, request, group }: FailureFacts) => {
      const current = await group();
      return userFacingErrorFrom(MaxSizeExceededError, code, error, {
        scalingGroupId: request.scalingGroupId,
        maxSize: current?.maxSize ?? null,
        totalCapacity: current?.totalCapacity ?? null,
        requested: request.instanceIds.length,
      });
    },
    blocker: {
      checkOrder: 18,
      member: (blocker: { code: string; maxSize: number; totalCapacity: number; requested: number }, { request }: BlockerFacts) =>
        blockerMemberFrom(MaxSizeExceededError, blocker, WIRE_ERRORS.incorrectCapacityMaxSize.message(), {
          scalingGroupId: request.scalingGroupId,
          maxSize: blocker.maxSize,
          totalCapacity: blocker.totalCapacity,
          requested: blocker.requested,
        }),
    },
  },
  [WIRE_ERRORS.idempotentParameterMismatch.code]: SHARED_FAILURE_ROWS[WIRE_ERRORS.idempotentParameterMismatch.code],
  [WIRE_ERRORS.entrustedPrePaid.code]: {
    member: EntrustedNotAllowedError,
    context: ({ code, error, instanceId }: FailureFacts) =>
      /\bEntrusted\b/.test(error.message)
        ? userFacingErrorFrom(EntrustedNotAllowedError, code, error, { instanceId })
        : unmodeledUpstreamError(error),
    blocker: {
      checkOrder: 17,
      member: (blocker: InstanceFact) =>
        blockerMemberFrom(EntrustedNotAllowedError, blocker, WIRE_ERRORS.entrustedPrePaid.message(blocker.instanceId), {
          instanceId: blocker.instanceId,
        }),
    },
  },
  [TransportErrorCode.OutcomeUnknown]: SHARED_FAILURE_ROWS[TransportErrorCode.OutcomeUnknown],
} as const satisfies OutcomeRowsOf<AttachOutcomeCode, AttachBlockerFact>;

/** Every member an AttachInstances failure can map to through the table, in the table's (the schema's) order. */
export const ATTACH_OUTCOME_MEMBERS = outcomeMembersOf(ATTACH_OUTCOME_TABLE);

export type AttachOutcomeMember = OutcomeMemberOf<typeof ATTACH_OUTCOME_TABLE>;

/** The members a preflight blocker with an ESS code can be, in ESS's order of checks. */
export const ATTACH_BLOCKER_OUTCOME_MEMBERS = blockerMembersOf(ATTACH_OUTCOME_TABLE);

export type AttachBlockerOutcomeMember = BlockerMemberOf<typeof ATTACH_OUTCOME_TABLE>;

/**
 * `InvalidInstanceId.InUse` with the group the instance is in now, read through the request's
 * loaders (the preflight has it cached). ESS says "another scaling group" even when it is this one.
 */
async function instanceInUse({ code, error, request, instanceId, context }: FailureFacts): Promise<InstanceInUseError> {
  const member = userFacingErrorFrom(InstanceInUseError, code, error, { instanceId, currentScalingGroupId: null });
  if (instanceId === null) return member;
  try {
    member.currentScalingGroupId =
      (await context.loaders.scalingInstanceMembership.load({ regionId: request.regionId, id: instanceId }))?.scalingGroupId ?? null;
  } catch (readError) {
    context.logger.warn("could not read the membership of an instance to describe an AttachInstances failure", {
      instanceId,
      error: readError,
    });
  }
  return withInUseMessage(member, request.scalingGroupId);
}

/** Says which group holds the instance when that is known, instead of ESS's "another scaling group". */
function withInUseMessage(member: InstanceInUseError, scalingGroupId: string): InstanceInUseError {
  if (member.currentScalingGroupId === scalingGroupId) {
    member.message = `Instance "${member.instanceId}" is already in this scaling group (${scalingGroupId}): there is nothing to attach.`;
  } else if (member.currentScalingGroupId !== null) {
    member.message = `Instance "${member.instanceId}" is already in scaling group ${member.currentScalingGroupId}. Detach it from there first.`;
  }
  return member;
}

async function activeSecurityGroupOf(group: UpstreamScalingGroup | null, context: GatewayContext): Promise<string | null> {
  if (group === null || group.activeScalingConfigurationId === null) return null;
  try {
    // Through the request's loader: the configuration may be cached already.
    const configuration = await context.loaders.scalingConfiguration.load({
      regionId: group.regionId,
      id: group.activeScalingConfigurationId,
    });
    return configuration?.securityGroupId ?? null;
  } catch (error) {
    context.logger.warn("could not read the active scaling configuration to describe an AttachInstances failure", {
      scalingGroupId: group.scalingGroupId,
      error,
    });
    return null;
  }
}
