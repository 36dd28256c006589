import { Field, ObjectType } from "type-graphql";
import type { AttachInstancesOutcome } from "../../upstream/upstream.types";
import { ScalingActivity } from "../scaling-activity/scaling-activity.type";
import { ScalingGroup } from "../scaling-group/scaling-group.type";

/** ESS accepted the request and started a scaling activity that attaches the instances. */
@ObjectType("AttachInstancesSuccess", {
  description:
    "ESS accepted the request and started a scaling activity that attaches the instances. Acceptance is not completion: poll `scalingActivity.status` until it leaves `IN_PROGRESS`.",
})
export class AttachInstancesSuccess {
  @Field(() => String, { description: "The ID of the scaling activity ESS started (always present, even if reading the activity fails)." })
  scalingActivityId!: string;

  @Field(() => ScalingActivity, {
    nullable: true,
    description: "The scaling activity, read from ESS when selected; null (with an entry in `errors`) if it could not be read.",
  })
  scalingActivity?: ScalingActivity | null;

  @Field(() => ScalingGroup, {
    nullable: true,
    description:
      "The scaling group, read from ESS when selected; capacities may lag until the activity completes. Null (with an entry in `errors`) if it could not be read.",
  })
  scalingGroup?: ScalingGroup | null;

  // Nullable only because a union selection may put it beside `UserFacingError.requestId`
  // (`String`): same-named fields in one selection must have the same type. It is always set.
  @Field(() => String, { nullable: true, description: "The upstream RequestId of the accepted AttachInstances call (always set)." })
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

  static from(outcome: AttachInstancesOutcome, target: { regionId: string; scalingGroupId: string }): AttachInstancesSuccess {
    return Object.assign(new AttachInstancesSuccess(), {
      scalingActivityId: outcome.scalingActivityId,
      requestId: outcome.requestId,
      clientToken: outcome.clientToken,
      regionId: target.regionId,
      scalingGroupId: target.scalingGroupId,
    });
  }
}
