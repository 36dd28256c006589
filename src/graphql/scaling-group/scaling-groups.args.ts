import { ValidateNested } from "class-validator";
import { ArgsType, Field } from "type-graphql";
import { ConnectionArgs } from "../common/relay/connection.args";
import { IsRegionId } from "../common/resource-id.rules";
import { ScalingGroupFilter } from "./scaling-group-filter.input";

@ArgsType()
export class ScalingGroupsArgs extends ConnectionArgs {
  @Field(() => String, { description: "The region to list, e.g. `cn-hangzhou`." })
  @IsRegionId()
  regionId!: string;

  @Field(() => ScalingGroupFilter, { nullable: true, description: "Which groups to list; all when absent." })
  @ValidateNested()
  filter?: ScalingGroupFilter;
}
