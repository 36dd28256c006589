import { registerEnumType } from "type-graphql";
import {
  type UnknownValueReporter,
  providerEnumValue,
  providerEnumValueOrNull,
  UNKNOWN_ENUM_VALUE_DESCRIPTION,
} from "../common/provider-enum.mapper";

/** What ends a lifecycle hook's wait (ESS `LifecycleActionResult` / `DefaultResult`). */
export enum LifecycleActionResult {
  CONTINUE = "CONTINUE",
  ABANDON = "ABANDON",
}

registerEnumType(LifecycleActionResult, {
  name: "LifecycleActionResult",
  description: "How a lifecycle hook's wait ends (ESS `LifecycleActionResult`).",
  valuesConfig: {
    CONTINUE: { description: "Go on: a scale-out puts the instances in service (`CONTINUE`)." },
    ABANDON: { description: "Give up: a scale-out removes the waiting instances from the group again (`ABANDON`)." },
  },
});

/** Which scaling step a hook holds (ESS `LifecycleTransition`). */
export enum LifecycleTransition {
  SCALE_OUT = "SCALE_OUT",
  SCALE_IN = "SCALE_IN",
  UNKNOWN = "UNKNOWN",
}

registerEnumType(LifecycleTransition, {
  name: "LifecycleTransition",
  description: "Which scaling step a lifecycle hook holds (ESS `LifecycleTransition`).",
  valuesConfig: {
    SCALE_OUT: { description: "Instances joining the group wait in `PENDING_WAIT`." },
    SCALE_IN: { description: "Instances leaving the group wait in `REMOVING_WAIT`." },
    UNKNOWN: { description: UNKNOWN_ENUM_VALUE_DESCRIPTION },
  },
});

const RESULTS = { CONTINUE: LifecycleActionResult.CONTINUE, ABANDON: LifecycleActionResult.ABANDON } as const;
const TRANSITIONS = { SCALE_OUT: LifecycleTransition.SCALE_OUT, SCALE_IN: LifecycleTransition.SCALE_IN } as const;

/**
 * ESS `DefaultResult`; null when omitted, and also when unknown: the enum is an input too (the
 * result `completeLifecycleAction` sends), so it has no `UNKNOWN` value; `defaultResultRaw` has it.
 */
export function lifecycleActionResultOrNull(value: string | null, report: UnknownValueReporter): LifecycleActionResult | null {
  return providerEnumValueOrNull<keyof typeof RESULTS, LifecycleActionResult | null>(
    RESULTS,
    value,
    "lifecycle hook DefaultResult",
    null,
    report,
  );
}

export function lifecycleTransitionFrom(value: string, report: UnknownValueReporter): LifecycleTransition {
  return providerEnumValue(TRANSITIONS, value, "lifecycle hook LifecycleTransition", LifecycleTransition.UNKNOWN, report);
}
