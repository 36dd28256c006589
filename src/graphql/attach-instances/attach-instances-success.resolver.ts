import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { GatewayContext } from "../../server/context";
import { ScalingActivity } from "../scaling-activity/scaling-activity.type";
import { ScalingGroup } from "../scaling-group/scaling-group.type";
import { AttachInstancesSuccess } from "./attach-instances.success";

/** Resolves the success payload's objects lazily, through the request's loaders. */
@Resolver(() => AttachInstancesSuccess)
export class AttachInstancesSuccessResolver {
  @FieldResolver(() => ScalingActivity, { nullable: true })
  async scalingActivity(@Root() success: AttachInstancesSuccess, @Ctx() context: GatewayContext): Promise<ScalingActivity | null> {
    const activity = await context.loaders.scalingActivity.load({ regionId: success.regionId, id: success.scalingActivityId });
    return activity === null ? null : ScalingActivity.from(activity);
  }

  @FieldResolver(() => ScalingGroup, { nullable: true })
  async scalingGroup(@Root() success: AttachInstancesSuccess, @Ctx() context: GatewayContext): Promise<ScalingGroup | null> {
    const group = await context.loaders.scalingGroup.load({ regionId: success.regionId, id: success.scalingGroupId });
    return group === null ? null : ScalingGroup.from(group);
  }
}
