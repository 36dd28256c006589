import { IsAscii, IsNotEmpty, Length, Matches, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { LifecycleActionResult } from "./lifecycle-hook-enums.enum";

/** The input of `completeLifecycleAction`: the ESS CompleteLifecycleAction parameters, limits enforced here. */
@InputType("CompleteLifecycleActionInput", {
  description: "Parameters of ESS CompleteLifecycleAction. A violated limit comes back as `InputValidationError`; nothing is sent then.",
})
export class CompleteLifecycleActionInput {
  @Field(() => String, { description: "The region of the scaling group, e.g. `cn-hangzhou`." })
  @IsNotEmpty()
  @MaxLength(64)
  @Matches(/^[a-z0-9-]+$/, { message: "regionId must be a region ID such as cn-hangzhou" })
  regionId!: string;

  @Field(() => String, { description: "The lifecycle hook the instances wait on, e.g. `ash-bp1…` (`ScalingInstance.lifecycleHook.lifecycleHookId`)." })
  @IsNotEmpty()
  @MaxLength(64)
  lifecycleHookId!: string;

  @Field(() => String, { description: "The lifecycle action token (`ScalingInstance.lifecycleHook.lifecycleActionToken`), at most 64 characters." })
  @IsNotEmpty()
  @MaxLength(64)
  lifecycleActionToken!: string;

  @Field(() => LifecycleActionResult, {
    nullable: true,
    description: "`CONTINUE` (default) puts the waiting instances in service; `ABANDON` removes them from the group again.",
  })
  result?: LifecycleActionResult | null;

  @Field(() => String, {
    nullable: true,
    description: "Idempotency key, at most 64 ASCII characters. When omitted, the gateway generates one and reuses it on every retry.",
  })
  @Length(1, 64)
  @IsAscii()
  clientToken?: string | null;
}
