import type { Principal } from "./principal";
import { ANY_TAG_VALUE, DEFAULT_PROFILE, type AccessPolicy, type Grant, type Operation, type PolicyBinding } from "./access-policy.types";

/** A scaling group as far as the policy looks at it. Its name and tags are known only once the group was read. */
export interface GroupRef {
  regionId: string;
  scalingGroupId: string;
  /** The group as read from ESS; absent before the read. */
  record?: GroupRecord;
}

export interface GroupRecord {
  scalingGroupName: string;
  tags: ReadonlyArray<{ key: string; value: string }>;
}

/**
 * What one request's principal may do, fixed when the request starts (a policy reloaded meanwhile
 * applies to the next request). `covers` answers without any upstream call when the grants name
 * groups by ID or by "*"; only name patterns and tags need the group's record (one read of the group).
 */
export interface RequestAccess {
  principal: Principal;
  /** The credential profile the request acts as. */
  profile: string;
  /** The policy bindings that granted this request's rights (for the audit trail). */
  bindings: readonly string[];
  /** True without authentication: the single anonymous caller may do everything (loopback only). */
  unrestricted: boolean;
  /** Whether some grant allows `operation` on some group of `regionId`. False means: decided, no call needed. */
  mayInRegion(operation: Operation, regionId: string): boolean;
  /** Whether a grant allows `operation` on `group`; undefined when only the group's record (name, tags) can tell. */
  covers(operation: Operation, group: GroupRef): boolean | undefined;
  /** `audit`: reading the audit trail. */
  mayReadAudit(): boolean;
}

export const UNRESTRICTED_ACCESS = (principal: Principal): RequestAccess => ({
  principal,
  profile: DEFAULT_PROFILE,
  bindings: [],
  unrestricted: true,
  mayInRegion: () => true,
  covers: () => true,
  mayReadAudit: () => true,
});

/** The rights of `principal` under `policy`: the first matching binding chooses the profile; every matching binding of that profile adds its grants. */
export function accessUnder(policy: AccessPolicy, principal: Principal): RequestAccess {
  const matching = policy.bindings.filter((binding) => bindingMatches(binding, principal));
  const profile = matching[0]?.profile ?? DEFAULT_PROFILE;
  const chosen = matching.filter((binding) => binding.profile === profile);
  const grants = chosen.flatMap((binding) => binding.grants);
  const inRegion = (operation: Operation, regionId: string) =>
    grants.filter((grant) => grant.operations.has(operation) && (grant.regions.includes("*") || grant.regions.includes(regionId)));
  return {
    principal,
    profile,
    bindings: chosen.map((binding) => binding.name),
    unrestricted: false,
    mayInRegion: (operation, regionId) => inRegion(operation, regionId).length > 0,
    covers: (operation, group) => {
      let needsRecord = false;
      for (const grant of inRegion(operation, group.regionId)) {
        const answer = grantCovers(grant, group);
        if (answer === true) return true;
        if (answer === undefined) needsRecord = true;
      }
      return needsRecord ? undefined : false;
    },
    mayReadAudit: () => grants.some((grant) => grant.operations.has("audit")),
  };
}

function bindingMatches(binding: PolicyBinding, principal: Principal): boolean {
  switch (principal.kind) {
    case "apiKey":
      return binding.match.apiKeys.includes(principal.id);
    case "oidc":
    case "trustedHeader":
      return binding.match.subjects.includes(principal.id) || principal.groups.some((group) => binding.match.groups.includes(group));
    case "anonymous":
      return false;
  }
}

function grantCovers(grant: Grant, group: GroupRef): boolean | undefined {
  const selector = grant.scalingGroups;
  if (selector === "*" || selector.ids.includes(group.scalingGroupId)) return true;
  if (selector.names.length === 0 && selector.tags.length === 0) return false;
  const { record } = group;
  if (record === undefined) return undefined;
  if (selector.names.some((pattern) => namePattern(pattern).test(record.scalingGroupName))) return true;
  return (
    selector.tags.length > 0 &&
    selector.tags.every((wanted) =>
      record.tags.some((tag) => tag.key === wanted.key && (wanted.value === ANY_TAG_VALUE || tag.value === wanted.value)),
    )
  );
}

const patterns = new Map<string, RegExp>();

/** `web-*` → /^web-.*$/; every other character is literal. */
function namePattern(pattern: string): RegExp {
  let compiled = patterns.get(pattern);
  if (compiled === undefined) {
    compiled = new RegExp(
      `^${pattern
        .split("*")
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*")}$`,
      "u",
    );
    patterns.set(pattern, compiled);
  }
  return compiled;
}
