import { Field, InterfaceType, ObjectType } from "type-graphql";
import { UserFacingError } from "../common/user-facing-error.interface";
import { MutationError } from "../common/mutation-error.interface";

/** The interface (and fields) shared by the errors about one instance of the request. */
@InterfaceType("InstanceError", {
  implements: UserFacingError,
  description: "An error about one instance of the request; `instanceId` says which, so a UI can point at that row.",
})
export abstract class InstanceError extends UserFacingError {
  @Field(() => String, {
    nullable: true,
    description:
      "The instance the error is about, as named by Alibaba Cloud's message (or the only instance of the request). Null when neither identifies it.",
  })
  instanceId!: string | null;
}

@ObjectType("InstanceNotFoundError", {
  implements: [UserFacingError, MutationError, InstanceError],
  description: "`InvalidInstanceId.NotFound`: the instance does not exist in this account.",
})
export class InstanceNotFoundError extends InstanceError {}

@ObjectType("InstanceRegionMismatchError", {
  implements: [UserFacingError, MutationError, InstanceError],
  description: "`InvalidInstanceId.RegionMismatch`: the instance is in another region than the scaling group.",
})
export class InstanceRegionMismatchError extends InstanceError {
  @Field(() => String, { description: "The scaling group's region (from the input)." })
  scalingGroupRegionId!: string;
}

@ObjectType("InstanceTypeMismatchError", {
  implements: [UserFacingError, MutationError, InstanceError],
  description:
    "`InvalidInstanceId.InstanceTypeMismatch`: the instance's type is not among the instance types of the group's active scaling configuration.",
})
export class InstanceTypeMismatchError extends InstanceError {}

@ObjectType("InstanceNotRunningError", {
  implements: [UserFacingError, MutationError, InstanceError],
  description: "`IncorrectInstanceStatus`: the instance is not Running. Start it, then retry.",
})
export class InstanceNotRunningError extends InstanceError {}

@ObjectType("InstanceNetworkTypeMismatchError", {
  implements: [UserFacingError, MutationError, InstanceError],
  description:
    "`InvalidInstanceId.NetworkTypeMismatch`: a VPC instance into a classic-network group, or a classic instance into a VPC group.",
})
export class InstanceNetworkTypeMismatchError extends InstanceError {}

@ObjectType("InstanceVpcMismatchError", {
  implements: [UserFacingError, MutationError, InstanceError],
  description: "`InvalidInstanceId.VPCMismatch`: the instance is in another VPC than the scaling group.",
})
export class InstanceVpcMismatchError extends InstanceError {
  @Field(() => String, { nullable: true, description: "The scaling group's VPC; null if the group could not be read." })
  scalingGroupVpcId!: string | null;
}

@ObjectType("InstanceInUseError", {
  implements: [UserFacingError, MutationError, InstanceError],
  description: "`InvalidInstanceId.InUse`: the instance already belongs to a scaling group (this one or another). Detach it first.",
})
export class InstanceInUseError extends InstanceError {
  @Field(() => String, {
    nullable: true,
    description:
      "The scaling group the instance is in now, when known: `attachPreflight` reads it; AttachInstances' own answer does not say (null).",
  })
  currentScalingGroupId!: string | null;
}

@ObjectType("EntrustedNotAllowedError", {
  implements: [UserFacingError, MutationError, InstanceError],
  description:
    "`InvalidParameter` (Entrusted): `entrusted: true` was requested for a subscription (PrePaid) instance, whose lifecycle a scaling group may not manage. Attach it without `entrusted`.",
})
export class EntrustedNotAllowedError extends InstanceError {}
