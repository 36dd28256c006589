import { ArrayMaxSize } from "class-validator";
import { ArgsType, Field, ID } from "type-graphql";
import { InRegionArgs } from "../common/in-region.args";
import { IsResourceId } from "../common/resource-id.rules";
import { INSTANCE_IDS_PER_CALL } from "./instance.loader";

@ArgsType()
export class InstancesArgs extends InRegionArgs {
  @Field(() => [ID], { description: `ECS instance IDs, at most ${INSTANCE_IDS_PER_CALL}. The result has one entry per ID, in order.` })
  @ArrayMaxSize(INSTANCE_IDS_PER_CALL, { message: `At most ${INSTANCE_IDS_PER_CALL} instance IDs per query ($constraint1).` })
  @IsResourceId({ each: true })
  ids!: string[];
}
