import { ArrayMaxSize, ArrayMinSize, ArrayUnique, ValidateNested } from "class-validator";
import { Field, InputType } from "type-graphql";
import { IsClientToken } from "../common/client-token.rules";
import { IsRegionId, IsResourceId } from "../common/resource-id.rules";
import { CALL_LIMITS } from "../../contract/call-limits.contract";
import { AttachInstanceInput } from "./attach-instance.input";

/** The input of `attachInstances`: the ESS AttachInstances parameters, with every documented limit enforced here. */
@InputType("AttachInstancesInput", {
  description:
    "Parameters of ESS AttachInstances. Every documented limit is checked before anything is sent upstream; a violation comes back as `InputValidationError`.",
})
export class AttachInstancesInput {
  @Field(() => String, { description: "The region of the scaling group, e.g. `cn-hangzhou`." })
  @IsRegionId()
  regionId!: string;

  @Field(() => String, { description: "The scaling group to attach the instances to, e.g. `asg-bp1…`." })
  @IsResourceId()
  scalingGroupId!: string;

  @Field(() => [AttachInstanceInput], {
    description: "The instances to attach: 1 to 20, each instance ID at most once.",
  })
  @ArrayMaxSize(CALL_LIMITS.essIdsPerCall, {
    message: `instances must list at most ${CALL_LIMITS.essIdsPerCall} instances per call ($constraint1)`,
  })
  @ArrayMinSize(1, { message: "instances must list at least 1 instance" })
  @ArrayUnique((instance: AttachInstanceInput) => instance.instanceId, {
    message: "instances must not list the same instanceId twice",
  })
  @ValidateNested()
  instances!: AttachInstanceInput[];

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Let the group manage the instances' lifecycle like instances it created (default false). Not allowed for subscription (PrePaid) instances.",
  })
  entrusted?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Trigger the group's scale-out lifecycle hooks for the attached instances (default false).",
  })
  lifecycleHook?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Skip instances that cannot be attached instead of failing the whole request (default false). Skipped instances are listed in the activity's `statusMessage`, which then ends in `WARNING`.",
  })
  ignoreInvalidInstance?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Idempotency key, at most 64 ASCII characters. Sending the same key with the same parameters returns the original activity instead of attaching again. When omitted, the gateway generates one for this mutation (returned in the success payload) and reuses it on every retry.",
  })
  @IsClientToken()
  clientToken?: string | null;
}
