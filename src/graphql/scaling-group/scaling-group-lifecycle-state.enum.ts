import { registerEnumType } from "type-graphql";
import { type UnknownValueReporter, providerEnumValue, UNKNOWN_ENUM_VALUE_DESCRIPTION } from "../common/provider-enum.mapper";

/** The lifecycle state of a scaling group, as ESS reports it. */
export enum ScalingGroupLifecycleState {
  ACTIVE = "ACTIVE",
  INACTIVE = "INACTIVE",
  DELETING = "DELETING",
  UNKNOWN = "UNKNOWN",
}

registerEnumType(ScalingGroupLifecycleState, {
  name: "ScalingGroupLifecycleState",
  description: "The lifecycle state of a scaling group (ESS `LifecycleState`).",
  valuesConfig: {
    ACTIVE: { description: "Enabled: the group accepts scaling activities such as AttachInstances." },
    INACTIVE: { description: "Disabled: ESS refuses scaling activities until the group is enabled." },
    DELETING: { description: "Being deleted." },
    UNKNOWN: { description: UNKNOWN_ENUM_VALUE_DESCRIPTION },
  },
});

const FROM_ESS = {
  Active: ScalingGroupLifecycleState.ACTIVE,
  Inactive: ScalingGroupLifecycleState.INACTIVE,
  Deleting: ScalingGroupLifecycleState.DELETING,
} as const satisfies Record<string, ScalingGroupLifecycleState>;

/** Maps ESS's `LifecycleState` to the enum, or null when ESS sent a value this gateway does not know. */
export function scalingGroupLifecycleStateOrNull(value: string): ScalingGroupLifecycleState | null {
  return Object.hasOwn(FROM_ESS, value) ? FROM_ESS[value as keyof typeof FROM_ESS] : null;
}

/** Maps ESS's `LifecycleState` to the enum; an unknown value is `UNKNOWN`. */
export function scalingGroupLifecycleStateFrom(value: string, report: UnknownValueReporter): ScalingGroupLifecycleState {
  return providerEnumValue(FROM_ESS, value, "scaling group LifecycleState", ScalingGroupLifecycleState.UNKNOWN, report);
}
