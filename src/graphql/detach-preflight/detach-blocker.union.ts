import { createUnionType } from "type-graphql";
import { AccessDeniedError } from "../access/access-denied.error";
import { InputValidationError } from "../common/input-validation-error.type";
import { DETACH_BLOCKER_OUTCOME_MEMBERS, type DetachBlockerOutcomeMember } from "../detach-instances/detach-outcome.table";

/**
 * The members a detach preflight blocker can be: exactly the `DetachInstancesResult` error members
 * that a state of the cloud causes, so one UI component renders both the preflight and the answer.
 * Request problems and the access denial first, then the outcome table's blocker rows in ESS's order.
 */
const DETACH_BLOCKER_TYPES = [InputValidationError, AccessDeniedError, ...DETACH_BLOCKER_OUTCOME_MEMBERS] as const;

export type DetachBlockerMember = InputValidationError | AccessDeniedError | DetachBlockerOutcomeMember;

export const DetachBlockerUnion = createUnionType({
  name: "DetachBlocker",
  description:
    "Why DetachInstances would fail: the same typed members (and codes) `detachInstances` returns, so one component renders both. Every member implements `UserFacingError`; `requestId` and `clientToken` are null (nothing was sent).",
  types: () => DETACH_BLOCKER_TYPES,
});
