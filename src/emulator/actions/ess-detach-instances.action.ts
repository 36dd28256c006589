import type { ActionRequest, CallerIdentity, EmulatorApiError } from "../emulator-core.types";
import type { DetachPlan } from "../activity/activity.plan";
import { detachCause, detachDescription } from "../activity/activity.text";
import type { EmulatorStore } from "../store/emulator.store";
import type { ScalingGroupRow } from "../store/store.rows";
import { isoSeconds } from "../store/store.time";
import type { ActionFactory } from "./action.context";
import {
  incorrectCapacityMinSize,
  incorrectDbInstanceStatus,
  incorrectInstanceStatus,
  incorrectLoadBalancerStatus,
  instanceNotFound,
  instanceNotInGroup,
  missingParameter,
} from "./action.errors";
import { clientToken, optionalBoolean, optionalEnum, optionalString, repeatList, requireDistinct, requiredString } from "./action.params";
import { MAX_INSTANCES_PER_CALL } from "./ess-attach-instances.action";
import {
  findCallerGroup,
  newResourceId,
  partitionRequested,
  replayedActivity,
  requireEssAuthorized,
  requireGroupReady,
} from "./ess.access";

interface DetachRequest {
  regionId: string | undefined;
  scalingGroupId: string;
  instanceIds: string[];
  decreaseDesiredCapacity: boolean;
  detachOption: "both" | undefined;
  lifecycleHook: boolean;
  ignoreInvalidInstance: boolean;
  clientToken: string | undefined;
}

function parseDetachRequest(params: ActionRequest["params"]): DetachRequest {
  const scalingGroupId = requiredString(params, "ScalingGroupId");
  const instanceIds = repeatList(params, "InstanceId", MAX_INSTANCES_PER_CALL);
  if (instanceIds.length === 0) throw missingParameter("InstanceId.1");
  requireDistinct(instanceIds, "InstanceId");
  return {
    regionId: optionalString(params, "RegionId"),
    scalingGroupId,
    instanceIds,
    decreaseDesiredCapacity: optionalBoolean(params, "DecreaseDesiredCapacity", true),
    detachOption: optionalEnum(params, "DetachOption", ["both"] as const),
    lifecycleHook: optionalBoolean(params, "LifecycleHook", false),
    ignoreInvalidInstance: optionalBoolean(params, "IgnoreInvalidInstance", false),
    clientToken: clientToken(params),
  };
}

function detachProblem(
  store: EmulatorStore,
  caller: CallerIdentity,
  group: ScalingGroupRow,
  instanceId: string,
): EmulatorApiError | undefined {
  if (!store.instance(caller.accountId, instanceId)) return instanceNotFound(instanceId);
  const membership = store.scalingInstance(instanceId);
  if (!membership || membership.scalingGroupId !== group.scalingGroupId) return instanceNotInGroup(instanceId);
  if (membership.lifecycleState !== "InService") return incorrectInstanceStatus(instanceId);
  return undefined;
}

/**
 * ESS DetachInstances: the group must be Active with no activity in progress; with
 * DetachOption=both its load balancers must be active and its DB instances Running (they are
 * changed); each instance must be an InService member of this group; TotalCapacity − n must stay
 * ≥ MinSize. The instances turn `Removing` (`Removing:Wait` with LifecycleHook) at once and leave
 * when the activity ends; DesiredCapacity drops by n when DecreaseDesiredCapacity (default true).
 * Detached instances are never stopped or released, even when Entrusted.
 */
export const detachInstancesAction: ActionFactory =
  ({ store, activities }) =>
  (request) => {
    const detach = parseDetachRequest(request.params);
    const caller = request.caller;
    const result = store.transaction(() => {
      requireEssAuthorized(store, caller);
      const print = JSON.stringify([
        detach.regionId ?? null,
        detach.scalingGroupId,
        detach.instanceIds,
        detach.decreaseDesiredCapacity,
        detach.detachOption ?? null,
        detach.lifecycleHook,
        detach.ignoreInvalidInstance,
      ]);
      const replayed = replayedActivity(store, caller, "DetachInstances", detach.clientToken, print);
      if (replayed !== undefined) return { scalingActivityId: replayed, started: false };

      const group = findCallerGroup(store, caller, detach.scalingGroupId, detach.regionId);
      requireGroupReady(store, group);
      const loadBalancerIds = store.groupLoadBalancerIds(group.scalingGroupId);
      const dbInstanceIds = store.groupDbInstanceIds(group.scalingGroupId);
      if (detach.detachOption === "both") {
        for (const id of loadBalancerIds)
          if (store.loadBalancer(caller.accountId, id)?.status !== "active") throw incorrectLoadBalancerStatus();
        for (const id of dbInstanceIds)
          if (store.dbInstance(caller.accountId, id)?.status !== "Running") throw incorrectDbInstanceStatus(id);
      }
      const { accepted, skipped } = partitionRequested(
        detach.instanceIds,
        (instanceId) => instanceId,
        (instanceId) => detachProblem(store, caller, group, instanceId),
        detach.ignoreInvalidInstance,
      );
      const capacity = store.groupCapacity(group.scalingGroupId);
      if (capacity.total - accepted.length < group.minSize) throw incorrectCapacityMinSize();

      const scalingActivityId = newResourceId("asa-");
      const plan: DetachPlan = {
        kind: "detach",
        instanceIds: accepted,
        skipped,
        detachOption: detach.detachOption ?? null,
        loadBalancerIds,
        dbInstanceIds,
        lifecycleHook: detach.lifecycleHook,
      };
      const attachedLeaving = accepted.filter((id) => store.scalingInstance(id)?.creationType === "Attached").length;
      store.insertActivity({
        scalingActivityId,
        scalingGroupId: group.scalingGroupId,
        kind: "detach",
        statusCode: "InProgress",
        progress: 0,
        description: detachDescription(accepted.length),
        cause: detachCause(capacity.total, capacity.total - accepted.length),
        statusMessage: "",
        startTime: isoSeconds(Date.now()),
        endTime: null,
        totalCapacity: capacity.total - accepted.length,
        attachedCapacity: capacity.attached - attachedLeaving,
        autoCreatedCapacity: capacity.autoCreated - (accepted.length - attachedLeaving),
        scalingInstanceNumber: accepted.length,
        ...activities.schedule(detach.lifecycleHook),
        plan: JSON.stringify(plan),
      });
      for (const instanceId of accepted) {
        store.setScalingInstanceState(instanceId, detach.lifecycleHook ? "Removing:Wait" : "Removing");
      }
      if (detach.decreaseDesiredCapacity && group.desiredCapacity !== null) {
        store.setDesiredCapacity(group.scalingGroupId, Math.max(group.minSize, group.desiredCapacity - accepted.length));
      }
      if (detach.clientToken !== undefined)
        store.saveClientToken(caller.accountId, "DetachInstances", detach.clientToken, print, scalingActivityId);
      return { scalingActivityId, started: true };
    });
    if (result.started) activities.activityStarted(result.scalingActivityId);
    return { ScalingActivityId: result.scalingActivityId };
  };
