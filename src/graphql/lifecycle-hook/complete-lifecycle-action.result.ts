import { createUnionType } from "type-graphql";
import { EssNotAuthorizedError } from "../attach-instances/request.errors";
import { AccessDeniedError } from "../access/access-denied.error";
import { InputValidationError } from "../common/input-validation-error.type";
import { UnmodeledUpstreamError } from "../common/upstream-error.type";
import { CompleteLifecycleActionSuccess } from "./complete-lifecycle-action.success";
import { LifecycleActionNotFoundError, LifecycleActionNotPendingError, LifecycleHookNotFoundError } from "./lifecycle-hook.errors";

/** The error members of `CompleteLifecycleActionResult`, in schema order. */
const COMPLETE_LIFECYCLE_ACTION_FAILURE_TYPES = [
  InputValidationError,
  EssNotAuthorizedError,
  LifecycleHookNotFoundError,
  LifecycleActionNotFoundError,
  LifecycleActionNotPendingError,
  AccessDeniedError,
  UnmodeledUpstreamError,
] as const;

export type CompleteLifecycleActionFailure = InstanceType<(typeof COMPLETE_LIFECYCLE_ACTION_FAILURE_TYPES)[number]>;

export const CompleteLifecycleActionResult = createUnionType({
  name: "CompleteLifecycleActionResult",
  description:
    "What `completeLifecycleAction` returns: the success, or exactly one typed error. Every error implements `UserFacingError` and `MutationError`.",
  types: () => [CompleteLifecycleActionSuccess, ...COMPLETE_LIFECYCLE_ACTION_FAILURE_TYPES] as const,
});
