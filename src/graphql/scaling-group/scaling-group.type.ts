import { Field, ID, Int, ObjectType } from "type-graphql";
import type { UpstreamScalingGroup } from "../../upstream/upstream.types";
import { groupNetworkType } from "../attach-preflight/attach-preflight.rules";
import { NetworkType } from "../instance/network-type.enum";
import { ScalingGroupLifecycleCapacities } from "./scaling-group-lifecycle-capacities.type";
import { ScalingGroupLifecycleState, scalingGroupLifecycleStateFrom } from "./scaling-group-lifecycle-state.enum";
import { ScalingGroupTag } from "./scaling-group-tag.type";
import type { UnknownValueReporter } from "../common/provider-enum.mapper";

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

  @Field(() => String, {
    description: "`lifecycleState` as ESS sent it (e.g. a value newer than this gateway, shown as `UNKNOWN` in `lifecycleState`).",
  })
  lifecycleStateRaw!: string;

  @Field(() => Int, { description: "The fewest instances the group keeps (MinSize)." })
  minSize!: number;

  @Field(() => Int, { description: "The most instances the group may hold (MaxSize). Attaching beyond it fails." })
  maxSize!: number;

  @Field(() => Int, { nullable: true, description: "The instance count ESS steers towards; null when the group has none set." })
  desiredCapacity!: number | null;

  @Field(() => Int, { description: "Instances in the group now, in any lifecycle state (TotalCapacity)." })
  totalCapacity!: number;

  @Field(() => [ScalingGroupTag], {
    description: "The group's tags (DescribeScalingGroups `Tags`), in ESS's order; empty when it has none.",
  })
  tags!: ScalingGroupTag[];

  @Field(() => Int, { nullable: true, description: "Instances in the group (ESS `TotalInstanceCount`)." })
  totalInstanceCount!: number | null;

  @Field(() => ScalingGroupLifecycleCapacities, { description: "How the group's instances split across lifecycle states." })
  lifecycleCapacities!: ScalingGroupLifecycleCapacities;

  @Field(() => Int, { nullable: true, description: "Seconds between scaling activities (ESS `DefaultCooldown`)." })
  defaultCooldown!: number | null;

  @Field(() => NetworkType, {
    description: "`VPC` when the group has vSwitches, else `CLASSIC`: attached instances and load balancers must match it.",
  })
  networkType!: NetworkType;

  @Field(() => String, { nullable: true, description: "The group's VPC; null for a classic-network group." })
  vpcId!: string | null;

  @Field(() => [String], { description: "The group's vSwitches; empty for a classic-network group." })
  vSwitchIds!: string[];

  @Field(() => Date, { nullable: true, description: "When the group was created." })
  creationTime!: Date | null;

  /** The upstream record this group was built from, for the relations' field resolvers; not a GraphQL field. */
  record!: UpstreamScalingGroup;

  /** A lifecycle state this gateway does not know becomes `UNKNOWN`, with the value in `lifecycleStateRaw`. */
  static from(group: UpstreamScalingGroup, report: UnknownValueReporter): ScalingGroup {
    return Object.assign(new ScalingGroup(), {
      id: group.scalingGroupId,
      name: group.scalingGroupName,
      regionId: group.regionId,
      lifecycleState: scalingGroupLifecycleStateFrom(group.lifecycleState, report),
      lifecycleStateRaw: group.lifecycleState,
      minSize: group.minSize,
      maxSize: group.maxSize,
      desiredCapacity: group.desiredCapacity,
      totalCapacity: group.totalCapacity,
      tags: group.tags.map((tag) => Object.assign(new ScalingGroupTag(), tag)),
      totalInstanceCount: group.totalInstanceCount,
      lifecycleCapacities: ScalingGroupLifecycleCapacities.from(group),
      defaultCooldown: group.defaultCooldown,
      // The same rule the preflight applies, so the field and the verdicts never disagree.
      networkType: groupNetworkType(group) === "vpc" ? NetworkType.VPC : NetworkType.CLASSIC,
      vpcId: group.vpcId,
      vSwitchIds: group.vSwitchIds,
      creationTime: group.creationTime === null ? null : new Date(group.creationTime),
      record: group,
    });
  }
}
