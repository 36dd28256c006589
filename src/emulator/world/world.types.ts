import type { z } from "zod";
import type { worldSchema } from "./world.schema";

/**
 * The world file's types: what `worldSchema` (world.schema.ts) outputs, so the format is written
 * once, there, with the meaning of each field. Defaults zod fills in (`resources`) are present here;
 * the emulator's own defaults (docs/world-file.md) are not, so those fields stay optional.
 */
export type WorldFile = z.output<typeof worldSchema>;

export type WorldExtensions = NonNullable<WorldFile["extensions"]>;
export type WorldAccount = WorldFile["accounts"][number];
export type WorldRamRole = NonNullable<WorldAccount["ramRoles"]>[number];

type WorldResources = WorldAccount["resources"];
export type WorldVpc = NonNullable<WorldResources["vpcs"]>[number];
export type WorldVSwitch = NonNullable<WorldResources["vSwitches"]>[number];
export type WorldSecurityGroup = NonNullable<WorldResources["securityGroups"]>[number];
export type WorldInstance = NonNullable<WorldResources["instances"]>[number];
export type WorldLoadBalancer = NonNullable<WorldResources["loadBalancers"]>[number];
export type WorldDbInstance = NonNullable<WorldResources["dbInstances"]>[number];
export type WorldScalingConfiguration = NonNullable<WorldResources["scalingConfigurations"]>[number];
export type WorldScalingGroup = NonNullable<WorldResources["scalingGroups"]>[number];
export type WorldTag = NonNullable<WorldInstance["tags"]>[number];

type WorldScalingInstance = NonNullable<WorldScalingGroup["instances"]>[number];
type WorldScalingActivity = NonNullable<WorldScalingGroup["activities"]>[number];
type WorldLifecycleHook = NonNullable<WorldScalingGroup["lifecycleHooks"]>[number];

export type EcsInstanceStatus = WorldInstance["status"];
export type NetworkType = WorldInstance["networkType"];
export type InstanceChargeType = WorldInstance["chargeType"];
export type ScalingGroupLifecycleState = WorldScalingGroup["lifecycleState"];
export type ScalingInstanceLifecycleState = NonNullable<WorldScalingInstance["lifecycleState"]>;
export type ScalingActivityStatus = WorldScalingActivity["statusCode"];
export type LifecycleTransition = WorldLifecycleHook["lifecycleTransition"];
export type LifecycleActionResult = NonNullable<WorldLifecycleHook["defaultResult"]>;
