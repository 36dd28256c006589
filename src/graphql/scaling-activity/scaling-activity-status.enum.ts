import { registerEnumType } from "type-graphql";
import { UnexpectedUpstreamDataError } from "../common/unexpected-upstream-data.error";

/** Where a scaling activity stands (ESS `StatusCode`). */
export enum ScalingActivityStatus {
  IN_PROGRESS = "IN_PROGRESS",
  SUCCESSFUL = "SUCCESSFUL",
  WARNING = "WARNING",
  FAILED = "FAILED",
  REJECTED = "REJECTED",
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
  },
});

type UpstreamActivityStatus = "InProgress" | "Successful" | "Warning" | "Failed" | "Rejected";

const UPSTREAM_ACTIVITY_STATUSES: readonly string[] = ["InProgress", "Successful", "Warning", "Failed", "Rejected"];

/** Maps ESS's `StatusCode`; an unknown value is a gateway bug and is thrown (and masked). */
export function scalingActivityStatusFrom(value: string): ScalingActivityStatus {
  if (!UPSTREAM_ACTIVITY_STATUSES.includes(value)) throw new UnexpectedUpstreamDataError("scaling activity StatusCode", value);
  const status = value as UpstreamActivityStatus;
  switch (status) {
    case "InProgress":
      return ScalingActivityStatus.IN_PROGRESS;
    case "Successful":
      return ScalingActivityStatus.SUCCESSFUL;
    case "Warning":
      return ScalingActivityStatus.WARNING;
    case "Failed":
      return ScalingActivityStatus.FAILED;
    case "Rejected":
      return ScalingActivityStatus.REJECTED;
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}
