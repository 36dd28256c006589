import { isDefiniteAnswer } from "../../upstream/mutation-outcome.settler";
import { TransportErrorCode, UpstreamError } from "../../upstream/upstream.error";
import type { UpstreamScalingGroup } from "../../upstream/upstream.types";
import type { GatewayContext } from "../../server/context";
import { UnmodeledUpstreamError } from "../common/upstream-error.type";
import { userFacingErrorFrom } from "../common/upstream-user-facing-error";
import { scalingGroupLifecycleStateOrNull } from "../scaling-group/scaling-group-lifecycle-state.enum";
import { AttachOutcomeUnknownError } from "./attach-outcome-unknown.error";
import type { AttachInstancesFailure } from "./attach-instances.result";
import { DbInstanceNotRunningError, DbInstanceSecurityIpQuotaExceededError } from "./db-instance.errors";
import {
  EntrustedNotAllowedError,
  InstanceInUseError,
  InstanceNetworkTypeMismatchError,
  InstanceNotFoundError,
  InstanceNotRunningError,
  InstanceRegionMismatchError,
  InstanceTypeMismatchError,
  InstanceVpcMismatchError,
} from "./instance.errors";
import {
  LoadBalancerHealthCheckOffError,
  LoadBalancerNetworkTypeMismatchError,
  LoadBalancerNotActiveError,
  LoadBalancerVpcMismatchError,
} from "./load-balancer.errors";
import { EssNotAuthorizedError, IdempotentParameterMismatchError, SecurityGroupInstanceQuotaExceededError } from "./request.errors";
import {
  MaxSizeExceededError,
  ScalingActivityInProgressError,
  ScalingGroupNotActiveError,
  ScalingGroupNotFoundError,
} from "./scaling-group.errors";

/**
 * The upstream codes `AttachInstancesResult` models: the 19 codes of the AttachInstances error
 * table, `IdempotentParameterMismatch`, `InvalidParameter` (whose Entrusted variant has its own
 * member; any other `InvalidParameter` stays an `UpstreamError`), and the client's `OutcomeUnknown`.
 */
export const MODELED_ATTACH_INSTANCES_CODES = [
  "InvalidScalingGroupId.NotFound",
  "Forbidden.Unauthorized",
  "IncorrectScalingGroupStatus",
  "InvalidInstanceId.NotFound",
  "InvalidInstanceId.RegionMismatch",
  "InvalidInstanceId.InstanceTypeMismatch",
  "IncorrectInstanceStatus",
  "InvalidInstanceId.NetworkTypeMismatch",
  "InvalidInstanceId.VPCMismatch",
  "InvalidInstanceId.InUse",
  "ScalingActivityInProgress",
  "IncorrectLoadBalancerStatus",
  "IncorrectLoadBalancerHealthCheck",
  "InvalidLoadBalancerId.IncorrectInstanceNetworkType",
  "InvalidLoadBalancerId.VPCMismatch",
  "IncorrectDBInstanceStatus",
  "QuotaExceeded.DBInstanceSecurityIP",
  "QuotaExceeded.SecurityGroupInstance",
  "IncorrectCapacity.MaxSize",
  "IdempotentParameterMismatch",
  "InvalidParameter",
  TransportErrorCode.OutcomeUnknown,
] as const;

export type ModeledAttachInstancesCode = (typeof MODELED_ATTACH_INSTANCES_CODES)[number];

/** What the mapper knows about the request that failed. */
export interface FailedAttachRequest {
  regionId: string;
  scalingGroupId: string;
  instanceIds: string[];
  /** The token the call was sent with; null for a preflight, which sends nothing. */
  clientToken: string | null;
}

/**
 * Maps a failed AttachInstances call to its union member: the one exhaustive code → member table.
 *
 * Members carry the IDs a UI needs: parsed from the upstream message where Alibaba names the
 * resource (`Instance "i-…"`, `DB instance "rm-…"`), taken from the request, or read from the
 * scaling group through the request's loader. A failed read leaves those fields null; mapping
 * itself never fails. A code the schema does not model becomes `UpstreamError`.
 */
export async function attachInstancesFailureFrom(
  error: UpstreamError,
  request: FailedAttachRequest,
  context: GatewayContext,
): Promise<AttachInstancesFailure> {
  // Every member says which token to retry with (MutationError).
  return Object.assign(await memberFor(error, request, context), { clientToken: request.clientToken });
}

async function memberFor(error: UpstreamError, request: FailedAttachRequest, context: GatewayContext): Promise<AttachInstancesFailure> {
  // The documentation prints some codes with a stray space ("InvalidInstanceId. RegionMismatch").
  const code = error.code.replace(/\s+/g, "");
  if (!isModeledCode(code)) return unmodeled(error);

  const group = lazyScalingGroup(request, context);
  const { scalingGroupId } = request;
  const instanceId = instanceIdNamedBy(error.message) ?? onlyInstanceOf(request);
  switch (code) {
    case "InvalidScalingGroupId.NotFound":
      return userFacingErrorFrom(ScalingGroupNotFoundError, code, error, { scalingGroupId, regionId: request.regionId });
    case "Forbidden.Unauthorized":
      return userFacingErrorFrom(EssNotAuthorizedError, code, error, {});
    case "IncorrectScalingGroupStatus": {
      const state = (await group())?.lifecycleState;
      return userFacingErrorFrom(ScalingGroupNotActiveError, code, error, {
        scalingGroupId,
        lifecycleState: state === undefined ? null : scalingGroupLifecycleStateOrNull(state),
      });
    }
    case "InvalidInstanceId.NotFound":
      return userFacingErrorFrom(InstanceNotFoundError, code, error, { instanceId });
    case "InvalidInstanceId.RegionMismatch":
      return userFacingErrorFrom(InstanceRegionMismatchError, code, error, { instanceId, scalingGroupRegionId: request.regionId });
    case "InvalidInstanceId.InstanceTypeMismatch":
      return userFacingErrorFrom(InstanceTypeMismatchError, code, error, { instanceId });
    case "IncorrectInstanceStatus":
      return userFacingErrorFrom(InstanceNotRunningError, code, error, { instanceId });
    case "InvalidInstanceId.NetworkTypeMismatch":
      return userFacingErrorFrom(InstanceNetworkTypeMismatchError, code, error, { instanceId });
    case "InvalidInstanceId.VPCMismatch":
      return userFacingErrorFrom(InstanceVpcMismatchError, code, error, {
        instanceId,
        scalingGroupVpcId: (await group())?.vpcId ?? null,
      });
    case "InvalidInstanceId.InUse":
      return instanceInUse(error, request, instanceId, context);
    case "ScalingActivityInProgress":
      return userFacingErrorFrom(ScalingActivityInProgressError, code, error, { scalingGroupId });
    case "IncorrectLoadBalancerStatus":
      return userFacingErrorFrom(LoadBalancerNotActiveError, code, error, await loadBalancerContext());
    case "IncorrectLoadBalancerHealthCheck":
      return userFacingErrorFrom(LoadBalancerHealthCheckOffError, code, error, await loadBalancerContext());
    case "InvalidLoadBalancerId.IncorrectInstanceNetworkType":
      return userFacingErrorFrom(LoadBalancerNetworkTypeMismatchError, code, error, await loadBalancerContext());
    case "InvalidLoadBalancerId.VPCMismatch":
      return userFacingErrorFrom(LoadBalancerVpcMismatchError, code, error, await loadBalancerContext());
    case "IncorrectDBInstanceStatus":
      return userFacingErrorFrom(DbInstanceNotRunningError, code, error, dbInstanceContext());
    case "QuotaExceeded.DBInstanceSecurityIP":
      return userFacingErrorFrom(DbInstanceSecurityIpQuotaExceededError, code, error, dbInstanceContext());
    case "QuotaExceeded.SecurityGroupInstance":
      return userFacingErrorFrom(SecurityGroupInstanceQuotaExceededError, code, error, {
        scalingGroupId,
        securityGroupId: await activeSecurityGroupOf(await group(), context),
      });
    case "IncorrectCapacity.MaxSize": {
      const current = await group();
      return userFacingErrorFrom(MaxSizeExceededError, code, error, {
        scalingGroupId,
        maxSize: current?.maxSize ?? null,
        totalCapacity: current?.totalCapacity ?? null,
        requested: request.instanceIds.length,
      });
    }
    case "IdempotentParameterMismatch":
      return userFacingErrorFrom(IdempotentParameterMismatchError, code, error, { clientToken: request.clientToken });
    case TransportErrorCode.OutcomeUnknown:
      return userFacingErrorFrom(AttachOutcomeUnknownError, code, error, {
        clientToken: request.clientToken,
        scalingGroupId,
        instanceIds: request.instanceIds,
        lastUpstreamCode: error.cause instanceof UpstreamError ? error.cause.code : null,
        retryable: true,
      });
    case "InvalidParameter":
      return /\bEntrusted\b/.test(error.message)
        ? userFacingErrorFrom(EntrustedNotAllowedError, code, error, { instanceId })
        : unmodeled(error);
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }

  async function loadBalancerContext(): Promise<{ scalingGroupId: string; loadBalancerIds: string[]; loadBalancerId: null }> {
    return { scalingGroupId, loadBalancerIds: (await group())?.loadBalancerIds ?? [], loadBalancerId: null };
  }

  function dbInstanceContext(): { scalingGroupId: string; dbInstanceId: string | null } {
    return { scalingGroupId, dbInstanceId: dbInstanceIdNamedBy(error.message) };
  }
}

/**
 * A code the schema does not model. `retryable` says whether sending the same mutation (with its
 * token) again may succeed: always, unless ESS gave a definite refusal that a retry would repeat.
 */
function unmodeled(error: UpstreamError): UnmodeledUpstreamError {
  const member = UnmodeledUpstreamError.from(error);
  member.retryable = error.retryable || !isDefiniteAnswer(error.code);
  return member;
}

/**
 * `InvalidInstanceId.InUse` with the group the instance is in now, read through the request's
 * loaders (the preflight has it cached). ESS says "another scaling group" even when it is this one.
 */
async function instanceInUse(
  error: UpstreamError,
  request: FailedAttachRequest,
  instanceId: string | null,
  context: GatewayContext,
): Promise<InstanceInUseError> {
  const member = userFacingErrorFrom(InstanceInUseError, "InvalidInstanceId.InUse", error, { instanceId, currentScalingGroupId: null });
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

function isModeledCode(code: string): code is ModeledAttachInstancesCode {
  return (MODELED_ATTACH_INSTANCES_CODES as readonly string[]).includes(code);
}

// Alibaba's messages quote IDs with straight quotes; its documentation shows curly ones. They say
// `Instance "i-…"` or `… of instance "i-…"`; `DB instance "rm-…"` is an RDS instance, not this.
const INSTANCE_NAMED = /(?<!DB )\binstance\s+["“]([^"”]+)["”]/i;
const DB_INSTANCE_NAMED = /\bDB instance\s+["“]([^"”]+)["”]/i;
const QUOTED_ECS_INSTANCE = /["“]((?:i|eci|mi)-[^"”]+)["”]/;

/** The instance an upstream message names (`Instance "i-…" does not exist.`), if any. */
export function instanceIdNamedBy(message: string): string | null {
  return INSTANCE_NAMED.exec(message)?.[1] ?? QUOTED_ECS_INSTANCE.exec(message)?.[1] ?? null;
}

/** The RDS instance an upstream message names (`… DB instance "rm-…" …`), if any. */
export function dbInstanceIdNamedBy(message: string): string | null {
  return DB_INSTANCE_NAMED.exec(message)?.[1] ?? null;
}

function onlyInstanceOf(request: FailedAttachRequest): string | null {
  return request.instanceIds.length === 1 ? request.instanceIds[0] : null;
}

/** Reads the target group at most once, and only for codes whose member needs it. */
function lazyScalingGroup(request: FailedAttachRequest, context: GatewayContext): () => Promise<UpstreamScalingGroup | null> {
  let pending: Promise<UpstreamScalingGroup | null> | undefined;
  return () => {
    pending ??= context.loaders.scalingGroup.load({ regionId: request.regionId, id: request.scalingGroupId }).catch((error: unknown) => {
      context.logger.warn("could not read the scaling group to describe an AttachInstances failure", {
        scalingGroupId: request.scalingGroupId,
        error,
      });
      return null;
    });
    return pending;
  };
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
