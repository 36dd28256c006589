import { WIRE_ERRORS } from "../../contract/wire-errors.contract";
import { isDefiniteAnswer } from "../../upstream/mutation-outcome.settler";
import type { UpstreamError } from "../../upstream/upstream.error";
import { EssNotAuthorizedError } from "../attach-instances/request.errors";
import { UnmodeledUpstreamError } from "../common/upstream-error.type";
import { userFacingErrorFrom } from "../common/upstream-user-facing-error";
import type { CompleteLifecycleActionFailure } from "./complete-lifecycle-action.result";
import { LifecycleActionNotFoundError, LifecycleActionNotPendingError, LifecycleHookNotFoundError } from "./lifecycle-hook.errors";

/** The upstream code → member table of `CompleteLifecycleActionResult`. */
const MEMBERS: Readonly<Record<string, (error: UpstreamError, lifecycleHookId: string) => CompleteLifecycleActionFailure>> = {
  [WIRE_ERRORS.forbiddenUnauthorized.code]: (error) =>
    userFacingErrorFrom(EssNotAuthorizedError, WIRE_ERRORS.forbiddenUnauthorized.code, error, {}),
  [WIRE_ERRORS.lifecycleHookNotFound.code]: (error, lifecycleHookId) =>
    userFacingErrorFrom(LifecycleHookNotFoundError, WIRE_ERRORS.lifecycleHookNotFound.code, error, { lifecycleHookId }),
  [WIRE_ERRORS.lifecycleActionTokenNotFound.code]: (error, lifecycleHookId) =>
    userFacingErrorFrom(LifecycleActionNotFoundError, WIRE_ERRORS.lifecycleActionTokenNotFound.code, error, { lifecycleHookId }),
  [WIRE_ERRORS.lifecycleActionNotPending.code]: (error, lifecycleHookId) =>
    userFacingErrorFrom(LifecycleActionNotPendingError, WIRE_ERRORS.lifecycleActionNotPending.code, error, { lifecycleHookId }),
};

/** Maps a failed CompleteLifecycleAction call to its union member; an unmodeled code is `UpstreamError`. */
export function completeLifecycleActionFailureFrom(
  error: UpstreamError,
  request: { lifecycleHookId: string; clientToken: string },
): CompleteLifecycleActionFailure {
  const member = Object.hasOwn(MEMBERS, error.code) ? MEMBERS[error.code]!(error, request.lifecycleHookId) : unmodeled(error);
  return Object.assign(member, { clientToken: request.clientToken });
}

function unmodeled(error: UpstreamError): UnmodeledUpstreamError {
  const member = UnmodeledUpstreamError.from(error);
  member.retryable = error.retryable || !isDefiniteAnswer(error.code);
  return member;
}
