import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { GatewayContext } from "../gateway.context";
import { ValidateArgumentsBeforeExecution } from "../common/pre-execution-arguments";
import { DetachPreflightArgs } from "./detach-preflight.args";
import { runDetachPreflight } from "./detach-preflight.service";
import { DetachPreflight } from "./detach-preflight.type";

@Resolver()
export class DetachPreflightResolver {
  @Query(() => DetachPreflight, {
    description:
      "Would `detachInstances` with these arguments be accepted now? Every blocker in ESS's order; the first is what the call would return. No change is made.",
  })
  @ValidateArgumentsBeforeExecution(DetachPreflightArgs)
  detachPreflight(@Args(() => DetachPreflightArgs) args: DetachPreflightArgs, @Ctx() context: GatewayContext): Promise<DetachPreflight> {
    return runDetachPreflight(context, args);
  }
}
