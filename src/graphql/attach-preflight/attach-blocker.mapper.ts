import type { GatewayContext } from "../gateway.context";
import { ATTACH_OUTCOME_TABLE, type AttachBlockerFact, type AttachBlockerOutcomeMember } from "../attach-instances/attach-outcome.table";
import { blockerMapperOf, type FailedMutationRequest } from "../common/mutation-failure.table";
import type { AttachBlocker } from "./attach-blocker.types";
import type { AttachBlockerMember } from "./attach-blocker.union";
import { preflightBlockerRenderer } from "./preflight-blocker.renderer";

/** The attach a preflight describes, as the outcome table's blocker rows need it. */
export interface PreflightRequest {
  regionId: string;
  scalingGroupId: string;
  instanceIds: readonly string[];
}

/**
 * Builds a blocker's member through the mutation's own outcome table (attach-outcome.table.ts):
 * the row of the blocker's code decides the member, and fills it from the blocker's facts (which
 * instance, which load balancer, the capacity at the time of the check) and the message
 * AttachInstances would answer with.
 */
const attachBlockerMemberOf = blockerMapperOf<AttachBlockerFact, AttachBlockerOutcomeMember, typeof ATTACH_OUTCOME_TABLE>(
  "AttachInstances",
  ATTACH_OUTCOME_TABLE,
);

/**
 * Turns preflight blockers into the mutation's typed members. Request problems become one
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
  const failedRequest: FailedMutationRequest = { ...request, instanceIds: [...request.instanceIds], clientToken: null };
  return preflightBlockerRenderer<AttachBlocker, AttachBlockerMember>("AttachInstances", (blocker) =>
    attachBlockerMemberOf(blocker, failedRequest, context),
  );
}
