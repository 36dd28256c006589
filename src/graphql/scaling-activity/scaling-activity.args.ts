import { ArgsType, Field, ID } from "type-graphql";
import { InRegionArgs } from "../common/in-region.args";
import { IsResourceId } from "../common/resource-id.rules";

@ArgsType()
export class ScalingActivityArgs extends InRegionArgs {
  @Field(() => ID, { description: "The scaling activity ID, e.g. `asa-bp1…`." })
  @IsResourceId()
  id!: string;
}
