import { createUnionType } from "type-graphql";
import { AccessDeniedError } from "../access/access-denied.error";
import { InputValidationError } from "../common/input-validation-error.type";
import { ATTACH_BLOCKER_OUTCOME_MEMBERS, type AttachBlockerOutcomeMember } from "../attach-instances/attach-outcome.table";

/**
 * The members a preflight blocker can be: exactly the `AttachInstancesResult` error members that a
 * state of the cloud (rather than a retry or an unknown code) causes, so one UI component renders
 * both the preflight and the mutation's answer. Request problems and the gateway's access denial
 * come first; then the outcome table's rows that have a blocker, in ESS's order of checks.
 */
const ATTACH_BLOCKER_TYPES = [InputValidationError, AccessDeniedError, ...ATTACH_BLOCKER_OUTCOME_MEMBERS] as const;

export type AttachBlockerMember = InputValidationError | AccessDeniedError | AttachBlockerOutcomeMember;

export const AttachBlockerUnion = createUnionType({
  name: "AttachBlocker",
  description:
    "Why AttachInstances would fail: the same typed members (and codes) `attachInstances` returns, so one component renders both. Every member implements `UserFacingError`; `requestId` is null (nothing was sent).",
  types: () => ATTACH_BLOCKER_TYPES,
});
