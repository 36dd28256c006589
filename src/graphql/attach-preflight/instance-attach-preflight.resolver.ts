import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { GatewayContext } from "../gateway.context";
import { Instance } from "../instance/instance.type";
import { ScalingGroup } from "../scaling-group/scaling-group.type";
import { loadScalingGroupOfInstance } from "../scaling-instance/scaling-instance-membership.loader";
import { InstanceAttachPreflight } from "./attach-preflight.type";

@Resolver(() => InstanceAttachPreflight)
export class InstanceAttachPreflightResolver {
  @FieldResolver(() => Instance, { nullable: true, description: "The ECS instance in the group's region; null when it is not there." })
  async instance(@Root() entry: InstanceAttachPreflight, @Ctx() context: GatewayContext): Promise<Instance | null> {
    const instance = await context.loaders.instance.load({ regionId: entry.regionId, id: entry.instanceId });
    return instance === null ? null : Instance.from(instance, context.reportUnknownValue);
  }

  @FieldResolver(() => ScalingGroup, {
    nullable: true,
    description: "The scaling group the instance is in now (why it is `InvalidInstanceId.InUse`); null when it is in none.",
  })
  async currentScalingGroup(@Root() entry: InstanceAttachPreflight, @Ctx() context: GatewayContext): Promise<ScalingGroup | null> {
    const group = await loadScalingGroupOfInstance(context.loaders, { regionId: entry.regionId, id: entry.instanceId });
    return group === null ? null : ScalingGroup.from(group, context.reportUnknownValue);
  }
}
