import { randomUUID } from "node:crypto";
import { Arg, Ctx, Mutation, Resolver, UseMiddleware } from "type-graphql";
import type { GatewayContext } from "../../server/context";
import { UpstreamError } from "../../upstream/upstream.error";
import { ValidationErrorsAsData } from "../common/validation-errors-as-data.middleware";
import { completeLifecycleActionFailureFrom } from "./complete-lifecycle-action.error-map";
import { CompleteLifecycleActionInput } from "./complete-lifecycle-action.input";
import { CompleteLifecycleActionResult } from "./complete-lifecycle-action.result";
import { CompleteLifecycleActionSuccess } from "./complete-lifecycle-action.success";
import { LifecycleActionResult } from "./lifecycle-hook-enums.enum";

@Resolver()
export class CompleteLifecycleActionResolver {
  @Mutation(() => CompleteLifecycleActionResult, {
    description:
      "Ends a lifecycle hook's wait early (ESS CompleteLifecycleAction): the instances in `PENDING_WAIT` go on (`CONTINUE`) or leave the group again (`ABANDON`). Read the hook and token from `ScalingInstance.lifecycleHook`. Expected failures come back as typed union members, never in `errors`.",
  })
  @UseMiddleware(ValidationErrorsAsData)
  async completeLifecycleAction(
    @Arg("input", () => CompleteLifecycleActionInput, { description: "Which wait to end, and how." }) input: CompleteLifecycleActionInput,
    @Ctx() context: GatewayContext,
  ): Promise<typeof CompleteLifecycleActionResult> {
    const clientToken = input.clientToken ?? randomUUID();
    const result = input.result ?? LifecycleActionResult.CONTINUE;
    const target = { regionId: input.regionId, lifecycleHookId: input.lifecycleHookId };
    try {
      const receipt = await context.upstream.completeLifecycleAction({
        ...target,
        lifecycleActionToken: input.lifecycleActionToken,
        result,
        clientToken,
      });
      context.logger.info("completeLifecycleAction accepted", { ...target, result, upstreamRequestId: receipt.requestId });
      return Object.assign(new CompleteLifecycleActionSuccess(), { lifecycleHookId: input.lifecycleHookId, result, requestId: receipt.requestId, clientToken });
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      // The token is a capability for the wait: it is never logged.
      context.logger.info("completeLifecycleAction refused upstream", { ...target, upstreamCode: error.code, httpStatus: error.httpStatus, upstreamRequestId: error.requestId });
      return completeLifecycleActionFailureFrom(error, { lifecycleHookId: input.lifecycleHookId, clientToken });
    }
  }
}
