import { createUnionType } from "type-graphql";
import { InputValidationError } from "../common/input-validation-error.type";
import { UnmodeledUpstreamError } from "../common/upstream-error.type";
import { AttachInstancesSuccess } from "./attach-instances.success";
import { AccessDeniedError } from "../access/access-denied.error";
import { AttachOutcomeUnknownError } from "./attach-outcome-unknown.error";
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

/** The error members of `AttachInstancesResult`, in schema order: one list for the union and its type. */
const ATTACH_INSTANCES_FAILURE_TYPES = [
  InputValidationError,
  ScalingGroupNotFoundError,
  EssNotAuthorizedError,
  ScalingGroupNotActiveError,
  InstanceNotFoundError,
  InstanceRegionMismatchError,
  InstanceTypeMismatchError,
  InstanceNotRunningError,
  InstanceNetworkTypeMismatchError,
  InstanceVpcMismatchError,
  InstanceInUseError,
  ScalingActivityInProgressError,
  LoadBalancerNotActiveError,
  LoadBalancerHealthCheckOffError,
  LoadBalancerNetworkTypeMismatchError,
  LoadBalancerVpcMismatchError,
  DbInstanceNotRunningError,
  DbInstanceSecurityIpQuotaExceededError,
  SecurityGroupInstanceQuotaExceededError,
  MaxSizeExceededError,
  IdempotentParameterMismatchError,
  EntrustedNotAllowedError,
  AttachOutcomeUnknownError,
  AccessDeniedError,
  UnmodeledUpstreamError,
] as const;

/** Every error member of `AttachInstancesResult`, i.e. everything but the success. */
export type AttachInstancesFailure = InstanceType<(typeof ATTACH_INSTANCES_FAILURE_TYPES)[number]>;

export const AttachInstancesResult = createUnionType({
  name: "AttachInstancesResult",
  description:
    "What `attachInstances` returns: the success, or exactly one typed error. Every error implements `UserFacingError`; select `__typename` and `... on UserFacingError { code message requestId }` to handle any of them, including members added later.",
  types: () => [AttachInstancesSuccess, ...ATTACH_INSTANCES_FAILURE_TYPES] as const,
});
