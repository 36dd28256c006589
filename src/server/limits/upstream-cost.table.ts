import { DEFAULT_CONNECTION_PAGE } from "../../graphql/common/relay/connection.args";
import { INSTANCE_IDS_PER_CALL } from "../../graphql/instance/instance.loader";
import { SCALING_ACTIVITIES_PAGE_SIZE } from "../../graphql/scaling-activity/scaling-activity-page.loader";
import { SCALING_GROUP_SCAN_MAX_PAGES, SCALING_GROUPS_PAGE_SIZE } from "../../graphql/scaling-group/scaling-group-page.loader";
import {
  SCALING_INSTANCE_IDS_PER_CALL,
  SCALING_INSTANCES_PAGE_SIZE,
} from "../../graphql/scaling-instance/scaling-instance-membership.loader";
import { UPSTREAM_ID_LIMITS } from "../../upstream/upstream-id.limits";

/**
 * What each schema field costs in upstream calls: the one table the pre-execution estimate
 * (`estimateUpstreamCalls`) reads, and docs/limits.md documents. A field not listed costs nothing
 * (it reads what its parent already loaded).
 *
 * Costs are logical calls; the estimate multiplies them by the retry policy's `maxAttempts`.
 * "Items" below are the objects a field is resolved on: one per list entry above it.
 */
export type FieldCost =
  /**
   * `calls` per item (not batched across items); its value is a list of `listOf` objects when set.
   * `settles`: a tokened mutation, whose open outcome may be settled by single-attempt replays.
   */
  (
    | { kind: "perItem"; calls: number; listOf?: number; settles?: boolean }
    /**
     * A DataLoader keyed per item, `perCall` keys per call: the items of one list cost
     * ⌈items / perCall⌉ × `callsPerBatch`. Its objects resolve per batch, so their own fields are
     * estimated per batch of at most `perCall` items.
     */
    | { kind: "batched"; perCall: number; callsPerBatch?: number; batchOf?: number }
    /** ⌈length of the `argument` list / perCall⌉ per item; its value lists one object per ID. */
    | { kind: "idList"; argument: string; perCall: number }
    /**
     * A Relay connection read in upstream pages of `pageSize`: ⌈first / pageSize⌉ pages (at least
     * one, even for `first: 0`), one more after a cursor (the window may straddle pages). With
     * `scanWhen` set in its `filter` argument every page is read, up to `scanMaxPages`.
     */
    | { kind: "connection"; pageSize: number; scanWhen?: string; scanMaxPages?: number; membersOfOneGroup?: boolean }
    /** The list of a connection (`nodes`, `edges`) or of a preflight (`instances`): as long as its parent's window. */
    | { kind: "window" }
    /** An attach preflight of the `instanceIds` argument: see `preflightCalls`. */
    | { kind: "preflight" }
    /**
     * A preflight of each item alone, batched across the items of a list, against the group named
     * by the field's `scalingGroupId` argument ("argument") or the item's own group ("member"): the
     * items of a list share one group's facts when it is an argument or the list is a group's members.
     */
    | { kind: "eligibility"; group: "argument" | "member" }
  ) & {
    /**
     * More calls per item under an access policy: what decides the caller's access is read first
     * (the group of an activity, for a name-pattern grant; the hook of a lifecycle action).
     */
    underPolicy?: number;
  };

/** ESS: at most 5 Classic Load Balancers per scaling group (the emulator's world enforces the same). */
const MAX_LOAD_BALANCERS_PER_GROUP = 5;
/** ESS: at most 8 RDS instances per scaling group. */
const MAX_DB_INSTANCES_PER_GROUP = 8;
/** SLB DescribeLoadBalancerAttribute: one load balancer per call. */
const CALLS_PER_LOAD_BALANCER = 1;
/** RDS DescribeDBInstanceAttribute + DescribeDBInstanceIPArrayList. */
const CALLS_PER_DB_INSTANCE = 2;

/**
 * The facts of one target group, read once per preflight (and shared by every eligibility field of
 * one list): DescribeScalingGroups, the in-progress activities page, each load balancer and RDS
 * instance, the active configuration, its security group.
 */
const GROUP_FACTS_CALLS =
  1 + 1 + MAX_LOAD_BALANCERS_PER_GROUP * CALLS_PER_LOAD_BALANCER + MAX_DB_INSTANCES_PER_GROUP * CALLS_PER_DB_INSTANCE + 1 + 1;

/**
 * An attach preflight of `instanceCount` instances, with `regionCount` regions known to the
 * gateway: the group's facts, DescribeInstances per 100 IDs in the group's region and again in
 * every other region (instances missing there are looked for elsewhere, to tell RegionMismatch
 * from NotFound), DescribeScalingInstances per 20 IDs (their memberships).
 */
export function preflightCalls(instanceCount: number, regionCount: number): number {
  return (
    GROUP_FACTS_CALLS +
    Math.ceil(instanceCount / INSTANCE_IDS_PER_CALL) * Math.max(1, regionCount) +
    Math.ceil(instanceCount / SCALING_INSTANCE_IDS_PER_CALL)
  );
}

/** How many items a connection window holds at most (`first`, or the schema's default). */
export function windowSize(first: number | null | undefined): number {
  return Math.max(0, first ?? DEFAULT_CONNECTION_PAGE);
}

/** Upstream pages a connection window reads (see `FieldCost` "connection"). */
export function connectionPages(first: number | null | undefined, hasCursor: boolean, pageSize: number): number {
  return Math.max(1, Math.ceil(windowSize(first) / pageSize)) + (hasCursor ? 1 : 0);
}

const ESS_IDS = UPSTREAM_ID_LIMITS.essIdsPerCall;
const ECS_IDS = UPSTREAM_ID_LIMITS.ecsIdsPerCall;
/** DescribeSecurityGroups pages hold 50 groups, so 100 IDs can take two calls. */
const SECURITY_GROUPS_PER_CALL = 50;

/**
 * Every field that costs upstream calls, by `Type.field`. Two fields asking for the same thing
 * (say `hasActivityInProgress` and `activities(status: IN_PROGRESS)`) share calls at run time; the
 * estimate counts both, so it stays an upper bound.
 */
export const FIELD_COSTS: Readonly<Record<string, FieldCost>> = {
  "Query.scalingGroup": { kind: "batched", perCall: ESS_IDS },
  // Under a policy: the activity's group, when a name-pattern grant decides.
  "Query.scalingActivity": { kind: "batched", perCall: ESS_IDS, underPolicy: 1 },
  "Query.instance": { kind: "batched", perCall: ECS_IDS },
  "Query.instances": { kind: "idList", argument: "ids", perCall: ECS_IDS },
  "Query.scalingGroups": {
    kind: "connection",
    pageSize: SCALING_GROUPS_PAGE_SIZE,
    scanWhen: "lifecycleState",
    scanMaxPages: SCALING_GROUP_SCAN_MAX_PAGES,
  },
  "Query.attachPreflight": { kind: "preflight" },
  // attachInstances: the call (and its settle replays), then (for some refusals) the group and its
  // configuration to describe it.
  "Mutation.attachInstances": { kind: "perItem", calls: 3, settles: true },
  // detachInstances: the call (and its settle replays), then for some refusals the group or the
  // instance's membership and its group, to describe it.
  "Mutation.detachInstances": { kind: "perItem", calls: 3, settles: true },
  // A subset of the attach preflight's facts (no configuration or security group).
  "Query.detachPreflight": { kind: "preflight" },
  // The first read; later polls are bounded by the subscription's own limits (docs/limits.md).
  "Subscription.scalingActivityUpdates": { kind: "perItem", calls: 1, underPolicy: 1 },
  "ScalingGroupConnection.nodes": { kind: "window" },
  "ScalingGroupConnection.edges": { kind: "window" },
  "ScalingGroup.activeScalingConfiguration": { kind: "batched", perCall: ESS_IDS },
  "ScalingGroup.loadBalancers": {
    kind: "perItem",
    calls: MAX_LOAD_BALANCERS_PER_GROUP * CALLS_PER_LOAD_BALANCER,
    listOf: MAX_LOAD_BALANCERS_PER_GROUP,
  },
  "ScalingGroup.dbInstances": {
    kind: "perItem",
    calls: MAX_DB_INSTANCES_PER_GROUP * CALLS_PER_DB_INSTANCE,
    listOf: MAX_DB_INSTANCES_PER_GROUP,
  },
  "ScalingGroup.instances": { kind: "connection", pageSize: SCALING_INSTANCES_PAGE_SIZE, membersOfOneGroup: true },
  "ScalingGroup.activities": { kind: "connection", pageSize: SCALING_ACTIVITIES_PAGE_SIZE },
  "ScalingGroup.hasActivityInProgress": { kind: "perItem", calls: 1 },
  "ScalingGroup.attachPreflight": { kind: "preflight" },
  "ScalingConfiguration.securityGroup": { kind: "batched", perCall: SECURITY_GROUPS_PER_CALL, batchOf: ECS_IDS },
  "ScalingInstanceConnection.nodes": { kind: "window" },
  "ScalingInstanceConnection.edges": { kind: "window" },
  "ScalingInstance.instance": { kind: "batched", perCall: ECS_IDS },
  "ScalingInstance.scalingGroup": { kind: "batched", perCall: ESS_IDS },
  "ScalingActivityConnection.nodes": { kind: "window" },
  "ScalingActivityConnection.edges": { kind: "window" },
  "Instance.scalingMembership": { kind: "batched", perCall: SCALING_INSTANCE_IDS_PER_CALL },
  // The membership, then the group it names.
  "Instance.scalingGroup": { kind: "batched", perCall: SCALING_INSTANCE_IDS_PER_CALL, callsPerBatch: 2 },
  "Instance.attachEligibility": { kind: "eligibility", group: "argument" },
  "AttachPreflight.instances": { kind: "window" },
  // The preflight that produced the entry has loaded its instance and membership (a failure stays
  // cached too): only the group the membership names may still be read.
  "InstanceAttachPreflight.currentScalingGroup": { kind: "batched", perCall: ESS_IDS },
  // CompleteLifecycleAction: one call (not settled: ESS answers a repeated token as a replay).
  "Mutation.completeLifecycleAction": { kind: "perItem", calls: 1, underPolicy: 1 },
  // The lifecycle actions of the instance's activity, and the hooks of its group (DataLoaders
  // deduplicate both per request; counted per item as an upper bound).
  "ScalingInstance.lifecycleHook": { kind: "perItem", calls: 2 },
  "ScalingInstance.detachEligibility": { kind: "eligibility", group: "member" },
  "DetachInstancesSuccess.scalingActivity": { kind: "batched", perCall: ESS_IDS },
  "DetachInstancesSuccess.scalingGroup": { kind: "batched", perCall: ESS_IDS },
  "AttachInstancesSuccess.scalingActivity": { kind: "batched", perCall: ESS_IDS },
  "AttachInstancesSuccess.scalingGroup": { kind: "batched", perCall: ESS_IDS },
};
