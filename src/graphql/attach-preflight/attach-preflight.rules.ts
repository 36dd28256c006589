import { WIRE_ERRORS } from "../../contract/wire-errors.contract";
import { CALL_LIMITS } from "../../contract/call-limits.contract";
import { groupNetworkTypeOf, type WireNetworkType } from "../../contract/network-type.rule";
import type {
  UpstreamDbInstance,
  UpstreamEcsInstance,
  UpstreamLoadBalancer,
  UpstreamScalingConfiguration,
  UpstreamScalingGroup,
  UpstreamScalingInstance,
  UpstreamSecurityGroup,
} from "../../upstream/upstream.types";
import type { AttachBlocker, GroupBlocker, InstanceBlocker, MalformedParameterIssue, RequestBlocker } from "./attach-blocker.types";

/** What the cloud says about the group and everything attached to it. */
export type GroupFacts =
  /** Every ESS call of this account answers 403: the account has not authorized ESS. */
  | { state: "forbidden" }
  | { state: "notFound" }
  | {
      state: "found";
      group: UpstreamScalingGroup;
      activityInProgress: boolean;
      /** Aligned with `group.loadBalancerIds` (empty when not read, see `GroupFactNeeds`); null: the load balancer does not exist. */
      loadBalancers: ReadonlyArray<UpstreamLoadBalancer | null>;
      /** Aligned with `group.dbInstanceIds` (empty when not read); null: the DB instance does not exist. */
      dbInstances: ReadonlyArray<UpstreamDbInstance | null>;
      /** The group's active scaling configuration; null when it has none. */
      activeConfiguration: UpstreamScalingConfiguration | null;
      /** The active configuration's security group; null when there is none. */
      securityGroup: UpstreamSecurityGroup | null;
    };

/** What the cloud says about one requested instance. */
export interface InstanceFacts {
  /** The instance as DescribeInstances returns it in the group's region; null: not there. */
  instance: UpstreamEcsInstance | null;
  /** When not in the group's region: the other region it was found in, else null (not in the account). */
  foundInRegionId: string | null;
  /**
   * Its scaling group membership; null: in no group; undefined: unknown (ESS refused to answer).
   * `groupHidden`: the group is one the caller may not see (docs/security.md), never to be named.
   */
  membership: (UpstreamScalingInstance & { groupHidden?: true }) | null | undefined;
}

export interface AttachPreflightFacts {
  /** As requested, in request order (duplicates included: they are a request problem). */
  instanceIds: readonly string[];
  entrusted: boolean;
  /** As AttachInstances' `IgnoreInvalidInstance`: instances with a blocker are skipped, not fatal. */
  ignoreInvalidInstance: boolean;
  group: GroupFacts;
  /** Keyed by instance ID; one entry per distinct requested ID. */
  instances: ReadonlyMap<string, InstanceFacts>;
}

export interface AttachPreflightVerdict {
  /** Every blocker, in the order AttachInstances checks: its first is the error the call returns. */
  blockers: AttachBlocker[];
  requestBlockers: RequestBlocker[];
  /** Blockers of the group and what is attached to it (status, activity, LB, DB, capacity, quotas). */
  groupBlockers: GroupBlocker[];
  /** Per distinct requested instance ID, in request order. */
  instances: Array<{ instanceId: string; blockers: InstanceBlocker[] }>;
  /** The instances the call would attach: all of them, or with `ignoreInvalidInstance` those without blockers. */
  attachedInstanceIds: string[];
}

/**
 * The AttachInstances preflight: from facts already loaded, every reason the call would fail, in
 * exactly the order of docs/wire-contract.md ("AttachInstances: the order of checks"), so the first
 * blocker is the error the real call returns. Unlike the API, it does not stop at the first failure:
 * every check whose facts are known is reported. Pure: no I/O, so it is unit-tested directly.
 */
export function evaluateAttachPreflight(facts: AttachPreflightFacts): AttachPreflightVerdict {
  const distinctIds = [...new Set(facts.instanceIds)];
  const requestBlockers = requestBlockersOf(facts.instanceIds, distinctIds);
  const group = facts.group;
  const instances = distinctIds.map((instanceId) => ({
    instanceId,
    blockers: instanceBlockers(instanceId, facts.instances.get(instanceId), group, facts.entrusted),
  }));
  const valid = instances.filter((entry) => entry.blockers.length === 0);
  // With IgnoreInvalidInstance, ESS skips invalid instances and fails only when none remains.
  const skipping = facts.ignoreInvalidInstance && valid.length > 0;
  const attachedIds = skipping ? valid.map((entry) => entry.instanceId) : distinctIds;

  const leadingGroupBlockers: GroupBlocker[] = [];
  const trailingGroupBlockers: GroupBlocker[] = [];
  if (group.state === "forbidden") {
    leadingGroupBlockers.push({ scope: "group", code: WIRE_ERRORS.forbiddenUnauthorized.code });
  } else if (group.state === "notFound") {
    leadingGroupBlockers.push({ scope: "group", code: WIRE_ERRORS.scalingGroupNotFound.code });
  } else {
    leadingGroupBlockers.push(...statusBlockers(group), ...loadBalancerBlockers(group), ...dbStatusBlockers(group));
    const found = attachedIds.flatMap((id) => facts.instances.get(id)?.instance ?? []);
    trailingGroupBlockers.push(
      ...capacityBlockers(group.group, attachedIds.length),
      ...securityGroupQuotaBlockers(group, found),
      ...dbWhitelistQuotaBlockers(group, found),
    );
  }

  const fatalInstanceBlockers = skipping ? [] : instances.flatMap((entry) => entry.blockers);
  return {
    blockers: [...requestBlockers, ...leadingGroupBlockers, ...fatalInstanceBlockers, ...trailingGroupBlockers],
    requestBlockers,
    groupBlockers: [...leadingGroupBlockers, ...trailingGroupBlockers],
    instances,
    attachedInstanceIds: attachedIds,
  };
}

/**
 * The verdict when the region, group or an instance ID is malformed (`malformedParameterIssues`):
 * the mutation refuses such input before calling ESS, so nothing is looked up and the only blockers
 * are request problems, the malformed parameters first, as the mutation's validation lists them.
 */
export function malformedRequestVerdict(instanceIds: readonly string[], issues: MalformedParameterIssue[]): AttachPreflightVerdict {
  const requestBlockers: RequestBlocker[] = [
    { scope: "request", problem: "malformedParameters", issues },
    ...requestBlockersOf(instanceIds, [...new Set(instanceIds)]),
  ];
  return { blockers: requestBlockers, requestBlockers, groupBlockers: [], instances: [], attachedInstanceIds: [] };
}

type FoundGroup = Extract<GroupFacts, { state: "found" }>;

/** The problems of the request itself: no instances, more than `limit`, repeated IDs (also DetachInstances'). */
export function requestBlockersOf(
  requested: readonly string[],
  distinct: readonly string[],
  limit = CALL_LIMITS.essIdsPerCall,
): RequestBlocker[] {
  const blockers: RequestBlocker[] = [];
  if (requested.length === 0) blockers.push({ scope: "request", problem: "noInstances" });
  if (requested.length > limit) {
    blockers.push({ scope: "request", problem: "tooManyInstances", count: requested.length, limit });
  }
  if (distinct.length < requested.length) {
    const duplicates = distinct.filter((id) => requested.indexOf(id) !== requested.lastIndexOf(id));
    blockers.push({ scope: "request", problem: "duplicateInstances", instanceIds: duplicates });
  }
  return blockers;
}

function statusBlockers({ group, activityInProgress }: FoundGroup): GroupBlocker[] {
  const blockers: GroupBlocker[] = [];
  if (group.lifecycleState !== "Active") blockers.push({ scope: "group", code: WIRE_ERRORS.incorrectScalingGroupStatus.code });
  if (activityInProgress) blockers.push({ scope: "group", code: WIRE_ERRORS.scalingActivityInProgress.code });
  return blockers;
}

/** The network attached instances and load balancers must match (the contract's rule). */
export function groupNetworkType(group: UpstreamScalingGroup): WireNetworkType {
  return groupNetworkTypeOf(group);
}

function loadBalancerBlockers({ group, loadBalancers }: FoundGroup): GroupBlocker[] {
  return loadBalancers.flatMap((loadBalancer, index): GroupBlocker[] => {
    // ESS cannot use a load balancer that no longer exists: it reports its status as unusable.
    if (loadBalancer === null)
      return [{ scope: "group", code: WIRE_ERRORS.incorrectLoadBalancerStatus.code, loadBalancerId: group.loadBalancerIds[index]! }];
    const loadBalancerId = loadBalancer.loadBalancerId;
    const blockers: GroupBlocker[] = [];
    if (loadBalancer.status !== "active")
      blockers.push({ scope: "group", code: WIRE_ERRORS.incorrectLoadBalancerStatus.code, loadBalancerId });
    if (loadBalancer.healthCheck === "off")
      blockers.push({ scope: "group", code: WIRE_ERRORS.incorrectLoadBalancerHealthCheck.code, loadBalancerId });
    if (loadBalancer.networkType !== null && loadBalancer.networkType !== groupNetworkType(group)) {
      blockers.push({ scope: "group", code: WIRE_ERRORS.loadBalancerNetworkTypeMismatch.code, loadBalancerId });
    } else if (loadBalancer.networkType === "vpc" && groupNetworkType(group) === "vpc" && loadBalancer.vpcId !== group.vpcId) {
      blockers.push({ scope: "group", code: WIRE_ERRORS.loadBalancerVpcMismatch.code, loadBalancerId });
    }
    return blockers;
  });
}

function dbStatusBlockers({ group, dbInstances }: FoundGroup): GroupBlocker[] {
  // A DB instance that no longer exists is not Running either.
  return dbInstances.flatMap((db, index): GroupBlocker[] =>
    db === null || db.status !== "Running"
      ? [{ scope: "group", code: WIRE_ERRORS.incorrectDbInstanceStatus.code, dbInstanceId: group.dbInstanceIds[index]! }]
      : [],
  );
}

function instanceBlockers(instanceId: string, facts: InstanceFacts | undefined, group: GroupFacts, entrusted: boolean): InstanceBlocker[] {
  const blocker = (code: InstanceBlocker["code"], extra: Partial<InstanceBlocker> = {}): InstanceBlocker => ({
    scope: "instance",
    code,
    instanceId,
    ...extra,
  });
  const instance = facts?.instance ?? null;
  if (instance === null) {
    return facts?.foundInRegionId
      ? [blocker(WIRE_ERRORS.instanceRegionMismatch.code, { instanceRegionId: facts.foundInRegionId })]
      : [blocker(WIRE_ERRORS.instanceNotFound.code)];
  }

  const blockers: InstanceBlocker[] = [];
  if (instance.status !== "Running") blockers.push(blocker(WIRE_ERRORS.incorrectInstanceStatus.code));
  if (group.state === "found") {
    const groupNetwork = groupNetworkType(group.group);
    if (instance.networkType !== groupNetwork) blockers.push(blocker(WIRE_ERRORS.instanceNetworkTypeMismatch.code));
    else if (groupNetwork === "vpc" && instance.vpcId !== group.group.vpcId) blockers.push(blocker(WIRE_ERRORS.instanceVpcMismatch.code));
  }
  if (facts?.membership) {
    blockers.push(
      blocker(WIRE_ERRORS.instanceInUse.code, facts.membership.groupHidden ? {} : { scalingGroupId: facts.membership.scalingGroupId }),
    );
  }
  if (group.state === "found" && group.activeConfiguration !== null) {
    if (instance.instanceType === null || !group.activeConfiguration.instanceTypes.includes(instance.instanceType)) {
      blockers.push(blocker(WIRE_ERRORS.instanceTypeMismatch.code));
    }
  }
  if (entrusted && instance.chargeType === "PrePaid") blockers.push(blocker(WIRE_ERRORS.entrustedPrePaid.code));
  return blockers;
}

function capacityBlockers(group: UpstreamScalingGroup, requested: number): GroupBlocker[] {
  return group.totalCapacity + requested > group.maxSize
    ? [
        {
          scope: "group",
          code: WIRE_ERRORS.incorrectCapacityMaxSize.code,
          maxSize: group.maxSize,
          totalCapacity: group.totalCapacity,
          requested,
        },
      ]
    : [];
}

/** Attached instances join the active configuration's security group; those already in it take no room. */
function securityGroupQuotaBlockers({ securityGroup }: FoundGroup, instances: readonly UpstreamEcsInstance[]): GroupBlocker[] {
  if (securityGroup === null) return [];
  const joining = instances.filter((instance) => !instance.securityGroupIds.includes(securityGroup.securityGroupId)).length;
  return joining > securityGroup.availableInstanceAmount
    ? [{ scope: "group", code: WIRE_ERRORS.securityGroupQuotaExceeded.code, securityGroupId: securityGroup.securityGroupId }]
    : [];
}

/** Attached instances' private IPs join every DB whitelist; IPs already listed take no room. */
function dbWhitelistQuotaBlockers({ dbInstances }: FoundGroup, instances: readonly UpstreamEcsInstance[]): GroupBlocker[] {
  return dbInstances.flatMap((db): GroupBlocker[] => {
    if (db === null) return [];
    const listed = new Set(db.securityIps);
    const added = new Set(
      instances.flatMap((instance) => (instance.privateIp && !listed.has(instance.privateIp) ? [instance.privateIp] : [])),
    );
    return added.size > 0 && listed.size + added.size > db.securityIpQuota
      ? [{ scope: "group", code: WIRE_ERRORS.dbSecurityIpQuotaExceeded.code, dbInstanceId: db.dbInstanceId }]
      : [];
  });
}
