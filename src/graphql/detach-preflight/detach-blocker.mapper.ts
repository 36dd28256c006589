import type { GatewayContext } from "../gateway.context";
import { preflightBlockerRenderer } from "../attach-preflight/preflight-blocker.renderer";
import { blockerMapperOf, type FailedMutationRequest } from "../common/mutation-failure.table";
import { DETACH_OUTCOME_TABLE, type DetachBlockerFact, type DetachBlockerOutcomeMember } from "../detach-instances/detach-outcome.table";
import type { DetachBlocker } from "./detach-blocker.types";
import type { DetachBlockerMember } from "./detach-blocker.union";

/** The detach a preflight describes. */
export interface DetachPreflightRequest {
  regionId: string;
  scalingGroupId: string;
  instanceIds: readonly string[];
}

/** Builds a blocker's member through the mutation's own outcome table, from the blocker's facts. */
const detachBlockerMemberOf = blockerMapperOf<DetachBlockerFact, DetachBlockerOutcomeMember, typeof DETACH_OUTCOME_TABLE>(
  "DetachInstances",
  DETACH_OUTCOME_TABLE,
);

/**
 * Renders detach blockers as the mutation's typed members through the mutation's own outcome table
 * (detach-outcome.table.ts), as attach's preflight does (`preflightBlockerRenderer`).
 */
export function detachBlockerRenderer(
  request: DetachPreflightRequest,
  context: GatewayContext,
): (blockers: readonly DetachBlocker[]) => Promise<DetachBlockerMember[]> {
  const failedRequest: FailedMutationRequest = { ...request, instanceIds: [...request.instanceIds], clientToken: null };
  return preflightBlockerRenderer<DetachBlocker, DetachBlockerMember>("DetachInstances", (blocker) =>
    detachBlockerMemberOf(blocker, failedRequest, context),
  );
}
