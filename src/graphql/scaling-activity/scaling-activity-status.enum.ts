import { registerEnumType } from "type-graphql";
import { type UnknownValueReporter, providerEnumValue, UNKNOWN_ENUM_VALUE_DESCRIPTION } from "../common/provider-enum.mapper";

/** Where a scaling activity stands (ESS `StatusCode`). */
export enum ScalingActivityStatus {
  IN_PROGRESS = "IN_PROGRESS",
  SUCCESSFUL = "SUCCESSFUL",
  WARNING = "WARNING",
  FAILED = "FAILED",
  REJECTED = "REJECTED",
  UNKNOWN = "UNKNOWN",
}

registerEnumType(ScalingActivityStatus, {
  name: "ScalingActivityStatus",
  description: "Where a scaling activity stands (ESS `StatusCode`).",
  valuesConfig: {
    IN_PROGRESS: { description: "Running; `progress` tells how far along it is." },
    SUCCESSFUL: { description: "Finished, and every instance was handled." },
    WARNING: {
      description: "Finished, but some instances were skipped or failed (see `statusMessage`), e.g. with `ignoreInvalidInstance`.",
    },
    FAILED: { description: "Finished without handling any instance; `statusMessage` says why." },
    REJECTED: { description: "ESS refused to run the activity." },
    UNKNOWN: { description: UNKNOWN_ENUM_VALUE_DESCRIPTION },
  },
});

const FROM_ESS = {
  InProgress: ScalingActivityStatus.IN_PROGRESS,
  Successful: ScalingActivityStatus.SUCCESSFUL,
  Warning: ScalingActivityStatus.WARNING,
  Failed: ScalingActivityStatus.FAILED,
  Rejected: ScalingActivityStatus.REJECTED,
} as const satisfies Record<string, ScalingActivityStatus>;

/** Maps ESS's `StatusCode`; an unknown value is `UNKNOWN`. */
export function scalingActivityStatusFrom(value: string, report: UnknownValueReporter): ScalingActivityStatus {
  return providerEnumValue(FROM_ESS, value, "scaling activity StatusCode", ScalingActivityStatus.UNKNOWN, report);
}
