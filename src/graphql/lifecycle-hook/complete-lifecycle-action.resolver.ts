import { randomUUID } from "node:crypto";
import { WIRE_ERRORS } from "../../contract/wire-errors.contract";
import { Arg, Ctx, Mutation, Resolver, UseMiddleware } from "type-graphql";
import type { GatewayContext } from "../gateway.context";
import { UpstreamError } from "../../upstream/upstream.error";
import { ValidationErrorsAsData } from "../common/validation-errors-as-data.middleware";
import { completeLifecycleActionFailureFrom } from "./complete-lifecycle-action.error-map";
import { CompleteLifecycleActionInput } from "./complete-lifecycle-action.input";
import { CompleteLifecycleActionResult } from "./complete-lifecycle-action.result";
import { CompleteLifecycleActionSuccess } from "./complete-lifecycle-action.success";
import { LifecycleActionResult } from "./lifecycle-hook-enums.enum";
import { AccessDeniedError, essShapedRequestId } from "../access/access-denied.error";
import { lifecycleHookAccess } from "../access/lifecycle-hook-access";
import { auditedMutation } from "../audit-event/mutation-audit.middleware";
import { LifecycleHookNotFoundError } from "./lifecycle-hook.errors";

@Resolver()
export class CompleteLifecycleActionResolver {
  @Mutation(() => CompleteLifecycleActionResult, {
    description:
      "Ends a lifecycle hook's wait early (ESS CompleteLifecycleAction): the instances in `PENDING_WAIT` go on (`CONTINUE`) or leave the group again (`ABANDON`). Read the hook and token from `ScalingInstance.lifecycleHook`. Expected failures come back as typed union members, never in `errors`.",
  })
  @UseMiddleware(auditedMutation("completeLifecycleAction"), ValidationErrorsAsData)
  async completeLifecycleAction(
    @Arg("input", () => CompleteLifecycleActionInput, { description: "Which wait to end, and how." }) input: CompleteLifecycleActionInput,
    @Ctx() context: GatewayContext,
  ): Promise<typeof CompleteLifecycleActionResult> {
    const clientToken = input.clientToken ?? randomUUID();
    const result = input.result ?? LifecycleActionResult.CONTINUE;
    const target = { regionId: input.regionId, lifecycleHookId: input.lifecycleHookId };
    // The policy decides before the action is sent (docs/security.md): `lifecycle` on the hook's group.
    const decision = await lifecycleHookAccess(context, target);
    if (decision.access === "hidden") {
      context.logger.info("completeLifecycleAction refused by the access policy: hook not visible", target);
      // ESS's own code and message for a hook that does not exist, so the hidden one cannot be told from it.
      return Object.assign(new LifecycleHookNotFoundError(), {
        code: WIRE_ERRORS.lifecycleHookNotFound.code,
        message: WIRE_ERRORS.lifecycleHookNotFound.message(input.lifecycleHookId),
        requestId: essShapedRequestId(),
        lifecycleHookId: input.lifecycleHookId,
        clientToken,
      });
    }
    if (decision.access === "denied") {
      context.logger.info("completeLifecycleAction refused by the access policy", target);
      return AccessDeniedError.of("lifecycle", { scalingGroupId: decision.scalingGroupId ?? "" }, clientToken);
    }
    try {
      const receipt = await context.upstream.completeLifecycleAction({
        ...target,
        lifecycleActionToken: input.lifecycleActionToken,
        result,
        clientToken,
      });
      context.logger.info("completeLifecycleAction accepted", { ...target, result, upstreamRequestId: receipt.requestId });
      return Object.assign(new CompleteLifecycleActionSuccess(), {
        lifecycleHookId: input.lifecycleHookId,
        result,
        requestId: receipt.requestId,
        clientToken,
      });
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      // The token is a capability for the wait: it is never logged.
      context.logger.info("completeLifecycleAction refused upstream", {
        ...target,
        upstreamCode: error.code,
        httpStatus: error.httpStatus,
        upstreamRequestId: error.requestId,
      });
      return completeLifecycleActionFailureFrom(error, { lifecycleHookId: input.lifecycleHookId, clientToken });
    }
  }
}
