import { Field, Int, ObjectType } from "type-graphql";
import { InstanceError } from "../attach-instances/instance.errors";
import { ScalingGroupError } from "../attach-instances/scaling-group.errors";
import { MutationError } from "../common/mutation-error.interface";
import { UserFacingError } from "../common/user-facing-error.interface";
import { ScalingInstanceLifecycleState } from "../scaling-instance/scaling-instance-lifecycle-state.enum";

@ObjectType("MinSizeBreachedError", {
  implements: [UserFacingError, MutationError, ScalingGroupError],
  description:
    "`IncorrectCapacity.MinSize`: detaching would bring the group below its MinSize (`totalCapacity - requested < minSize`). Detach fewer instances or lower MinSize.",
})
export class MinSizeBreachedError extends ScalingGroupError {
  @Field(() => Int, { nullable: true, description: "The group's MinSize; null if the group could not be read." })
  minSize!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Instances in the group when the error was mapped; null if the group could not be read.",
  })
  totalCapacity!: number | null;

  @Field(() => Int, { description: "How many instances the request asked to detach." })
  requested!: number;
}

@ObjectType("InstanceNotInScalingGroupError", {
  implements: [UserFacingError, MutationError, InstanceError],
  description:
    "`InvalidInstanceId.NotFound` (`… does not exist in the specified scaling group.`): the instance exists but is not a member of this scaling group, so there is nothing to detach.",
})
export class InstanceNotInScalingGroupError extends InstanceError {
  @Field(() => String, { description: "The scaling group from the input." })
  scalingGroupId!: string;

  @Field(() => String, {
    nullable: true,
    description: "The scaling group the instance is in now; null when it is in none or that could not be read.",
  })
  currentScalingGroupId!: string | null;
}

@ObjectType("InstanceNotInServiceError", {
  implements: [UserFacingError, MutationError, InstanceError],
  description:
    "`IncorrectInstanceStatus` (DetachInstances): the instance is a member of the group but not `IN_SERVICE` (still being added, already being removed, on standby…). Wait for its activity to end, then retry.",
})
export class InstanceNotInServiceError extends InstanceError {
  @Field(() => ScalingInstanceLifecycleState, {
    nullable: true,
    description:
      "The instance's lifecycle state in the group when the error was mapped; null if it could not be read. (Not `lifecycleState`: that is the group's, on `ScalingGroupNotActiveError`, and one selection may hold both.)",
  })
  instanceLifecycleState!: ScalingInstanceLifecycleState | null;
}
