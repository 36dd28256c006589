import type { DetachInstancesMutationVariables } from "../../operations/__generated__/graphql";
import type { DemoAttachCall } from "../../src/emulator/world/demo-cases";

const flag = (call: DemoAttachCall, name: string): boolean | undefined =>
  call.params?.[name] === undefined ? undefined : call.params[name] === "true";

/** The `detachInstances` input for a demo DetachInstances call (its RPC extras turned into input fields). */
export function detachInputOf(call: DemoAttachCall): DetachInstancesMutationVariables["input"] {
  return {
    regionId: call.regionId,
    scalingGroupId: call.scalingGroupId,
    instanceIds: call.instanceIds,
    decreaseDesiredCapacity: flag(call, "DecreaseDesiredCapacity"),
    detachFromLoadBalancersAndDatabases: call.params?.DetachOption === "both" ? true : undefined,
    lifecycleHook: flag(call, "LifecycleHook"),
    ignoreInvalidInstance: flag(call, "IgnoreInvalidInstance"),
    clientToken: call.params?.ClientToken,
  };
}

/** Whether the GraphQL input can say what the demo call sends (`DetachOption` other than `both` it cannot). */
export function expressible(call: DemoAttachCall): boolean {
  const option = call.params?.DetachOption;
  return option === undefined || option === "both";
}
