import type { DetachInstancesWireCode } from "../../contract/mutation-errors.contract";
import { isInstanceNotInGroupMessage, WIRE_ERRORS } from "../../contract/wire-errors.contract";
import { TransportErrorCode } from "../../upstream/upstream.error";
import type { UpstreamScalingInstance } from "../../upstream/upstream.types";
import type { GatewayContext } from "../gateway.context";
import { SHARED_FAILURE_ROWS } from "../attach-instances/shared-failure.rows";
import { InstanceNotFoundError } from "../attach-instances/instance.errors";
import {
  blockerMembersOf,
  blockerMemberFrom,
  outcomeMembersOf,
  type BlockerFacts,
  type BlockerMemberOf,
  type FailedMutationRequest,
  type FailureFacts,
  type OutcomeMemberOf,
  type OutcomeRowsOf,
} from "../common/mutation-failure.table";
import { userFacingErrorFrom } from "../common/upstream-user-facing-error";
import type { DetachGroupBlocker, DetachInstanceBlocker } from "../detach-preflight/detach-blocker.types";
import { scalingInstanceLifecycleStateFrom } from "../scaling-instance/scaling-instance-lifecycle-state.enum";
import { InstanceNotInScalingGroupError, InstanceNotInServiceError, MinSizeBreachedError } from "./detach-instances.errors";

/** The detach preflight's blockers that stand for an ESS code. */
export type DetachBlockerFact = DetachGroupBlocker | DetachInstanceBlocker;

/** The codes `DetachInstancesResult` models: the API's error table and the client's `OutcomeUnknown`. */
type DetachOutcomeCode = DetachInstancesWireCode | typeof TransportErrorCode.OutcomeUnknown;

/**
 * The one table of DetachInstances' outcomes (docs/detach-rules.md), as attach's
 * (attach-outcome.table.ts): per code, the member, how an upstream answer builds it, and how a
 * preflight blocker builds it from its own facts. Codes that mean the same as for AttachInstances
 * take attach's rows (`SHARED_FAILURE_ROWS`). `InvalidInstanceId.NotFound` has two members: ESS
 * words the answer for an instance outside the group differently from the one for an unknown instance.
 */
export const DETACH_OUTCOME_TABLE = {
  [WIRE_ERRORS.forbiddenUnauthorized.code]: SHARED_FAILURE_ROWS[WIRE_ERRORS.forbiddenUnauthorized.code],
  [WIRE_ERRORS.idempotentParameterMismatch.code]: SHARED_FAILURE_ROWS[WIRE_ERRORS.idempotentParameterMismatch.code],
  [WIRE_ERRORS.scalingGroupNotFound.code]: SHARED_FAILURE_ROWS[WIRE_ERRORS.scalingGroupNotFound.code],
  [WIRE_ERRORS.incorrectScalingGroupStatus.code]: SHARED_FAILURE_ROWS[WIRE_ERRORS.incorrectScalingGroupStatus.code],
  [WIRE_ERRORS.scalingActivityInProgress.code]: SHARED_FAILURE_ROWS[WIRE_ERRORS.scalingActivityInProgress.code],
  [WIRE_ERRORS.incorrectLoadBalancerStatus.code]: SHARED_FAILURE_ROWS[WIRE_ERRORS.incorrectLoadBalancerStatus.code],
  [WIRE_ERRORS.incorrectDbInstanceStatus.code]: SHARED_FAILURE_ROWS[WIRE_ERRORS.incorrectDbInstanceStatus.code],
  [WIRE_ERRORS.instanceNotFound.code]: {
    member: [InstanceNotFoundError, InstanceNotInScalingGroupError],
    context: (facts: FailureFacts) =>
      isInstanceNotInGroupMessage(facts.error.message)
        ? instanceNotInGroup(facts.instanceId, facts, (fields) =>
            userFacingErrorFrom(InstanceNotInScalingGroupError, facts.code, facts.error, fields),
          )
        : SHARED_FAILURE_ROWS[WIRE_ERRORS.instanceNotFound.code].context(facts),
    blocker: {
      checkOrder: SHARED_FAILURE_ROWS[WIRE_ERRORS.instanceNotFound.code].blocker.checkOrder,
      member: (blocker: DetachInstanceBlocker, facts: BlockerFacts) =>
        blocker.problem === "notInGroup"
          ? instanceNotInGroup(blocker.instanceId, facts, (fields) =>
              blockerMemberFrom(
                InstanceNotInScalingGroupError,
                blocker,
                WIRE_ERRORS.instanceNotInGroup.message(blocker.instanceId),
                fields,
              ),
            )
          : SHARED_FAILURE_ROWS[WIRE_ERRORS.instanceNotFound.code].blocker.member(blocker),
    },
  },
  [WIRE_ERRORS.incorrectInstanceStatus.code]: {
    member: InstanceNotInServiceError,
    context: async (facts: FailureFacts) =>
      userFacingErrorFrom(
        InstanceNotInServiceError,
        facts.code,
        facts.error,
        await notInServiceContext(facts.instanceId, facts, "DetachInstances"),
      ),
    blocker: {
      checkOrder: 12,
      member: async (blocker: DetachInstanceBlocker, facts: BlockerFacts) =>
        blockerMemberFrom(
          InstanceNotInServiceError,
          blocker,
          WIRE_ERRORS.incorrectInstanceStatus.message(blocker.instanceId),
          await notInServiceContext(blocker.instanceId, facts, "DetachInstances"),
        ),
    },
  },
  [WIRE_ERRORS.incorrectCapacityMinSize.code]: {
    member: MinSizeBreachedError,
    context: async ({ code, error, request, group }: FailureFacts) => {
      const current = await group();
      return userFacingErrorFrom(MinSizeBreachedError, code, error, {
        scalingGroupId: request.scalingGroupId,
        minSize: current?.minSize ?? null,
        totalCapacity: current?.totalCapacity ?? null,
        requested: request.instanceIds.length,
      });
    },
    blocker: {
      checkOrder: 18,
      member: (blocker: { code: string; minSize: number; totalCapacity: number; requested: number }, { request }: BlockerFacts) =>
        blockerMemberFrom(MinSizeBreachedError, blocker, WIRE_ERRORS.incorrectCapacityMinSize.message(), {
          scalingGroupId: request.scalingGroupId,
          minSize: blocker.minSize,
          totalCapacity: blocker.totalCapacity,
          requested: blocker.requested,
        }),
    },
  },
  [TransportErrorCode.OutcomeUnknown]: SHARED_FAILURE_ROWS[TransportErrorCode.OutcomeUnknown],
} as const satisfies OutcomeRowsOf<DetachOutcomeCode, DetachBlockerFact>;

/** Every member a DetachInstances failure can map to through the table, in the table's order. */
export const DETACH_OUTCOME_MEMBERS = outcomeMembersOf(DETACH_OUTCOME_TABLE);

export type DetachOutcomeMember = OutcomeMemberOf<typeof DETACH_OUTCOME_TABLE>;

/** The members a detach preflight blocker with an ESS code can be, in ESS's order of checks. */
export const DETACH_BLOCKER_OUTCOME_MEMBERS = blockerMembersOf(DETACH_OUTCOME_TABLE);

export type DetachBlockerOutcomeMember = BlockerMemberOf<typeof DETACH_OUTCOME_TABLE>;

type MemberFacts = { request: FailedMutationRequest; context: GatewayContext };

/** The instance is real but in another group (or none): say which, read through the request's loader. */
async function instanceNotInGroup(
  instanceId: string | null,
  facts: MemberFacts,
  build: (fields: {
    instanceId: string | null;
    scalingGroupId: string;
    currentScalingGroupId: string | null;
  }) => InstanceNotInScalingGroupError,
): Promise<InstanceNotInScalingGroupError> {
  const membership = await membershipOf(instanceId, facts, "DetachInstances");
  const member = build({
    instanceId,
    scalingGroupId: facts.request.scalingGroupId,
    currentScalingGroupId: membership?.scalingGroupId ?? null,
  });
  if (member.currentScalingGroupId !== null && member.currentScalingGroupId !== facts.request.scalingGroupId) {
    member.message = `Instance "${instanceId}" is not in scaling group ${facts.request.scalingGroupId}; it is in ${member.currentScalingGroupId}.`;
  }
  return member;
}

async function notInServiceContext(
  instanceId: string | null,
  facts: MemberFacts,
  action: string,
): Promise<{ instanceId: string | null; instanceLifecycleState: ReturnType<typeof scalingInstanceLifecycleStateFrom> | null }> {
  const membership = await membershipOf(instanceId, facts, action);
  return {
    instanceId,
    instanceLifecycleState: membership
      ? scalingInstanceLifecycleStateFrom(membership.lifecycleState, facts.context.reportUnknownValue)
      : null,
  };
}

/** The instance's membership, read through the request's loader (the preflight has it cached); null if unknown. */
async function membershipOf(
  instanceId: string | null,
  { request, context }: MemberFacts,
  action: string,
): Promise<UpstreamScalingInstance | null> {
  if (instanceId === null) return null;
  try {
    return await context.loaders.scalingInstanceMembership.load({ regionId: request.regionId, id: instanceId });
  } catch (error) {
    context.logger.warn(`could not read the membership of an instance to describe a ${action} failure`, { instanceId, error });
    return null;
  }
}
