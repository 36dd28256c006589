import { UpstreamError } from "../../upstream/upstream.error";
import type { GatewayContext } from "../gateway.context";
import { preflightBlockerRenderer } from "../attach-preflight/preflight-blocker.renderer";
import { httpStatusOf, messageOf } from "../attach-preflight/attach-blocker.messages";
import { DbInstanceError } from "../attach-instances/db-instance.errors";
import { LoadBalancerError } from "../attach-instances/load-balancer.errors";
import type { FailedMutationRequest } from "../common/mutation-failure.table";
import { withoutStackTrace } from "../common/stack-trace.skip";
import { detachInstancesFailureFrom } from "../detach-instances/detach-instances.error-map";
import { MinSizeBreachedError } from "../detach-instances/detach-instances.errors";
import type { DetachBlocker, DetachGroupBlocker, DetachInstanceBlocker } from "./detach-blocker.types";
import { isDetachBlockerMember, type DetachBlockerMember } from "./detach-blocker.union";

/** The detach a preflight describes. */
export interface DetachPreflightRequest {
  regionId: string;
  scalingGroupId: string;
  instanceIds: readonly string[];
}

/**
 * Renders detach blockers as the mutation's typed members, by running each through the mutation's
 * own code → member table (`detachInstancesFailureFrom`) as if DetachInstances had answered with
 * that code and message, as attach's preflight does (`preflightBlockerRenderer`).
 */
export function detachBlockerRenderer(
  request: DetachPreflightRequest,
  context: GatewayContext,
): (blockers: readonly DetachBlocker[]) => Promise<DetachBlockerMember[]> {
  const failedRequest: FailedMutationRequest = { ...request, instanceIds: [...request.instanceIds], clientToken: null };
  return preflightBlockerRenderer<DetachBlocker, DetachBlockerMember>("DetachInstances", (blocker) => memberOf(blocker, failedRequest, context));
}

async function memberOf(
  blocker: DetachGroupBlocker | DetachInstanceBlocker,
  request: FailedMutationRequest,
  context: GatewayContext,
): Promise<DetachBlockerMember> {
  const scoped = blocker.scope === "instance" ? { ...request, instanceIds: [blocker.instanceId] } : request;
  const member = await detachInstancesFailureFrom(upstreamAnswerFor(blocker), scoped, context);
  if (!isDetachBlockerMember(member)) {
    throw new Error(`The detach error table mapped preflight blocker ${blocker.code} to a non-blocker member`);
  }
  if (blocker.scope === "group") {
    if ("loadBalancerId" in blocker && member instanceof LoadBalancerError) member.loadBalancerId = blocker.loadBalancerId;
    if ("dbInstanceId" in blocker && member instanceof DbInstanceError) member.dbInstanceId = blocker.dbInstanceId;
    if (blocker.code === "IncorrectCapacity.MinSize" && member instanceof MinSizeBreachedError) {
      Object.assign(member, { minSize: blocker.minSize, totalCapacity: blocker.totalCapacity, requested: blocker.requested });
    }
  }
  return member;
}

/** The answer DetachInstances would give for `blocker`; only read by the table, so no stack trace. */
function upstreamAnswerFor(blocker: DetachGroupBlocker | DetachInstanceBlocker): UpstreamError {
  return withoutStackTrace(
    () =>
      new UpstreamError({
        code: blocker.code,
        message: messageFor(blocker),
        httpStatus: httpStatusOf(blocker.code),
        requestId: null,
        retryable: false,
        product: "Ess",
        action: "DetachInstances",
      }),
  );
}

/** DetachInstances' messages (ESS's error table; the group codes are worded as for AttachInstances). */
function messageFor(blocker: DetachGroupBlocker | DetachInstanceBlocker): string {
  if (blocker.scope === "instance") {
    switch (blocker.problem) {
      case "notFound":
        return `Instance "${blocker.instanceId}" does not exist.`;
      case "notInGroup":
        return `Instance "${blocker.instanceId}" does not exist in the specified scaling group.`;
      case "notInService":
        return `The current status of instance "${blocker.instanceId}" does not support this action.`;
      default: {
        const unreachable: never = blocker.problem;
        return unreachable;
      }
    }
  }
  if (blocker.code === "IncorrectCapacity.MinSize") return "To remove the instances, the total capacity will be lesser than the MinSize.";
  return messageOf(blocker);
}
