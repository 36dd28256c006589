import { randomUUID } from "node:crypto";
import { Arg, Ctx, Mutation, Resolver, UseMiddleware } from "type-graphql";
import { UpstreamError } from "../../upstream/upstream.error";
import type { GatewayContext } from "../gateway.context";
import { ValidationErrorsAsData } from "../common/validation-errors-as-data.middleware";
import { detachInstancesFailureFrom } from "./detach-instances.error-map";
import { DetachInstancesInput } from "./detach-instances.input";
import { DetachInstancesResult } from "./detach-instances.result";
import { DetachInstancesSuccess } from "./detach-instances.success";
import { groupAccessRefusal } from "../access/group-access.refusal";
import { auditedMutation } from "../audit-event/mutation-audit.middleware";

@Resolver()
export class DetachInstancesResolver {
  @Mutation(() => DetachInstancesResult, {
    description:
      "Takes instances out of a scaling group without stopping or releasing them (ESS DetachInstances); they stay Running and can be attached elsewhere. ESS runs the detachment as a scaling activity: the success carries it, to poll until it leaves `IN_PROGRESS`. Refused if the group would go below MinSize. Expected failures come back as typed union members, never in `errors`; each carries the `clientToken` to retry with. An attempt whose outcome is open is settled before answering (replayed with the same token); only if that fails too is the answer `AttachOutcomeUnknownError`. Safe to retry with the same `clientToken`.",
  })
  @UseMiddleware(auditedMutation("detachInstances"), ValidationErrorsAsData)
  async detachInstances(
    @Arg("input", () => DetachInstancesInput, { description: "What to detach, and from where." }) input: DetachInstancesInput,
    @Ctx() context: GatewayContext,
  ): Promise<typeof DetachInstancesResult> {
    // One token per mutation, reused on every retry: a retry of a call that did reach ESS returns
    // the original activity instead of detaching again.
    const clientToken = input.clientToken ?? randomUUID();
    const target = { regionId: input.regionId, scalingGroupId: input.scalingGroupId };
    const instanceIds = input.instanceIds;
    // The policy decides before anything is sent upstream (docs/security.md).
    const refusal = await groupAccessRefusal(context, "detach", target, clientToken);
    if (refusal !== null) return refusal;
    try {
      const outcome = await context.upstream.detachInstances({
        ...target,
        instanceIds,
        decreaseDesiredCapacity: input.decreaseDesiredCapacity,
        detachOption: input.detachFromLoadBalancersAndDatabases ? "both" : undefined,
        lifecycleHook: input.lifecycleHook ?? undefined,
        ignoreInvalidInstance: input.ignoreInvalidInstance ?? undefined,
        clientToken,
      });
      context.logger.info("detachInstances accepted", {
        ...target,
        instanceCount: instanceIds.length,
        scalingActivityId: outcome.scalingActivityId,
        upstreamRequestId: outcome.requestId,
      });
      return DetachInstancesSuccess.from(outcome, target);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      context.logger.info("detachInstances refused upstream", {
        ...target,
        instanceCount: instanceIds.length,
        upstreamCode: error.code,
        httpStatus: error.httpStatus,
        upstreamRequestId: error.requestId,
      });
      return detachInstancesFailureFrom(error, { ...target, instanceIds, clientToken }, context);
    }
  }
}
