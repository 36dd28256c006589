import { createUnionType } from "type-graphql";
import { AccessDeniedError } from "../access/access-denied.error";
import { InputValidationError } from "../common/input-validation-error.type";
import { DbInstanceNotRunningError, DbInstanceSecurityIpQuotaExceededError } from "../attach-instances/db-instance.errors";
import {
  EntrustedNotAllowedError,
  InstanceInUseError,
  InstanceNetworkTypeMismatchError,
  InstanceNotFoundError,
  InstanceNotRunningError,
  InstanceRegionMismatchError,
  InstanceTypeMismatchError,
  InstanceVpcMismatchError,
} from "../attach-instances/instance.errors";
import {
  LoadBalancerHealthCheckOffError,
  LoadBalancerNetworkTypeMismatchError,
  LoadBalancerNotActiveError,
  LoadBalancerVpcMismatchError,
} from "../attach-instances/load-balancer.errors";
import { EssNotAuthorizedError, SecurityGroupInstanceQuotaExceededError } from "../attach-instances/request.errors";
import {
  MaxSizeExceededError,
  ScalingActivityInProgressError,
  ScalingGroupNotActiveError,
  ScalingGroupNotFoundError,
} from "../attach-instances/scaling-group.errors";

/**
 * The members a preflight blocker can be: exactly the `AttachInstancesResult` error members that a
 * state of the cloud (rather than a retry or an unknown code) causes, so one UI component renders
 * both the preflight and the mutation's answer.
 */
export const ATTACH_BLOCKER_TYPES = [
  InputValidationError,
  AccessDeniedError,
  EssNotAuthorizedError,
  ScalingGroupNotFoundError,
  ScalingGroupNotActiveError,
  ScalingActivityInProgressError,
  LoadBalancerNotActiveError,
  LoadBalancerHealthCheckOffError,
  LoadBalancerNetworkTypeMismatchError,
  LoadBalancerVpcMismatchError,
  DbInstanceNotRunningError,
  InstanceNotFoundError,
  InstanceRegionMismatchError,
  InstanceNotRunningError,
  InstanceNetworkTypeMismatchError,
  InstanceVpcMismatchError,
  InstanceInUseError,
  InstanceTypeMismatchError,
  EntrustedNotAllowedError,
  MaxSizeExceededError,
  SecurityGroupInstanceQuotaExceededError,
  DbInstanceSecurityIpQuotaExceededError,
] as const;

export type AttachBlockerMember = InstanceType<(typeof ATTACH_BLOCKER_TYPES)[number]>;

export const AttachBlockerUnion = createUnionType({
  name: "AttachBlocker",
  description:
    "Why AttachInstances would fail: the same typed members (and codes) `attachInstances` returns, so one component renders both. Every member implements `UserFacingError`; `requestId` is null (nothing was sent).",
  types: () => ATTACH_BLOCKER_TYPES,
});

/** Narrows a mutation failure member to a blocker member. */
export function isAttachBlockerMember(value: object): value is AttachBlockerMember {
  return ATTACH_BLOCKER_TYPES.some((type) => value instanceof type);
}
