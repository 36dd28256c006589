import { Field, Int, ObjectType } from "type-graphql";
import type { UpstreamScalingGroup } from "../../upstream/upstream.types";

/** How a group's instances split across lifecycle states. Null where ESS did not report a count. */
@ObjectType("ScalingGroupLifecycleCapacities", {
  description:
    "How many of the group's instances are in each lifecycle state (ESS DescribeScalingGroups). Null where ESS did not report it.",
})
export class ScalingGroupLifecycleCapacities {
  @Field(() => Int, { nullable: true, description: "`InService` (ESS `ActiveCapacity`)." })
  inService!: number | null;

  @Field(() => Int, { nullable: true, description: "`Pending`: being added." })
  pending!: number | null;

  @Field(() => Int, { nullable: true, description: "`Pending:Wait`: held by a scale-out lifecycle hook." })
  pendingWait!: number | null;

  @Field(() => Int, { nullable: true, description: "`Removing`: being removed." })
  removing!: number | null;

  @Field(() => Int, { nullable: true, description: "`Removing:Wait`: held by a scale-in lifecycle hook." })
  removingWait!: number | null;

  @Field(() => Int, { nullable: true, description: "`Protected`." })
  protected!: number | null;

  @Field(() => Int, { nullable: true, description: "`Standby`." })
  standby!: number | null;

  @Field(() => Int, { nullable: true, description: "`Stopped` (economical mode)." })
  stopped!: number | null;

  static from(group: UpstreamScalingGroup): ScalingGroupLifecycleCapacities {
    return Object.assign(new ScalingGroupLifecycleCapacities(), {
      inService: group.activeCapacity,
      pending: group.pendingCapacity,
      pendingWait: group.pendingWaitCapacity,
      removing: group.removingCapacity,
      removingWait: group.removingWaitCapacity,
      protected: group.protectedCapacity,
      standby: group.standbyCapacity,
      stopped: group.stoppedCapacity,
    });
  }
}
