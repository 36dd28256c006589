import { ArrayMaxSize, ArrayMinSize, ArrayUnique, ValidateNested } from "class-validator";
import { Field, InputType } from "type-graphql";
import { CLIENT_TOKEN_DESCRIPTION, IsClientToken, IsEssRegionId, IsEssResourceId } from "../common/ess-input.rules";
import { ATTACH_INSTANCES_LIMIT } from "../attach-preflight/attach-preflight.rules";
import { AttachInstanceInput } from "./attach-instance.input";

/** The input of `attachInstances`: the ESS AttachInstances parameters, with every documented limit enforced here. */
@InputType("AttachInstancesInput", {
  description:
    "Parameters of ESS AttachInstances. Every documented limit is checked before anything is sent upstream; a violation comes back as `InputValidationError`.",
})
export class AttachInstancesInput {
  @Field(() => String, { description: "The region of the scaling group, e.g. `cn-hangzhou`." })
  @IsEssRegionId()
  regionId!: string;

  @Field(() => String, { description: "The scaling group to attach the instances to, e.g. `asg-bp1…`." })
  @IsEssResourceId()
  scalingGroupId!: string;

  @Field(() => [AttachInstanceInput], {
    description: "The instances to attach: 1 to 20, each instance ID at most once.",
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(ATTACH_INSTANCES_LIMIT)
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
    description: CLIENT_TOKEN_DESCRIPTION,
  })
  @IsClientToken()
  clientToken?: string | null;
}
