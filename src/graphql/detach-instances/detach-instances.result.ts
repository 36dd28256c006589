import { createUnionType } from "type-graphql";
import { AccessDeniedError } from "../access/access-denied.error";
import { AttachOutcomeUnknownError } from "../attach-instances/attach-outcome-unknown.error";
import { DbInstanceNotRunningError } from "../attach-instances/db-instance.errors";
import { InstanceNotFoundError } from "../attach-instances/instance.errors";
import { LoadBalancerNotActiveError } from "../attach-instances/load-balancer.errors";
import { EssNotAuthorizedError, IdempotentParameterMismatchError } from "../attach-instances/request.errors";
import { ScalingActivityInProgressError, ScalingGroupNotActiveError, ScalingGroupNotFoundError } from "../attach-instances/scaling-group.errors";
import { InputValidationError } from "../common/input-validation-error.type";
import { UnmodeledUpstreamError } from "../common/upstream-error.type";
import { DetachInstancesSuccess } from "./detach-instances.success";
import { InstanceNotInScalingGroupError, InstanceNotInServiceError, MinSizeBreachedError } from "./detach-instances.errors";

/**
 * The error members of `DetachInstancesResult`, in ESS's order of checks: one list for the union
 * and its type. Members whose code means the same as for AttachInstances are attach's own classes.
 */
const DETACH_INSTANCES_FAILURE_TYPES = [
  InputValidationError,
  EssNotAuthorizedError,
  IdempotentParameterMismatchError,
  ScalingGroupNotFoundError,
  ScalingGroupNotActiveError,
  ScalingActivityInProgressError,
  LoadBalancerNotActiveError,
  DbInstanceNotRunningError,
  InstanceNotFoundError,
  InstanceNotInScalingGroupError,
  InstanceNotInServiceError,
  MinSizeBreachedError,
  AccessDeniedError,
  AttachOutcomeUnknownError,
  UnmodeledUpstreamError,
] as const;

/** Every error member of `DetachInstancesResult`, i.e. everything but the success. */
export type DetachInstancesFailure = InstanceType<(typeof DETACH_INSTANCES_FAILURE_TYPES)[number]>;

export const DetachInstancesResult = createUnionType({
  name: "DetachInstancesResult",
  description:
    "What `detachInstances` returns: the success, or exactly one typed error. Every error implements `UserFacingError` and `MutationError`; select `__typename` and `... on UserFacingError { code message requestId }` to handle any of them, including members added later.",
  types: () => [DetachInstancesSuccess, ...DETACH_INSTANCES_FAILURE_TYPES] as const,
});
