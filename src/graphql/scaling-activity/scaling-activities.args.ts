import { IsOptional, NotEquals } from "class-validator";
import { ArgsType, Field } from "type-graphql";
import { ConnectionArgs } from "../common/relay/connection.args";
import { ScalingActivityStatus } from "./scaling-activity-status.enum";

@ArgsType()
export class ScalingActivitiesArgs extends ConnectionArgs {
  @Field(() => ScalingActivityStatus, {
    nullable: true,
    description: "Only activities with this status; all when absent. `UNKNOWN` is refused (ESS filters by its own codes).",
  })
  @IsOptional()
  @NotEquals(ScalingActivityStatus.UNKNOWN, {
    message: "status cannot be UNKNOWN: ESS filters by the status codes it knows; omit status and read statusRaw.",
  })
  status?: ScalingActivityStatus;
}
