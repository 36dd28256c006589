import type { GatewayContext } from "../gateway.context";
import { groupAccess, type GroupAccess } from "./group-visibility";

/**
 * `lifecycle` on the group a lifecycle hook belongs to. The hook names its group only upstream, so
 * it is read first (one DescribeLifecycleHooks), except in a region the caller may not read at all
 * (hidden without a call). A hook that does not exist is `hidden` too: the answer is the same.
 * Returns the hook's group when allowed or denied, for the answer and the audit trail.
 */
export async function lifecycleHookAccess(
  context: GatewayContext,
  target: { regionId: string; lifecycleHookId: string },
): Promise<{ access: GroupAccess; scalingGroupId: string | null }> {
  if (context.access.unrestricted) return { access: "allowed", scalingGroupId: null };
  if (!context.access.mayInRegion("read", target.regionId)) return { access: "hidden", scalingGroupId: null };
  const page = await context.upstream.describeLifecycleHooks({
    regionId: target.regionId,
    lifecycleHookIds: [target.lifecycleHookId],
    pageSize: 10,
  });
  const hook = page.items.find((candidate) => candidate.lifecycleHookId === target.lifecycleHookId);
  if (hook === undefined) return { access: "hidden", scalingGroupId: null };
  return {
    access: await groupAccess(context, "lifecycle", { regionId: target.regionId, scalingGroupId: hook.scalingGroupId }),
    scalingGroupId: hook.scalingGroupId,
  };
}
