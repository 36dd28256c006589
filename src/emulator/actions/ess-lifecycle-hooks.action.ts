import { LIFECYCLE_ACTION_RESULTS } from "../world/world.constants";
import type { ActionFactory } from "./action.context";
import { invalidParameter, lifecycleActionNotPending, lifecycleActionTokenNotFound, lifecycleHookNotFound } from "./action.errors";
import { pagedBody, pageRequest } from "./action.paging";
import { clientToken, optionalEnum, optionalInteger, optionalString, repeatList, requiredString } from "./action.params";
import { requireEssAuthorized } from "./ess.access";
import { renderLifecycleAction, renderLifecycleHook } from "./ess.render";

/** Lifecycle action states (DescribeLifecycleActions `LifecycleActionStatus`). */
const LIFECYCLE_ACTION_STATUSES = ["Pending", "Timeout", "Completed"] as const;

/**
 * ESS DescribeLifecycleHooks: the hooks of the caller's groups in `RegionId`, filtered by
 * `ScalingGroupId`, `LifecycleHookName` and `LifecycleHookId.1..10`. PageSize 1..50, default 10.
 */
export const describeLifecycleHooksAction: ActionFactory =
  ({ store }) =>
  (request) => {
    const { params, caller } = request;
    const regionId = requiredString(params, "RegionId");
    const scalingGroupId = optionalString(params, "ScalingGroupId");
    const name = optionalString(params, "LifecycleHookName");
    const ids = repeatList(params, "LifecycleHookId", 10);
    const page = pageRequest(params, 50);
    requireEssAuthorized(store, caller);
    const hooks = store
      .groupsInRegion(caller.accountId, regionId)
      .filter((group) => scalingGroupId === undefined || group.scalingGroupId === scalingGroupId)
      .flatMap((group) => store.lifecycleHooks(group.scalingGroupId))
      .filter((hook) => name === undefined || hook.lifecycleHookName === name)
      .filter((hook) => ids.length === 0 || ids.includes(hook.lifecycleHookId));
    return pagedBody(hooks, page, "LifecycleHooks", "LifecycleHook", renderLifecycleHook);
  };

/**
 * ESS DescribeLifecycleActions: the lifecycle actions of one scaling activity (`ScalingActivityId`,
 * required) of the caller, optionally by `LifecycleActionStatus`. Each carries the
 * `LifecycleActionToken` CompleteLifecycleAction needs (the real service also sends it to the
 * hook's notification target, which the emulator does not model). At most one action per hook, so
 * a group's six hooks fit one page: `NextToken` is always empty.
 */
export const describeLifecycleActionsAction: ActionFactory =
  ({ store }) =>
  (request) => {
    const { params, caller } = request;
    const regionId = requiredString(params, "RegionId");
    const scalingActivityId = requiredString(params, "ScalingActivityId");
    const status = optionalEnum(params, "LifecycleActionStatus", LIFECYCLE_ACTION_STATUSES);
    const maxResults = optionalInteger(params, "MaxResults", { min: 1, max: 50 }) ?? 10;
    requireEssAuthorized(store, caller);
    const activity = store.activity(scalingActivityId);
    const group = activity && store.group(caller.accountId, activity.scalingGroupId);
    // Another account's or region's activity has no actions for this caller (an empty list, as for an unknown ID).
    const actions =
      group && group.regionId === regionId
        ? store.lifecycleActionsOfActivity(scalingActivityId).filter((action) => status === undefined || action.status === status)
        : [];
    return {
      TotalCount: actions.length,
      MaxResults: maxResults,
      NextToken: "",
      LifecycleActions: { LifecycleAction: actions.slice(0, maxResults).map(renderLifecycleAction) },
    };
  };

/**
 * ESS CompleteLifecycleAction: ends one hook's wait on an activity. `LifecycleHookId` and
 * `LifecycleActionToken` are required; `LifecycleActionResult` is CONTINUE (default) or ABANDON.
 * A hook of another account is 404 `InvalidLifecycleHookId.NotExist`; a token that is not this
 * hook's is 404 `InvalidLifecycleActionToken.NotExist`; an action that already completed or timed
 * out is 400 `IncorrectLifecycleActionStatus`, unless the call repeats the completing one (same
 * ClientToken and result), which answers as it did. Once every action of the activity is done the
 * activity moves on: ABANDON (from any hook) ends it with the instances removed from the group,
 * otherwise the instances leave `Pending:Wait` and the activity runs its duration.
 */
export const completeLifecycleActionAction: ActionFactory =
  ({ store, activities }) =>
  (request) => {
    const { params, caller } = request;
    const regionId = optionalString(params, "RegionId");
    const lifecycleHookId = requiredString(params, "LifecycleHookId");
    const token = requiredString(params, "LifecycleActionToken");
    const result = optionalEnum(params, "LifecycleActionResult", LIFECYCLE_ACTION_RESULTS) ?? "CONTINUE";
    const client = clientToken(params);
    if (token.length > 64) throw invalidParameter("LifecycleActionToken", "it is longer than 64 characters.");
    const activityId = store.transaction(() => {
      requireEssAuthorized(store, caller);
      const hook = store.lifecycleHook(lifecycleHookId);
      const group = hook && store.group(caller.accountId, hook.scalingGroupId);
      if (!hook || !group || (regionId !== undefined && group.regionId !== regionId)) throw lifecycleHookNotFound(lifecycleHookId);
      const action = store.lifecycleAction(token);
      if (!action || action.lifecycleHookId !== hook.lifecycleHookId) throw lifecycleActionTokenNotFound();
      if (action.status !== "Pending") {
        // The same call again (same ClientToken and result) is a replay: it answers as the first did.
        if (client !== undefined && action.clientToken === client && action.result === result) return undefined;
        throw lifecycleActionNotPending(action.status);
      }
      store.setLifecycleActionOutcome(token, "Completed", result, client ?? null);
      const waiting = store.lifecycleActionsOfActivity(action.scalingActivityId).some((other) => other.status === "Pending");
      if (!waiting) activities.hookWaitCompleted(action.scalingActivityId);
      return action.scalingActivityId;
    });
    if (activityId !== undefined) activities.activityStarted(activityId);
    return {};
  };
