import type { Operation } from "../access/access-policy.types";
import type { PrincipalKind } from "../access/principal";

/**
 * One audit record: one per mutation attempt, allowed or refused (docs/security.md "Audit
 * trail"). It names who, from where, as which profile and account, did what to which group and
 * with what result. It never holds a credential, a token or a signature: the principal is its
 * `sub` or API key name, never the token.
 */
export interface AuditRecord {
  /** ISO 8601, when the outcome was known. */
  time: string;
  correlationId: string;
  principal: { kind: PrincipalKind; id: string };
  clientAddress: string | null;
  /** The credential profile the gateway acted as. */
  profile: string;
  /** The cloud account of the profile, when the profiles file says it; null otherwise. */
  accountId: string | null;
  operation: Operation;
  regionId: string;
  scalingGroupId: string;
  instanceIds: string[];
  /** `lifecycle`: the lifecycle hook acted on (its group is `scalingGroupId` once known, else ""). */
  lifecycleHookId?: string;
  /** The result's union member (`__typename`) and its `code` (null for a success). */
  outcome: { typename: string; code: string | null };
  upstreamRequestId: string | null;
  scalingActivityId: string | null;
  clientToken: string | null;
}
