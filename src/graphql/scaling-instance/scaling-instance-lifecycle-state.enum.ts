import { registerEnumType } from "type-graphql";
import { type UnknownValueReporter, providerEnumValue, UNKNOWN_ENUM_VALUE_DESCRIPTION } from "../common/provider-enum.mapper";

/** Where an instance stands inside its scaling group (ESS `LifecycleState`). */
export enum ScalingInstanceLifecycleState {
  IN_SERVICE = "IN_SERVICE",
  PENDING = "PENDING",
  PENDING_WAIT = "PENDING_WAIT",
  PROTECTED = "PROTECTED",
  STANDBY = "STANDBY",
  STOPPED = "STOPPED",
  REMOVING = "REMOVING",
  REMOVING_WAIT = "REMOVING_WAIT",
  UNKNOWN = "UNKNOWN",
}

registerEnumType(ScalingInstanceLifecycleState, {
  name: "ScalingInstanceLifecycleState",
  description: "Where an instance stands inside its scaling group (ESS `LifecycleState`).",
  valuesConfig: {
    IN_SERVICE: { description: "Serving (`InService`)." },
    PENDING: { description: "Being added: load balancer backends and DB whitelists are being set up (`Pending`)." },
    PENDING_WAIT: { description: "Held by a scale-out lifecycle hook (`Pending:Wait`)." },
    PROTECTED: { description: "Protected from scale-in (`Protected`)." },
    STANDBY: { description: "On standby: load balancer weight 0 (`Standby`)." },
    STOPPED: { description: "Stopped in economical mode (`Stopped`)." },
    REMOVING: { description: "Being removed (`Removing`)." },
    REMOVING_WAIT: { description: "Held by a scale-in lifecycle hook (`Removing:Wait`)." },
    UNKNOWN: { description: UNKNOWN_ENUM_VALUE_DESCRIPTION },
  },
});

const FROM_ESS = {
  InService: ScalingInstanceLifecycleState.IN_SERVICE,
  Pending: ScalingInstanceLifecycleState.PENDING,
  "Pending:Wait": ScalingInstanceLifecycleState.PENDING_WAIT,
  Protected: ScalingInstanceLifecycleState.PROTECTED,
  Standby: ScalingInstanceLifecycleState.STANDBY,
  Stopped: ScalingInstanceLifecycleState.STOPPED,
  Removing: ScalingInstanceLifecycleState.REMOVING,
  "Removing:Wait": ScalingInstanceLifecycleState.REMOVING_WAIT,
} as const satisfies Record<string, ScalingInstanceLifecycleState>;

/** Maps ESS `LifecycleState`; an unknown value is `UNKNOWN`. */
export function scalingInstanceLifecycleStateFrom(value: string, report: UnknownValueReporter): ScalingInstanceLifecycleState {
  return providerEnumValue(FROM_ESS, value, "scaling instance LifecycleState", ScalingInstanceLifecycleState.UNKNOWN, report);
}
