import { ArgsType, Field, ID } from "type-graphql";
import { InRegionArgs } from "../common/in-region.args";
import { IsResourceId } from "../common/resource-id.rules";

@ArgsType()
export class InstanceArgs extends InRegionArgs {
  @Field(() => ID, { description: "The ECS instance ID, e.g. `i-bp1…`." })
  @IsResourceId()
  id!: string;
}
