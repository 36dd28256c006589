/**
 * The policy file (docs/security.md "Policy file"): bindings of principals to a credential profile
 * and grants, in the spirit of RAM policies on `acs:ess:{region}:{account}:scalinggroup/{id}`.
 * Allow-only: what no grant allows is refused.
 */

/** What a grant allows. `read` also makes a group visible; the other operations need it too. */
export const OPERATIONS = ["read", "attach", "detach", "lifecycle", "subscribe", "audit"] as const;
export type Operation = (typeof OPERATIONS)[number];

/** The profile every principal of a binding without `profile` acts as: the gateway's own credentials. */
export const DEFAULT_PROFILE = "default";

export interface AccessPolicy {
  version: 1;
  bindings: readonly PolicyBinding[];
}

export interface PolicyBinding {
  /** For the audit trail and error messages. */
  name: string;
  /** A principal matches when any list names it. */
  match: {
    /** OIDC `sub` values, or users named by the trusted header. */
    subjects: readonly string[];
    /** Values of the groups/roles claim (or the trusted groups header). */
    groups: readonly string[];
    /** API key names. */
    apiKeys: readonly string[];
  };
  /** The credential profile (cloud account) the gateway acts as for these principals. */
  profile: string;
  grants: readonly Grant[];
}

export interface Grant {
  operations: ReadonlySet<Operation>;
  /** Region IDs, or "*". */
  regions: readonly string[];
  /**
   * Which scaling groups: "*" for every group of the granted regions, or a group that any of the
   * selectors picks: one of `ids`, a name matching one of `names`, or (when `tags` is not empty)
   * carrying every tag of `tags`.
   */
  scalingGroups: "*" | { ids: readonly string[]; names: readonly string[]; tags: readonly TagSelector[] };
}

/** A tag a group must carry: `value` is the exact value, or `ANY_TAG_VALUE` for any value. */
export interface TagSelector {
  key: string;
  value: string;
}

export const ANY_TAG_VALUE = "*";
