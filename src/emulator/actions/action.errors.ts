import { ECS_FILTER_VALUE_NOT_FOUND, WIRE_ERRORS } from "../../contract/wire-errors.contract";
import { EmulatorApiError } from "../emulator-core.types";

/**
 * The API errors the domain layer answers with, one constructor per contract entry
 * (src/contract/wire-errors.contract.ts holds each code's status and wording), so the check order in
 * the actions reads as a list of codes.
 */

const apiError = EmulatorApiError.of;

export const missingParameter = apiError(WIRE_ERRORS.missingParameter);
export const invalidParameter = apiError(WIRE_ERRORS.invalidParameter);
export const forbiddenUnauthorized = apiError(WIRE_ERRORS.forbiddenUnauthorized);
export const idempotentParameterMismatch = apiError(WIRE_ERRORS.idempotentParameterMismatch);
export const scalingGroupNotFound = apiError(WIRE_ERRORS.scalingGroupNotFound);
export const incorrectScalingGroupStatus = apiError(WIRE_ERRORS.incorrectScalingGroupStatus);
export const scalingActivityInProgress = apiError(WIRE_ERRORS.scalingActivityInProgress);
export const incorrectLoadBalancerStatus = apiError(WIRE_ERRORS.incorrectLoadBalancerStatus);
export const incorrectLoadBalancerHealthCheck = apiError(WIRE_ERRORS.incorrectLoadBalancerHealthCheck);
export const loadBalancerNetworkTypeMismatch = apiError(WIRE_ERRORS.loadBalancerNetworkTypeMismatch);
export const loadBalancerVpcMismatch = apiError(WIRE_ERRORS.loadBalancerVpcMismatch);
export const incorrectDbInstanceStatus = apiError(WIRE_ERRORS.incorrectDbInstanceStatus);
export const instanceNotFound = apiError(WIRE_ERRORS.instanceNotFound);
export const instanceNotInGroup = apiError(WIRE_ERRORS.instanceNotInGroup);
export const instanceRegionMismatch = apiError(WIRE_ERRORS.instanceRegionMismatch);
export const incorrectInstanceStatus = apiError(WIRE_ERRORS.incorrectInstanceStatus);
export const instanceNetworkTypeMismatch = apiError(WIRE_ERRORS.instanceNetworkTypeMismatch);
export const instanceVpcMismatch = apiError(WIRE_ERRORS.instanceVpcMismatch);
export const instanceInUse = apiError(WIRE_ERRORS.instanceInUse);
export const instanceTypeMismatch = apiError(WIRE_ERRORS.instanceTypeMismatch);
export const entrustedPrePaid = apiError(WIRE_ERRORS.entrustedPrePaid);
export const incorrectCapacityMaxSize = apiError(WIRE_ERRORS.incorrectCapacityMaxSize);
export const incorrectCapacityMinSize = apiError(WIRE_ERRORS.incorrectCapacityMinSize);
export const securityGroupQuotaExceeded = apiError(WIRE_ERRORS.securityGroupQuotaExceeded);
export const dbSecurityIpQuotaExceeded = apiError(WIRE_ERRORS.dbSecurityIpQuotaExceeded);
export const loadBalancerNotFound = apiError(WIRE_ERRORS.loadBalancerNotFound);
export const dbInstanceNotFound = apiError(WIRE_ERRORS.dbInstanceNotFound);
export const lifecycleHookNotFound = apiError(WIRE_ERRORS.lifecycleHookNotFound);
export const lifecycleActionTokenNotFound = apiError(WIRE_ERRORS.lifecycleActionTokenNotFound);
export const lifecycleActionNotPending = apiError(WIRE_ERRORS.lifecycleActionNotPending);

/** ECS DescribeInstances' answer to an unknown filter value, with the filter's own `code`. */
export const ecsFilterValueNotFound = (code: string, name: string, value: string) =>
  new EmulatorApiError(code, ECS_FILTER_VALUE_NOT_FOUND.httpStatus, ECS_FILTER_VALUE_NOT_FOUND.message(name, value));
