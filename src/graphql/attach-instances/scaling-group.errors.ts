import { Field, Int, InterfaceType, ObjectType } from "type-graphql";
import { UserFacingError } from "../common/user-facing-error.interface";
import { MutationError } from "../common/mutation-error.interface";
import { ScalingGroupLifecycleState } from "../scaling-group/scaling-group-lifecycle-state.enum";

/** The interface (and fields) shared by the errors about the target scaling group itself. */
@InterfaceType("ScalingGroupError", {
  implements: UserFacingError,
  description: "An error about the target scaling group itself.",
})
export abstract class ScalingGroupError extends UserFacingError {
  @Field(() => String, { description: "The scaling group from the input." })
  scalingGroupId!: string;
}

@ObjectType("ScalingGroupNotFoundError", {
  implements: [UserFacingError, MutationError, ScalingGroupError],
  description:
    "`InvalidScalingGroupId.NotFound`: the scaling group does not exist in this account and region. Check `scalingGroupId` and `regionId`.",
})
export class ScalingGroupNotFoundError extends ScalingGroupError {
  @Field(() => String, { description: "The region that was searched." })
  regionId!: string;
}

@ObjectType("ScalingGroupNotActiveError", {
  implements: [UserFacingError, MutationError, ScalingGroupError],
  description: "`IncorrectScalingGroupStatus`: the scaling group is not enabled (Active). Enable it, then retry.",
})
export class ScalingGroupNotActiveError extends ScalingGroupError {
  @Field(() => ScalingGroupLifecycleState, {
    nullable: true,
    description: "The group's lifecycle state when the error was mapped; null if it could not be read.",
  })
  lifecycleState!: ScalingGroupLifecycleState | null;
}

@ObjectType("ScalingActivityInProgressError", {
  implements: [UserFacingError, MutationError, ScalingGroupError],
  description:
    "`ScalingActivityInProgress`: another scaling activity of the group is still running, and it was still running after the gateway's retries. Wait for it to finish, then retry.",
})
export class ScalingActivityInProgressError extends ScalingGroupError {}

@ObjectType("MaxSizeExceededError", {
  implements: [UserFacingError, MutationError, ScalingGroupError],
  description:
    "`IncorrectCapacity.MaxSize`: attaching would bring the group above its MaxSize (`totalCapacity + requested > maxSize`). Attach fewer instances or raise MaxSize.",
})
export class MaxSizeExceededError extends ScalingGroupError {
  @Field(() => Int, { nullable: true, description: "The group's MaxSize; null if the group could not be read." })
  maxSize!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Instances in the group when the error was mapped; null if the group could not be read.",
  })
  totalCapacity!: number | null;

  @Field(() => Int, { description: "How many instances the request asked to attach." })
  requested!: number;
}
