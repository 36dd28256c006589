import { WIRE_ERRORS } from "../../contract/wire-errors.contract";
import { isoSeconds } from "../store/store.time";
import type { EmulatorStore } from "../store/emulator.store";
import type { ScalingActivityRow } from "../store/store.rows";
import { parsePlan, type AttachPlan, type DetachPlan, type SkippedInstance } from "./activity.plan";
import { finishedMessage } from "./activity.text";

/**
 * The effects of a finished activity. Call inside a transaction; `wallMs` stamps EndTime.
 *
 * Attach: each planned instance that is still `Running` becomes `InService`, joins the group's
 * load balancers (with its weight) and DB whitelists (its private IP), and the configuration's
 * security group. An instance that stopped meanwhile leaves the group again and is reported as
 * failed (`IncorrectInstanceStatus`); DesiredCapacity is lowered for it if it had been raised.
 * Status: Successful; Warning when some instances were skipped or failed; Failed when none was
 * added.
 *
 * Detach: the instances leave the group; with DetachOption=both they also leave the group's load
 * balancers and DB whitelists. Instances are never stopped or released.
 */
export function finishActivity(store: EmulatorStore, activity: ScalingActivityRow, wallMs: number): void {
  const plan = parsePlan(activity.plan);
  switch (plan?.kind) {
    case "attach":
      return finishAttach(store, activity, plan, wallMs);
    case "detach":
      return finishDetach(store, activity, plan, wallMs);
    case undefined:
      return finishWithoutPlan(store, activity, wallMs);
    default: {
      const unexpected: never = plan;
      throw new Error(`Unknown activity plan ${JSON.stringify(unexpected)}`);
    }
  }
}

function finishAttach(store: EmulatorStore, activity: ScalingActivityRow, plan: AttachPlan, wallMs: number): void {
  const group = store.groupById(activity.scalingGroupId)!;
  const failed: SkippedInstance[] = [];
  let added = 0;
  for (const { instanceId, weight } of plan.instances) {
    const membership = store.scalingInstance(instanceId);
    if (!membership || membership.scalingActivityId !== activity.scalingActivityId) continue;
    if (plan.abandoned === true) {
      store.deleteScalingInstance(instanceId);
      failed.push({ instanceId, code: LIFECYCLE_ABANDONED });
      continue;
    }
    const instance = store.instance(group.accountId, instanceId);
    if (!instance || instance.status !== "Running") {
      store.deleteScalingInstance(instanceId);
      failed.push({ instanceId, code: WIRE_ERRORS.incorrectInstanceStatus.code });
      continue;
    }
    store.setScalingInstanceState(instanceId, "InService");
    for (const loadBalancerId of plan.loadBalancerIds) store.upsertBackendServer(loadBalancerId, instanceId, weight);
    for (const dbInstanceId of plan.dbInstanceIds) store.addSecurityIp(dbInstanceId, instance.privateIp);
    if (plan.securityGroupId !== null) store.joinSecurityGroup(instanceId, plan.securityGroupId);
    added += 1;
  }
  if (failed.length > 0 && plan.desiredCapacityRaised && group.desiredCapacity !== null) {
    store.setDesiredCapacity(group.scalingGroupId, Math.max(group.minSize, group.desiredCapacity - failed.length));
  }
  const capacity = store.groupCapacity(group.scalingGroupId);
  store.updateActivity(activity.scalingActivityId, {
    statusCode: added === 0 ? "Failed" : plan.skipped.length + failed.length > 0 ? "Warning" : "Successful",
    progress: 100,
    statusMessage: finishedMessage("added", added, plan.skipped, failed),
    endTime: isoSeconds(wallMs),
    totalCapacity: capacity.total,
    attachedCapacity: capacity.attached,
    autoCreatedCapacity: capacity.autoCreated,
    hookDueAtMs: null,
  });
}

function finishDetach(store: EmulatorStore, activity: ScalingActivityRow, plan: DetachPlan, wallMs: number): void {
  const group = store.groupById(activity.scalingGroupId)!;
  let removed = 0;
  for (const instanceId of plan.instanceIds) {
    const membership = store.scalingInstance(instanceId);
    if (!membership || membership.scalingGroupId !== group.scalingGroupId) continue;
    store.deleteScalingInstance(instanceId);
    removed += 1;
    if (plan.detachOption !== "both") continue;
    const instance = store.instance(group.accountId, instanceId);
    for (const loadBalancerId of plan.loadBalancerIds) store.removeBackendServer(loadBalancerId, instanceId);
    if (instance) for (const dbInstanceId of plan.dbInstanceIds) store.removeSecurityIp(dbInstanceId, instance.privateIp);
  }
  const capacity = store.groupCapacity(group.scalingGroupId);
  store.updateActivity(activity.scalingActivityId, {
    statusCode: plan.skipped.length > 0 ? "Warning" : "Successful",
    progress: 100,
    statusMessage: finishedMessage("removed", removed, plan.skipped, []),
    endTime: isoSeconds(wallMs),
    totalCapacity: capacity.total,
    attachedCapacity: capacity.attached,
    autoCreatedCapacity: capacity.autoCreated,
    hookDueAtMs: null,
  });
}

/** A world-defined (external) activity: it simply ends successfully. */
function finishWithoutPlan(store: EmulatorStore, activity: ScalingActivityRow, wallMs: number): void {
  store.updateActivity(activity.scalingActivityId, {
    statusCode: "Successful",
    progress: 100,
    statusMessage: activity.statusMessage || "The scaling activity finished.",
    endTime: isoSeconds(wallMs),
  });
}

/** The code a finished activity lists for an instance a lifecycle action abandoned. */
const LIFECYCLE_ABANDONED = "LifecycleActionAbandoned";

/**
 * The lifecycle-hook phase of an activity ends. Attach: lifecycle actions still Pending time out
 * with their hook's DefaultResult; if any action's result is ABANDON the activity is marked
 * abandoned (the caller finishes it now and the waiting instances leave the group), otherwise its
 * `Pending:Wait` instances move on to `Pending`. Detach: `Removing:Wait` moves on to `Removing`.
 */
export function endHookPhase(store: EmulatorStore, activity: ScalingActivityRow): "abandoned" | "continued" {
  const plan = parsePlan(activity.plan);
  if (plan?.kind === "attach") {
    for (const action of store.lifecycleActionsOfActivity(activity.scalingActivityId)) {
      if (action.status !== "Pending") continue;
      store.setLifecycleActionOutcome(
        action.lifecycleActionToken,
        "Timeout",
        store.lifecycleHook(action.lifecycleHookId)?.defaultResult ?? "CONTINUE",
      );
    }
    if (store.lifecycleActionsOfActivity(activity.scalingActivityId).some((action) => action.result === "ABANDON")) {
      store.updateActivity(activity.scalingActivityId, { hookDueAtMs: null, plan: JSON.stringify({ ...plan, abandoned: true }) });
      return "abandoned";
    }
    for (const { instanceId } of plan.instances) {
      const membership = store.scalingInstance(instanceId);
      if (membership?.scalingActivityId === activity.scalingActivityId && membership.lifecycleState === "Pending:Wait") {
        store.setScalingInstanceState(instanceId, "Pending");
      }
    }
  }
  if (plan?.kind === "detach") {
    for (const instanceId of plan.instanceIds) {
      const membership = store.scalingInstance(instanceId);
      if (membership?.lifecycleState === "Removing:Wait") store.setScalingInstanceState(instanceId, "Removing");
    }
  }
  store.updateActivity(activity.scalingActivityId, { hookDueAtMs: null });
  return "continued";
}
