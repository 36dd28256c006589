import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { GatewayContext } from "../gateway.context";
import { ValidateArgumentsBeforeExecution } from "../common/pre-execution-arguments";
import { ScalingGroupArgs } from "./scaling-group.args";
import { ScalingGroup } from "./scaling-group.type";

@Resolver(() => ScalingGroup)
export class ScalingGroupResolver {
  @Query(() => ScalingGroup, { nullable: true, description: "One scaling group by region and ID; null when it does not exist." })
  @ValidateArgumentsBeforeExecution(ScalingGroupArgs)
  async scalingGroup(
    @Args(() => ScalingGroupArgs) { regionId, id }: ScalingGroupArgs,
    @Ctx() context: GatewayContext,
  ): Promise<ScalingGroup | null> {
    const group = await context.loaders.scalingGroup.load({ regionId, id });
    return group === null ? null : ScalingGroup.from(group, context.reportUnknownValue);
  }
}
