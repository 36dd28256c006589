import { createConnectionType } from "../common/relay/connection.type";
import { ScalingInstance } from "./scaling-instance.type";

export const { Connection: ScalingInstanceConnection } = createConnectionType(
  "ScalingInstance",
  ScalingInstance,
  "a scaling group's instances",
);
