import { Ctx, Field, FieldResolver, InterfaceType, Resolver, Root, type ClassType } from "type-graphql";
import type { GatewayContext } from "../gateway.context";
import { ScalingGroup } from "../scaling-group/scaling-group.type";
import { ScalingActivity } from "./scaling-activity.type";

const ACTIVITY_DESCRIPTION = "The scaling activity, read from ESS when selected; null (with an entry in `errors`) if it could not be read.";
const GROUP_DESCRIPTION =
  "The scaling group, read from ESS when selected; capacities may lag until the activity completes. Null (with an entry in `errors`) if it could not be read.";

/**
 * The success of a tokened ESS mutation that starts a scaling activity (AttachInstances,
 * DetachInstances): the fields both successes share, written once, and an interface a client can
 * select them through.
 */
@InterfaceType("ScalingActivityReceipt", {
  description:
    "The success of a mutation that started a scaling activity (`attachInstances`, `detachInstances`): ESS accepted the request. Acceptance is not completion: poll `scalingActivity.status` until it leaves `IN_PROGRESS`.",
})
export abstract class ScalingActivityReceipt {
  @Field(() => String, { description: "The ID of the scaling activity ESS started (always present, even if reading the activity fails)." })
  scalingActivityId!: string;

  @Field(() => ScalingActivity, {
    nullable: true,
    description: ACTIVITY_DESCRIPTION,
  })
  scalingActivity?: ScalingActivity | null;

  @Field(() => ScalingGroup, {
    nullable: true,
    description: GROUP_DESCRIPTION,
  })
  scalingGroup?: ScalingGroup | null;

  // Nullable only because a union selection may put it beside `UserFacingError.requestId`
  // (`String`): same-named fields in one selection must have the same type. It is always set.
  @Field(() => String, { nullable: true, description: "The upstream RequestId of the accepted call (always set)." })
  requestId!: string;

  // Nullable only because a union selection may put it beside `MutationError.clientToken`
  // (`String`, null in preflight blockers). It is always set.
  @Field(() => String, {
    nullable: true,
    description:
      "The idempotency key sent to ESS: the caller's `clientToken`, or the one the gateway generated (always set). Reuse it to retry safely.",
  })
  clientToken!: string;

  /** Not a field: where the field resolvers look the activity and group up. */
  regionId!: string;
  scalingGroupId!: string;
}

/** What ESS answered, and where: the receipt's own data. */
export interface ActivityReceiptSource {
  outcome: { requestId: string; scalingActivityId: string; clientToken: string };
  target: { regionId: string; scalingGroupId: string };
}

/** Builds a receipt of the given success type. */
export function receiptOf<T extends ScalingActivityReceipt>(Type: new () => T, { outcome, target }: ActivityReceiptSource): T {
  return Object.assign(new Type(), {
    scalingActivityId: outcome.scalingActivityId,
    requestId: outcome.requestId,
    clientToken: outcome.clientToken,
    regionId: target.regionId,
    scalingGroupId: target.scalingGroupId,
  });
}

/** The resolver of a receipt type's objects: read lazily, through the request's loaders. */
export function receiptResolverFor(Type: ClassType<ScalingActivityReceipt>): ClassType {
  @Resolver(() => Type)
  class ScalingActivityReceiptResolver {
    @FieldResolver(() => ScalingActivity, { nullable: true, description: ACTIVITY_DESCRIPTION })
    async scalingActivity(@Root() receipt: ScalingActivityReceipt, @Ctx() context: GatewayContext): Promise<ScalingActivity | null> {
      const activity = await context.loaders.scalingActivity.load({ regionId: receipt.regionId, id: receipt.scalingActivityId });
      return activity === null ? null : ScalingActivity.from(activity, context.reportUnknownValue);
    }

    @FieldResolver(() => ScalingGroup, { nullable: true, description: GROUP_DESCRIPTION })
    async scalingGroup(@Root() receipt: ScalingActivityReceipt, @Ctx() context: GatewayContext): Promise<ScalingGroup | null> {
      const group = await context.loaders.scalingGroup.load({ regionId: receipt.regionId, id: receipt.scalingGroupId });
      return group === null ? null : ScalingGroup.from(group, context.reportUnknownValue);
    }
  }
  return ScalingActivityReceiptResolver;
}
