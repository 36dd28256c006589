import { IsOptional } from "class-validator";
import { ArgsType, Field } from "type-graphql";
import { ConnectionArgs } from "../common/relay/connection.args";
import { ScalingActivityStatus } from "./scaling-activity-status.enum";

@ArgsType()
export class ScalingActivitiesArgs extends ConnectionArgs {
  @Field(() => ScalingActivityStatus, { nullable: true, description: "Only activities with this status; all when absent." })
  @IsOptional()
  status?: ScalingActivityStatus;
}
