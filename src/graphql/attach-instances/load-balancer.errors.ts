import { Field, InterfaceType, ObjectType } from "type-graphql";
import { UserFacingError } from "../common/user-facing-error.interface";
import { MutationError } from "../common/mutation-error.interface";
import { ScalingGroupError } from "./scaling-group.errors";

/** The interface (and fields) shared by the errors about the group's load balancers. */
@InterfaceType("LoadBalancerError", {
  implements: [UserFacingError, ScalingGroupError],
  description: "An error about the scaling group's load balancers.",
})
export abstract class LoadBalancerError extends ScalingGroupError {
  @Field(() => [String], {
    description:
      "The load balancers attached to the scaling group (Alibaba Cloud does not say which one failed the check); empty if the group could not be read.",
  })
  loadBalancerIds!: string[];

  @Field(() => String, {
    nullable: true,
    description:
      "The load balancer that fails the check, when known: `attachPreflight` checks each one; AttachInstances' own answer does not say (null).",
  })
  loadBalancerId!: string | null;
}

@ObjectType("LoadBalancerNotActiveError", {
  implements: [UserFacingError, MutationError, ScalingGroupError, LoadBalancerError],
  description: "`IncorrectLoadBalancerStatus`: a load balancer of the group is not active.",
})
export class LoadBalancerNotActiveError extends LoadBalancerError {}

@ObjectType("LoadBalancerHealthCheckOffError", {
  implements: [UserFacingError, MutationError, ScalingGroupError, LoadBalancerError],
  description: "`IncorrectLoadBalancerHealthCheck`: a load balancer of the group has its health check turned off.",
})
export class LoadBalancerHealthCheckOffError extends LoadBalancerError {}

@ObjectType("LoadBalancerNetworkTypeMismatchError", {
  implements: [UserFacingError, MutationError, ScalingGroupError, LoadBalancerError],
  description:
    "`InvalidLoadBalancerId.IncorrectInstanceNetworkType`: a load balancer of the group has another network type than the group.",
})
export class LoadBalancerNetworkTypeMismatchError extends LoadBalancerError {}

@ObjectType("LoadBalancerVpcMismatchError", {
  implements: [UserFacingError, MutationError, ScalingGroupError, LoadBalancerError],
  description: "`InvalidLoadBalancerId.VPCMismatch`: a load balancer of the group is in another VPC than the group's vSwitches.",
})
export class LoadBalancerVpcMismatchError extends LoadBalancerError {}
