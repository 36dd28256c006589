import { createUnionType } from "type-graphql";
import { InputValidationError } from "../common/input-validation-error.type";
import { UnmodeledUpstreamError } from "../common/upstream-error.type";
import { AttachInstancesSuccess } from "./attach-instances.success";
import { AccessDeniedError } from "../access/access-denied.error";
import { ATTACH_OUTCOME_MEMBERS, type AttachOutcomeMember } from "./attach-outcome.table";

/**
 * The error members of `AttachInstancesResult`, in schema order: input validation, then one member
 * per row of the outcome table (attach-outcome.table.ts), then the gateway's own refusals.
 */
const ATTACH_INSTANCES_FAILURE_TYPES = [
  InputValidationError,
  ...ATTACH_OUTCOME_MEMBERS,
  AccessDeniedError,
  UnmodeledUpstreamError,
] as const;

/** Every error member of `AttachInstancesResult`, i.e. everything but the success. */
export type AttachInstancesFailure = InputValidationError | AttachOutcomeMember | AccessDeniedError | UnmodeledUpstreamError;

export const AttachInstancesResult = createUnionType({
  name: "AttachInstancesResult",
  description:
    "What `attachInstances` returns: the success, or exactly one typed error. Every error implements `UserFacingError`; select `__typename` and `... on UserFacingError { code message requestId }` to handle any of them, including members added later.",
  types: () => [AttachInstancesSuccess, ...ATTACH_INSTANCES_FAILURE_TYPES] as const,
});
