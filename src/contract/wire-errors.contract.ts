/**
 * The API errors of the ESS wire contract, each with its HTTP status and its message, worded as the
 * API references' error tables (AttachInstances.zh.md; ess-api.md §1.4, §1.5, §2.6, §3.5). The
 * emulator answers with these, and the gateway words a preflight blocker with the message the call
 * would return, so a code's status and wording exist here only.
 *
 * Entries are keyed by meaning, not by code: one code can have several messages
 * (`InvalidInstanceId.NotFound` for an unknown instance and for one outside the group).
 */
export interface WireError<Code extends string, Args extends readonly unknown[]> {
  readonly code: Code;
  readonly httpStatus: number;
  message(...args: Args): string;
}

function wireError<Code extends string, Args extends readonly unknown[] = []>(
  code: Code,
  httpStatus: number,
  message: (...args: Args) => string,
): WireError<Code, Args> {
  return Object.freeze({ code, httpStatus, message });
}

/** What tells DetachInstances' `InvalidInstanceId.NotFound` for a non-member from the one for an unknown instance. */
const NOT_IN_GROUP_PHRASE = "in the specified scaling group";

const invalidParameterMessage = (name: string, detail: string) => `The specified parameter "${name}" is not valid: ${detail}`;

export const WIRE_ERRORS = Object.freeze({
  missingParameter: wireError(
    "MissingParameter",
    400,
    (name: string) => `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
  ),
  invalidParameter: wireError("InvalidParameter", 400, invalidParameterMessage),
  /** `InvalidParameter` for Entrusted requested on a subscription (PrePaid) instance. */
  entrustedPrePaid: wireError("InvalidParameter", 400, (instanceId: string) =>
    invalidParameterMessage("Entrusted", `Entrusted cannot be true for subscription (PrePaid) instance "${instanceId}".`),
  ),
  forbiddenUnauthorized: wireError(
    "Forbidden.Unauthorized",
    403,
    () => "A required authorization for the specified action is not supplied.",
  ),
  idempotentParameterMismatch: wireError(
    "IdempotentParameterMismatch",
    400,
    () => "The specified ClientToken was already used with different request parameters.",
  ),
  scalingGroupNotFound: wireError("InvalidScalingGroupId.NotFound", 404, () => "The specified scaling group does not exist."),
  incorrectScalingGroupStatus: wireError(
    "IncorrectScalingGroupStatus",
    400,
    () => "The current status of the specified scaling group does not support this action.",
  ),
  scalingActivityInProgress: wireError(
    "ScalingActivityInProgress",
    400,
    () =>
      "You cannot delete a scaling group or launch a new scaling activity while there is a scaling activity in progress for the specified scaling group.",
  ),
  incorrectLoadBalancerStatus: wireError(
    "IncorrectLoadBalancerStatus",
    400,
    () => "The current status of the specified load balancer does not support this action.",
  ),
  incorrectLoadBalancerHealthCheck: wireError(
    "IncorrectLoadBalancerHealthCheck",
    400,
    () => "The current health check type of specified load balancer does not support this action.",
  ),
  loadBalancerNetworkTypeMismatch: wireError(
    "InvalidLoadBalancerId.IncorrectInstanceNetworkType",
    400,
    () => "The network type of the instance in specified load balancer does not support this action.",
  ),
  loadBalancerVpcMismatch: wireError(
    "InvalidLoadBalancerId.VPCMismatch",
    400,
    () => "The specified virtual switch and the instance in specified load balancer are not in the same VPC.",
  ),
  incorrectDbInstanceStatus: wireError(
    "IncorrectDBInstanceStatus",
    400,
    (dbInstanceId: string) => `The current status of DB instance "${dbInstanceId}" does not support this action.`,
  ),
  instanceNotFound: wireError("InvalidInstanceId.NotFound", 404, (instanceId: string) => `Instance "${instanceId}" does not exist.`),
  instanceNotInGroup: wireError(
    "InvalidInstanceId.NotFound",
    404,
    (instanceId: string) => `Instance "${instanceId}" does not exist ${NOT_IN_GROUP_PHRASE}.`,
  ),
  instanceRegionMismatch: wireError(
    "InvalidInstanceId.RegionMismatch",
    400,
    (instanceId: string) => `Instance "${instanceId}" and the specified scaling group are not in the same Region.`,
  ),
  incorrectInstanceStatus: wireError(
    "IncorrectInstanceStatus",
    400,
    (instanceId: string) => `The current status of instance "${instanceId}" does not support this action.`,
  ),
  instanceNetworkTypeMismatch: wireError(
    "InvalidInstanceId.NetworkTypeMismatch",
    400,
    (instanceId: string) => `The network type of instance "${instanceId}" does not support this action.`,
  ),
  instanceVpcMismatch: wireError(
    "InvalidInstanceId.VPCMismatch",
    400,
    (instanceId: string) => `Instance "${instanceId}" and the specified scaling group are not in the same VPC.`,
  ),
  instanceInUse: wireError(
    "InvalidInstanceId.InUse",
    400,
    (instanceId: string) => `Instance "${instanceId}" is already attached to another scaling group.`,
  ),
  instanceTypeMismatch: wireError(
    "InvalidInstanceId.InstanceTypeMismatch",
    400,
    (instanceId: string) => `Instance "${instanceId}" and existing active scaling configurations have different instance types.`,
  ),
  incorrectCapacityMaxSize: wireError(
    "IncorrectCapacity.MaxSize",
    400,
    () => "To attach the instances, the total capacity will be greater than the MaxSize.",
  ),
  incorrectCapacityMinSize: wireError(
    "IncorrectCapacity.MinSize",
    400,
    () => "To remove the instances, the total capacity will be lesser than the MinSize.",
  ),
  securityGroupQuotaExceeded: wireError(
    "QuotaExceeded.SecurityGroupInstance",
    400,
    () => "Instance quota exceeded in the specified security group.",
  ),
  dbSecurityIpQuotaExceeded: wireError(
    "QuotaExceeded.DBInstanceSecurityIP",
    400,
    (dbInstanceId: string) => `Security IP quota exceeded in DB instance "${dbInstanceId}".`,
  ),
  loadBalancerNotFound: wireError(
    "InvalidLoadBalancerId.NotFound",
    404,
    (loadBalancerId: string) => `The specified load balancer "${loadBalancerId}" does not exist in this account.`,
  ),
  dbInstanceNotFound: wireError(
    "InvalidDBInstanceId.NotFound",
    404,
    (dbInstanceId: string) => `The specified DB instance "${dbInstanceId}" does not exist in this account.`,
  ),
  lifecycleHookNotFound: wireError(
    "InvalidLifecycleHookId.NotExist",
    404,
    (lifecycleHookId: string) => `The specified lifecycle hook "${lifecycleHookId}" does not exist.`,
  ),
  lifecycleActionTokenNotFound: wireError(
    "InvalidLifecycleActionToken.NotExist",
    404,
    () => "The specified lifecycle action token does not exist for this lifecycle hook.",
  ),
  lifecycleActionNotPending: wireError(
    "IncorrectLifecycleActionStatus",
    400,
    (status: string) => `The lifecycle action is already ${status}; only a Pending lifecycle action can be completed.`,
  ),
  /** ESS's server errors (ess-api.md §3.5): a refinement (`ServiceUnavailable.RegionMaintaining`) keeps the family's meaning. */
  internalError: wireError(
    "InternalError",
    500,
    () => "The request processing has failed due to some unknown error, exception or failure.",
  ),
  /** The plain throttling answer; other throttling codes contain it (`Throttling.User`, `Rejected.Throttling`). */
  throttling: wireError("Throttling", 400, () => "Request was denied due to request throttling."),
  serviceUnavailable: wireError("ServiceUnavailable", 503, () => "The request has failed due to a temporary failure of the server."),
});

/** The code of the entry `Key` of `WIRE_ERRORS` (or the union of their codes), for types that name wire codes. */
export type WireErrorCode<Key extends keyof typeof WIRE_ERRORS> = (typeof WIRE_ERRORS)[Key]["code"];

/**
 * ECS DescribeInstances' answer to an unknown filter value (ess-api.md §2.6): 404, with a code of
 * the filter's own (`InvalidVpcId.NotFound`, …), which the action's filter list names.
 */
export const ECS_FILTER_VALUE_NOT_FOUND = Object.freeze({
  httpStatus: 404,
  message: (name: string, value: string) => `The specified ${name} "${value}" is not valid.`,
});

/** Whether an `InvalidInstanceId.NotFound` message is the one for an instance that exists but is not in the group. */
export function isInstanceNotInGroupMessage(message: string): boolean {
  return new RegExp(`\\b${NOT_IN_GROUP_PHRASE}\\b`, "i").test(message);
}
