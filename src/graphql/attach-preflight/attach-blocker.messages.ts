import type { GroupBlocker, InstanceBlocker } from "./attach-blocker.types";

/** The HTTP status AttachInstances (and DetachInstances) answers each code with (docs/wire-contract.md). */
export function httpStatusOf(code: string): number {
  switch (code) {
    case "Forbidden.Unauthorized":
      return 403;
    case "InvalidScalingGroupId.NotFound":
    case "InvalidInstanceId.NotFound":
      return 404;
    default:
      return 400;
  }
}

/**
 * The message AttachInstances sends for a blocker, worded as the API reference's error table
 * (AttachInstances.zh.md), naming the resource the same way, so a UI shows the same text for a
 * preflight blocker and for the mutation's error.
 */
export function messageOf(blocker: GroupBlocker | InstanceBlocker): string {
  if (blocker.scope === "instance") {
    const instance = `Instance "${blocker.instanceId}"`;
    const code = blocker.code;
    switch (code) {
      case "InvalidInstanceId.NotFound":
        return `${instance} does not exist.`;
      case "InvalidInstanceId.RegionMismatch":
        return `${instance} and the specified scaling group are not in the same Region.`;
      case "IncorrectInstanceStatus":
        return `The current status of instance "${blocker.instanceId}" does not support this action.`;
      case "InvalidInstanceId.NetworkTypeMismatch":
        return `The network type of instance "${blocker.instanceId}" does not support this action.`;
      case "InvalidInstanceId.VPCMismatch":
        return `${instance} and the specified scaling group are not in the same VPC.`;
      case "InvalidInstanceId.InUse":
        return `${instance} is already attached to another scaling group.`;
      case "InvalidInstanceId.InstanceTypeMismatch":
        return `${instance} and existing active scaling configurations have different instance types.`;
      case "InvalidParameter":
        return `The specified parameter "Entrusted" is not valid: Entrusted cannot be true for subscription (PrePaid) instance "${blocker.instanceId}".`;
      default: {
        const unreachable: never = code;
        return unreachable;
      }
    }
  }
  switch (blocker.code) {
    case "Forbidden.Unauthorized":
      return "A required authorization for the specified action is not supplied.";
    case "InvalidScalingGroupId.NotFound":
      return "The specified scaling group does not exist.";
    case "IncorrectScalingGroupStatus":
      return "The current status of the specified scaling group does not support this action.";
    case "ScalingActivityInProgress":
      return "You cannot delete a scaling group or launch a new scaling activity while there is a scaling activity in progress for the specified scaling group.";
    case "IncorrectLoadBalancerStatus":
      return "The current status of the specified load balancer does not support this action.";
    case "IncorrectLoadBalancerHealthCheck":
      return "The current health check type of specified load balancer does not support this action.";
    case "InvalidLoadBalancerId.IncorrectInstanceNetworkType":
      return "The network type of the instance in specified load balancer does not support this action.";
    case "InvalidLoadBalancerId.VPCMismatch":
      return "The specified virtual switch and the instance in specified load balancer are not in the same VPC.";
    case "IncorrectDBInstanceStatus":
      return `The current status of DB instance "${blocker.dbInstanceId}" does not support this action.`;
    case "QuotaExceeded.DBInstanceSecurityIP":
      return `Security IP quota exceeded in DB instance "${blocker.dbInstanceId}".`;
    case "IncorrectCapacity.MaxSize":
      return "To attach the instances, the total capacity will be greater than the MaxSize.";
    case "QuotaExceeded.SecurityGroupInstance":
      return "Instance quota exceeded in the specified security group.";
    default: {
      const unreachable: never = blocker;
      return unreachable;
    }
  }
}
