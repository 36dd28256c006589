import { IsClientToken } from "../common/client-token.rules";
import { IsRegionId, IsResourceId } from "../common/resource-id.rules";
import { Field, InputType } from "type-graphql";
import { LifecycleActionResult } from "./lifecycle-hook-enums.enum";

/** The input of `completeLifecycleAction`: the ESS CompleteLifecycleAction parameters, limits enforced here. */
@InputType("CompleteLifecycleActionInput", {
  description: "Parameters of ESS CompleteLifecycleAction. A violated limit comes back as `InputValidationError`; nothing is sent then.",
})
export class CompleteLifecycleActionInput {
  @Field(() => String, { description: "The region of the scaling group, e.g. `cn-hangzhou`." })
  @IsRegionId()
  regionId!: string;

  @Field(() => String, {
    description: "The lifecycle hook the instances wait on, e.g. `ash-bp1…` (`ScalingInstance.lifecycleHook.lifecycleHookId`).",
  })
  @IsResourceId()
  lifecycleHookId!: string;

  @Field(() => String, {
    description: "The lifecycle action token (`ScalingInstance.lifecycleHook.lifecycleActionToken`), at most 64 characters.",
  })
  @IsResourceId()
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
  @IsClientToken()
  clientToken?: string | null;
}
