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

/** Builds the member for one upstream answer (or the catch-all, when the row declines). */
type FailureRow<M extends UserFacingError> = (facts: FailureFacts) => M | UnmodeledUpstreamError | Promise<M | UnmodeledUpstreamError>;

/** What a blocker row builds its member from, besides the blocker itself. */
export interface BlockerFacts {
  request: FailedMutationRequest;
  context: GatewayContext;
  /** The target group, read through the request's loader at most once; null if it could not be read. */
  group(): Promise<UpstreamScalingGroup | null>;
}

/** How a preflight blocker with this code becomes its member: from the blocker's own facts. */
interface BlockerRow<B, M extends UserFacingError> {
  /** Where ESS checks this code; a blocker union lists its members in this order. */
  readonly checkOrder: number;
  member(blocker: B, facts: BlockerFacts): M | Promise<M>;
}

/** A member class; a row's `member` is the one (or, for a code with variants, the ones) it builds. */
export type MemberClass<M extends UserFacingError = UserFacingError> = new () => M;

/**
 * One row of a mutation's outcome table: the member a code becomes, how an upstream answer with
 * that code builds it (`context`), and, for a code a preflight reports, how a blocker builds it.
 */
export interface OutcomeRow<M extends UserFacingError, B = never> {
  readonly member: MemberClass<M> | readonly MemberClass<M>[];
  readonly context: FailureRow<M>;
  readonly blocker?: BlockerRow<B, M>;
}

/** A mutation's code → row table: every code its result union models, and nothing else. */
/** The blocker among `Facts` that stands for code `C`, or never when the preflight reports no such blocker. */
type BlockerFactOf<Facts, C> = Facts extends { code: infer K } ? (C extends K ? Facts & { code: C } : never) : never;

/**
 * The shape of a mutation's outcome table: a row per code of `Codes`; a code the preflight reports
 * (one of `Facts`) must say how its blocker becomes the member, any other must not.
 */
export type OutcomeRowsOf<Codes extends string, Facts> = {
  readonly [C in Codes]: [BlockerFactOf<Facts, C>] extends [never]
    ? OutcomeRow<UserFacingError> & { readonly blocker?: undefined }
    : OutcomeRow<UserFacingError, BlockerFactOf<Facts, C>> & { readonly blocker: BlockerRow<BlockerFactOf<Facts, C>, UserFacingError> };
};

export type FailureTable<Code extends string, M extends UserFacingError> = Readonly<Record<Code, OutcomeRow<M, never>>>;

/** The member (instance) type of a row's `member`. */
type MemberOf<R> = R extends { member: infer C } ? (C extends readonly (infer E)[] ? InstanceOf<E> : InstanceOf<C>) : never;
type InstanceOf<C> = C extends new () => infer M ? M : never;

/** Every member a table's rows build. */
export type OutcomeMemberOf<T> = { [C in keyof T]: MemberOf<T[C]> }[keyof T];

/** The members a table's rows build for preflight blockers. */
export type BlockerMemberOf<T> = { [C in keyof T]: T[C] extends { blocker: object } ? MemberOf<T[C]> : never }[keyof T];

/** The member classes of a table, in its order (a row with variants gives them in its order). */
export function outcomeMembersOf<T extends Readonly<Record<string, OutcomeRow<UserFacingError, unknown>>>>(
  table: T,
): Array<MemberClass<OutcomeMemberOf<T>>> {
  return Object.values(table).flatMap((row) => classesOf(row)) as Array<MemberClass<OutcomeMemberOf<T>>>;
}

/** The member classes of the rows with a blocker, in ESS's order of checks. */
export function blockerMembersOf<T extends Readonly<Record<string, OutcomeRow<UserFacingError, unknown>>>>(
  table: T,
): Array<MemberClass<BlockerMemberOf<T>>> {
  const rows = Object.values(table).filter((row) => row.blocker !== undefined);
  // Two codes at one place would make the union's order depend on the table's.
  if (new Set(rows.map((row) => row.blocker!.checkOrder)).size !== rows.length) throw new Error("Two blocker rows share a checkOrder");
  return rows.sort((a, b) => a.blocker!.checkOrder - b.blocker!.checkOrder).flatMap((row) => classesOf(row)) as Array<
    MemberClass<BlockerMemberOf<T>>
  >;
}

function classesOf(row: OutcomeRow<UserFacingError, unknown>): readonly MemberClass[] {
  return Array.isArray(row.member) ? (row.member as readonly MemberClass[]) : [row.member as MemberClass];
}

/**
 * The blocker member builder of one table: looks the blocker's code up and builds its member from
 * the blocker's facts. A preflight sends nothing, so `requestId` and `clientToken` are null.
 */
export function blockerMapperOf<
  B extends { code: keyof T & string },
  M extends UserFacingError,
  T extends Readonly<Record<string, OutcomeRow<UserFacingError, never>>>,
>(action: string, table: T): (blocker: B, request: FailedMutationRequest, context: GatewayContext) => Promise<M> {
  return async (blocker, request, context) => {
    // The table's type ties each blocker code to a row whose `blocker` takes that blocker.
    const row = table[blocker.code]!.blocker as unknown as BlockerRow<B, M>;
    const member = await row.member(blocker, { request, context, group: lazyScalingGroup(action, request, context) });
    return Object.assign(member, { clientToken: request.clientToken });
  };
}

/** A blocker's member: the code and the message the call would answer with, and the member's fields. */
export function blockerMemberFrom<T extends UserFacingError>(
  Type: new () => T,
  blocker: { code: string },
  message: string,
  fields: Omit<T, keyof UserFacingError>,
): T {
  return Object.assign(new Type(), { code: blocker.code, message, requestId: null }, fields);
}

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
    const row = Object.hasOwn(table, code) ? table[code as Code].context : undefined;
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
function lazyScalingGroup(
  action: string,
  request: FailedMutationRequest,
  context: GatewayContext,
): () => Promise<UpstreamScalingGroup | null> {
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
