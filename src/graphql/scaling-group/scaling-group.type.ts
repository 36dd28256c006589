import { Field, ID, Int, ObjectType } from "type-graphql";
import type { UpstreamScalingGroup } from "../../upstream/upstream.types";
import { ScalingGroupLifecycleState, scalingGroupLifecycleStateFrom } from "./scaling-group-lifecycle-state.enum";
import { ScalingGroupTag } from "./scaling-group-tag.type";

/** A scaling group (ESS), with the capacity fields a caller needs around AttachInstances. */
@ObjectType("ScalingGroup", { description: "An Auto Scaling (ESS) scaling group." })
export class ScalingGroup {
  @Field(() => ID, { description: "The ESS scaling group ID, e.g. `asg-bp1…`." })
  id!: string;

  @Field(() => String, { description: "The scaling group's name." })
  name!: string;

  @Field(() => String, { description: "The region the group lives in, e.g. `cn-hangzhou`." })
  regionId!: string;

  @Field(() => ScalingGroupLifecycleState, { description: "Whether the group is enabled, disabled or being deleted." })
  lifecycleState!: ScalingGroupLifecycleState;

  @Field(() => String, { description: "`lifecycleState` as ESS sent it (e.g. a value newer than this gateway, shown as `UNKNOWN` in `lifecycleState`)." })
  lifecycleStateRaw!: string;

  @Field(() => Int, { description: "The fewest instances the group keeps (MinSize)." })
  minSize!: number;

  @Field(() => Int, { description: "The most instances the group may hold (MaxSize). Attaching beyond it fails." })
  maxSize!: number;

  @Field(() => Int, { nullable: true, description: "The instance count ESS steers towards; null when the group has none set." })
  desiredCapacity!: number | null;

  @Field(() => Int, { description: "Instances in the group now, in any lifecycle state (TotalCapacity)." })
  totalCapacity!: number;

  @Field(() => [ScalingGroupTag], { description: "The group's tags (DescribeScalingGroups `Tags`), in ESS's order; empty when it has none." })
  tags!: ScalingGroupTag[];

  /** A lifecycle state this gateway does not know becomes `UNKNOWN`, with the value in `lifecycleStateRaw`. */
  static from(group: UpstreamScalingGroup): ScalingGroup {
    return Object.assign(new ScalingGroup(), {
      id: group.scalingGroupId,
      name: group.scalingGroupName,
      regionId: group.regionId,
      lifecycleState: scalingGroupLifecycleStateFrom(group.lifecycleState),
      lifecycleStateRaw: group.lifecycleState,
      minSize: group.minSize,
      maxSize: group.maxSize,
      desiredCapacity: group.desiredCapacity,
      totalCapacity: group.totalCapacity,
      tags: group.tags.map((tag) => Object.assign(new ScalingGroupTag(), tag)),
    });
  }
}
