import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { GatewayContext } from "../gateway.context";
import { runAttachEligibility } from "../attach-preflight/attach-preflight.service";
import { AttachEligibility } from "../attach-preflight/attach-preflight.type";
import { ScalingGroup } from "../scaling-group/scaling-group.type";
import { loadScalingGroupOfInstance } from "../scaling-instance/scaling-instance-membership.loader";
import { ScalingInstance } from "../scaling-instance/scaling-instance.type";
import { ValidateArgumentsBeforeExecution } from "../common/pre-execution-arguments";
import { InstanceArgs } from "./instance.args";
import { InstancesArgs } from "./instances.args";
import { Instance } from "./instance.type";

@Resolver(() => Instance)
export class InstanceResolver {
  @Query(() => Instance, { nullable: true, description: "An ECS instance; null when the region has no instance with this ID." })
  @ValidateArgumentsBeforeExecution(InstanceArgs)
  async instance(@Args(() => InstanceArgs) { regionId, id }: InstanceArgs, @Ctx() context: GatewayContext): Promise<Instance | null> {
    const instance = await context.loaders.instance.load({ regionId, id });
    return instance === null ? null : Instance.from(instance, context.reportUnknownValue);
  }

  @Query(() => [Instance], {
    nullable: "items",
    description: "ECS instances by ID (at most 100): one entry per ID, in order; null where the region has no such instance.",
  })
  @ValidateArgumentsBeforeExecution(InstancesArgs)
  async instances(
    @Args(() => InstancesArgs) { regionId, ids }: InstancesArgs,
    @Ctx() context: GatewayContext,
  ): Promise<Array<Instance | null>> {
    const instances = await context.loaders.instance.loadMany(ids.map((id) => ({ regionId, id })));
    return instances.map((instance) => {
      if (instance instanceof Error) throw instance;
      return instance === null ? null : Instance.from(instance, context.reportUnknownValue);
    });
  }

  @FieldResolver(() => ScalingInstance, {
    nullable: true,
    description: "Its membership in a scaling group (lifecycle state, health, weight…); null when it is in none.",
  })
  async scalingMembership(@Root() instance: Instance, @Ctx() context: GatewayContext): Promise<ScalingInstance | null> {
    const member = await context.loaders.scalingInstanceMembership.load({ regionId: instance.regionId, id: instance.id });
    return member === null ? null : ScalingInstance.from(instance.regionId, member, context.reportUnknownValue);
  }

  @FieldResolver(() => ScalingGroup, { nullable: true, description: "The scaling group it belongs to; null when it is in none." })
  async scalingGroup(@Root() instance: Instance, @Ctx() context: GatewayContext): Promise<ScalingGroup | null> {
    const group = await loadScalingGroupOfInstance(context.loaders, { regionId: instance.regionId, id: instance.id });
    return group === null ? null : ScalingGroup.from(group, context.reportUnknownValue);
  }

  @FieldResolver(() => AttachEligibility, {
    description:
      "Whether AttachInstances of this instance alone into the given group (in the instance's region) would be accepted now, and every reason if not. Many of these in one query are batched: N instances cost ⌈N/100⌉ DescribeInstances and ⌈N/20⌉ DescribeScalingInstances, and the group's own facts are read once.",
  })
  attachEligibility(
    @Root() instance: Instance,
    @Arg("scalingGroupId", () => ID, { description: "The scaling group to attach to." }) scalingGroupId: string,
    @Arg("entrusted", () => Boolean, { defaultValue: false, description: "Whether the attach would pass `entrusted: true`." })
    entrusted: boolean,
    @Ctx() context: GatewayContext,
  ): Promise<AttachEligibility> {
    return runAttachEligibility(context, { regionId: instance.regionId, scalingGroupId, instanceId: instance.id, entrusted });
  }
}
