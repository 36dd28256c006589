import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { GatewayContext } from "../../server/context";
import { ScalingGroup } from "./scaling-group.type";

@Resolver(() => ScalingGroup)
export class ScalingGroupResolver {
  @Query(() => ScalingGroup, { nullable: true, description: "One scaling group by region and ID; null when it does not exist." })
  async scalingGroup(
    @Arg("regionId", () => String, { description: "The group's region, e.g. `cn-hangzhou`." }) regionId: string,
    @Arg("id", () => ID, { description: "The scaling group ID, e.g. `asg-bp1…`." }) id: string,
    @Ctx() context: GatewayContext,
  ): Promise<ScalingGroup | null> {
    const group = await context.loaders.scalingGroup.load({ regionId, id });
    return group === null ? null : ScalingGroup.from(group);
  }
}
