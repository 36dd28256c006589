import { ArgsType, Field, ID } from "type-graphql";
import { InRegionArgs } from "../common/in-region.args";
import { IsResourceId } from "../common/resource-id.rules";

@ArgsType()
export class ScalingGroupArgs extends InRegionArgs {
  @Field(() => ID, { description: "The scaling group ID, e.g. `asg-bp1…`." })
  @IsResourceId()
  id!: string;
}
