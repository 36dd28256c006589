import { ScalingActivityStatus } from "./scaling-activity-status.enum";

/** The ESS `StatusCode` filter value for a status (the reverse of `scalingActivityStatusFrom`). */
export function essStatusCodeOf(status: ScalingActivityStatus): string {
  switch (status) {
    case ScalingActivityStatus.IN_PROGRESS:
      return "InProgress";
    case ScalingActivityStatus.SUCCESSFUL:
      return "Successful";
    case ScalingActivityStatus.WARNING:
      return "Warning";
    case ScalingActivityStatus.FAILED:
      return "Failed";
    case ScalingActivityStatus.REJECTED:
      return "Rejected";
    case ScalingActivityStatus.UNKNOWN:
      // ESS filters only by codes; `ScalingActivitiesArgs` refuses UNKNOWN before execution.
      throw new Error("UNKNOWN is not an ESS StatusCode filter");
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}
