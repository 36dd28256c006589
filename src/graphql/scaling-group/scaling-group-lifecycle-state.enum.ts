import { registerEnumType } from "type-graphql";
import { UnexpectedUpstreamDataError } from "../common/unexpected-upstream-data.error";

/** The lifecycle state of a scaling group, as ESS reports it. */
export enum ScalingGroupLifecycleState {
  ACTIVE = "ACTIVE",
  INACTIVE = "INACTIVE",
  DELETING = "DELETING",
}

registerEnumType(ScalingGroupLifecycleState, {
  name: "ScalingGroupLifecycleState",
  description: "The lifecycle state of a scaling group (ESS `LifecycleState`).",
  valuesConfig: {
    ACTIVE: { description: "Enabled: the group accepts scaling activities such as AttachInstances." },
    INACTIVE: { description: "Disabled: ESS refuses scaling activities until the group is enabled." },
    DELETING: { description: "Being deleted." },
  },
});

type UpstreamLifecycleState = "Active" | "Inactive" | "Deleting";

function isUpstreamLifecycleState(value: string): value is UpstreamLifecycleState {
  return value === "Active" || value === "Inactive" || value === "Deleting";
}

/** Maps ESS's `LifecycleState` to the enum, or null when ESS sent a value this gateway does not know. */
export function scalingGroupLifecycleStateOrNull(value: string): ScalingGroupLifecycleState | null {
  if (!isUpstreamLifecycleState(value)) return null;
  switch (value) {
    case "Active":
      return ScalingGroupLifecycleState.ACTIVE;
    case "Inactive":
      return ScalingGroupLifecycleState.INACTIVE;
    case "Deleting":
      return ScalingGroupLifecycleState.DELETING;
    default: {
      const unreachable: never = value;
      return unreachable;
    }
  }
}

/** Maps ESS's `LifecycleState` to the enum; an unknown value is a gateway bug and is thrown. */
export function scalingGroupLifecycleStateFrom(value: string): ScalingGroupLifecycleState {
  const state = scalingGroupLifecycleStateOrNull(value);
  if (state === null) throw new UnexpectedUpstreamDataError("scaling group LifecycleState", value);
  return state;
}
