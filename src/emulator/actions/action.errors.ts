import { EmulatorApiError } from "../emulator-core.types";

/**
 * The API errors the domain layer answers with, one constructor per code, with the real status
 * and the real message (AttachInstances.zh.md; ess-api.md §1.4, §1.5, §3.5). Keeping them here
 * means a code's wording exists once, and the check order in the actions reads as a list of codes.
 */

export const missingParameter = (name: string) =>
  new EmulatorApiError("MissingParameter", 400, `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);

export const invalidParameter = (name: string, detail: string) =>
  new EmulatorApiError("InvalidParameter", 400, `The specified parameter "${name}" is not valid: ${detail}`);

export const forbiddenUnauthorized = () =>
  new EmulatorApiError("Forbidden.Unauthorized", 403, "A required authorization for the specified action is not supplied.");

export const idempotentParameterMismatch = () =>
  new EmulatorApiError(
    "IdempotentParameterMismatch",
    400,
    "The specified ClientToken was already used with different request parameters.",
  );

export const scalingGroupNotFound = () =>
  new EmulatorApiError("InvalidScalingGroupId.NotFound", 404, "The specified scaling group does not exist.");

export const incorrectScalingGroupStatus = () =>
  new EmulatorApiError("IncorrectScalingGroupStatus", 400, "The current status of the specified scaling group does not support this action.");

export const scalingActivityInProgress = () =>
  new EmulatorApiError(
    "ScalingActivityInProgress",
    400,
    "You cannot delete a scaling group or launch a new scaling activity while there is a scaling activity in progress for the specified scaling group.",
  );

export const incorrectLoadBalancerStatus = () =>
  new EmulatorApiError("IncorrectLoadBalancerStatus", 400, "The current status of the specified load balancer does not support this action.");

export const incorrectLoadBalancerHealthCheck = () =>
  new EmulatorApiError("IncorrectLoadBalancerHealthCheck", 400, "The current health check type of specified load balancer does not support this action.");

export const loadBalancerNetworkTypeMismatch = () =>
  new EmulatorApiError(
    "InvalidLoadBalancerId.IncorrectInstanceNetworkType",
    400,
    "The network type of the instance in specified load balancer does not support this action.",
  );

export const loadBalancerVpcMismatch = () =>
  new EmulatorApiError(
    "InvalidLoadBalancerId.VPCMismatch",
    400,
    "The specified virtual switch and the instance in specified load balancer are not in the same VPC.",
  );

export const incorrectDbInstanceStatus = (dbInstanceId: string) =>
  new EmulatorApiError("IncorrectDBInstanceStatus", 400, `The current status of DB instance "${dbInstanceId}" does not support this action.`);

export const instanceNotFound = (instanceId: string) =>
  new EmulatorApiError("InvalidInstanceId.NotFound", 404, `Instance "${instanceId}" does not exist.`);

export const instanceNotInGroup = (instanceId: string) =>
  new EmulatorApiError("InvalidInstanceId.NotFound", 404, `Instance "${instanceId}" does not exist in the specified scaling group.`);

export const instanceRegionMismatch = (instanceId: string) =>
  new EmulatorApiError("InvalidInstanceId.RegionMismatch", 400, `Instance "${instanceId}" and the specified scaling group are not in the same Region.`);

export const incorrectInstanceStatus = (instanceId: string) =>
  new EmulatorApiError("IncorrectInstanceStatus", 400, `The current status of instance "${instanceId}" does not support this action.`);

export const instanceNetworkTypeMismatch = (instanceId: string) =>
  new EmulatorApiError("InvalidInstanceId.NetworkTypeMismatch", 400, `The network type of instance "${instanceId}" does not support this action.`);

export const instanceVpcMismatch = (instanceId: string) =>
  new EmulatorApiError("InvalidInstanceId.VPCMismatch", 400, `Instance "${instanceId}" and the specified scaling group are not in the same VPC.`);

export const instanceInUse = (instanceId: string) =>
  new EmulatorApiError("InvalidInstanceId.InUse", 400, `Instance "${instanceId}" is already attached to another scaling group.`);

export const instanceTypeMismatch = (instanceId: string) =>
  new EmulatorApiError(
    "InvalidInstanceId.InstanceTypeMismatch",
    400,
    `Instance "${instanceId}" and existing active scaling configurations have different instance types.`,
  );

export const entrustedPrePaid = (instanceId: string) =>
  invalidParameter("Entrusted", `Entrusted cannot be true for subscription (PrePaid) instance "${instanceId}".`);

export const incorrectCapacityMaxSize = () =>
  new EmulatorApiError("IncorrectCapacity.MaxSize", 400, "To attach the instances, the total capacity will be greater than the MaxSize.");

export const incorrectCapacityMinSize = () =>
  new EmulatorApiError("IncorrectCapacity.MinSize", 400, "To remove the instances, the total capacity will be lesser than the MinSize.");

export const securityGroupQuotaExceeded = () =>
  new EmulatorApiError("QuotaExceeded.SecurityGroupInstance", 400, "Instance quota exceeded in the specified security group.");

export const dbSecurityIpQuotaExceeded = (dbInstanceId: string) =>
  new EmulatorApiError("QuotaExceeded.DBInstanceSecurityIP", 400, `Security IP quota exceeded in DB instance "${dbInstanceId}".`);

export const loadBalancerNotFound = (loadBalancerId: string) =>
  new EmulatorApiError("InvalidLoadBalancerId.NotFound", 404, `The specified load balancer "${loadBalancerId}" does not exist in this account.`);

export const dbInstanceNotFound = (dbInstanceId: string) =>
  new EmulatorApiError("InvalidDBInstanceId.NotFound", 404, `The specified DB instance "${dbInstanceId}" does not exist in this account.`);

/** ECS DescribeInstances' documented answers to an unknown filter value (ess-api.md §2.6). */
export const ecsFilterValueNotFound = (code: string, name: string, value: string) =>
  new EmulatorApiError(code, 404, `The specified ${name} "${value}" is not valid.`);

export const lifecycleHookNotFound = (lifecycleHookId: string) =>
  new EmulatorApiError("InvalidLifecycleHookId.NotExist", 404, `The specified lifecycle hook "${lifecycleHookId}" does not exist.`);

export const lifecycleActionTokenNotFound = () =>
  new EmulatorApiError("InvalidLifecycleActionToken.NotExist", 404, "The specified lifecycle action token does not exist for this lifecycle hook.");

export const lifecycleActionNotPending = (status: string) =>
  new EmulatorApiError("IncorrectLifecycleActionStatus", 400, `The lifecycle action is already ${status}; only a Pending lifecycle action can be completed.`);
