import { createUnionType } from "type-graphql";
import { AccessDeniedError } from "../access/access-denied.error";
import { AttachOutcomeUnknownError } from "../attach-instances/attach-outcome-unknown.error";
import { InputValidationError } from "../common/input-validation-error.type";
import { UnmodeledUpstreamError } from "../common/upstream-error.type";
import { DetachInstancesSuccess } from "./detach-instances.success";
import { DETACH_OUTCOME_MEMBERS, type DetachOutcomeMember } from "./detach-outcome.table";

/**
 * The error members of `DetachInstancesResult`, in schema order: input validation, the members of
 * the outcome table's ESS codes (detach-outcome.table.ts, in ESS's order of checks), the gateway's
 * access denial, the open outcome, and the catch-all.
 */
const DETACH_INSTANCES_FAILURE_TYPES = [
  InputValidationError,
  ...DETACH_OUTCOME_MEMBERS.filter((member) => member !== AttachOutcomeUnknownError),
  AccessDeniedError,
  AttachOutcomeUnknownError,
  UnmodeledUpstreamError,
] as const;

/** Every error member of `DetachInstancesResult`, i.e. everything but the success. */
export type DetachInstancesFailure = InputValidationError | DetachOutcomeMember | AccessDeniedError | UnmodeledUpstreamError;

export const DetachInstancesResult = createUnionType({
  name: "DetachInstancesResult",
  description:
    "What `detachInstances` returns: the success, or exactly one typed error. Every error implements `UserFacingError` and `MutationError`; select `__typename` and `... on UserFacingError { code message requestId }` to handle any of them, including members added later.",
  types: () => [DetachInstancesSuccess, ...DETACH_INSTANCES_FAILURE_TYPES] as const,
});
