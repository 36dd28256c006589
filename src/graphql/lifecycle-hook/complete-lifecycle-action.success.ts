import { Field, ObjectType } from "type-graphql";
import { LifecycleActionResult } from "./lifecycle-hook-enums.enum";

@ObjectType("CompleteLifecycleActionSuccess", {
  description:
    "ESS accepted the decision. The waiting scaling activity moves on: with `CONTINUE` once every hook of it is done, with `ABANDON` at once. Poll the activity for its end.",
})
export class CompleteLifecycleActionSuccess {
  @Field(() => String, { description: "The hook whose wait was ended." })
  lifecycleHookId!: string;

  @Field(() => LifecycleActionResult, { description: "The result that was sent." })
  result!: LifecycleActionResult;

  // Nullable only because a union selection may put it beside `UserFacingError.requestId`.
  @Field(() => String, { nullable: true, description: "The upstream RequestId of the accepted call (always set)." })
  requestId!: string;

  // Nullable only because a union selection may put it beside `MutationError.clientToken`.
  @Field(() => String, { nullable: true, description: "The idempotency key sent to ESS (always set)." })
  clientToken!: string;
}
