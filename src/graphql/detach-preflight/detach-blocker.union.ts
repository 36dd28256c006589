import { createUnionType } from "type-graphql";
import { AccessDeniedError } from "../access/access-denied.error";
import { DbInstanceNotRunningError } from "../attach-instances/db-instance.errors";
import { InstanceNotFoundError } from "../attach-instances/instance.errors";
import { LoadBalancerNotActiveError } from "../attach-instances/load-balancer.errors";
import { EssNotAuthorizedError } from "../attach-instances/request.errors";
import { ScalingActivityInProgressError, ScalingGroupNotActiveError, ScalingGroupNotFoundError } from "../attach-instances/scaling-group.errors";
import { InputValidationError } from "../common/input-validation-error.type";
import { InstanceNotInScalingGroupError, InstanceNotInServiceError, MinSizeBreachedError } from "../detach-instances/detach-instances.errors";

/**
 * The members a detach preflight blocker can be: exactly the `DetachInstancesResult` error members
 * that a state of the cloud causes, so one UI component renders both the preflight and the answer.
 */
export const DETACH_BLOCKER_TYPES = [
  InputValidationError,
  AccessDeniedError,
  EssNotAuthorizedError,
  ScalingGroupNotFoundError,
  ScalingGroupNotActiveError,
  ScalingActivityInProgressError,
  LoadBalancerNotActiveError,
  DbInstanceNotRunningError,
  InstanceNotFoundError,
  InstanceNotInScalingGroupError,
  InstanceNotInServiceError,
  MinSizeBreachedError,
] as const;

export type DetachBlockerMember = InstanceType<(typeof DETACH_BLOCKER_TYPES)[number]>;

export const DetachBlockerUnion = createUnionType({
  name: "DetachBlocker",
  description:
    "Why DetachInstances would fail: the same typed members (and codes) `detachInstances` returns, so one component renders both. Every member implements `UserFacingError`; `requestId` and `clientToken` are null (nothing was sent).",
  types: () => DETACH_BLOCKER_TYPES,
});

/** Narrows a mutation failure member to a blocker member. */
export function isDetachBlockerMember(value: object): value is DetachBlockerMember {
  return DETACH_BLOCKER_TYPES.some((type) => value instanceof type);
}
