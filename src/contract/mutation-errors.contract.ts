import { WIRE_ERRORS } from "./wire-errors.contract";

/**
 * The error tables of the two tokened mutations, as the API references list them
 * (AttachInstances.zh.md; docs/detach-rules.md), plus the token's `IdempotentParameterMismatch`.
 * A gateway table keyed by these codes is checked by the compiler to model each of them.
 */
const ATTACH_INSTANCES_ERRORS = Object.freeze([
  WIRE_ERRORS.scalingGroupNotFound,
  WIRE_ERRORS.forbiddenUnauthorized,
  WIRE_ERRORS.incorrectScalingGroupStatus,
  WIRE_ERRORS.instanceNotFound,
  WIRE_ERRORS.instanceRegionMismatch,
  WIRE_ERRORS.instanceTypeMismatch,
  WIRE_ERRORS.incorrectInstanceStatus,
  WIRE_ERRORS.instanceNetworkTypeMismatch,
  WIRE_ERRORS.instanceVpcMismatch,
  WIRE_ERRORS.instanceInUse,
  WIRE_ERRORS.scalingActivityInProgress,
  WIRE_ERRORS.incorrectLoadBalancerStatus,
  WIRE_ERRORS.incorrectLoadBalancerHealthCheck,
  WIRE_ERRORS.loadBalancerNetworkTypeMismatch,
  WIRE_ERRORS.loadBalancerVpcMismatch,
  WIRE_ERRORS.incorrectDbInstanceStatus,
  WIRE_ERRORS.dbSecurityIpQuotaExceeded,
  WIRE_ERRORS.securityGroupQuotaExceeded,
  WIRE_ERRORS.incorrectCapacityMaxSize,
  WIRE_ERRORS.idempotentParameterMismatch,
  WIRE_ERRORS.entrustedPrePaid,
] as const);

export type AttachInstancesWireCode = (typeof ATTACH_INSTANCES_ERRORS)[number]["code"];

const DETACH_INSTANCES_ERRORS = Object.freeze([
  WIRE_ERRORS.forbiddenUnauthorized,
  WIRE_ERRORS.idempotentParameterMismatch,
  WIRE_ERRORS.scalingGroupNotFound,
  WIRE_ERRORS.incorrectScalingGroupStatus,
  WIRE_ERRORS.scalingActivityInProgress,
  WIRE_ERRORS.incorrectLoadBalancerStatus,
  WIRE_ERRORS.incorrectDbInstanceStatus,
  WIRE_ERRORS.instanceNotFound,
  WIRE_ERRORS.instanceNotInGroup,
  WIRE_ERRORS.incorrectInstanceStatus,
  WIRE_ERRORS.incorrectCapacityMinSize,
] as const);

export type DetachInstancesWireCode = (typeof DETACH_INSTANCES_ERRORS)[number]["code"];
