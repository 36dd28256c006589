import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { GatewayContext } from "../gateway.context";
import { runDetachEligibility } from "../detach-preflight/detach-preflight.service";
import { DetachEligibility } from "../detach-preflight/detach-preflight.type";
import { Instance } from "../instance/instance.type";
import { ScalingGroup } from "../scaling-group/scaling-group.type";
import { ScalingInstance } from "./scaling-instance.type";
import { lifecycleHookWaitOf } from "../lifecycle-hook/lifecycle-hook-wait.loader";
import { LifecycleHookWait } from "../lifecycle-hook/lifecycle-hook-wait.type";
import { ScalingInstanceLifecycleState } from "./scaling-instance-lifecycle-state.enum";

/** The states in which an instance waits on a lifecycle hook. */
const WAITING_STATES: ReadonlySet<ScalingInstanceLifecycleState> = new Set([
  ScalingInstanceLifecycleState.PENDING_WAIT,
  ScalingInstanceLifecycleState.REMOVING_WAIT,
]);

@Resolver(() => ScalingInstance)
export class ScalingInstanceResolver {
  @FieldResolver(() => Instance, { nullable: true, description: "The ECS instance; null when ECS no longer reports it." })
  async instance(@Root() member: ScalingInstance, @Ctx() context: GatewayContext): Promise<Instance | null> {
    const instance = await context.loaders.instance.load({ regionId: member.regionId, id: member.instanceId });
    return instance === null ? null : Instance.from(instance, context.reportUnknownValue);
  }

  @FieldResolver(() => ScalingGroup, { nullable: true, description: "The scaling group; null when it no longer exists." })
  async scalingGroup(@Root() member: ScalingInstance, @Ctx() context: GatewayContext): Promise<ScalingGroup | null> {
    const group = await context.loaders.scalingGroup.load({ regionId: member.regionId, id: member.scalingGroupId });
    return group === null ? null : ScalingGroup.from(group, context.reportUnknownValue);
  }

  @FieldResolver(() => LifecycleHookWait, {
    nullable: true,
    description:
      "The lifecycle hook the instance waits on while `PENDING_WAIT` or `REMOVING_WAIT`, with the token to end the wait (`completeLifecycleAction`); null in any other state, or when ESS lists no pending action for it.",
  })
  async lifecycleHook(@Root() member: ScalingInstance, @Ctx() context: GatewayContext): Promise<LifecycleHookWait | null> {
    if (!WAITING_STATES.has(member.lifecycleState) || member.scalingActivityId === null) return null;
    return lifecycleHookWaitOf(context, {
      regionId: member.regionId,
      scalingGroupId: member.scalingGroupId,
      scalingActivityId: member.scalingActivityId,
      instanceId: member.instanceId,
    });
  }

  @FieldResolver(() => DetachEligibility, {
    description:
      "Whether DetachInstances of this member alone from its group would be accepted now, and every reason if not. Many of these in one query are batched, and the group's own facts are read once.",
  })
  detachEligibility(
    @Root() member: ScalingInstance,
    @Arg("detachFromLoadBalancersAndDatabases", () => Boolean, {
      defaultValue: false,
      description: "Whether the detach would pass `detachFromLoadBalancersAndDatabases: true`.",
    })
    detachFromLoadBalancersAndDatabases: boolean,
    @Ctx() context: GatewayContext,
  ): Promise<DetachEligibility> {
    return runDetachEligibility(context, {
      regionId: member.regionId,
      scalingGroupId: member.scalingGroupId,
      instanceId: member.instanceId,
      detachFromLoadBalancersAndDatabases,
    });
  }
}
