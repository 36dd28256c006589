import { UpstreamError } from "../../upstream/upstream.error";
import type { GatewayContext } from "../gateway.context";
import { withoutStackTrace } from "../common/stack-trace.skip";
import { attachInstancesFailureFrom, type FailedAttachRequest } from "../attach-instances/attach-instances.error-map";
import { DbInstanceError } from "../attach-instances/db-instance.errors";
import { InstanceInUseError } from "../attach-instances/instance.errors";
import { LoadBalancerError } from "../attach-instances/load-balancer.errors";
import { SecurityGroupInstanceQuotaExceededError } from "../attach-instances/request.errors";
import { MaxSizeExceededError } from "../attach-instances/scaling-group.errors";
import type { AttachBlocker, GroupBlocker, InstanceBlocker } from "./attach-blocker.types";
import { httpStatusOf, messageOf } from "./attach-blocker.messages";
import { isAttachBlockerMember, type AttachBlockerMember } from "./attach-blocker.union";
import { preflightBlockerRenderer } from "./preflight-blocker.renderer";

/** The attach a preflight describes, as the mutation's error mapper needs it. */
export interface PreflightRequest {
  regionId: string;
  scalingGroupId: string;
  instanceIds: readonly string[];
}

/**
 * Turns preflight blockers into the mutation's typed members by running each through the
 * mutation's own code → member table (`attachInstancesFailureFrom`), as if AttachInstances had
 * answered with that code and message. The table stays the single place that decides members;
 * the preflight only sharpens fields it knows better than an error message can tell (which load
 * balancer, the group's capacity at the time of the check). Request problems become one
 * `InputValidationError`, as the mutation's input validation reports them.
 */
export function attachBlockerMembersOf(
  blockers: readonly AttachBlocker[],
  request: PreflightRequest,
  context: GatewayContext,
): Promise<AttachBlockerMember[]> {
  return attachBlockerRenderer(request, context)(blockers);
}

/**
 * `attachBlockerMembersOf` for several lists of one preflight: a blocker shown in more than one
 * list (a preflight's `blockers`, `groupBlockers` and `instances[].blockers` share the verdict's
 * blocker values) is mapped once, and the request is copied once rather than per list.
 */
export function attachBlockerRenderer(
  request: PreflightRequest,
  context: GatewayContext,
): (blockers: readonly AttachBlocker[]) => Promise<AttachBlockerMember[]> {
  const failedRequest: FailedAttachRequest = { ...request, instanceIds: [...request.instanceIds], clientToken: null };
  return preflightBlockerRenderer<AttachBlocker, AttachBlockerMember>("AttachInstances", (blocker) => memberOf(blocker, failedRequest, context));
}

async function memberOf(blocker: GroupBlocker | InstanceBlocker, request: FailedAttachRequest, context: GatewayContext): Promise<AttachBlockerMember> {
  const member = await attachInstancesFailureFrom(upstreamAnswerFor(blocker), instanceScoped(request, blocker), context);
  if (!isAttachBlockerMember(member)) {
    throw new Error(`The attach error table mapped preflight blocker ${blocker.code} to a non-blocker member`);
  }
  sharpen(member, blocker);
  return member;
}

/**
 * The answer AttachInstances would have given for `blocker`. It is only read by the code → member
 * table, never thrown or logged, so no stack trace is captured (most of the cost of building it;
 * an eligibility query builds one per blocker per field, e.g. 100 for 100 instances checked
 * against an inactive group).
 */
function upstreamAnswerFor(blocker: GroupBlocker | InstanceBlocker): UpstreamError {
  return withoutStackTrace(
    () =>
      new UpstreamError({
        code: blocker.code,
        message: messageOf(blocker),
        httpStatus: httpStatusOf(blocker.code),
        requestId: null,
        retryable: false,
        product: "Ess",
        action: "AttachInstances",
      }),
  );
}

/** Instance errors name one instance: give the table that one, so it never guesses from the list. */
function instanceScoped(request: FailedAttachRequest, blocker: GroupBlocker | InstanceBlocker): FailedAttachRequest {
  return blocker.scope === "instance" ? { ...request, instanceIds: [blocker.instanceId] } : request;
}

function sharpen(member: AttachBlockerMember, blocker: GroupBlocker | InstanceBlocker): void {
  if (blocker.scope === "instance") {
    if (member instanceof InstanceInUseError) member.currentScalingGroupId = blocker.scalingGroupId ?? null;
    return;
  }
  if ("loadBalancerId" in blocker && member instanceof LoadBalancerError) member.loadBalancerId = blocker.loadBalancerId;
  if ("dbInstanceId" in blocker && member instanceof DbInstanceError) member.dbInstanceId = blocker.dbInstanceId;
  if (blocker.code === "QuotaExceeded.SecurityGroupInstance" && member instanceof SecurityGroupInstanceQuotaExceededError) {
    member.securityGroupId = blocker.securityGroupId;
  }
  if (blocker.code === "IncorrectCapacity.MaxSize" && member instanceof MaxSizeExceededError) {
    Object.assign(member, { maxSize: blocker.maxSize, totalCapacity: blocker.totalCapacity, requested: blocker.requested });
  }
}
