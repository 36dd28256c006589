import { randomBytes } from "node:crypto";
import type { CallerIdentity } from "../emulator-core.types";
import type { EmulatorStore } from "../store/emulator.store";
import type { ScalingGroupRow } from "../store/store.rows";
import { forbiddenUnauthorized, idempotentParameterMismatch, scalingGroupNotFound } from "./action.errors";

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
export function findCallerGroup(store: EmulatorStore, caller: CallerIdentity, scalingGroupId: string, regionId: string | undefined): ScalingGroupRow {
  const group = store.group(caller.accountId, scalingGroupId);
  if (!group || (regionId !== undefined && group.regionId !== regionId)) throw scalingGroupNotFound();
  return group;
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
