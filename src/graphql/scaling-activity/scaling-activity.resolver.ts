import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { GatewayContext } from "../../server/context";
import { ScalingActivity } from "./scaling-activity.type";

@Resolver(() => ScalingActivity)
export class ScalingActivityResolver {
  @Query(() => ScalingActivity, {
    nullable: true,
    description: "One scaling activity by region and ID (e.g. to poll an attachment); null when it does not exist.",
  })
  async scalingActivity(
    @Arg("regionId", () => String, { description: "The activity's region, e.g. `cn-hangzhou`." }) regionId: string,
    @Arg("id", () => ID, { description: "The scaling activity ID, e.g. `asa-bp1…`." }) id: string,
    @Ctx() context: GatewayContext,
  ): Promise<ScalingActivity | null> {
    const activity = await context.loaders.scalingActivity.load({ regionId, id });
    return activity === null ? null : ScalingActivity.from(activity);
  }
}
