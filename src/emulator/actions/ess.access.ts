import { randomBytes } from "node:crypto";
import type { SkippedInstance } from "../activity/activity.plan";
import type { CallerIdentity, EmulatorApiError } from "../emulator-core.types";
import type { EmulatorStore } from "../store/emulator.store";
import type { ScalingGroupRow } from "../store/store.rows";
import {
  forbiddenUnauthorized,
  idempotentParameterMismatch,
  incorrectScalingGroupStatus,
  scalingActivityInProgress,
  scalingGroupNotFound,
} from "./action.errors";

/**
 * `Forbidden.Unauthorized` (403) for an account that has not authorized ESS. Every ESS action
 * calls this right after reading its parameters (check 2 of the AttachInstances order).
 */
export function requireEssAuthorized(store: EmulatorStore, caller: CallerIdentity): void {
  const account = store.account(caller.accountId);
  if (!account || !account.essAuthorized) throw forbiddenUnauthorized();
}

/**
 * The caller's scaling group in the given region (`regionId` undefined: any region), or 404
 * `InvalidScalingGroupId.NotFound`. Groups of other accounts are not found.
 */
export function findCallerGroup(
  store: EmulatorStore,
  caller: CallerIdentity,
  scalingGroupId: string,
  regionId: string | undefined,
): ScalingGroupRow {
  const group = store.group(caller.accountId, scalingGroupId);
  if (!group || (regionId !== undefined && group.regionId !== regionId)) throw scalingGroupNotFound();
  return group;
}

/**
 * A group can start an attach or detach only while `Active` with no activity in progress:
 * otherwise 400 `IncorrectScalingGroupStatus` / `ScalingActivityInProgress`, in that order.
 */
export function requireGroupReady(store: EmulatorStore, group: ScalingGroupRow): void {
  if (group.lifecycleState !== "Active") throw incorrectScalingGroupStatus();
  if (store.activityInProgress(group.scalingGroupId)) throw scalingActivityInProgress();
}

/**
 * The per-instance check of AttachInstances/DetachInstances applied to every requested item, in
 * order. Without `IgnoreInvalidInstance` the first problem is thrown; with it, items with a
 * problem are skipped (recorded with their code) unless all of them have one, in which case the
 * first problem is thrown.
 */
export function partitionRequested<T>(
  items: readonly T[],
  instanceIdOf: (item: T) => string,
  problemOf: (item: T) => EmulatorApiError | undefined,
  ignoreInvalidInstance: boolean,
): { accepted: T[]; skipped: SkippedInstance[] } {
  const accepted: T[] = [];
  const skipped: SkippedInstance[] = [];
  let firstProblem: EmulatorApiError | undefined;
  for (const item of items) {
    const problem = problemOf(item);
    if (!problem) {
      accepted.push(item);
      continue;
    }
    if (!ignoreInvalidInstance) throw problem;
    firstProblem ??= problem;
    skipped.push({ instanceId: instanceIdOf(item), code: problem.code });
  }
  if (accepted.length === 0) throw firstProblem!;
  return { accepted, skipped };
}

/**
 * ClientToken idempotency (per account and action): the ScalingActivityId of an earlier
 * successful call with the same token and the same parameters, undefined for a new token, or
 * 400 `IdempotentParameterMismatch` when the token was used with different parameters.
 */
export function replayedActivity(
  store: EmulatorStore,
  caller: CallerIdentity,
  action: string,
  clientToken: string | undefined,
  fingerprint: string,
): string | undefined {
  if (clientToken === undefined) return undefined;
  const earlier = store.clientToken(caller.accountId, action, clientToken);
  if (!earlier) return undefined;
  if (earlier.fingerprint !== fingerprint) throw idempotentParameterMismatch();
  return earlier.scalingActivityId;
}

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A new resource ID in Alibaba's style: prefix + 20 random lowercase letters and digits. */
export function newResourceId(prefix: string): string {
  const bytes = randomBytes(20);
  let id = prefix;
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return id;
}
