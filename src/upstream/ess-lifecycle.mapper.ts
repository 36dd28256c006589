import type { UpstreamLifecycleAction, UpstreamLifecycleHook } from "./upstream.types";
import { optionalNumber, optionalString, requiredString, unwrapObjects, unwrapStrings, type WireObject } from "./wire-values.reader";

/** Maps ESS 2014-08-28 DescribeLifecycleHooks / DescribeLifecycleActions items. */

export function mapLifecycleHook(item: WireObject, where: string): UpstreamLifecycleHook {
  return {
    lifecycleHookId: requiredString(item, "LifecycleHookId", where),
    lifecycleHookName: optionalString(item, "LifecycleHookName") ?? "",
    scalingGroupId: requiredString(item, "ScalingGroupId", where),
    lifecycleTransition: requiredString(item, "LifecycleTransition", where),
    heartbeatTimeout: optionalNumber(item, "HeartbeatTimeout"),
    defaultResult: optionalString(item, "DefaultResult"),
    lifecycleHookStatus: optionalString(item, "LifecycleHookStatus"),
  };
}

export function mapLifecycleActions(body: WireObject): UpstreamLifecycleAction[] {
  return unwrapObjects(body, "LifecycleActions", "LifecycleAction").map((item, index) => {
    const where = `LifecycleActions.LifecycleAction[${index}]`;
    return {
      lifecycleActionToken: requiredString(item, "LifecycleActionToken", where),
      lifecycleHookId: requiredString(item, "LifecycleHookId", where),
      status: requiredString(item, "LifecycleActionStatus", where),
      result: optionalString(item, "LifecycleActionResult"),
      instanceIds: unwrapStrings(item, "InstanceIds", "InstanceId"),
    };
  });
}

export function mapRequestReceipt(body: WireObject): { requestId: string } {
  return { requestId: requiredString(body, "RequestId", "response") };
}
