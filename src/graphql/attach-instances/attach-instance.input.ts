import { IsInt, Max, Min } from "class-validator";
import { Field, InputType, Int } from "type-graphql";
import { DEFAULT_LOAD_BALANCER_WEIGHT } from "../../contract/wire-defaults.contract";
import { IsResourceId } from "../common/resource-id.rules";

/** One instance to attach, with its load balancer weight kept beside it. */
@InputType("AttachInstanceInput", { description: "One instance to attach, with its load balancer weight." })
export class AttachInstanceInput {
  @Field(() => String, { description: "The instance ID, e.g. `i-bp1…` (ECS)." })
  @IsResourceId()
  instanceId!: string;

  @Field(() => Int, {
    defaultValue: DEFAULT_LOAD_BALANCER_WEIGHT,
    description:
      "The instance's weight as a backend server of the group's load balancers, 0..100. Ignored when the group has no load balancer.",
  })
  @IsInt()
  @Min(0)
  @Max(100)
  loadBalancerWeight!: number;
}
