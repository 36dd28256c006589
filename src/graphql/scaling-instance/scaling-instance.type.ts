import { Field, ID, Int, ObjectType } from "type-graphql";
import type { UpstreamScalingInstance } from "../../upstream/upstream.types";
import { ScalingInstanceCreationType, scalingInstanceCreationTypeFrom } from "./scaling-instance-creation-type.enum";
import { ScalingInstanceHealth, scalingInstanceHealthFrom } from "./scaling-instance-health.enum";
import { ScalingInstanceLifecycleState, scalingInstanceLifecycleStateFrom } from "./scaling-instance-lifecycle-state.enum";
import type { UnknownValueReporter } from "../common/provider-enum.mapper";

/**
 * An instance's membership in a scaling group (ESS DescribeScalingInstances). The ECS details are
 * behind `instance`, resolved through the request's batched instance loader.
 */
@ObjectType("ScalingInstance", { description: "An instance as a member of a scaling group (ESS DescribeScalingInstances)." })
export class ScalingInstance {
  @Field(() => ID, { description: "The ECS instance ID, e.g. `i-bp1…`." })
  instanceId!: string;

  @Field(() => String, { description: "The scaling group the instance belongs to." })
  scalingGroupId!: string;

  /** Not a field: which region to load `instance` and `scalingGroup` from. */
  regionId!: string;

  @Field(() => ScalingInstanceLifecycleState, { description: "Where the instance stands inside the group." })
  lifecycleState!: ScalingInstanceLifecycleState;

  @Field(() => String, {
    description: "`lifecycleState` as ESS sent it (e.g. a value newer than this gateway, shown as `UNKNOWN` in `lifecycleState`).",
  })
  lifecycleStateRaw!: string;

  @Field(() => ScalingInstanceHealth, { nullable: true, description: "ESS's health verdict." })
  health!: ScalingInstanceHealth | null;

  @Field(() => String, {
    nullable: true,
    description:
      "`health` as ESS (`HealthStatus`) sent it (e.g. a value newer than this gateway, shown as `UNKNOWN` in `health`). Null when not reported.",
  })
  healthRaw!: string | null;

  @Field(() => ScalingInstanceCreationType, { nullable: true, description: "How the instance came into the group." })
  creationType!: ScalingInstanceCreationType | null;

  @Field(() => String, {
    nullable: true,
    description:
      "`creationType` as ESS sent it (e.g. a value newer than this gateway, shown as `UNKNOWN` in `creationType`). Null when not reported.",
  })
  creationTypeRaw!: string | null;

  @Field(() => Boolean, {
    description: "Whether the group manages the instance's lifecycle (released when removed, except by DetachInstances).",
  })
  entrusted!: boolean;

  @Field(() => Int, { nullable: true, description: "Its weight as a load balancer backend server (0..100)." })
  weight!: number | null;

  @Field(() => String, { nullable: true, description: "The scaling activity that added it." })
  scalingActivityId!: string | null;

  @Field(() => String, { nullable: true, description: "The scaling configuration it was created from; null for attached instances." })
  scalingConfigurationId!: string | null;

  @Field(() => Date, { nullable: true, description: "When it joined the group." })
  createdTime!: Date | null;

  /** A state this gateway does not know becomes `UNKNOWN`, with the value in the `…Raw` field. */
  static from(regionId: string, member: UpstreamScalingInstance, report: UnknownValueReporter): ScalingInstance {
    return Object.assign(new ScalingInstance(), {
      instanceId: member.instanceId,
      scalingGroupId: member.scalingGroupId,
      regionId,
      lifecycleState: scalingInstanceLifecycleStateFrom(member.lifecycleState, report),
      lifecycleStateRaw: member.lifecycleState,
      health: scalingInstanceHealthFrom(member.healthStatus, report),
      healthRaw: member.healthStatus,
      creationType: scalingInstanceCreationTypeFrom(member.creationType, report),
      creationTypeRaw: member.creationType,
      entrusted: member.entrusted,
      weight: member.loadBalancerWeight,
      scalingActivityId: member.scalingActivityId,
      scalingConfigurationId: member.scalingConfigurationId,
      createdTime: member.createdTime === null ? null : new Date(member.createdTime),
    });
  }
}
