import type { UpstreamError } from "../../upstream/upstream.error";
import type { UserFacingError } from "./user-facing-error.interface";

/** The member-specific fields of an error type: everything but the interface's own. */
export type ErrorContext<T extends UserFacingError> = Omit<T, keyof UserFacingError>;

/**
 * Builds a typed union member for an upstream failure: `code` (normalized), `message` and
 * `requestId` come from the upstream error, the rest is the member's typed context.
 */
export function userFacingErrorFrom<T extends UserFacingError>(
  Type: new () => T,
  code: string,
  error: UpstreamError,
  context: ErrorContext<T>,
): T {
  return Object.assign(new Type(), { code, message: error.message, requestId: error.requestId ?? null }, context);
}
