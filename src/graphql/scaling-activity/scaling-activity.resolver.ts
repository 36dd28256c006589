import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { GatewayContext } from "../gateway.context";
import { ValidateArgumentsBeforeExecution } from "../common/pre-execution-arguments";
import { ScalingActivityArgs } from "./scaling-activity.args";
import { ScalingActivity } from "./scaling-activity.type";

@Resolver(() => ScalingActivity)
export class ScalingActivityResolver {
  @Query(() => ScalingActivity, {
    nullable: true,
    description: "One scaling activity by region and ID (e.g. to poll an attachment); null when it does not exist.",
  })
  @ValidateArgumentsBeforeExecution(ScalingActivityArgs)
  async scalingActivity(
    @Args(() => ScalingActivityArgs) { regionId, id }: ScalingActivityArgs,
    @Ctx() context: GatewayContext,
  ): Promise<ScalingActivity | null> {
    const activity = await context.loaders.scalingActivity.load({ regionId, id });
    return activity === null ? null : ScalingActivity.from(activity, context.reportUnknownValue);
  }
}
