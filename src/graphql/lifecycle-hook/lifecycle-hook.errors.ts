import { Field, ObjectType } from "type-graphql";
import { MutationError } from "../common/mutation-error.interface";
import { UserFacingError } from "../common/user-facing-error.interface";

@ObjectType("LifecycleHookNotFoundError", {
  implements: [UserFacingError, MutationError],
  description:
    "`InvalidLifecycleHookId.NotExist`: no lifecycle hook with this ID in this account and region. Check `lifecycleHookId` and `regionId`.",
})
export class LifecycleHookNotFoundError extends UserFacingError {
  @Field(() => String, { description: "The hook ID from the input." })
  lifecycleHookId!: string;
}

@ObjectType("LifecycleActionNotFoundError", {
  implements: [UserFacingError, MutationError],
  description:
    "`InvalidLifecycleActionToken.NotExist`: the token names no lifecycle action of this hook. Read it again from `ScalingInstance.lifecycleHook.lifecycleActionToken`.",
})
export class LifecycleActionNotFoundError extends UserFacingError {
  @Field(() => String, { description: "The hook ID from the input." })
  lifecycleHookId!: string;
}

@ObjectType("LifecycleActionNotPendingError", {
  implements: [UserFacingError, MutationError],
  description:
    "`IncorrectLifecycleActionStatus`: the lifecycle action already ended (completed, or timed out with the hook's default result). Nothing changed; read the scaling activity for the outcome.",
})
export class LifecycleActionNotPendingError extends UserFacingError {
  @Field(() => String, { description: "The hook ID from the input." })
  lifecycleHookId!: string;
}
