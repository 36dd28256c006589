import { createConnectionType } from "../common/relay/connection.type";
import { ScalingActivity } from "./scaling-activity.type";

export const { Connection: ScalingActivityConnection } = createConnectionType(
  "ScalingActivity",
  ScalingActivity,
  "a scaling group's activities (newest first)",
);
