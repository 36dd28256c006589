import { WIRE_ERRORS } from "../../contract/wire-errors.contract";
import type { MalformedParameterIssue, RequestBlocker } from "../attach-preflight/attach-blocker.types";
import { requestBlockersOf, type GroupFacts, type InstanceFacts } from "../attach-preflight/attach-preflight.rules";
import { CALL_LIMITS } from "../../contract/call-limits.contract";
import type { DetachBlocker, DetachGroupBlocker, DetachInstanceBlocker } from "./detach-blocker.types";

/** What the preflight knows: attach's group and instance facts, and the call's options. */
export interface DetachPreflightFacts {
  /** As requested, in request order (duplicates included: they are a request problem). */
  instanceIds: readonly string[];
  /** `DetachOption=both`: the group's load balancers and DB instances are changed, so they are checked. */
  detachFromLoadBalancersAndDatabases: boolean;
  /** As DetachInstances' `IgnoreInvalidInstance`: instances with a blocker are skipped, not fatal. */
  ignoreInvalidInstance: boolean;
  group: GroupFacts;
  /** Keyed by instance ID; one entry per distinct requested ID. */
  instances: ReadonlyMap<string, InstanceFacts>;
}

export interface DetachPreflightVerdict {
  /** Every blocker, in the order DetachInstances checks: its first is the error the call returns. */
  blockers: DetachBlocker[];
  requestBlockers: RequestBlocker[];
  groupBlockers: DetachGroupBlocker[];
  /** Per distinct requested instance ID, in request order. */
  instances: Array<{ instanceId: string; blockers: DetachInstanceBlocker[] }>;
  /** The instances the call would detach: all of them, or with `ignoreInvalidInstance` those without blockers. */
  detachedInstanceIds: string[];
}

/**
 * The DetachInstances preflight: from facts already loaded, every reason the call would fail, in
 * exactly the order of docs/attach-rules.md ("DetachInstances"): request → authorization → group
 * exists → Active → no activity in progress → with DetachOption=both each load balancer active and
 * each DB instance Running → each instance (exists, member of this group, InService) → MinSize.
 * Pure: no I/O.
 */
export function evaluateDetachPreflight(facts: DetachPreflightFacts): DetachPreflightVerdict {
  const distinctIds = [...new Set(facts.instanceIds)];
  const requestBlockers = requestBlockersOf(facts.instanceIds, distinctIds, CALL_LIMITS.essIdsPerCall);
  const group = facts.group;
  const instances = distinctIds.map((instanceId) => ({
    instanceId,
    blockers: instanceBlockers(instanceId, facts.instances.get(instanceId), group),
  }));
  const valid = instances.filter((entry) => entry.blockers.length === 0);
  // With IgnoreInvalidInstance, ESS skips invalid instances and fails only when none remains.
  const skipping = facts.ignoreInvalidInstance && valid.length > 0;
  const detachedIds = skipping ? valid.map((entry) => entry.instanceId) : distinctIds;

  const leading: DetachGroupBlocker[] = [];
  const trailing: DetachGroupBlocker[] = [];
  if (group.state === "forbidden") {
    leading.push({ scope: "group", code: WIRE_ERRORS.forbiddenUnauthorized.code });
  } else if (group.state === "notFound") {
    leading.push({ scope: "group", code: WIRE_ERRORS.scalingGroupNotFound.code });
  } else {
    if (group.group.lifecycleState !== "Active") leading.push({ scope: "group", code: WIRE_ERRORS.incorrectScalingGroupStatus.code });
    if (group.activityInProgress) leading.push({ scope: "group", code: WIRE_ERRORS.scalingActivityInProgress.code });
    if (facts.detachFromLoadBalancersAndDatabases) {
      group.loadBalancers.forEach((loadBalancer, index) => {
        // A load balancer that no longer exists cannot be changed either.
        if (loadBalancer === null || loadBalancer.status !== "active") {
          leading.push({
            scope: "group",
            code: WIRE_ERRORS.incorrectLoadBalancerStatus.code,
            loadBalancerId: group.group.loadBalancerIds[index]!,
          });
        }
      });
      group.dbInstances.forEach((db, index) => {
        if (db === null || db.status !== "Running") {
          leading.push({
            scope: "group",
            code: WIRE_ERRORS.incorrectDbInstanceStatus.code,
            dbInstanceId: group.group.dbInstanceIds[index]!,
          });
        }
      });
    }
    const { minSize, totalCapacity } = group.group;
    if (totalCapacity - detachedIds.length < minSize) {
      trailing.push({
        scope: "group",
        code: WIRE_ERRORS.incorrectCapacityMinSize.code,
        minSize,
        totalCapacity,
        requested: detachedIds.length,
      });
    }
  }

  const fatalInstanceBlockers = skipping ? [] : instances.flatMap((entry) => entry.blockers);
  return {
    blockers: [...requestBlockers, ...leading, ...fatalInstanceBlockers, ...trailing],
    requestBlockers,
    groupBlockers: [...leading, ...trailing],
    instances,
    detachedInstanceIds: detachedIds,
  };
}

/**
 * The verdict for a request with malformed region, group or instance IDs: the mutation refuses such
 * input before calling ESS, so nothing is looked up and the only blockers are request problems.
 */
export function malformedDetachVerdict(instanceIds: readonly string[], issues: MalformedParameterIssue[]): DetachPreflightVerdict {
  const requestBlockers: RequestBlocker[] = [
    { scope: "request", problem: "malformedParameters", issues },
    ...requestBlockersOf(instanceIds, [...new Set(instanceIds)], CALL_LIMITS.essIdsPerCall),
  ];
  return { blockers: requestBlockers, requestBlockers, groupBlockers: [], instances: [], detachedInstanceIds: [] };
}

/** The one check DetachInstances makes of an instance, first failure only (as ESS answers). */
function instanceBlockers(instanceId: string, facts: InstanceFacts | undefined, group: GroupFacts): DetachInstanceBlocker[] {
  const exists = facts !== undefined && (facts.instance !== null || facts.foundInRegionId !== null);
  if (!exists) return [{ scope: "instance", instanceId, problem: "notFound", code: WIRE_ERRORS.instanceNotFound.code }];
  // Unknown membership (ESS refused to answer) or an unknown group: the group blocker says why.
  if (facts.membership === undefined || group.state !== "found") return [];
  if (facts.membership === null || facts.membership.scalingGroupId !== group.group.scalingGroupId) {
    return [{ scope: "instance", instanceId, problem: "notInGroup", code: WIRE_ERRORS.instanceNotInGroup.code }];
  }
  if (facts.membership.lifecycleState !== "InService") {
    return [{ scope: "instance", instanceId, problem: "notInService", code: WIRE_ERRORS.incorrectInstanceStatus.code }];
  }
  return [];
}
