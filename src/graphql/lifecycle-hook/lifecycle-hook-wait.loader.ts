import DataLoader from "dataloader";
import type { GatewayContext } from "../gateway.context";
import type { UpstreamLifecycleAction, UpstreamLifecycleHook } from "../../upstream/upstream.types";
import { RequestScopedSlot } from "../request-scoped";
import { LifecycleHookWait } from "./lifecycle-hook-wait.type";

/**
 * Per-request loaders for the lifecycle reads behind `ScalingInstance.lifecycleHook`: the actions
 * of an activity (one DescribeLifecycleActions per activity) and the hooks of a group (one
 * DescribeLifecycleHooks per group), shared by every waiting instance of the request. Request-scoped
 * (`RequestScoped`), so they live and die with the request.
 */
interface LifecycleLoaders {
  actions: DataLoader<string, UpstreamLifecycleAction[], string>;
  hooks: DataLoader<string, UpstreamLifecycleHook[], string>;
}

const LIFECYCLE_LOADERS = new RequestScopedSlot<LifecycleLoaders>("lifecycle hook and action loaders");
/** A group has at most 6 hooks (ESS limit), so one page of 50 holds them all. */
const HOOK_PAGE_SIZE = 50;

/** Region and ID in one DataLoader key (NUL never occurs in either). */
const keyOf = (regionId: string, id: string) => `${regionId}\u0000${id}`;
const split = (composite: string) => composite.split("\u0000") as [string, string];

function loadersOf(context: GatewayContext): LifecycleLoaders {
  return context.loaders.scoped.obtain(LIFECYCLE_LOADERS, () => ({
    actions: new DataLoader((keys) =>
      Promise.all(
        keys.map((composite) => {
          const [regionId, scalingActivityId] = split(composite);
          return context.upstream.describeLifecycleActions({ regionId, scalingActivityId });
        }),
      ),
    ),
    hooks: new DataLoader((keys) =>
      Promise.all(
        keys.map(async (composite) => {
          const [regionId, scalingGroupId] = split(composite);
          return (await context.upstream.describeLifecycleHooks({ regionId, scalingGroupId, pageSize: HOOK_PAGE_SIZE })).items;
        }),
      ),
    ),
  }));
}

/**
 * The hook `instanceId` waits on in activity `scalingActivityId`: the Pending lifecycle action
 * that lists it, with its hook. Null when nothing waits (the wait just ended, or ESS lists none).
 */
export async function lifecycleHookWaitOf(
  context: GatewayContext,
  target: { regionId: string; scalingGroupId: string; scalingActivityId: string; instanceId: string },
): Promise<LifecycleHookWait | null> {
  const loaders = loadersOf(context);
  const actions = await loaders.actions.load(keyOf(target.regionId, target.scalingActivityId));
  const action = actions.find((candidate) => candidate.status === "Pending" && candidate.instanceIds.includes(target.instanceId));
  if (!action) return null;
  const hooks = await loaders.hooks.load(keyOf(target.regionId, target.scalingGroupId));
  const hook = hooks.find((candidate) => candidate.lifecycleHookId === action.lifecycleHookId);
  return hook ? LifecycleHookWait.from(hook, action, target.scalingActivityId, context.reportUnknownValue) : null;
}
