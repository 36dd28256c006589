import { randomUUID } from "node:crypto";
import { DEFAULT_LOAD_BALANCER_WEIGHT } from "../../contract/wire-defaults.contract";
import { groupNetworkTypeOf } from "../../contract/network-type.rule";
import type { ActionRequest, CallerIdentity, EmulatorApiError } from "../emulator-core.types";
import type { AttachPlan } from "../activity/activity.plan";
import { attachCause, attachDescription } from "../activity/activity.text";
import type { EmulatorStore } from "../store/emulator.store";
import type { ScalingConfigurationRow, ScalingGroupRow } from "../store/store.rows";
import { isoSeconds } from "../store/store.time";
import type { ActionFactory } from "./action.context";
import {
  dbSecurityIpQuotaExceeded,
  entrustedPrePaid,
  incorrectCapacityMaxSize,
  incorrectDbInstanceStatus,
  incorrectInstanceStatus,
  incorrectLoadBalancerHealthCheck,
  incorrectLoadBalancerStatus,
  instanceInUse,
  instanceNetworkTypeMismatch,
  instanceNotFound,
  instanceRegionMismatch,
  instanceTypeMismatch,
  instanceVpcMismatch,
  invalidParameter,
  loadBalancerNetworkTypeMismatch,
  loadBalancerVpcMismatch,
  missingParameter,
  securityGroupQuotaExceeded,
} from "./action.errors";
import {
  clientToken,
  indexedValues,
  optionalBoolean,
  optionalString,
  parseInteger,
  repeatList,
  requireDistinct,
  requiredString,
} from "./action.params";
import {
  findCallerGroup,
  newResourceId,
  partitionRequested,
  replayedActivity,
  requireEssAuthorized,
  requireGroupReady,
} from "./ess.access";

/** At most this many instances per AttachInstances/DetachInstances call (InstanceId.1..20). */
export const MAX_INSTANCES_PER_CALL = 20;

interface AttachRequest {
  regionId: string | undefined;
  scalingGroupId: string;
  instances: Array<{ instanceId: string; weight: number }>;
  entrusted: boolean;
  lifecycleHook: boolean;
  ignoreInvalidInstance: boolean;
  clientToken: string | undefined;
}

/** Check 1: parameters. Everything malformed is reported before any state is read. */
function parseAttachRequest(params: ActionRequest["params"]): AttachRequest {
  const scalingGroupId = requiredString(params, "ScalingGroupId");
  const instanceIds = repeatList(params, "InstanceId", MAX_INSTANCES_PER_CALL);
  if (instanceIds.length === 0) throw missingParameter("InstanceId.1");
  requireDistinct(instanceIds, "InstanceId");
  const weights = loadBalancerWeights(params);
  for (const index of weights.keys()) {
    if (index > instanceIds.length) {
      throw invalidParameter(`LoadBalancerWeight.${index}`, `there is no InstanceId.${index} for this weight.`);
    }
  }
  return {
    regionId: optionalString(params, "RegionId"),
    scalingGroupId,
    instances: instanceIds.map((instanceId, index) => ({ instanceId, weight: weights.get(index + 1) ?? DEFAULT_LOAD_BALANCER_WEIGHT })),
    entrusted: optionalBoolean(params, "Entrusted", false),
    lifecycleHook: optionalBoolean(params, "LifecycleHook", false),
    ignoreInvalidInstance: optionalBoolean(params, "IgnoreInvalidInstance", false),
    clientToken: clientToken(params),
  };
}

/**
 * `LoadBalancerWeight.N` may be partial (unspecified instances get 50), so unlike InstanceId gaps
 * are allowed; each value is an integer 0..100.
 */
function loadBalancerWeights(params: ActionRequest["params"]): Map<number, number> {
  const weights = new Map<number, number>();
  for (const [index, value] of indexedValues(params, "LoadBalancerWeight", MAX_INSTANCES_PER_CALL)) {
    weights.set(index, parseInteger(value, `LoadBalancerWeight.${index}`, { min: 0, max: 100 }));
  }
  return weights;
}

/** The request's meaning, for ClientToken comparison (defaults filled in, so `50` equals absent). */
function fingerprint(request: AttachRequest): string {
  return JSON.stringify([
    request.regionId ?? null,
    request.scalingGroupId,
    request.instances.map((instance) => [instance.instanceId, instance.weight]),
    request.entrusted,
    request.lifecycleHook,
    request.ignoreInvalidInstance,
  ]);
}

/** Check 7: the group's load balancers, in order. */
function checkLoadBalancers(
  store: EmulatorStore,
  caller: CallerIdentity,
  group: ScalingGroupRow,
  loadBalancerIds: readonly string[],
): void {
  const groupNetwork = groupNetworkTypeOf(group);
  for (const loadBalancerId of loadBalancerIds) {
    const lb = store.loadBalancer(caller.accountId, loadBalancerId);
    if (!lb) throw incorrectLoadBalancerStatus();
    if (lb.status !== "active") throw incorrectLoadBalancerStatus();
    if (lb.healthCheck !== "on") throw incorrectLoadBalancerHealthCheck();
    if (lb.networkType !== groupNetwork) throw loadBalancerNetworkTypeMismatch();
    if (lb.networkType === "vpc" && lb.vpcId !== group.vpcId) throw loadBalancerVpcMismatch();
  }
}

/** Check 8: the group's DB instances, in order. */
function checkDbInstances(store: EmulatorStore, caller: CallerIdentity, dbInstanceIds: readonly string[]): void {
  for (const dbInstanceId of dbInstanceIds) {
    const db = store.dbInstance(caller.accountId, dbInstanceId);
    if (!db || db.status !== "Running") throw incorrectDbInstanceStatus(dbInstanceId);
  }
}

/** Check 9 for one instance: the first problem, or undefined when it may be attached. */
function instanceProblem(
  store: EmulatorStore,
  caller: CallerIdentity,
  group: ScalingGroupRow,
  configuration: ScalingConfigurationRow | undefined,
  instanceId: string,
  entrusted: boolean,
): EmulatorApiError | undefined {
  const instance = store.instance(caller.accountId, instanceId);
  if (!instance) return instanceNotFound(instanceId);
  if (instance.regionId !== group.regionId) return instanceRegionMismatch(instanceId);
  if (instance.status !== "Running") return incorrectInstanceStatus(instanceId);
  const groupNetwork = groupNetworkTypeOf(group);
  if (instance.networkType !== groupNetwork) return instanceNetworkTypeMismatch(instanceId);
  if (groupNetwork === "vpc" && instance.vpcId !== group.vpcId) return instanceVpcMismatch(instanceId);
  if (store.scalingInstance(instanceId)) return instanceInUse(instanceId);
  if (configuration && !configuration.instanceTypes.includes(instance.instanceType)) return instanceTypeMismatch(instanceId);
  if (entrusted && instance.chargeType === "PrePaid") return entrustedPrePaid(instanceId);
  return undefined;
}

/** Check 11: the configuration's security group has room for the instances that will join it. */
function checkSecurityGroupQuota(
  store: EmulatorStore,
  caller: CallerIdentity,
  securityGroupId: string | null,
  instanceIds: readonly string[],
): void {
  if (securityGroupId === null) return;
  const securityGroup = store.securityGroup(caller.accountId, securityGroupId);
  if (!securityGroup) return;
  const joining = instanceIds.filter((instanceId) => !store.instanceSecurityGroupIds(instanceId).includes(securityGroupId)).length;
  if (joining === 0) return;
  const members = store.securityGroupMemberCount(securityGroupId) + store.pendingSecurityGroupJoins(securityGroupId);
  if (members + joining > securityGroup.instanceQuota) throw securityGroupQuotaExceeded();
}

/** Check 12: each DB instance's whitelist has room for the new private IPs. */
function checkDbWhitelistQuotas(
  store: EmulatorStore,
  caller: CallerIdentity,
  dbInstanceIds: readonly string[],
  instanceIds: readonly string[],
): void {
  const privateIps = instanceIds.map((instanceId) => store.instance(caller.accountId, instanceId)!.privateIp);
  for (const dbInstanceId of dbInstanceIds) {
    const db = store.dbInstance(caller.accountId, dbInstanceId)!;
    const listed = new Set([...store.securityIps(dbInstanceId), ...store.pendingSecurityIps(dbInstanceId)]);
    const added = new Set(privateIps.filter((ip) => !listed.has(ip)));
    if (added.size > 0 && listed.size + added.size > db.securityIpQuota) throw dbSecurityIpQuotaExceeded(dbInstanceId);
  }
}

/**
 * ESS AttachInstances. Runs the checks in exactly the order of docs/wire-contract.md (reporting
 * the first failure), then, in the same transaction, starts the activity: the instances enter the
 * group as `Pending` (`Pending:Wait` with LifecycleHook=true when the group has an active SCALE_OUT
 * hook, one lifecycle action per such hook) so TotalCapacity moves at once — that is
 * what keeps MaxSize under concurrency — DesiredCapacity grows by the number attached (when set),
 * and the ClientToken is remembered. The activity runner finishes the work later.
 */
export const attachInstancesAction: ActionFactory =
  ({ store, activities }) =>
  (request) => {
    const attach = parseAttachRequest(request.params);
    const caller = request.caller;
    const result = store.transaction(() => {
      requireEssAuthorized(store, caller);
      const print = fingerprint(attach);
      const replayed = replayedActivity(store, caller, "AttachInstances", attach.clientToken, print);
      if (replayed !== undefined) return { scalingActivityId: replayed, started: false };

      const group = findCallerGroup(store, caller, attach.scalingGroupId, attach.regionId);
      requireGroupReady(store, group);
      const loadBalancerIds = store.groupLoadBalancerIds(group.scalingGroupId);
      checkLoadBalancers(store, caller, group, loadBalancerIds);
      const dbInstanceIds = store.groupDbInstanceIds(group.scalingGroupId);
      checkDbInstances(store, caller, dbInstanceIds);

      const configuration =
        group.activeScalingConfigurationId !== null ? store.configuration(caller.accountId, group.activeScalingConfigurationId) : undefined;
      const { accepted, skipped } = partitionRequested(
        attach.instances,
        (instance) => instance.instanceId,
        (instance) => instanceProblem(store, caller, group, configuration, instance.instanceId, attach.entrusted),
        attach.ignoreInvalidInstance,
      );

      const capacity = store.groupCapacity(group.scalingGroupId);
      if (capacity.total + accepted.length > group.maxSize) throw incorrectCapacityMaxSize();
      const acceptedIds = accepted.map((instance) => instance.instanceId);
      const securityGroupId = configuration?.securityGroupId ?? null;
      checkSecurityGroupQuota(store, caller, securityGroupId, acceptedIds);
      checkDbWhitelistQuotas(store, caller, dbInstanceIds, acceptedIds);

      const wallMs = Date.now();
      const scalingActivityId = newResourceId("asa-");
      // Only an active SCALE_OUT hook holds the instances; LifecycleHook=true alone does not (ESS).
      const hooks = attach.lifecycleHook
        ? store
            .lifecycleHooks(group.scalingGroupId)
            .filter((hook) => hook.lifecycleTransition === "SCALE_OUT" && hook.lifecycleHookStatus === "Active")
        : [];
      const hookWaitMs = hooks.length === 0 ? null : Math.max(...hooks.map((hook) => hook.heartbeatTimeout)) * 1000;
      const totalAfter = capacity.total + accepted.length;
      const plan: AttachPlan = {
        kind: "attach",
        instances: accepted,
        skipped,
        loadBalancerIds,
        dbInstanceIds,
        securityGroupId,
        lifecycleHook: attach.lifecycleHook,
        desiredCapacityRaised: group.desiredCapacity !== null,
      };
      store.insertActivity({
        scalingActivityId,
        scalingGroupId: group.scalingGroupId,
        kind: "attach",
        statusCode: "InProgress",
        progress: 0,
        description: attachDescription(accepted.length),
        cause: attachCause(capacity.total, totalAfter),
        statusMessage: "",
        startTime: isoSeconds(wallMs),
        endTime: null,
        totalCapacity: totalAfter,
        attachedCapacity: capacity.attached + accepted.length,
        autoCreatedCapacity: capacity.autoCreated,
        scalingInstanceNumber: accepted.length,
        ...activities.scheduleAfterHookWait(hookWaitMs),
        plan: JSON.stringify(plan),
      });
      for (const instance of accepted) {
        store.insertScalingInstance({
          instanceId: instance.instanceId,
          scalingGroupId: group.scalingGroupId,
          creationType: "Attached",
          lifecycleState: hooks.length > 0 ? "Pending:Wait" : "Pending",
          healthStatus: "Healthy",
          entrusted: attach.entrusted,
          loadBalancerWeight: instance.weight,
          // Manually added instances are not associated with the active configuration (spec).
          scalingConfigurationId: null,
          scalingActivityId,
          createdTime: isoSeconds(wallMs),
        });
      }
      for (const hook of hooks) {
        store.insertLifecycleAction({
          lifecycleActionToken: randomUUID(),
          lifecycleHookId: hook.lifecycleHookId,
          scalingActivityId,
          status: "Pending",
          result: null,
          clientToken: null,
          instanceIds: acceptedIds,
        });
      }
      if (group.desiredCapacity !== null) {
        store.setDesiredCapacity(group.scalingGroupId, Math.min(group.maxSize, group.desiredCapacity + accepted.length));
      }
      if (attach.clientToken !== undefined)
        store.saveClientToken(caller.accountId, "AttachInstances", attach.clientToken, print, scalingActivityId);
      return { scalingActivityId, started: true };
    });
    if (result.started) activities.activityStarted(result.scalingActivityId);
    return { ScalingActivityId: result.scalingActivityId };
  };
