import { Field, ID, Int, ObjectType } from "type-graphql";
import type { UpstreamScalingActivity } from "../../upstream/upstream.types";
import { ScalingActivityStatus, scalingActivityStatusFrom } from "./scaling-activity-status.enum";
import type { UnknownValueReporter } from "../common/provider-enum.mapper";

/** A scaling activity: the asynchronous work ESS runs for a scaling request such as AttachInstances. */
@ObjectType("ScalingActivity", {
  description:
    "The asynchronous work ESS runs for a scaling request such as AttachInstances. Poll it until `status` is no longer `IN_PROGRESS`.",
})
export class ScalingActivity {
  @Field(() => ID, { description: "The ESS scaling activity ID, e.g. `asa-bp1…`." })
  id!: string;

  @Field(() => String, { description: "The scaling group the activity belongs to." })
  scalingGroupId!: string;

  @Field(() => ScalingActivityStatus, { description: "Where the activity stands." })
  status!: ScalingActivityStatus;

  @Field(() => String, {
    description: "`status` as ESS (`StatusCode`) sent it (e.g. a value newer than this gateway, shown as `UNKNOWN` in `status`).",
  })
  statusRaw!: string;

  @Field(() => Int, { description: "Progress in percent, 0..100." })
  progress!: number;

  @Field(() => String, { nullable: true, description: "What the activity does, as ESS describes it." })
  description!: string | null;

  @Field(() => String, { nullable: true, description: "Why the activity started, as ESS describes it." })
  cause!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "ESS's status detail, e.g. which instances were skipped or why the activity failed.",
  })
  statusMessage!: string | null;

  @Field(() => Date, { nullable: true, description: "When the activity started." })
  startTime!: Date | null;

  @Field(() => Date, { nullable: true, description: "When the activity finished; null while it is in progress." })
  endTime!: Date | null;

  @Field(() => Int, { nullable: true, description: "The group's total capacity once the activity is done." })
  totalCapacity!: number | null;

  @Field(() => Int, { nullable: true, description: "Instances this activity attached." })
  attachedCapacity!: number | null;

  @Field(() => Int, { nullable: true, description: "Instances this activity created automatically." })
  autoCreatedCapacity!: number | null;

  /** A status this gateway does not know becomes `UNKNOWN`, with the value in `statusRaw`. */
  static from(activity: UpstreamScalingActivity, report: UnknownValueReporter): ScalingActivity {
    return Object.assign(new ScalingActivity(), {
      id: activity.scalingActivityId,
      scalingGroupId: activity.scalingGroupId,
      status: scalingActivityStatusFrom(activity.statusCode, report),
      statusRaw: activity.statusCode,
      progress: activity.progress,
      description: activity.description,
      cause: activity.cause,
      statusMessage: activity.statusMessage,
      startTime: dateOrNull(activity.startTime),
      endTime: dateOrNull(activity.endTime),
      totalCapacity: activity.totalCapacity,
      attachedCapacity: activity.attachedCapacity,
      autoCreatedCapacity: activity.autoCreatedCapacity,
    });
  }
}

function dateOrNull(iso: string | null): Date | null {
  return iso === null ? null : new Date(iso);
}
