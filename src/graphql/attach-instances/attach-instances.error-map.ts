import { TransportErrorCode, type UpstreamError } from "../../upstream/upstream.error";
import type { UpstreamScalingGroup } from "../../upstream/upstream.types";
import type { GatewayContext } from "../gateway.context";
import {
  dbInstanceIdNamedBy,
  failureMapperOf,
  modeledCodesOf,
  unmodeledUpstreamError,
  type FailedMutationRequest,
  type FailureFacts,
} from "../common/mutation-failure.table";
import { userFacingErrorFrom } from "../common/upstream-user-facing-error";
import type { AttachInstancesFailure } from "./attach-instances.result";
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
  LoadBalancerHealthCheckOffError,
  LoadBalancerNetworkTypeMismatchError,
  LoadBalancerVpcMismatchError,
} from "./load-balancer.errors";
import { SecurityGroupInstanceQuotaExceededError } from "./request.errors";
import { MaxSizeExceededError } from "./scaling-group.errors";
import { loadBalancerContext, SHARED_FAILURE_ROWS } from "./shared-failure.rows";

export { dbInstanceIdNamedBy, instanceIdNamedBy } from "../common/mutation-failure.table";

/** What the mapper knows about the request that failed. */
export type FailedAttachRequest = FailedMutationRequest;

/**
 * The one exhaustive code → member table of `AttachInstancesResult`: the 19 codes of the
 * AttachInstances error table, `IdempotentParameterMismatch`, `InvalidParameter` (whose Entrusted
 * variant has its own member; any other `InvalidParameter` stays an `UpstreamError`), and the
 * client's `OutcomeUnknown`. Rows whose code means the same for DetachInstances come from
 * `SHARED_FAILURE_ROWS`.
 *
 * Members carry the IDs a UI needs: parsed from the upstream message where Alibaba names the
 * resource (`Instance "i-…"`, `DB instance "rm-…"`), taken from the request, or read from the
 * scaling group through the request's loader. A failed read leaves those fields null.
 */
const ATTACH_INSTANCES_FAILURE_TABLE = {
  "InvalidScalingGroupId.NotFound": SHARED_FAILURE_ROWS["InvalidScalingGroupId.NotFound"],
  "Forbidden.Unauthorized": SHARED_FAILURE_ROWS["Forbidden.Unauthorized"],
  IncorrectScalingGroupStatus: SHARED_FAILURE_ROWS.IncorrectScalingGroupStatus,
  "InvalidInstanceId.NotFound": SHARED_FAILURE_ROWS["InvalidInstanceId.NotFound"],
  "InvalidInstanceId.RegionMismatch": ({ code, error, instanceId, request }: FailureFacts) =>
    userFacingErrorFrom(InstanceRegionMismatchError, code, error, { instanceId, scalingGroupRegionId: request.regionId }),
  "InvalidInstanceId.InstanceTypeMismatch": ({ code, error, instanceId }: FailureFacts) =>
    userFacingErrorFrom(InstanceTypeMismatchError, code, error, { instanceId }),
  IncorrectInstanceStatus: ({ code, error, instanceId }: FailureFacts) => userFacingErrorFrom(InstanceNotRunningError, code, error, { instanceId }),
  "InvalidInstanceId.NetworkTypeMismatch": ({ code, error, instanceId }: FailureFacts) =>
    userFacingErrorFrom(InstanceNetworkTypeMismatchError, code, error, { instanceId }),
  "InvalidInstanceId.VPCMismatch": async ({ code, error, instanceId, group }: FailureFacts) =>
    userFacingErrorFrom(InstanceVpcMismatchError, code, error, { instanceId, scalingGroupVpcId: (await group())?.vpcId ?? null }),
  "InvalidInstanceId.InUse": (facts: FailureFacts) => instanceInUse(facts),
  ScalingActivityInProgress: SHARED_FAILURE_ROWS.ScalingActivityInProgress,
  IncorrectLoadBalancerStatus: SHARED_FAILURE_ROWS.IncorrectLoadBalancerStatus,
  IncorrectLoadBalancerHealthCheck: async ({ code, error, request, group }: FailureFacts) =>
    userFacingErrorFrom(LoadBalancerHealthCheckOffError, code, error, await loadBalancerContext(request.scalingGroupId, group)),
  "InvalidLoadBalancerId.IncorrectInstanceNetworkType": async ({ code, error, request, group }: FailureFacts) =>
    userFacingErrorFrom(LoadBalancerNetworkTypeMismatchError, code, error, await loadBalancerContext(request.scalingGroupId, group)),
  "InvalidLoadBalancerId.VPCMismatch": async ({ code, error, request, group }: FailureFacts) =>
    userFacingErrorFrom(LoadBalancerVpcMismatchError, code, error, await loadBalancerContext(request.scalingGroupId, group)),
  IncorrectDBInstanceStatus: SHARED_FAILURE_ROWS.IncorrectDBInstanceStatus,
  "QuotaExceeded.DBInstanceSecurityIP": ({ code, error, request }: FailureFacts) =>
    userFacingErrorFrom(DbInstanceSecurityIpQuotaExceededError, code, error, {
      scalingGroupId: request.scalingGroupId,
      dbInstanceId: dbInstanceIdNamedBy(error.message),
    }),
  "QuotaExceeded.SecurityGroupInstance": async ({ code, error, request, group, context }: FailureFacts) =>
    userFacingErrorFrom(SecurityGroupInstanceQuotaExceededError, code, error, {
      scalingGroupId: request.scalingGroupId,
      securityGroupId: await activeSecurityGroupOf(await group(), context),
    }),
  "IncorrectCapacity.MaxSize": async ({ code, error, request, group }: FailureFacts) => {
    const current = await group();
    return userFacingErrorFrom(MaxSizeExceededError, code, error, {
      scalingGroupId: request.scalingGroupId,
      maxSize: current?.maxSize ?? null,
      totalCapacity: current?.totalCapacity ?? null,
      requested: request.instanceIds.length,
    });
  },
  IdempotentParameterMismatch: SHARED_FAILURE_ROWS.IdempotentParameterMismatch,
  InvalidParameter: ({ code, error, instanceId }: FailureFacts) =>
    /\bEntrusted\b/.test(error.message) ? userFacingErrorFrom(EntrustedNotAllowedError, code, error, { instanceId }) : unmodeledUpstreamError(error),
  [TransportErrorCode.OutcomeUnknown]: SHARED_FAILURE_ROWS[TransportErrorCode.OutcomeUnknown],
} as const;

/** The upstream codes `AttachInstancesResult` models. */
export const MODELED_ATTACH_INSTANCES_CODES = modeledCodesOf(ATTACH_INSTANCES_FAILURE_TABLE);

export type ModeledAttachInstancesCode = keyof typeof ATTACH_INSTANCES_FAILURE_TABLE;

/**
 * Maps a failed AttachInstances call to its union member through the table; a code the schema does
 * not model becomes `UpstreamError`. Every member says which token to retry with (MutationError).
 */
export const attachInstancesFailureFrom: (error: UpstreamError, request: FailedAttachRequest, context: GatewayContext) => Promise<AttachInstancesFailure> =
  failureMapperOf("AttachInstances", ATTACH_INSTANCES_FAILURE_TABLE);

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
    context.logger.warn("could not read the membership of an instance to describe an AttachInstances failure", { instanceId, error: readError });
  }
  if (member.currentScalingGroupId === request.scalingGroupId) {
    member.message = `Instance "${instanceId}" is already in this scaling group (${request.scalingGroupId}): there is nothing to attach.`;
  } else if (member.currentScalingGroupId !== null) {
    member.message = `Instance "${instanceId}" is already in scaling group ${member.currentScalingGroupId}. Detach it from there first.`;
  }
  return member;
}

async function activeSecurityGroupOf(group: UpstreamScalingGroup | null, context: GatewayContext): Promise<string | null> {
  if (group === null || group.activeScalingConfigurationId === null) return null;
  try {
    // Through the request's loader: the preflight maps this code too, and has the configuration cached.
    const configuration = await context.loaders.scalingConfiguration.load({ regionId: group.regionId, id: group.activeScalingConfigurationId });
    return configuration?.securityGroupId ?? null;
  } catch (error) {
    context.logger.warn("could not read the active scaling configuration to describe an AttachInstances failure", {
      scalingGroupId: group.scalingGroupId,
      error,
    });
    return null;
  }
}
