import { randomUUID } from "node:crypto";
import { Arg, Ctx, Mutation, Resolver, UseMiddleware } from "type-graphql";
import { UpstreamError } from "../../upstream/upstream.error";
import type { GatewayContext } from "../gateway.context";
import { ValidationErrorsAsData } from "../common/validation-errors-as-data.middleware";
import { attachInstancesFailureFrom } from "./attach-instances.error-map";
import { AttachInstancesInput } from "./attach-instances.input";
import { AttachInstancesResult } from "./attach-instances.result";
import { AttachInstancesSuccess } from "./attach-instances.success";
import { groupAccessRefusal } from "../access/group-access.refusal";
import { auditedMutation } from "../audit-event/mutation-audit.middleware";

@Resolver()
export class AttachInstancesResolver {
  @Mutation(() => AttachInstancesResult, {
    description:
      "Adds running ECS instances to a scaling group (ESS AttachInstances). ESS runs the attachment as a scaling activity: the success carries it, to poll until it leaves `IN_PROGRESS`. Expected failures come back as typed union members, never in `errors`; each carries the `clientToken` to retry with. An attempt whose outcome is open is settled before answering (replayed with the same token); only if that fails too is the answer `AttachOutcomeUnknownError`. Safe to retry with the same `clientToken`.",
  })
  @UseMiddleware(auditedMutation("attachInstances"), ValidationErrorsAsData)
  async attachInstances(
    @Arg("input", () => AttachInstancesInput, { description: "What to attach, and where." }) input: AttachInstancesInput,
    @Ctx() context: GatewayContext,
  ): Promise<typeof AttachInstancesResult> {
    // One token per mutation: the upstream client reuses it on every retry, so a retry of a call
    // that did reach ESS returns the original activity instead of attaching twice.
    const clientToken = input.clientToken ?? randomUUID();
    const target = { regionId: input.regionId, scalingGroupId: input.scalingGroupId };
    const instanceIds = input.instances.map((instance) => instance.instanceId);
    // The policy decides before anything is sent upstream (docs/security.md).
    const refusal = await groupAccessRefusal(context, "attach", target, clientToken);
    if (refusal !== null) return refusal;
    try {
      const outcome = await context.upstream.attachInstances({
        ...target,
        instances: input.instances.map(({ instanceId, loadBalancerWeight }) => ({ instanceId, loadBalancerWeight })),
        entrusted: input.entrusted ?? undefined,
        lifecycleHook: input.lifecycleHook ?? undefined,
        ignoreInvalidInstance: input.ignoreInvalidInstance ?? undefined,
        clientToken,
      });
      context.logger.info("attachInstances accepted", {
        ...target,
        instanceCount: instanceIds.length,
        scalingActivityId: outcome.scalingActivityId,
        upstreamRequestId: outcome.requestId,
      });
      return AttachInstancesSuccess.from(outcome, target);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      context.logger.info("attachInstances refused upstream", {
        ...target,
        instanceCount: instanceIds.length,
        upstreamCode: error.code,
        httpStatus: error.httpStatus,
        upstreamRequestId: error.requestId,
      });
      return attachInstancesFailureFrom(error, { ...target, instanceIds, clientToken }, context);
    }
  }
}
