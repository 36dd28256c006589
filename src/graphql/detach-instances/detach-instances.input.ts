import { ArrayMaxSize, ArrayMinSize, ArrayUnique } from "class-validator";
import { Field, InputType } from "type-graphql";
import { CALL_LIMITS } from "../../contract/call-limits.contract";
import { IsClientToken } from "../common/client-token.rules";
import { IsRegionId, IsResourceId } from "../common/resource-id.rules";

/** The input of `detachInstances`: the ESS DetachInstances parameters, with every documented limit enforced here. */
@InputType("DetachInstancesInput", {
  description:
    "Parameters of ESS DetachInstances. Every documented limit is checked before anything is sent upstream; a violation comes back as `InputValidationError`.",
})
export class DetachInstancesInput {
  @Field(() => String, { description: "The region of the scaling group, e.g. `cn-hangzhou`." })
  @IsRegionId()
  regionId!: string;

  @Field(() => String, { description: "The scaling group to take the instances out of, e.g. `asg-bp1…`." })
  @IsResourceId()
  scalingGroupId!: string;

  @Field(() => [String], { description: `The instances to detach: 1 to ${CALL_LIMITS.essIdsPerCall} instance IDs, each at most once.` })
  @ArrayMaxSize(CALL_LIMITS.essIdsPerCall, {
    message: `instanceIds must list at most ${CALL_LIMITS.essIdsPerCall} instances per call ($constraint1)`,
  })
  @ArrayMinSize(1, { message: "instanceIds must list at least 1 instance" })
  @ArrayUnique(undefined, { message: "instanceIds must not list the same instance twice" })
  @IsResourceId({ each: true })
  instanceIds!: string[];

  @Field(() => Boolean, {
    defaultValue: true,
    description:
      "Lower the group's desired capacity by the number of instances detached (ESS `DecreaseDesiredCapacity`, default true). With false the desired capacity stays, and the group may launch instances to replace them.",
  })
  decreaseDesiredCapacity!: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Also remove the instances from the default and vServer groups of the group's load balancers and their private IPs from the whitelists of its RDS instances (ESS `DetachOption=both`; default false: they stay there).",
  })
  detachFromLoadBalancersAndDatabases?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Trigger the group's scale-in lifecycle hooks for the detached instances (default false).",
  })
  lifecycleHook?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Skip instances that cannot be detached (not in the group, not `IN_SERVICE`) instead of failing the whole request (default false). Skipped instances are listed in the activity's `statusMessage`, which then ends in `WARNING`.",
  })
  ignoreInvalidInstance?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Idempotency key, at most 64 ASCII characters. Sending the same key with the same parameters returns the original activity instead of detaching again. When omitted, the gateway generates one for this mutation (returned in the success payload) and reuses it on every retry.",
  })
  @IsClientToken()
  clientToken?: string | null;
}
