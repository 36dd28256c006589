import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { GatewayContext } from "../gateway.context";
import { ValidateArgumentsBeforeExecution } from "../common/pre-execution-arguments";
import { AttachPreflightQueryArgs } from "./attach-preflight.args";
import { runAttachPreflight } from "./attach-preflight.service";
import { AttachPreflight } from "./attach-preflight.type";

@Resolver()
export class AttachPreflightResolver {
  @Query(() => AttachPreflight, {
    description:
      "Would `attachInstances` with these arguments be accepted now? The same answer as `ScalingGroup.attachPreflight`, also for a group that does not exist or an account that has not authorized ESS (the group query has no group to hang it on then). No change is made.",
  })
  @ValidateArgumentsBeforeExecution(AttachPreflightQueryArgs)
  attachPreflight(
    @Args(() => AttachPreflightQueryArgs) args: AttachPreflightQueryArgs,
    @Ctx() context: GatewayContext,
  ): Promise<AttachPreflight> {
    return runAttachPreflight(context, args);
  }
}
