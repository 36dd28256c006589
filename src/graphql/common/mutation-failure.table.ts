import { isDefiniteAnswer } from "../../upstream/mutation-outcome.settler";
import type { UpstreamError } from "../../upstream/upstream.error";
import type { UpstreamScalingGroup } from "../../upstream/upstream.types";
import type { GatewayContext } from "../gateway.context";
import type { UserFacingError } from "./user-facing-error.interface";
import { UnmodeledUpstreamError } from "./upstream-error.type";

/** What a code → member table knows about the tokened mutation that failed. */
export interface FailedMutationRequest {
  regionId: string;
  scalingGroupId: string;
  instanceIds: string[];
  /** The token the call was sent with; null for a preflight, which sends nothing. */
  clientToken: string | null;
}

/** What one row of a table builds its member from. */
export interface FailureFacts {
  /** The upstream code, normalized (no stray spaces). */
  code: string;
  error: UpstreamError;
  request: FailedMutationRequest;
  context: GatewayContext;
  /** The instance the upstream message names, or the request's only instance; null when neither tells. */
  instanceId: string | null;
  /** The target group, read through the request's loader at most once; null if it could not be read. */
  group(): Promise<UpstreamScalingGroup | null>;
  /** The mutation's ESS action, for log lines. */
  action: string;
}

/** One row: the member for one upstream code (or the catch-all, when the row declines). */
export type FailureRow<M extends UserFacingError> = (facts: FailureFacts) => M | UnmodeledUpstreamError | Promise<M | UnmodeledUpstreamError>;

/** A mutation's code → member table: every code its result union models, and nothing else. */
export type FailureTable<Code extends string, M extends UserFacingError> = Readonly<Record<Code, FailureRow<M>>>;

/**
 * The mapper of one mutation: looks the (normalized) code up in `table`; a code the table does not
 * model becomes `UpstreamError`. Every member gets the request's `clientToken` (MutationError).
 * Mapping never fails: a row's failed read leaves that field null.
 */
export function failureMapperOf<Code extends string, M extends UserFacingError>(
  action: string,
  table: FailureTable<Code, M>,
): (error: UpstreamError, request: FailedMutationRequest, context: GatewayContext) => Promise<M | UnmodeledUpstreamError> {
  return async (error, request, context) => {
    // The documentation prints some codes with a stray space ("InvalidInstanceId. RegionMismatch").
    const code = error.code.replace(/\s+/g, "");
    const row = Object.hasOwn(table, code) ? table[code as Code] : undefined;
    const member =
      row === undefined
        ? unmodeledUpstreamError(error)
        : await row({
            code,
            error,
            request,
            context,
            action,
            instanceId: instanceIdNamedBy(error.message) ?? (request.instanceIds.length === 1 ? request.instanceIds[0]! : null),
            group: lazyScalingGroup(action, request, context),
          });
    return Object.assign(member, { clientToken: request.clientToken });
  };
}

/** The codes a table models, in its order. */
export function modeledCodesOf<Code extends string>(table: Readonly<Record<Code, unknown>>): Code[] {
  return Object.keys(table) as Code[];
}

/**
 * A code the schema does not model. `retryable` says whether sending the same mutation (with its
 * token) again may succeed: always, unless ESS gave a definite refusal that a retry would repeat.
 */
export function unmodeledUpstreamError(error: UpstreamError): UnmodeledUpstreamError {
  const member = UnmodeledUpstreamError.from(error);
  member.retryable = error.retryable || !isDefiniteAnswer(error.code);
  return member;
}

// Alibaba's messages quote IDs with straight quotes; its documentation shows curly ones. They say
// `Instance "i-…"` or `… of instance "i-…"`; `DB instance "rm-…"` is an RDS instance, not this.
const INSTANCE_NAMED = /(?<!DB )\binstance\s+["“]([^"”]+)["”]/i;
const DB_INSTANCE_NAMED = /\bDB instance\s+["“]([^"”]+)["”]/i;
const QUOTED_ECS_INSTANCE = /["“]((?:i|eci|mi)-[^"”]+)["”]/;

/** The instance an upstream message names (`Instance "i-…" does not exist.`), if any. */
export function instanceIdNamedBy(message: string): string | null {
  return INSTANCE_NAMED.exec(message)?.[1] ?? QUOTED_ECS_INSTANCE.exec(message)?.[1] ?? null;
}

/** The RDS instance an upstream message names (`… DB instance "rm-…" …`), if any. */
export function dbInstanceIdNamedBy(message: string): string | null {
  return DB_INSTANCE_NAMED.exec(message)?.[1] ?? null;
}

/** Reads the target group at most once, and only for codes whose member needs it. */
function lazyScalingGroup(action: string, request: FailedMutationRequest, context: GatewayContext): () => Promise<UpstreamScalingGroup | null> {
  let pending: Promise<UpstreamScalingGroup | null> | undefined;
  return () => {
    pending ??= context.loaders.scalingGroup.load({ regionId: request.regionId, id: request.scalingGroupId }).catch((error: unknown) => {
      context.logger.warn(`could not read the scaling group to describe a ${action} failure`, {
        scalingGroupId: request.scalingGroupId,
        error,
      });
      return null;
    });
    return pending;
  };
}
